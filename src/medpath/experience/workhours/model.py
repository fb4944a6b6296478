"""The work-hour engine's vocabulary: shift kinds, the limits (catalog data), the settings (choices), findings
and the report. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cached_property
from typing import Literal, NamedTuple

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


class WeekTotal(NamedTuple):
    """One week's counted hours, and the average per week over the four weeks that end with it: ``None`` before the
    fourth week and for a last week cut short by the end of the schedule (only whole weeks are averaged)."""

    week_of: date
    hours: float
    four_week_average: float | None = None


@dataclass
class Report:
    """Everything found, the weekly totals behind the averages, and how it was computed."""

    violations: list[Finding] = field(default_factory=list)
    advisories: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    weekly_hours: dict[str, list[WeekTotal]] = field(default_factory=dict)
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
                resident: [
                    {"week_of": week.week_of.isoformat(), "hours": week.hours, "four_week_average": week.four_week_average}
                    for week in weeks
                ]
                for resident, weeks in self.weekly_hours.items()
            },
            "window_mode": self.window_mode,
            "notes": self.notes,
        }


# ---- checking input ----------------------------------------------------------------------------------------
