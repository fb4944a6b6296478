"""The roadmap planner: dated milestones, the critical path and the time left. Pure: no Django, no I/O.

Stages form a graph through their prerequisites. A prerequisite is either
``after`` (this stage starts once the other ends, plus a lag) or ``during``
(this stage may start a given time after the other starts — an exam taken in
the middle of a degree). Dates are computed twice: with the shortest durations
(earliest) and with typical ones (typical). Completed stages keep their real
dates; fixed dates (an exam booked for 14 March) pin a stage's end; everything
else is recomputed from them. Work is linear in stages plus prerequisites.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

DAYS_PER_MONTH = 365.25 / 12
MAX_STRETCH = 4.0


class PlanError(ValueError):
    """A plan that cannot be made; the message names the stage or option at fault."""


@dataclass(frozen=True)
class PlanPrerequisite:
    """A stage that must come first, and how."""

    stage: str
    mode: Literal["after", "during"] = "after"
    offset_months: float = 0.0


@dataclass(frozen=True)
class PlanStage:
    """A stage as the planner sees it: durations in months and prerequisites."""

    id: str
    name: str
    kind: str
    min_months: float
    typical_months: float
    requires: tuple[PlanPrerequisite, ...] = ()
    stretchable: bool = False  # study that slows down when done part-time
    assumed_duration: bool = False  # a planning allowance, not a sourced figure


@dataclass(frozen=True)
class PlanOptions:
    """What the person tells the planner."""

    start: date
    today: date
    completed: Mapping[str, date] = field(default_factory=dict)
    done_before_start: frozenset[str] = frozenset()
    fixed: Mapping[str, date] = field(default_factory=dict)
    part_time_factor: float = 1.0
    gap_after: str | None = None
    gap_months: float = 0.0


@dataclass(frozen=True)
class Milestone:
    """A stage with its dates; ``critical`` when any delay moves the finish."""

    id: str
    name: str
    kind: str
    earliest_start: date
    earliest_end: date
    typical_start: date
    typical_end: date
    status: Literal["done", "planned"]
    completed_on: date | None
    fixed_on: date | None
    critical: bool
    slack_days: int
    requires: tuple[str, ...]
    assumed_duration: bool = False


@dataclass(frozen=True)
class Plan:
    """Every milestone in order, the critical path and the time totals."""

    milestones: tuple[Milestone, ...]
    critical_path: tuple[str, ...]
    start: date
    earliest_finish: date
    typical_finish: date
    total_days: int
    remaining_days: int
    earliest_remaining_days: int
    warnings: tuple[str, ...]

    @property
    def done_count(self) -> int:
        """Milestones already done."""
        return sum(1 for milestone in self.milestones if milestone.status == "done")

    def next_milestone(self) -> Milestone | None:
        """The first milestone not yet done, by typical end date."""
        pending = [m for m in self.milestones if m.status == "planned"]
        return min(pending, key=lambda m: (m.typical_end, m.typical_start), default=None)


def months_to_days(months: float) -> int:
    """Whole days in a number of (average) months."""
    return round(months * DAYS_PER_MONTH)


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
    for label, chosen in (("completed", options.completed), ("fixed", options.fixed)):
        for stage_id in chosen:
            if stage_id not in ids:
                raise PlanError(f"{label} stage {stage_id!r} is not on this route")
    for stage_id in options.done_before_start:
        if stage_id not in ids:
            raise PlanError(f"stage {stage_id!r} is not on this route")
    for stage_id, when in options.completed.items():
        if when > options.today:
            raise PlanError(f"stage {stage_id}: the completion date {when.isoformat()} is in the future")
    if not 1.0 <= options.part_time_factor <= MAX_STRETCH:
        raise PlanError(f"the part-time factor must be between 1 and {MAX_STRETCH:g}")
    if options.gap_months < 0 or options.gap_months > 60:
        raise PlanError("a gap lasts between 0 and 60 months")
    if options.gap_after is not None and options.gap_after not in ids:
        raise PlanError(f"the gap follows stage {options.gap_after!r}, which is not on this route")


@dataclass
class _Pass:
    start: dict[str, int]
    end: dict[str, int]
    binding: dict[str, str | None]


def _forward(ordered: list[PlanStage], options: PlanOptions, durations: dict[str, int]) -> _Pass:
    """Earliest start and end (days after the plan start) of each stage, given durations."""
    on_route = {stage.id for stage in ordered}
    gap = months_to_days(options.gap_months) if options.gap_after else 0
    start: dict[str, int] = {}
    end: dict[str, int] = {}
    binding: dict[str, str | None] = {}
    for stage in ordered:
        if stage.id in options.completed:
            end[stage.id] = (options.completed[stage.id] - options.start).days
            start[stage.id] = end[stage.id] - durations[stage.id]
            binding[stage.id] = None
            continue
        if stage.id in options.done_before_start:
            end[stage.id] = 0
            start[stage.id] = -durations[stage.id]
            binding[stage.id] = None
            continue
        ready, cause = 0, None
        for prerequisite in stage.requires:
            if prerequisite.stage not in on_route:
                continue
            lag = months_to_days(prerequisite.offset_months)
            if prerequisite.mode == "after":
                candidate = end[prerequisite.stage] + lag + (gap if prerequisite.stage == options.gap_after else 0)
            else:
                candidate = start[prerequisite.stage] + lag
            if candidate > ready or (candidate == ready and cause is None and candidate > 0):
                ready, cause = candidate, prerequisite.stage
        if stage.id in options.fixed:
            end[stage.id] = (options.fixed[stage.id] - options.start).days
            start[stage.id] = end[stage.id] - durations[stage.id]
            binding[stage.id] = None
        else:
            start[stage.id] = ready
            end[stage.id] = ready + durations[stage.id]
            binding[stage.id] = cause
    return _Pass(start=start, end=end, binding=binding)


def _slack(ordered: list[PlanStage], options: PlanOptions, durations: dict[str, int], forward: _Pass) -> dict[str, int]:
    """Days each planned stage may slip without moving the finish (backward pass)."""
    on_route = {stage.id for stage in ordered}
    finish = max(forward.end.values())
    gap = months_to_days(options.gap_months) if options.gap_after else 0
    latest_end = {stage.id: finish for stage in ordered}
    for stage in reversed(ordered):
        latest_start = latest_end[stage.id] - durations[stage.id]
        for prerequisite in stage.requires:
            if prerequisite.stage not in on_route:
                continue
            lag = months_to_days(prerequisite.offset_months)
            if prerequisite.mode == "after":
                bound = latest_start - lag - (gap if prerequisite.stage == options.gap_after else 0)
            else:
                bound = latest_start - lag + durations[prerequisite.stage]
            latest_end[prerequisite.stage] = min(latest_end[prerequisite.stage], bound)
    return {stage.id: max(0, latest_end[stage.id] - forward.end[stage.id]) for stage in ordered}


def _critical_path(forward: _Pass) -> tuple[str, ...]:
    """The chain of binding prerequisites that ends at the last finish."""
    last = max(forward.end, key=lambda stage_id: (forward.end[stage_id], stage_id))
    chain = [last]
    while (cause := forward.binding[chain[-1]]) is not None:
        chain.append(cause)
    return tuple(reversed(chain))


def build_plan(stages: Sequence[PlanStage], options: PlanOptions) -> Plan:
    """Date every stage from the start, the real completions and the fixed dates."""
    if not stages:
        raise PlanError("a route needs at least one stage")
    _check(stages, options)
    ordered = _order(stages)

    def days(stage: PlanStage, months: float) -> int:
        return months_to_days(months * (options.part_time_factor if stage.stretchable else 1.0))

    shortest = {stage.id: days(stage, stage.min_months) for stage in ordered}
    typical = {stage.id: days(stage, stage.typical_months) for stage in ordered}
    early = _forward(ordered, options, shortest)
    usual = _forward(ordered, options, typical)
    slack = _slack(ordered, options, typical, usual)
    critical = _critical_path(usual)
    on_critical = set(critical)
    warnings = []
    on_route = {stage.id for stage in ordered}
    for stage in ordered:
        if stage.id not in options.fixed or stage.id in options.completed:
            continue
        for prerequisite in stage.requires:
            late = prerequisite.stage in on_route and usual.end[prerequisite.stage] > usual.end[stage.id]
            if prerequisite.mode == "after" and late:
                when = options.fixed[stage.id].isoformat()
                warnings.append(f"{stage.name} is booked for {when}, before {prerequisite.stage} typically ends")

    def at(offset: int) -> date:
        return options.start + timedelta(days=offset)

    milestones = []
    for stage in ordered:
        done = stage.id in options.completed or stage.id in options.done_before_start
        milestones.append(
            Milestone(
                id=stage.id,
                name=stage.name,
                kind=stage.kind,
                earliest_start=at(early.start[stage.id]),
                earliest_end=at(early.end[stage.id]),
                typical_start=at(usual.start[stage.id]),
                typical_end=at(usual.end[stage.id]),
                status="done" if done else "planned",
                completed_on=options.completed.get(stage.id),
                fixed_on=options.fixed.get(stage.id) if not done else None,
                critical=stage.id in on_critical and not done,
                slack_days=0 if done else slack[stage.id],
                requires=tuple(p.stage for p in stage.requires if p.stage in on_route),
                assumed_duration=stage.assumed_duration,
            )
        )
    milestones.sort(key=lambda m: (m.typical_start, m.typical_end, m.id))
    typical_finish = at(max(usual.end.values()))
    earliest_finish = at(max(early.end.values()))
    return Plan(
        milestones=tuple(milestones),
        critical_path=critical,
        start=options.start,
        earliest_finish=earliest_finish,
        typical_finish=typical_finish,
        total_days=(typical_finish - options.start).days,
        remaining_days=max(0, (typical_finish - options.today).days),
        earliest_remaining_days=max(0, (earliest_finish - options.today).days),
        warnings=tuple(warnings),
    )
