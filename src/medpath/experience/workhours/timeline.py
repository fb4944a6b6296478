"""What every rule reads, computed once per resident: checked shifts, hours by day, averaging windows, the
continuous blocks and the rests between them. Pure."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from medpath.experience.workhours.model import (
    COUNTED,
    HOUR,
    KINDS,
    LONGEST_SHIFT,
    Finding,
    Limits,
    Report,
    Settings,
    Severity,
    Shift,
    WeekTotal,
    WorkHoursError,
)


def validate(shifts: Sequence[Shift]) -> None:
    """Refuse impossible schedules: ends before starts, naive times, unknown kinds, overlapping work."""
    validate_each(shifts)
    by_resident: dict[str, list[Shift]] = defaultdict(list)
    for shift in shifts:
        by_resident[shift.resident].append(shift)
    for resident, own in by_resident.items():
        no_overlaps(resident, sorted(own, key=lambda s: s.start))


def validate_each(shifts: Sequence[Shift]) -> None:
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


def no_overlaps(resident: str, own: list[Shift]) -> None:
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


def fixed_offset(moment: datetime) -> datetime:
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


# ---- what every rule reads, computed once per resident ------------------------------------------------------


@dataclass(frozen=True)
class Timeline:
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
    prefix_leave: list[int]  # leave days left out of averages (all zero when leave counts as zero hours)
    blocks: list[tuple[datetime, datetime, list[Shift]]]  # continuous work periods and the shifts in each
    rests: list[tuple[datetime, datetime, float]]  # (end of a block, start of the next, hours of in-house call in it)

    def at(self, day: int) -> date:
        """The calendar date of day number ``day``."""
        return self.first + timedelta(days=day)


def build_timeline(resident: str, own: list[Shift], limits: Limits, settings: Settings) -> Timeline:
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
    return Timeline(
        resident=resident,
        own=own,
        first=first,
        days=days,
        windows=windows,
        prefix_hours=prefix_hours,
        prefix_free=[0, *itertools.accumulate(free_starts.get(day, 0) for day in range(days))],
        prefix_calls=[0, *itertools.accumulate(call_days.get(day, 0) for day in range(days))],
        prefix_leave=prefix_leave,
        blocks=blocks,
        rests=rests,
    )


def weekly_totals(timeline: Timeline, window_days: int) -> list[WeekTotal]:
    """Each week's hours from the first day, with the average per week over the ``window_days`` that end with the
    week, as the weekly rule averages (leave left out of hours and days when omitted). Only whole weeks are
    averaged, so the average starts at the fourth week; in rotation mode the verdict uses the rotation's windows."""
    totals = []
    for week in range(0, timeline.days, 7):
        stop = week + 7
        hours = round(timeline.prefix_hours[min(stop, timeline.days)] - timeline.prefix_hours[week], 2)
        start = stop - window_days
        average = None
        if start >= 0 and stop <= timeline.days:
            counted_days = window_days - (timeline.prefix_leave[stop] - timeline.prefix_leave[start])
            if counted_days > 0:
                average = round((timeline.prefix_hours[stop] - timeline.prefix_hours[start]) * 7 / counted_days, 2)
        totals.append(WeekTotal(timeline.at(week), hours, average))
    return totals


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


def file_runs(
    timeline: Timeline,
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
