"""The Resilience card ("Adaptability and resilience") on the person's own dashboard: when they last checked in,
and the way to the trend and the support lines. The card reads the same whether or not a signal shows: a dashboard
is read over shoulders, so it carries no value and no hint of one; signals are on the trend page, which a check-in
leads to."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from medpath.dashboard import Card, NextAction
from medpath.usertime import user_today
from medpath.wellbeing.models import CheckIn
from medpath.wording import day

TITLE = "Adaptability and resilience"


def wellbeing_card(user: Any) -> Card:
    """Last check-in day, the check-in itself when today's is missing, and the way to the trend."""
    url = reverse("wellbeing:overview")
    checkin = NextAction("Check in: about 30 seconds", reverse("wellbeing:checkin"))
    today = user_today(user)
    latest = CheckIn.objects.for_user(user).filter(day__lte=today).order_by("-day").values_list("day", flat=True).first()
    if latest is None:
        return Card(
            "wellbeing",
            TITLE,
            "Short private check-ins (mood, energy, stress, sleep, one burnout question), seen by you alone.",
            [checkin, NextAction("Support lines", reverse("wellbeing:support"))],
            url,
        )
    summary = "Checked in today." if latest == today else f"Last check-in {day(latest)}."
    actions = [] if latest == today else [checkin]
    actions.append(NextAction("Your trend and support lines", url))
    return Card("wellbeing", TITLE, f"{summary} Seen by you alone.", actions, url)
