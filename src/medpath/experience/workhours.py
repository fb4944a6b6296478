"""ACGME clinical and educational work hours: which rules a schedule keeps, and where it does not. Pure.

The limits are catalog data (``catalog/data/workhours/acgme.yaml``, with their
sources); the choices that are not facts — the gap that still counts as
"continuous", how leave enters an average, rolling or rotation windows, when to
warn near a limit — are labelled ``Settings``. Times are aware datetimes:
elapsed hours are real time, also across daylight-saving changes; a shift's
calendar day is its local date. Findings carry the rule, the resident, the window,
the value and the limit; a run of overlapping violating windows is reported once
with its worst value.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cached_property
from typing import Literal

Kind = Literal["clinical", "education", "in-house-call", "home-call", "home-call-work", "transition", "moonlighting", "leave"]
KINDS: tuple[str, ...] = (
    "clinical",
    "education",
    "in-house-call",
    "home-call",
    "home-call-work",
    "transition",
    "moonlighting",
    "leave",
)
COUNTED = frozenset({"clinical", "education", "in-house-call", "home-call-work", "transition", "moonlighting"})
EXTRA_TIME = frozenset({"transition", "education"})  # the "up to four hours" after 24 continuous hours
HOUR = 3600.0
LONGEST_SHIFT = timedelta(days=14)  # longer (but leave) is a typo, not a shift; wall-clock test first, real hours decide


class WorkHoursError(ValueError):
    """A schedule that cannot be checked; the message names the shift (line) and field."""


@dataclass(frozen=True)
class Shift:
    """One period of one resident's schedule."""

    resident: str
    start: datetime
    end: datetime
    kind: Kind
    pgy: int | None = None
    rotation: str = ""
    line: int = 0

    @cached_property
    def hours(self) -> float:
        """Real elapsed hours (daylight-saving changes included)."""
        if type(self.start.tzinfo) is timezone and type(self.end.tzinfo) is timezone:
            return (self.end - self.start).total_seconds() / HOUR  # fixed offsets subtract as real time
        return (self.end.astimezone(UTC) - self.start.astimezone(UTC)).total_seconds() / HOUR


LeaveHandling = Literal["omit", "zero"]
Severity = Literal["violation", "advisory", "warning"]
Window = Literal["rolling", "rotation"]


@dataclass(frozen=True)
class Limits:
    """The rules' numbers, from the catalog."""

    weekly_hours: float = 80.0
    window_days: int = 28
    days_per_free_day: int = 7
    continuous_hours: float = 24.0
    extra_hours: float = 4.0
    call_every_nth_night: int = 3
    rest_after_call_hours: float = 14.0
    call_hours_for_rest: float = 24.0
    rest_between_hours: float = 8.0


@dataclass(frozen=True)
class Settings:
    """Choices that are not facts, each shown with the report."""

    continuity_gap_hours: float = 1.0
    leave: LeaveHandling = "omit"
    window: Window = "rolling"
    near_limit_share: float = 0.95


@dataclass(frozen=True)
class Finding:
    """A violation, an advisory or a near-limit warning."""

    rule: str
    resident: str
    start: datetime | date
    end: datetime | date
    value: float
    limit: float
    severity: Severity
    detail: str = ""
    hint: str = ""  # what may be wrong with how it was recorded, when that alone could explain it

    def as_dict(self) -> dict[str, object]:
        """The documented JSON item: rule, resident, start, end, value, limit (and detail and hint)."""
        return {
            "rule": self.rule,
            "resident": self.resident,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "value": self.value,
            "limit": self.limit,
            "detail": self.detail,
            "hint": self.hint,
        }


@dataclass
class Report:
    """Everything found, the weekly totals behind the averages, and how it was computed."""

    violations: list[Finding] = field(default_factory=list)
    advisories: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    weekly_hours: dict[str, list[tuple[date, float]]] = field(default_factory=dict)
    window_mode: str = "rolling"
    notes: list[str] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        """File a finding under its severity."""
        {"violation": self.violations, "advisory": self.advisories, "warning": self.warnings}[finding.severity].append(finding)

    def as_dict(self) -> dict[str, object]:
        """The report as JSON-ready data (the stateless check's output; the API will answer the same)."""
        return {
            "violations": [f.as_dict() for f in self.violations],
            "advisories": [f.as_dict() for f in self.advisories],
            "warnings": [f.as_dict() for f in self.warnings],
            "weekly_hours": {
                resident: [{"week_of": week.isoformat(), "hours": hours} for week, hours in weeks]
                for resident, weeks in self.weekly_hours.items()
            },
            "window_mode": self.window_mode,
            "notes": self.notes,
        }


