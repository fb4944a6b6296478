"""Signed-link purposes of the learning pillar (the platform's link service)."""

from datetime import timedelta

from medpath.accounts.links import register_purpose

DEADLINES_CALENDAR = register_purpose(
    "deadlines-calendar", route="learning:calendar_feed", label="Deadlines calendar feed", max_lifetime=timedelta(days=5 * 366)
)
UNSUBSCRIBE = register_purpose(
    "reminders-unsubscribe",
    route="learning:unsubscribe",
    label="Reminder unsubscribe link",
    max_lifetime=timedelta(days=400),
    listed=False,
    emailed_action="Stops reminder e-mails",
)
