"""Reads of the resilience pillar: the person's check-ins, the weekly trend beside their work hours, the signals
and the support resources for their country. Work hours come from the experience pillar's selector (a declared
one-way use)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from medpath.accounts.models import User
from medpath.catalog.loader import catalog
from medpath.catalog.schema import Source
from medpath.catalog.wellbeing_schema import SupportFile, SupportResource, WellbeingMeasure
from medpath.experience.selectors import weekly_hours
from medpath.usertime import user_today
from medpath.wellbeing import signals
from medpath.wellbeing.models import CheckIn

TREND_WEEKS = 12  # the trend shows this many weeks, the current one last
BURNOUT_MEASURE = "burnout-single-item"
LIST_SIZE = 60  # check-ins listed on the page (about two months)


@dataclass(frozen=True)
class TrendWeek:
    """One week's means of the check-ins (None without one) and logged work hours (None without shifts)."""

    week_of: date
    checkins: int
    mood: float | None
    energy: float | None
    stress: float | None
    burnout: float | None
    sleep_hours: float | None
    work_hours: float | None


@dataclass(frozen=True)
class Trend:
    """The weeks of the trend, oldest first, and whether the person logs shifts at all."""

    weeks: list[TrendWeek]
    logs_shifts: bool
    days: list[signals.Day]  # every check-in of the weeks shown, for the signals
    latest: date | None  # the day of the newest check-in shown


def measure() -> WellbeingMeasure:
    """The single-item burnout measure every check-in asks."""
    return catalog().wellbeing_measures[BURNOUT_MEASURE]


def checkins(user: User, *, limit: int = LIST_SIZE) -> list[CheckIn]:
    """The user's latest check-ins, newest first."""
    return list(CheckIn.objects.for_user(user).order_by("-day")[:limit])


def checkin_count(user: User) -> int:
    """How many check-ins the user has."""
    return CheckIn.objects.for_user(user).count()


def checkin_on(user: User, day: date) -> CheckIn | None:
    """The user's check-in of one day, if any."""
    return CheckIn.objects.for_user(user).filter(day=day).first()


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def trend(user: User, today: date | None = None, *, weeks: int = TREND_WEEKS) -> Trend:
    """Weekly means of the last ``weeks`` weeks (Monday first, the current week last) with work hours beside them."""
    today = today or user_today(user)
    first = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    rows = list(CheckIn.objects.for_user(user).filter(day__gte=first, day__lte=today).order_by("day"))
    hours = weekly_hours(user, first)
    found = []
    for number in range(weeks):
        monday = first + timedelta(days=7 * number)
        week = [row for row in rows if monday <= row.day < monday + timedelta(days=7)]
        found.append(
            TrendWeek(
                week_of=monday,
                checkins=len(week),
                mood=_mean([row.mood for row in week]),
                energy=_mean([row.energy for row in week]),
                stress=_mean([row.stress for row in week]),
                burnout=_mean([row.burnout for row in week]),
                sleep_hours=_mean([float(row.sleep_hours) for row in week]),
                work_hours=None if hours is None else hours.get(monday, 0.0),
            )
        )
    days = [signals.Day(row.day, row.burnout, float(row.sleep_hours)) for row in rows]
    return Trend(found, hours is not None, days, rows[-1].day if rows else None)


def signals_for(user: User, today: date | None = None, *, seen: Trend | None = None) -> list[signals.Signal]:
    """The signals the user's own check-ins show today (the engine decides; this feeds it)."""
    today = today or user_today(user)
    seen = seen or trend(user, today)
    weeks = [signals.Week(week.week_of, week.mood, week.work_hours) for week in seen.weeks]
    return signals.find_signals(weeks, seen.days, today, concern_from=measure().concern_from)


@dataclass(frozen=True)
class SupportBlock:
    """One country's resources, each with the source it was verified against."""

    country: SupportFile
    rows: list[tuple[SupportResource, Source, list[Source]]]


def support_block(country: SupportFile, kinds: tuple[str, ...] = ()) -> SupportBlock:
    """A country's resources (only those of ``kinds`` when given) with their sources (the main one, then any the
    wording also rests on), crisis lines first."""
    sources = catalog().sources
    return SupportBlock(
        country,
        [
            (resource, sources[resource.source], [sources[key] for key in resource.also_sources])
            for resource in country.resources
            if not kinds or resource.kind in kinds
        ],
    )


def support_countries() -> dict[str, SupportFile]:
    """Every country with support resources, by ISO code."""
    return catalog().support


def support_for(country: str) -> SupportFile | None:
    """The support resources of one country (ISO code, any case), or None when the catalog has none."""
    return catalog().support.get(country.strip().upper())
