"""The shape of work-hour rule data (data/workhours/*.yaml)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from medpath.catalog.schema import Confidence, Slug, _Strict


class LeaveHandling(_Strict):
    """How leave enters the averages, with the source for the default."""

    default: Literal["omit", "zero"]
    source: Slug
    confidence: Confidence
    note: str = ""


class WorkHourRules(_Strict):
    """The numbers of a work-hour standard, with its source."""

    id: Slug
    name: str
    effective_from: date
    last_verified: date
    source: Slug
    confidence: Confidence
    weekly_hours: float = Field(gt=0, le=168)
    window_days: int = Field(ge=7, le=90)
    days_per_free_day: int = Field(ge=1, le=31)
    continuous_hours: float = Field(gt=0, le=48)
    extra_hours: float = Field(ge=0, le=12)
    call_every_nth_night: int = Field(ge=1, le=14)
    rest_after_call_hours: float = Field(ge=0, le=48)
    call_hours_for_rest: float = Field(gt=0, le=48)
    rest_between_hours: float = Field(ge=0, le=24)
    leave_handling: LeaveHandling


class WorkHourFile(_Strict):
    """A workhours/*.yaml file."""

    workhour_rules: WorkHourRules
