"""API shapes of the Education pillar: careers carry every fact with its source."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Schema
from pydantic import ConfigDict, Field


class SourceOut(Schema):
    """Where a fact comes from."""

    id: str
    title: str
    url: str
    year: int


class FactOut(Schema):
    """A fact's value with its source and confidence."""

    value: str | float | int
    unit: str = ""
    year: int | None = None
    decade: str = ""
    confidence: str
    note: str = ""
    source: SourceOut


class CareerSummaryOut(Schema):
    """A career in lists."""

    id: str
    name: str
    family: str
    custom: bool
    years_of_study: float | None
    median_pay: FactOut | None
    growth: FactOut | None
    entry_education: FactOut | None


class DurationOut(Schema):
    """A duration range in months, sourced."""

    min: float
    typical: float
    max: float
    confidence: str
    note: str = ""
    source: SourceOut


class StageOut(Schema):
    """One stage of a career."""

    id: str
    name: str
    kind: str
    duration: DurationOut | None
    duration_from_specialty: bool
    requires: list[str]


class RouteOut(Schema):
    """One route through a career."""

    id: str
    name: str
    stages: list[str]


class SpecialtyOut(Schema):
    """A specialty and its residency."""

    id: str
    name: str
    residency: DurationOut


class BodyOut(Schema):
    """An exam, licensing or certifying body."""

    name: str
    role: str
    confidence: str
    source: SourceOut


class CareerOut(CareerSummaryOut):
    """A career with everything the catalog knows about it."""

    summary: str
    aliases: list[str]
    soc_code: str
    bodies: list[BodyOut]
    stages: list[StageOut]
    routes: list[RouteOut]
    specialties: list[SpecialtyOut]


class MilestoneOut(Schema):
    """A dated milestone of a plan."""

    id: str
    name: str
    kind: str
    status: str
    earliest_start: date
    earliest_end: date
    typical_start: date
    typical_end: date
    completed_on: date | None
    booked_for: date | None
    critical: bool
    slack_days: int
    assumed_duration: bool
    wait_days: int = Field(description="Days between when the stage could start and its calendar start (residency: 1 July).")
    start_note: str = Field(description="What the catalog says of the stage's calendar start; empty when it has none.")


class RoadmapOut(Schema):
    """The user's roadmap and its plan."""

    career_id: str
    route_id: str
    specialty_id: str
    current_stage_id: str
    start_date: date
    current_stage_ends_on: date | None
    part_time: bool
    part_time_factor: Decimal
    gap_after_stage_id: str
    gap_months: int
    typical_finish: date
    earliest_finish: date
    remaining_days: int
    progress_percent: int
    critical_path: list[str]
    warnings: list[str]
    milestones: list[MilestoneOut]


class RoadmapTargetIn(Schema):
    """The target career and planning settings."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"career_id": "physician", "specialty_id": "family-medicine", "start_date": "2026-08-01"}]
        },
    )

    career_id: str = Field(max_length=60)
    route_id: str = Field(default="", max_length=60)
    specialty_id: str = Field(default="", max_length=60)
    current_stage_id: str = Field(default="", max_length=60)
    start_date: date | None = None
    current_stage_ends_on: date | None = None
    part_time: bool = False
    part_time_factor: Decimal = Field(default=Decimal("1.5"), ge=1, le=4)
    gap_after_stage_id: str = Field(default="", max_length=60)
    gap_months: int = Field(default=0, ge=0, le=60)


class MilestoneIn(Schema):
    """Mark a stage done today (``done``) or on a date, book it, or reopen it."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"done": True}]})

    done: bool = Field(default=False, description="Done today, in your time zone (the page's one-click 'Mark done').")
    completed_on: date | None = None
    booked_for: date | None = None
    reopen: bool = False
