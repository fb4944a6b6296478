"""The Network card on the dashboard: follow-ups due and memberships to renew (a fixed number of queries)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from medpath.dashboard import Card, NextAction
from medpath.network.models import Membership
from medpath.network.selectors import contact_rows
from medpath.usertime import user_today
from medpath.wording import count, day


def network_card(user: Any) -> Card:
    """Where the person's network stands: follow-ups due, and the next membership renewal."""
    url = reverse("network:contacts")
    today = user_today(user)
    rows = contact_rows(user, sort="next_follow_up", today=today)
    due = [row for row in rows if (days := row.follow_up.days_left(today)) is not None and days <= 0]
    if not rows:
        return Card(
            "network",
            "Network",
            "Keep your mentors and contacts, with a follow-up rhythm, and your events and memberships.",
            [NextAction("Add a mentor or contact", reverse("network:contact_new"))],
            url,
        )
    actions = [
        NextAction(
            f"Get in touch with {row.contact.name}",
            reverse("network:contact_detail", args=[row.contact.pk]),
            f"due {day(row.follow_up.due_on)}",
        )
        for row in due[:3]
        if row.follow_up.due_on is not None
    ]
    renewal = Membership.objects.for_user(user).filter(renews_on__isnull=False).order_by("renews_on").first()
    parts = [f"{count(len(due), 'follow-up')} due." if due else "No follow-up due."]
    if renewal is not None and renewal.renews_on is not None:
        word = "lapsed" if renewal.renews_on < today else "renews"
        parts.append(f"{renewal.association} {word} {day(renewal.renews_on)}.")
    if not actions:
        actions.append(NextAction("Log an interaction", url))
    return Card("network", "Network", " ".join(parts), actions, url)
