"""The roadmap planner: dated milestones, the critical path and the time left. Pure: no Django, no I/O.

Stages form a graph through their prerequisites. A prerequisite is either
``after`` (this stage starts once the other ends, plus a lag) or ``during``
(this stage may start a given time after the other starts — an exam taken in
the middle of a degree). Dates are computed twice: with the shortest durations
(earliest) and with typical ones (typical). Completed stages keep their real
dates; fixed dates (an exam booked for 14 March) pin a stage's end; a stage under
way ends when the person expects it to, if they said; everything else is
recomputed from them, and nothing not yet done ends before today. A
stage that a completed stage needs *after* it is taken as done too. Work is
linear in stages plus prerequisites.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from medpath.plans.assumptions import ACADEMIC_SUMMER_DAYS
from medpath.plans.calendar_start import next_start, previous_start
from medpath.plans.plan_types import (
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_STRETCH,
    Milestone,
    Plan,
    PlanError,
    PlanOptions,
    PlanPrerequisite,
    PlanStage,
    months_to_days,
)
from medpath.wording import day

__all__ = [
    "EARLIEST_DATE",
    "LATEST_DATE",
    "MAX_STRETCH",
    "Milestone",
    "Plan",
    "PlanError",
    "PlanOptions",
    "PlanPrerequisite",
    "PlanStage",
    "build_plan",
    "months_to_days",
]


def _order(stages: Sequence[PlanStage]) -> list[PlanStage]:
    """Stages in prerequisite order (Kahn's algorithm); PlanError on a cycle."""
    by_id = {stage.id: stage for stage in stages}
    waiting = {stage.id: sum(1 for p in stage.requires if p.stage in by_id) for stage in stages}
    followers: dict[str, list[str]] = {stage.id: [] for stage in stages}
    for stage in stages:
        for prerequisite in stage.requires:
            if prerequisite.stage in by_id:
                followers[prerequisite.stage].append(stage.id)
    ready = [stage.id for stage in stages if waiting[stage.id] == 0]
    ordered: list[PlanStage] = []
    while ready:
        current = ready.pop(0)
        ordered.append(by_id[current])
        for follower in followers[current]:
            waiting[follower] -= 1
            if waiting[follower] == 0:
                ready.append(follower)
    if len(ordered) != len(stages):
        stuck = sorted(stage_id for stage_id, count in waiting.items() if count > 0)
        raise PlanError(f"the stages {', '.join(stuck)} require each other in a cycle")
    return ordered


def _check(stages: Sequence[PlanStage], options: PlanOptions) -> None:
    ids = {stage.id for stage in stages}
    if len(ids) != len(stages):
        raise PlanError("two stages share an id")
    for stage in stages:
        if stage.min_months < 0 or stage.typical_months < stage.min_months:
            raise PlanError(f"stage {stage.id}: durations must satisfy 0 <= shortest <= typical")
    named = (
        ("completed", options.completed),
        ("fixed", options.fixed),
        ("under way", options.under_way),
        ("done", dict.fromkeys(options.done_before_start, options.start)),
    )
    for label, chosen in named:
        for stage_id, when in chosen.items():
            if stage_id not in ids:
                raise PlanError(f"{label} stage {stage_id!r} is not on this route")
            if not EARLIEST_DATE <= when <= LATEST_DATE:
                raise PlanError(f"stage {stage_id}: {day(when)} is outside {EARLIEST_DATE.year}–{LATEST_DATE.year}")
    for stage_id, when in options.expected_end.items():
        if stage_id not in options.under_way:
            raise PlanError(f"stage {stage_id!r} is not under way, so it has no expected end")
        if not options.under_way[stage_id] < when <= LATEST_DATE:
            raise PlanError(f"stage {stage_id}: the expected end {day(when)} is not after its start")
    for when in (options.start, options.today):
        if not EARLIEST_DATE <= when <= LATEST_DATE:
            raise PlanError(f"{day(when)} is outside {EARLIEST_DATE.year}–{LATEST_DATE.year}")
    for stage_id, when in options.completed.items():
        if when > options.today:
            raise PlanError(f"stage {stage_id}: the completion date {day(when)} is in the future")
    if not 1.0 <= options.part_time_factor <= MAX_STRETCH:
        raise PlanError(f"the part-time factor must be between 1 and {MAX_STRETCH:g}")
    if options.gap_months < 0 or options.gap_months > 60:
        raise PlanError("a gap lasts between 0 and 60 months")
    if options.gap_after is not None and options.gap_after not in ids:
        raise PlanError(f"the gap follows stage {options.gap_after!r}, which is not on this route")


def _implied_done(ordered: list[PlanStage], options: PlanOptions) -> frozenset[str]:
    """Stages that must be finished because a stage that needs them *after* them is done."""
    by_id = {stage.id: stage for stage in ordered}
    finished = set(options.completed) | set(options.done_before_start)
    todo = list(finished)
    implied: set[str] = set()
    while todo:
        for prerequisite in by_id[todo.pop()].requires:
            if prerequisite.mode == "after" and prerequisite.stage in by_id and prerequisite.stage not in finished | implied:
                implied.add(prerequisite.stage)
                todo.append(prerequisite.stage)
    return frozenset(implied)


@dataclass
class _Pass:
    start: dict[str, int]
    end: dict[str, int]
    binding: dict[str, str | None]
    conflicts: list[tuple[str, str]]
    wait: dict[str, int]


@dataclass(frozen=True)
class _Setup:
    """What both passes share: order, stage states, lags in days."""

    ordered: list[PlanStage]
    done: frozenset[str]
    today: int
    lags: dict[tuple[str, str], int]  # (stage, prerequisite) -> days

    def prerequisites(self, stage: PlanStage) -> list[PlanPrerequisite]:
        on_route = {s.id for s in self.ordered}
        return [p for p in stage.requires if p.stage in on_route]


def _lags(ordered: list[PlanStage], options: PlanOptions) -> dict[tuple[str, str], int]:
    """Days between a prerequisite's anchor (end, or start for 'during') and the stage's earliest start.

    A 'during' offset inside a study stage stretches with part-time study; a gap adds to what follows its stage.
    """
    by_id = {stage.id: stage for stage in ordered}
    gap = months_to_days(options.gap_months) if options.gap_after else 0
    lags = {}
    for stage in ordered:
        for prerequisite in stage.requires:
            if prerequisite.stage not in by_id:
                continue
            months = prerequisite.offset_months
            if prerequisite.mode == "during" and by_id[prerequisite.stage].stretchable:
                months *= options.part_time_factor
            extra = gap if prerequisite.mode == "after" and prerequisite.stage == options.gap_after else 0
            lags[(stage.id, prerequisite.stage)] = months_to_days(months) + extra
    return lags


def _forward(setup: _Setup, options: PlanOptions, durations: dict[str, int]) -> _Pass:
    """Start and end (days after the plan start) of each stage, given durations.

    Done stages keep their dates; a stage under way keeps its start (and ends when the
    person expects, if they said); a fixed stage ends on its date; any stage not done
    ends no earlier than today.
    """
    start: dict[str, int] = {}
    end: dict[str, int] = {}
    binding: dict[str, str | None] = {}
    conflicts: list[tuple[str, str]] = []
    wait: dict[str, int] = {}
    for stage in setup.ordered:
        binding[stage.id] = None
        wait[stage.id] = 0
        if stage.id in options.completed:
            end[stage.id] = (options.completed[stage.id] - options.start).days
            # a stage the person said was under way keeps the start they gave (it was shown as done - its length)
            known_start = options.under_way.get(stage.id)
            start[stage.id] = (
                min((known_start - options.start).days, end[stage.id])
                if known_start is not None
                else end[stage.id] - durations[stage.id]
            )
            continue
        if stage.id in setup.done:
            end[stage.id] = 0
            start[stage.id] = -durations[stage.id]
            continue
        ready, cause, others = 0, None, 0
        academic: str | None = None  # a prerequisite of whole academic years this stage follows directly
        for prerequisite in setup.prerequisites(stage):
            anchor = end if prerequisite.mode == "after" else start
            lag = setup.lags[(stage.id, prerequisite.stage)]
            candidate = anchor[prerequisite.stage] + lag
            if candidate > ready or (candidate == ready and cause is None):
                others = max(others, ready)
                ready, cause = candidate, prerequisite.stage
            else:
                others = max(others, candidate)
            if prerequisite.mode == "after" and lag == 0 and _ends_with_academic_years(setup, options, prerequisite.stage):
                academic = prerequisite.stage
        if stage.id in options.fixed:
            end[stage.id] = (options.fixed[stage.id] - options.start).days
            start[stage.id] = end[stage.id] - durations[stage.id]
            if cause is not None and end[stage.id] < ready:  # the booked day itself comes too early
                conflicts.append((stage.id, cause))
            continue
        if stage.id in options.under_way:
            start[stage.id] = (options.under_way[stage.id] - options.start).days
        else:
            earliest = others if cause is not None and cause == academic else None
            start[stage.id] = _calendar_start(stage, options.start, ready, academic_summer_from=earliest)
            wait[stage.id] = max(0, start[stage.id] - ready)
            binding[stage.id] = cause if wait[stage.id] == 0 else None  # waiting: what came before has slack
        expected = options.expected_end.get(stage.id)
        length = (expected - options.start).days - start[stage.id] if expected else durations[stage.id]
        end[stage.id] = max(start[stage.id] + length, setup.today)
    return _Pass(start=start, end=end, binding=binding, conflicts=conflicts, wait=wait)


def _ends_with_academic_years(setup: _Setup, options: PlanOptions, stage_id: str) -> bool:
    """Whether a stage's end is its nominal length in whole years, a year or more (not a date the person gave)."""
    stage = next(candidate for candidate in setup.ordered if candidate.id == stage_id)
    given = set(options.completed) | set(options.fixed) | set(options.expected_end) | set(setup.done)
    whole_years = all(months >= 12 and months % 12 == 0 for months in (stage.typical_months, stage.min_months))
    return stage_id not in given and whole_years


def _calendar_start(stage: PlanStage, origin: date, ready: int, *, academic_summer_from: int | None = None) -> int:
    """The day (after the plan start) a stage ready on ``ready`` starts: then, or at its next calendar start. When
    what it waits for is whole academic years (``academic_summer_from``: the day every other prerequisite allows),
    at the calendar start of the summer their nominal end falls in."""
    if stage.starts_on is None:
        return ready
    try:
        ready_day = origin + timedelta(days=ready)
        if academic_summer_from is not None:
            summer_start = previous_start(ready_day, *stage.starts_on)
            summer = (summer_start - origin).days
            if (ready_day - summer_start).days <= ACADEMIC_SUMMER_DAYS and summer >= academic_summer_from:
                return summer
        return (next_start(ready_day, *stage.starts_on) - origin).days
    except (OverflowError, ValueError):
        raise PlanError("the plan runs past the calendar's range; check the dates you gave") from None


def _slack(setup: _Setup, options: PlanOptions, forward: _Pass) -> dict[str, int]:
    """Days each planned stage may slip without moving the finish (backward pass; fixed dates stay pinned)."""
    finish = max(forward.end.values())
    latest_end = {stage.id: finish for stage in setup.ordered}
    for stage in reversed(setup.ordered):
        if stage.id in options.fixed or stage.id in setup.done or stage.id in options.completed:
            latest_end[stage.id] = forward.end[stage.id]
        length = forward.end[stage.id] - forward.start[stage.id]
        latest_start = latest_end[stage.id] - length
        if stage.starts_on is not None and stage.id not in options.under_way and latest_start > forward.start[stage.id]:
            # a later start must fall on the calendar too: the last one by then
            latest_date = previous_start(options.start + timedelta(days=latest_start), *stage.starts_on)
            latest_start = max(forward.start[stage.id], (latest_date - options.start).days)
        for prerequisite in setup.prerequisites(stage):
            lag = setup.lags[(stage.id, prerequisite.stage)]
            before = forward.end[prerequisite.stage] - forward.start[prerequisite.stage]
            bound = latest_start - lag if prerequisite.mode == "after" else latest_start - lag + before
            latest_end[prerequisite.stage] = min(latest_end[prerequisite.stage], bound)
    return {stage.id: max(0, latest_end[stage.id] - forward.end[stage.id]) for stage in setup.ordered}


def _day(when: date) -> str:
    """14 Mar 2027."""
    return day(when)


def _critical_path(forward: _Pass) -> tuple[str, ...]:
    """The chain of binding prerequisites that ends at the last finish."""
    last = max(forward.end, key=lambda stage_id: (forward.end[stage_id], stage_id))
    chain = [last]
    while (cause := forward.binding[chain[-1]]) is not None:
        chain.append(cause)
    return tuple(reversed(chain))


def _past_due(stage: PlanStage, options: PlanOptions, start: int, today: int, days: Callable[[PlanStage, float], int]) -> bool:
    """Its expected end (or else its typical length from its start) has passed."""
    expected = options.expected_end.get(stage.id)
    if expected is not None:
        return expected < options.today
    return start + days(stage, stage.typical_months) < today


def build_plan(stages: Sequence[PlanStage], options: PlanOptions) -> Plan:
    """Date every stage from the start, the real completions and the fixed dates."""
    if not stages:
        raise PlanError("a route needs at least one stage")
    _check(stages, options)
    ordered = _order(stages)
    done = frozenset(options.done_before_start) | _implied_done(ordered, options)
    setup = _Setup(
        ordered=ordered,
        done=done - set(options.completed),
        today=(options.today - options.start).days,
        lags=_lags(ordered, options),
    )

    def days(stage: PlanStage, months: float) -> int:
        return months_to_days(months * (options.part_time_factor if stage.stretchable else 1.0))

    early = _forward(setup, options, {stage.id: days(stage, stage.min_months) for stage in ordered})
    usual = _forward(setup, options, {stage.id: days(stage, stage.typical_months) for stage in ordered})
    slack = _slack(setup, options, usual)
    names = {stage.id: stage.name for stage in ordered}
    warnings = [
        f"{names[stage_id]} is booked for {_day(options.fixed[stage_id])}, before {names[cause]} typically allows"
        for stage_id, cause in usual.conflicts
    ]

    def at(offset: int) -> date:
        try:
            return options.start + timedelta(days=offset)
        except OverflowError:
            raise PlanError("the plan runs past the calendar's range; check the dates you gave") from None

    milestones = []
    for stage in ordered:
        finished = stage.id in options.completed or stage.id in setup.done
        under_way = not finished and usual.start[stage.id] <= setup.today <= usual.end[stage.id]
        status: Literal["done", "in_progress", "planned"] = "done" if finished else ("in_progress" if under_way else "planned")
        fixed = options.fixed.get(stage.id) if not finished else None
        milestones.append(
            Milestone(
                id=stage.id,
                name=stage.name,
                kind=stage.kind,
                earliest_start=at(early.start[stage.id]),
                earliest_end=at(early.end[stage.id]),
                typical_start=at(usual.start[stage.id]),
                typical_end=at(usual.end[stage.id]),
                status=status,
                completed_on=options.completed.get(stage.id),
                fixed_on=fixed,
                critical=not finished and fixed is None and slack[stage.id] == 0,
                slack_days=0 if finished else slack[stage.id],
                requires=tuple(p.stage for p in setup.prerequisites(stage)),
                assumed_duration=stage.assumed_duration,
                expected_end=None if finished else options.expected_end.get(stage.id),
                wait_days=0 if finished else usual.wait[stage.id],
                start_note=stage.start_note,
                overdue=not finished and fixed is None and _past_due(stage, options, usual.start[stage.id], setup.today, days),
            )
        )
    milestones.sort(key=lambda m: (m.typical_start, m.typical_end, m.id))
    typical_finish = at(max(usual.end.values()))
    earliest_finish = at(max(early.end.values()))
    return Plan(
        milestones=tuple(milestones),
        critical_path=_critical_path(usual),
        start=options.start,
        earliest_finish=earliest_finish,
        typical_finish=typical_finish,
        total_days=(typical_finish - options.start).days,
        remaining_days=max(0, (typical_finish - options.today).days),
        earliest_remaining_days=max(0, (earliest_finish - options.today).days),
        warnings=tuple(warnings),
    )
