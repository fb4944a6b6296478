"""What the roadmap planner takes and gives: stages, options, milestones, the plan. Pure: no Django.

The planner itself is ``medpath.plans.roadmap``, which re-exports these names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

DAYS_PER_MONTH = 365.25 / 12
MAX_STRETCH = 4.0
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2200, 12, 31)


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
    starts_on: tuple[int, int] | None = None  # (month, day): it begins only then, e.g. residency on 1 July
    start_note: str = ""  # what the catalog says of its calendar start, shown beside it


@dataclass(frozen=True)
class PlanOptions:
    """What the person tells the planner."""

    start: date
    today: date
    completed: Mapping[str, date] = field(default_factory=dict)
    done_before_start: frozenset[str] = frozenset()
    under_way: Mapping[str, date] = field(default_factory=dict)  # started on this date, before the plan
    expected_end: Mapping[str, date] = field(default_factory=dict)  # a stage under way ends then, as the person says
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
    status: Literal["done", "in_progress", "planned"]
    completed_on: date | None
    fixed_on: date | None
    critical: bool
    slack_days: int
    requires: tuple[str, ...]
    assumed_duration: bool = False
    overdue: bool = False  # its typical end has passed and it is not ticked done
    expected_end: date | None = None  # the end the person gave for this stage under way
    wait_days: int = 0  # days between when it could start and its calendar start
    start_note: str = ""


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
        pending = [m for m in self.milestones if m.status != "done"]
        return min(pending, key=lambda m: (m.typical_end, m.typical_start), default=None)


def months_to_days(months: float) -> int:
    """Whole days in a number of (average) months."""
    return round(months * DAYS_PER_MONTH)
