"""The private calendar link of upcoming events (the platform's signed-link service)."""

from datetime import timedelta

from medpath.accounts.links import register_purpose

EVENTS_CALENDAR = register_purpose(
    "network-events-calendar",
    route="network:events_feed",
    label="Events calendar feed",
    max_lifetime=timedelta(days=5 * 366),
)
EVENTS_CALENDAR_LIFETIME = timedelta(days=2 * 365)
