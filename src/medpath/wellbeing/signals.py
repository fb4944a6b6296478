"""Signals: observations, never diagnoses, when a pattern in a person's own check-ins persists. Pure: no Django,
no I/O; plain dataclasses in, the signals with their reasons out.

The thresholds below are **MedPath's choices** (labelled settings), not facts from the catalog: they decide when
a pattern is worth pointing out, and docs/wellbeing.md lists them. The one published number a signal uses, the
burnout answer from which studies count burnout, comes from the catalog's measure (``concern_from``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from medpath.wording import day

# MedPath's settings (not catalog facts).
FALLING_WEEKS = 3  # mood lower than the week before, this many complete weeks running
LONG_HOURS = 70.0  # ... while the logged work hours of each of those weeks stay above this
RECENT_DAYS = 14  # the window of the burnout and sleep signals (today and the 13 days before)
MIN_CHECKINS = 4  # fewer check-ins than this in the window: too few to call anything a pattern
BURNOUT_SHARE = 0.5  # burnout at or above the measure's cut-off on more than this share of the window's check-ins
SHORT_SLEEP = 6.0  # average sleep below this many hours over the window


@dataclass(frozen=True)
class Week:
    """One week (Monday first) of a person's check-ins and, when they log shifts, work hours."""

    week_of: date
    mood: float | None  # the week's mean, None without a check-in
    hours: float | None  # logged work hours, None when the person logs no shifts


@dataclass(frozen=True)
class Day:
    """One day's check-in, as far as the signals need it."""

    on: date
    burnout: int
    sleep_hours: float | None


@dataclass(frozen=True)
class Signal:
    """An observation with the figures behind it (shown only to the person)."""

    key: str
    message: str
    reasons: tuple[str, ...]


def _words(number: int) -> str:
    return {2: "two", 3: "three", 4: "four", 5: "five"}.get(number, str(number))


def _falling_mood(weeks: list[Week], today: date) -> Signal | None:
    """Mood fell FALLING_WEEKS complete weeks running while each of those weeks had more than LONG_HOURS."""
    this_monday = today - timedelta(days=today.weekday())
    complete = {week.week_of: week for week in weeks if week.week_of < this_monday}
    run = [complete.get(this_monday - timedelta(days=7 * back)) for back in range(FALLING_WEEKS + 1, 0, -1)]
    if any(week is None or week.mood is None for week in run):
        return None
    means = [week.mood for week in run if week is not None and week.mood is not None]
    hours = [week.hours for week in run[1:] if week is not None]
    if not all(later < earlier for earlier, later in pairwise(means)):
        return None
    if not all(value is not None and value > LONG_HOURS for value in hours):
        return None
    reasons = tuple(
        f"Week of {day(week.week_of)}: mood {week.mood:.1f}, {week.hours:g} hours"
        for week in run
        if week is not None and week.mood is not None and week.hours is not None
    )
    return Signal(
        "mood-falling-long-hours",
        f"Your mood has fallen {_words(FALLING_WEEKS)} weeks running while your hours stayed above {LONG_HOURS:g}.",
        reasons,
    )


def _recent(days: list[Day], today: date) -> list[Day]:
    first = today - timedelta(days=RECENT_DAYS - 1)
    return [entry for entry in days if first <= entry.on <= today]


def _burnout(days: list[Day], today: date, concern_from: int) -> Signal | None:
    """The burnout answer was at or above the cut-off on most check-ins of the last RECENT_DAYS days."""
    recent = _recent(days, today)
    if len(recent) < MIN_CHECKINS:
        return None
    high = sum(1 for entry in recent if entry.burnout >= concern_from)
    if high <= BURNOUT_SHARE * len(recent):
        return None
    return Signal(
        "burnout-most-days",
        f"You answered {concern_from} or more to the burnout question on {high} of your last {len(recent)} check-ins.",
        (f"{high} of {len(recent)} check-ins in the last {RECENT_DAYS} days at {concern_from} or more",),
    )


def _short_sleep(days: list[Day], today: date) -> Signal | None:
    """Sleep averaged under SHORT_SLEEP hours over the last RECENT_DAYS days."""
    slept = [entry.sleep_hours for entry in _recent(days, today) if entry.sleep_hours is not None]
    if len(slept) < MIN_CHECKINS:
        return None
    average = sum(slept) / len(slept)
    if average >= SHORT_SLEEP:
        return None
    return Signal(
        "short-sleep",
        f"You have slept {average:.1f} hours a night on average over the last two weeks, under {SHORT_SLEEP:g}.",
        (f"{len(slept)} nights recorded in the last {RECENT_DAYS} days, average {average:.2f} hours",),
    )


def find_signals(weeks: list[Week], days: list[Day], today: date, *, concern_from: int) -> list[Signal]:
    """Every signal the check-ins show today, in a fixed order."""
    found = [_falling_mood(weeks, today), _burnout(days, today, concern_from), _short_sleep(days, today)]
    return [signal for signal in found if signal is not None]
