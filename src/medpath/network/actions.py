"""The network pillar's next actions: follow-ups due within a week (or overdue) and memberships renewing within a
month or lapsed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.urls import reverse

from medpath.network.models import Membership
from medpath.network.selectors import RENEWAL_SOON_DAYS, follow_ups_due
from medpath.next_actions import Action, by_days
from medpath.wording import count, day

FOLLOW_UP_HORIZON_DAYS = 7  # a follow-up shows a week before it is due


def network_actions(user: Any, today: date) -> list[Action]:
    """Follow-ups due within a week or overdue; memberships lapsed or renewing within a month."""
    found = []
    for row in follow_ups_due(user, today, within_days=FOLLOW_UP_HORIZON_DAYS):
        due_on = row.follow_up.due_on
        assert due_on is not None
        silent = row.days_since(today)
        since = f"last contact {day(row.last_contact)}" if row.last_contact else f"added {day(row.contact.added_on)}"
        found.append(
            Action(
                f"network:follow-up:{row.contact.pk}",
                "network",
                f"Get in touch with {row.contact.name}",
                f"No contact for {count(silent, 'day')} ({since}); your rhythm is every {row.follow_up.rhythm.days} days.",
                "medium" if due_on < today else "low",
                due_on,
                reverse("network:contact_detail", args=[row.contact.pk]),
                fingerprint=f"{row.contact.pk}|{due_on}",  # the day count in the reason changes daily; the cycle does not
            )
        )
    soon = today + timedelta(days=RENEWAL_SOON_DAYS)
    for membership in Membership.objects.for_user(user).filter(renews_on__lte=soon).order_by("renews_on"):
        assert membership.renews_on is not None
        days = (membership.renews_on - today).days
        lapsed = days < 0
        found.append(
            Action(
                f"network:membership:{membership.pk}",
                "network",
                f"{'Membership lapsed' if lapsed else 'Renew your membership'}: {membership.association}",
                # the dashboard shows the date beside the reason: the reason does not repeat it
                "It has lapsed: renew it, or delete it if you left." if lapsed else "Renew it before it lapses.",
                by_days(days, overdue="high"),
                membership.renews_on,
                reverse("network:membership_edit", args=[membership.pk]),
            )
        )
    return found
