"""The resilience pillar's next action: a gentle "check in today", never with a value, a signal or a note.

Decided (docs/wellbeing.md): the only wellbeing next action is this reminder, offered only to someone who
checked in during the last two weeks (so it never nags a person who does not use check-ins), not yet today. There
are no wellbeing deadlines, reminder e-mails or calendar entries. Its fingerprint is the day of the last check-in:
dismissing it hides the reminder until the person checks in again (a snooze hides it until the chosen day), so a
dismissal means "not about this gap", neither one day only nor for good.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.urls import reverse

from medpath.next_actions import Action
from medpath.wellbeing.models import CheckIn

OFFER_WITHIN = timedelta(days=14)  # MedPath's setting: offer the reminder to people who checked in this recently


def wellbeing_actions(user: Any, today: date) -> list[Action]:
    """ "Check in today" for a person who checks in, when today's is missing."""
    latest = CheckIn.objects.for_user(user).filter(day__lte=today).order_by("-day").values_list("day", flat=True).first()
    if latest is None or latest == today or today - latest > OFFER_WITHIN:
        return []
    return [
        Action(
            "wellbeing:check-in",
            "wellbeing",
            "Check in today",
            "About 30 seconds, seen by you alone.",
            "low",
            None,
            reverse("wellbeing:checkin"),
            fingerprint=f"since:{latest.isoformat()}",
        )
    ]