# ---- checking input ----------------------------------------------------------------------------------------


def validate(shifts: Sequence[Shift]) -> None:
    """Refuse impossible schedules: ends before starts, naive times, unknown kinds, overlapping work."""
    _validate_each(shifts)
    by_resident: dict[str, list[Shift]] = defaultdict(list)
    for shift in shifts:
        by_resident[shift.resident].append(shift)
    for resident, own in by_resident.items():
        _no_overlaps(resident, sorted(own, key=lambda s: s.start))


def _validate_each(shifts: Sequence[Shift]) -> None:
    for shift in shifts:
        where = f"line {shift.line}: " if shift.line else ""
        if shift.start.tzinfo is None or shift.end.tzinfo is None:
            raise WorkHoursError(f"{where}start and end need their UTC offset (e.g. 2026-07-01T07:00-04:00)")
        if shift.end <= shift.start:
            raise WorkHoursError(f"{where}the shift ends before it starts")
        if shift.kind not in KINDS:
            raise WorkHoursError(f"{where}kind {shift.kind!r} is not one of {', '.join(KINDS)}")
        if shift.kind != "leave" and shift.end - shift.start > LONGEST_SHIFT and shift.hours > 24 * 14:
            raise WorkHoursError(f"{where}a {shift.kind} period of {shift.hours:.0f} hours is not a shift")


def _no_overlaps(resident: str, own: list[Shift]) -> None:
    """Two work periods at the same time cannot both be true (home call may hold work from home)."""
    latest: Shift | None = None
    for shift in own:
        if shift.kind == "home-call":
            continue  # work from home happens during home call, by definition
        if latest is not None and shift.start < latest.end:
            where = f"line {shift.line}: " if shift.line else ""
            raise WorkHoursError(f"{where}{resident}'s {shift.kind} overlaps the {latest.kind} from line {latest.line}")
        if latest is None or shift.end > latest.end:
            latest = shift


# ---- helpers ------------------------------------------------------------------------------------------------


def _fixed(moment: datetime) -> datetime:
    """The same instant with a fixed UTC offset (its own offset at that instant)."""
    offset = moment.utcoffset()
    assert offset is not None
    return moment.astimezone(timezone(offset))


def _merge(
    intervals: Iterable[tuple[datetime, datetime]], gap_hours: float, *, by_start: bool = False
) -> list[tuple[datetime, datetime]]:
    """Intervals joined where they touch or are separated by less than ``gap_hours``; ``by_start`` says the
    intervals already come in order of start (a resident's shifts do), which saves sorting them again."""
    merged: list[tuple[datetime, datetime]] = []
    gap = timedelta(hours=gap_hours)
    for start, end in intervals if by_start else sorted(intervals):
        if merged and start - merged[-1][1] < gap:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _day_hours(shifts: Iterable[Shift], first: date) -> dict[int, float]:
    """Counted hours per local calendar day (index from ``first``), split at local midnight."""
    hours: dict[int, float] = defaultdict(float)
    for shift in shifts:
        day = shift.start.date()
        if day == shift.end.date():  # most shifts stay within one day
            hours[(day - first).days] += (shift.end - shift.start).total_seconds() / HOUR
            continue
        cursor = shift.start
        while cursor < shift.end:
            local_midnight = datetime.combine(cursor.date() + timedelta(days=1), datetime.min.time(), tzinfo=cursor.tzinfo)
            piece_end = min(shift.end, local_midnight)
            hours[(cursor.date() - first).days] += (piece_end - cursor).total_seconds() / HOUR
            cursor = piece_end
    return hours


