"""Reads for the dashboard: the ranked next actions of every pillar."""

from __future__ import annotations

from datetime import date
from typing import Any

from medpath.dashboard import candidate_actions
from medpath.home.models import ActionChoice
from medpath.next_actions import Action, Choice, rank
from medpath.usertime import user_today


def next_actions(user: Any, today: date | None = None) -> list[Action]:
    """Every pillar's candidate actions for the user, less what they snoozed or dismissed, most consequential
    first (one query for the choices, whatever the number of actions)."""
    today = today or user_today(user)
    choices = {
        row.key: Choice(row.key, row.signature, row.snoozed_until, row.dismissed) for row in ActionChoice.objects.for_user(user)
    }
    return rank(candidate_actions(user, today), choices, today)


def current_action(user: Any, key: str) -> Action | None:
    """The user's candidate action with this key today, whether hidden or not."""
    today = user_today(user)
    return next((action for action in candidate_actions(user, today) if action.key == key), None)
