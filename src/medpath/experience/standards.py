"""The work-hour standard from the catalog, as the engine's limits and default settings. Pure."""

from __future__ import annotations

from medpath.catalog.loader import catalog
from medpath.catalog.workhour_schema import WorkHourRules
from medpath.experience.workhours import Limits, Settings

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
