"""The private calendar link of a roadmap (the platform's signed-link service)."""

from datetime import timedelta

from medpath.accounts.links import register_purpose

CALENDAR = register_purpose(
    "roadmap-calendar",
    route="plans:calendar_feed",
    label="Roadmap calendar feed",
    max_lifetime=timedelta(days=5 * 366),
)
CALENDAR_LIFETIME = timedelta(days=2 * 365)
