"""Network deadlines in the registry (reminders, the calendar feed): each contact's next follow-up and each
membership's renewal date."""

from __future__ import annotations

from datetime import date

from medpath.accounts.models import User
from medpath.deadlines import Deadline, register_deadlines
from medpath.network.models import Membership
from medpath.network.selectors import contact_rows


def network_deadlines(user: User, today: date) -> list[Deadline]:
    """Follow-ups (overdue ones on today, so they are not lost) and membership renewals still ahead."""
    found = [
        Deadline(
            f"network:follow-up:{row.contact.pk}:{row.follow_up.due_on}",  # each cycle its own reminders
            f"Follow up with {row.contact.name}",
            max(row.follow_up.due_on, today),
            f"Every {row.follow_up.rhythm.days} days ({row.follow_up.rhythm.reason}).",
        )
        for row in contact_rows(user, today=today)
        if row.follow_up.due_on is not None
    ]
    found += [
        Deadline(f"network:membership:{row.pk}:renews:{row.renews_on}", f"Membership renews: {row.association}", row.renews_on)
        for row in Membership.objects.for_user(user).filter(renews_on__gte=today)
        if row.renews_on is not None
    ]
    return found


register_deadlines(network_deadlines)