def _windows(days: int, settings: Settings, limits: Limits, rotations: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Averaging windows as (first day, day after last): rolling 28-day ones, or four-week periods of each rotation."""
    size = limits.window_days
    if settings.window == "rotation" and rotations:
        found = []
        for start, stop in rotations:
            cursor = start
            while cursor < stop:
                found.append((cursor, min(cursor + size, stop)))
                cursor += size
        return found
    if days <= size:
        return [(0, days)]
    return [(start, start + size) for start in range(0, days - size + 1)]


def _runs(flags: list[tuple[tuple[int, int], float]]) -> list[tuple[int, int, float]]:
    """Overlapping or adjacent flagged windows merged into runs: (first day, day after last, worst value)."""
    runs: list[tuple[int, int, float]] = []
    for (start, stop), value in sorted(flags):
        if runs and start <= runs[-1][1]:
            first, last, worst = runs[-1]
            runs[-1] = (first, max(last, stop), value if abs(value) > abs(worst) else worst)
        else:
            runs.append((start, stop, value))
    return runs


def _handover_hint(core: float, total: float, limits: Limits) -> str:
    """When a continuous period breaks the rule only because its last hours are recorded as clinical work
    (a 28-hour call row), say that handover or education hours belong in a separate transition shift."""
    excess = core - limits.continuous_hours
    if excess <= 1e-9 or total > limits.continuous_hours + limits.extra_hours + 1e-9:
        return ""  # within the clinical limit, or too long in all: recording it differently cannot help
    return (
        f"If the last {round(excess, 2):g} h were handing over patients (transitions of care) or education, record them as a "
        f"separate transition shift (or education): up to {limits.extra_hours:g} h of those are allowed after "
        f"{limits.continuous_hours:g} h of continuous clinical work, and this period would then keep the rule."
    )


# ---- the rules ----------------------------------------------------------------------------------------------


def check(shifts: Sequence[Shift], limits: Limits | None = None, settings: Settings | None = None) -> Report:
    """Check every resident's schedule against the seven rules."""
    limits = limits or Limits()
    settings = settings or Settings()
    _validate_each(shifts)
    # Fixed UTC offsets from here on: Python subtracts two times of one ZoneInfo as wall-clock times,
    # which would make a night across a daylight-saving change 12 hours instead of 11.
    shifts = [
        s
        if type(s.start.tzinfo) is timezone and type(s.end.tzinfo) is timezone
        else replace(s, start=_fixed(s.start), end=_fixed(s.end))
        for s in shifts
    ]
    report = Report(window_mode="rotation" if settings.window == "rotation" else "rolling 28-day")
    by_resident: dict[str, list[Shift]] = defaultdict(list)
    for shift in shifts:
        by_resident[shift.resident].append(shift)
    rotation_missing = False
    for resident in sorted(by_resident):
        own = sorted(by_resident[resident], key=lambda s: s.start)
        _no_overlaps(resident, own)
        rotation_missing |= settings.window == "rotation" and not any(s.rotation for s in own)
        _check_resident(resident, own, limits, settings, report)
    if rotation_missing:
        report.notes.append(
            "Rotation averaging was asked for, but some residents have no rotation column: rolling windows were used for them."
        )
    report.notes.append(
        f"Averaging: {report.window_mode} windows; leave is "
        + ("left out of the average (hours and weeks)" if settings.leave == "omit" else "counted as zero hours")
        + f"; periods less than {settings.continuity_gap_hours:g} h apart count as continuous."
    )
    return report


def _check_resident(resident: str, own: list[Shift], limits: Limits, settings: Settings, report: Report) -> None:
    """Check one resident's schedule (sorted by start) against every rule, each over the same timeline."""
    timeline = _timeline(resident, own, limits, settings)
    for rule in RULES:
        rule(timeline, limits, settings, report)
    report.weekly_hours[resident] = [
        (timeline.at(week), round(timeline.prefix_hours[min(week + 7, timeline.days)] - timeline.prefix_hours[week], 2))
        for week in range(0, timeline.days, 7)
    ]


# ---- what every rule reads, computed once per resident ------------------------------------------------------


@dataclass(frozen=True)
class _Timeline:
    """One resident's schedule as the rules read it, computed once: days are numbered from ``first``; running
    totals by day (``prefix_*[d]`` is the sum of days before ``d``), so any window's sum is one subtraction; the
    averaging windows with the days that count in each; and the continuous work blocks with the rest after each."""

    resident: str
    own: list[Shift]  # every shift, in order of start
    first: date
    days: int
    windows: list[tuple[int, int, int]]  # (first day, day after last, days counted), leave left out when omitted
    prefix_hours: list[float]  # counted work hours
    prefix_free: list[int]  # free 24-hour periods, by the day each starts
    prefix_calls: list[int]  # in-house calls, by the day each starts
    blocks: list[tuple[datetime, datetime, list[Shift]]]  # continuous work periods and the shifts in each
    rests: list[tuple[datetime, datetime, float]]  # (end of a block, start of the next, hours of in-house call in it)

    def at(self, day: int) -> date:
        """The calendar date of day number ``day``."""
        return self.first + timedelta(days=day)


def _timeline(resident: str, own: list[Shift], limits: Limits, settings: Settings) -> _Timeline:
    """The shared data of one resident's rules (``own`` is sorted by start)."""
    first = min(s.start.date() for s in own)
    last = max(s.end.date() for s in own)
    # A schedule shorter than the averaging window is read as a full window: days with nothing logged are days off.
    days = max((last - first).days + 1, limits.window_days)
    omit_leave = settings.leave == "omit"
    work = [s for s in own if s.kind in COUNTED]
    daily = _day_hours(work, first)
    leave_days = _leave_days(own, first)
    free_starts = _free_starts(own, first, days, leave_days if omit_leave else set())
    call_days: dict[int, int] = defaultdict(int)
    calls = ((s.start, s.end) for s in own if s.kind == "in-house-call")
    for call_start, _ in _merge(calls, settings.continuity_gap_hours, by_start=True):
        call_days[(call_start.date() - first).days] += 1  # a continuous in-house-call period, on the day it starts

    # Running totals by day, so any window's sum is one subtraction.
    left_out = leave_days if omit_leave else set()
    prefix_hours = [0.0, *itertools.accumulate(0.0 if day in left_out else daily.get(day, 0.0) for day in range(days))]
    prefix_leave = [0, *itertools.accumulate(1 if day in left_out else 0 for day in range(days))]
    windows = [
        (start, stop, effective)
        for start, stop in _windows(days, settings, limits, _rotations(own, first) if settings.window == "rotation" else [])
        if (effective := (stop - start) - (prefix_leave[stop] - prefix_leave[start])) > 0
    ]
    blocks = _blocks(work, settings.continuity_gap_hours)
    rests = [
        (end, following, sum((s.end - s.start).total_seconds() for s in members if s.kind == "in-house-call") / HOUR)
        for (_, end, members), (following, _, _) in itertools.pairwise(blocks)
    ]
    return _Timeline(
        resident=resident,
        own=own,
        first=first,
        days=days,
        windows=windows,
        prefix_hours=prefix_hours,
        prefix_free=[0, *itertools.accumulate(free_starts.get(day, 0) for day in range(days))],
        prefix_calls=[0, *itertools.accumulate(call_days.get(day, 0) for day in range(days))],
        blocks=blocks,
        rests=rests,
    )


def _leave_days(own: list[Shift], first: date) -> set[int]:
    """The day numbers touched by leave."""
    leave_days: set[int] = set()
    for shift in own:
        if shift.kind == "leave":
            on = shift.start.date()
            while on <= (shift.end - timedelta(microseconds=1)).date():
                leave_days.add((on - first).days)
                on += timedelta(days=1)
    return leave_days


def _rotations(own: list[Shift], first: date) -> list[tuple[int, int]]:
    """Each run of shifts with the same rotation label as (first day, day after last)."""
    rotations: list[tuple[int, int]] = []
    labels: list[str] = []
    for shift in own:
        if not shift.rotation:
            continue
        index = (shift.start.date() - first).days
        if labels and labels[-1] == shift.rotation:
            rotations[-1] = (rotations[-1][0], index + 1)
        else:
            rotations.append((index, index + 1))
            labels.append(shift.rotation)
    return rotations


def _free_starts(own: list[Shift], first: date, days: int, left_out: set[int]) -> dict[int, int]:
    """Free 24-hour periods (no work, no home call) by the local day each starts, but on days ``left_out``."""
    zone = own[0].start.tzinfo
    span_start = datetime.combine(first, datetime.min.time(), tzinfo=zone)
    span_end = datetime.combine(first + timedelta(days=days), datetime.min.time(), tzinfo=zone)
    busy = [
        (span_start, span_start),
        *_merge(((s.start, s.end) for s in own if s.kind != "leave"), 0.0, by_start=True),
        (span_end, span_end),
    ]
    free_starts: dict[int, int] = defaultdict(int)
    for (_, previous_end), (next_start, _) in itertools.pairwise(busy):
        for k in range(int((next_start - previous_end).total_seconds() // (24 * HOUR))):
            day = ((previous_end + timedelta(hours=24 * k)).date() - first).days
            if day not in left_out:
                free_starts[day] += 1
    return free_starts


def _blocks(work: list[Shift], gap_hours: float) -> list[tuple[datetime, datetime, list[Shift]]]:
    """Continuous work periods (shifts less than ``gap_hours`` apart joined), each with its shifts."""
    gap = timedelta(hours=gap_hours)
    blocks = _merge(((s.start, s.end) for s in work), gap_hours, by_start=True)
    block_of: list[list[Shift]] = [[] for _ in blocks]
    index = 0
    for shift in work:  # already in order of start
        while index < len(blocks) - 1 and shift.start >= blocks[index][1] + gap:
            index += 1
        block_of[index].append(shift)
    return [(start, end, members) for (start, end), members in zip(blocks, block_of, strict=True)]


def _file_runs(
    timeline: _Timeline,
    report: Report,
    rule: str,
    flags: list[tuple[tuple[int, int], float]],
    severity: Severity,
    detail: str,
    limit_of: Callable[[int], float],
    limits: Limits,
) -> None:
    """Each run of flagged windows once, with its worst value; a count's limit is for the run's own length, up to
    a window."""
    for start, stop, value in _runs(flags):
        limit = limit_of(min(stop - start, limits.window_days))
        report.add(Finding(rule, timeline.resident, timeline.at(start), timeline.at(stop - 1), value, limit, severity, detail))


# ---- the rules, one function each, in the order the report lists them ---------------------------------------


def _weekly_80(timeline: _Timeline, limits: Limits, settings: Settings, report: Report) -> None:
    """weekly-80: at most 80 hours a week, averaged over each window (a warning from ``near_limit_share`` of it)."""
    over: list[tuple[tuple[int, int], float]] = []
    near: list[tuple[tuple[int, int], float]] = []
    weekly_limit = limits.weekly_hours + 1e-9
    near_limit = settings.near_limit_share * limits.weekly_hours
    for start, stop, effective in timeline.windows:
        average = (timeline.prefix_hours[stop] - timeline.prefix_hours[start]) * 7 / effective
        if average > weekly_limit:
            over.append(((start, stop), round(average, 2)))
        elif average >= near_limit:
            near.append(((start, stop), round(average, 2)))
    detail = "hours per week, averaged over the window"
    _file_runs(timeline, report, "weekly-80", over, "violation", detail, lambda _: limits.weekly_hours, limits)
    _file_runs(timeline, report, "weekly-80", near, "warning", "close to the limit", lambda _: limits.weekly_hours, limits)


def _one_day_off_in_7(timeline: _Timeline, limits: Limits, settings: Settings, report: Report) -> None:
    """one-day-off-in-7: one free 24-hour period (no work, no home call) in every 7 days, averaged over each window."""
    short: list[tuple[tuple[int, int], float]] = []
    for start, stop, effective in timeline.windows:
        if effective >= limits.days_per_free_day:
            free = timeline.prefix_free[stop] - timeline.prefix_free[start]
            if free < math.floor(effective / limits.days_per_free_day + 1e-9):
                short.append(((start, stop), float(free)))
    detail = "free 24-hour periods (no work, no home call) in the window"
    _file_runs(
        timeline, report, "one-day-off-in-7", short, "violation", detail, lambda n: float(n // limits.days_per_free_day), limits
    )


def _in_house_call_every_3rd(timeline: _Timeline, limits: Limits, settings: Settings, report: Report) -> None:
    """in-house-call-every-3rd: in-house call no more often than every third night, averaged over each window."""
    frequent: list[tuple[tuple[int, int], float]] = []
    for start, stop, effective in timeline.windows:
        if effective >= limits.call_every_nth_night:
            count = timeline.prefix_calls[stop] - timeline.prefix_calls[start]
            if count > math.floor(effective / limits.call_every_nth_night + 1e-9):
                frequent.append(((start, stop), float(count)))
    _file_runs(
        timeline,
        report,
        "in-house-call-every-3rd",
        frequent,
        "violation",
        "in-house calls in the window",
        lambda n: float(n // limits.call_every_nth_night),
        limits,
    )


def _continuous_24_plus_4(timeline: _Timeline, limits: Limits, settings: Settings, report: Report) -> None:
    """continuous-24-plus-4: at most 24 hours of continuous scheduled clinical work, plus up to 4 hours of
    transitions of care or education."""
    for block_start, end, members in timeline.blocks:
        core = sum((s.end - s.start).total_seconds() for s in members if s.kind not in EXTRA_TIME) / HOUR
        total = (end - block_start).total_seconds() / HOUR
        if core > limits.continuous_hours + 1e-9 or total > limits.continuous_hours + limits.extra_hours + 1e-9:
            report.add(
                Finding(
                    "continuous-24-plus-4",
                    timeline.resident,
                    block_start,
                    end,
                    round(max(core, total), 2),
                    limits.continuous_hours + (limits.extra_hours if core <= limits.continuous_hours + 1e-9 else 0),
                    "violation",
                    f"{core:.1f} h of scheduled clinical work, {total:.1f} h in all",
                    _handover_hint(core, total, limits),
                )
            )


def _short_rest_after_call(rest: float, call: float, limits: Limits) -> bool:
    """Less than 14 hours free after a period holding 24 hours of in-house call."""
    return call >= limits.call_hours_for_rest - 1e-9 and rest < limits.rest_after_call_hours - 1e-9


def _rest_14_after_24(timeline: _Timeline, limits: Limits, settings: Settings, report: Report) -> None:
    """rest-14-after-24: 14 hours free of work after 24 hours of in-house call."""
    for end, following, call in timeline.rests:
        rest = (following - end).total_seconds() / HOUR
        if _short_rest_after_call(rest, call, limits):
            report.add(
                Finding(
                    "rest-14-after-24",
                    timeline.resident,
                    end,
                    following,
                    round(rest, 2),
                    limits.rest_after_call_hours,
                    "violation",
                    "hours free after 24 hours of in-house call",
                )
            )


def _rest_8_between(timeline: _Timeline, limits: Limits, settings: Settings, report: Report) -> None:
    """rest-8-between: 8 hours off between work periods should be had (an advisory; a short rest after 24 hours
    of in-house call is the rest-14-after-24 violation instead)."""
    for end, following, call in timeline.rests:
        rest = (following - end).total_seconds() / HOUR
        if rest < limits.rest_between_hours - 1e-9 and not _short_rest_after_call(rest, call, limits):
            report.add(
                Finding(
                    "rest-8-between",
                    timeline.resident,
                    end,
                    following,
                    round(rest, 2),
                    limits.rest_between_hours,
                    "advisory",
                    "hours off between work periods (a 'should')",
                )
            )


def _pgy1_moonlighting(timeline: _Timeline, limits: Limits, settings: Settings, report: Report) -> None:
    """pgy1-moonlighting: PGY-1 residents may not moonlight (not evaluated, with a note, when the PGY is unknown)."""
    moonlighting = [s for s in timeline.own if s.kind == "moonlighting"]
    if not moonlighting:
        return
    pgys = {s.pgy for s in timeline.own if s.pgy is not None}
    if not pgys:
        report.notes.append(f"{timeline.resident}: PGY unknown, so the PGY-1 moonlighting rule was not evaluated.")
    for shift in moonlighting:
        if shift.pgy == 1 or (shift.pgy is None and pgys == {1}):
            report.add(
                Finding(
                    "pgy1-moonlighting",
                    timeline.resident,
                    shift.start,
                    shift.end,
                    round(shift.hours, 2),
                    0.0,
                    "violation",
                    "PGY-1 residents may not moonlight",
                )
            )


Rule = Callable[[_Timeline, Limits, Settings, Report], None]
# In this order each resident's findings are listed (violations, advisories and warnings each keep it).
RULES: tuple[Rule, ...] = (
    _weekly_80,
    _one_day_off_in_7,
    _in_house_call_every_3rd,
    _continuous_24_plus_4,
    _rest_14_after_24,
    _rest_8_between,
    _pgy1_moonlighting,
)
