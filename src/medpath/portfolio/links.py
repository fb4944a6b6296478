"""The private link of the combined calendar feed (the platform's signed-link service); the pillars it shows are
kept with the link (its ``subject``), so each link shows what was chosen when it was made."""

from datetime import timedelta

from medpath.accounts.links import register_purpose

CALENDAR = register_purpose(
    "portfolio-calendar",
    route="portfolio:calendar_feed",
    label="Combined calendar feed",
    max_lifetime=timedelta(days=5 * 366),
)
CALENDAR_LIFETIME = timedelta(days=2 * 365)
