"""The work-hour standard from the catalog, as the engine's limits and default settings. Pure."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from medpath.catalog.loader import catalog
from medpath.catalog.workhour_schema import WorkHourRules
from medpath.experience.workhours import LeaveHandling, Limits, Report, Settings, Window

STANDARD = "acgme-2017"


def standard() -> WorkHourRules:
    """The ACGME rules in force since 2017, as catalog data with their source."""
    return catalog().workhour_rules[STANDARD]


def limits() -> Limits:
    """The rules' numbers for the engine."""
    rules = standard()
    return Limits(
        weekly_hours=rules.weekly_hours,
        window_days=rules.window_days,
        days_per_free_day=rules.days_per_free_day,
        continuous_hours=rules.continuous_hours,
        extra_hours=rules.extra_hours,
        call_every_nth_night=rules.call_every_nth_night,
        rest_after_call_hours=rules.rest_after_call_hours,
        call_hours_for_rest=rules.call_hours_for_rest,
        rest_between_hours=rules.rest_between_hours,
    )


def default_settings() -> Settings:
    """Settings with the catalog's default for leave."""
    return Settings(leave=standard().leave_handling.default)


WINDOWS = ("rolling", "rotation")
LEAVE_HANDLING = ("omit", "zero")


class SettingsRejected(ValueError):
    """A choice out of range; ``field`` names the option (window, leave or gap)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def chosen_settings(*, window: str = "rolling", leave: str | None = None, gap: float | None = None) -> Settings:
    """The settings of a stateless check (CLI and API alike), checked; the catalog's default leave unless chosen."""
    if window not in WINDOWS:
        raise SettingsRejected("window", "The averaging window is rolling or rotation.")
    if leave and leave not in LEAVE_HANDLING:
        raise SettingsRejected("leave", "Leave is omit (left out of the average) or zero.")
    if gap is not None and not 0 < gap <= 12:
        raise SettingsRejected("gap", "The continuity gap is more than 0 and at most 12 hours.")
    base = default_settings()
    return replace(
        base,
        window=cast("Window", window),
        leave=cast("LeaveHandling", leave) if leave else base.leave,
        continuity_gap_hours=base.continuity_gap_hours if gap is None else gap,
    )


def report_json(report: Report) -> dict[str, Any]:
    """A report as JSON with the standard it was checked against: what the API and ``--json`` both print."""
    rules = standard()
    return {**report.as_dict(), "standard": {"id": rules.id, "last_verified": rules.last_verified.isoformat()}}
