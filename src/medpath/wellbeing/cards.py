"""The Resilience card ("Adaptability and resilience") on the person's own dashboard: when they last checked in
and whether their check-ins show something worth noticing. Never a value: a dashboard is read over shoulders."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from medpath.dashboard import Card, NextAction
from medpath.usertime import user_today
from medpath.wellbeing.selectors import signals_for, trend
from medpath.wording import day

TITLE = "Adaptability and resilience"


def wellbeing_card(user: Any) -> Card:
    """Last check-in day, a pointer to the trend when a signal shows, and the check-in itself."""
    url = reverse("wellbeing:overview")
    checkin = NextAction("Check in: about 30 seconds", reverse("wellbeing:checkin"))
    today = user_today(user)
    seen = trend(user, today)
    if seen.latest is None:
        return Card(
            "wellbeing",
            TITLE,
            "Short private check-ins (mood, energy, stress, sleep, one burnout question), seen by you alone.",
            [checkin, NextAction("Support lines", reverse("wellbeing:support"))],
            url,
        )
    parts = ["Checked in today." if seen.latest == today else f"Last check-in {day(seen.latest)}."]
    actions = [] if seen.latest == today else [checkin]
    if signals_for(user, today, seen=seen):
        parts.append("Your check-ins show something worth noticing.")
        actions.insert(0, NextAction("See your trend and where to find support", url))
    return Card("wellbeing", TITLE, " ".join(parts) + " Seen by you alone.", actions, url)
