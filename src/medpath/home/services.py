"""Writes for the dashboard: snooze or dismiss a next action."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from medpath.home.models import ActionChoice
from medpath.home.selectors import current_action
from medpath.usertime import user_today

LONGEST_SNOOZE = timedelta(days=365)


def action_snooze(*, user: Any, key: str, until: date) -> ActionChoice:
    """Hide an action until a date (at most a year ahead); it comes back sooner if its reason changes."""
    today = user_today(user)
    if not today < until <= today + LONGEST_SNOOZE:
        raise ValidationError({"until": [f"Snooze until a day after today and at most a year ahead ({today + LONGEST_SNOOZE})."]})
    return _choose(user=user, key=key, snoozed_until=until, dismissed=False)


def action_dismiss(*, user: Any, key: str) -> ActionChoice:
    """Hide an action for good, unless its reason changes (a new deadline, a new violation)."""
    return _choose(user=user, key=key, snoozed_until=None, dismissed=True)


def _choose(*, user: Any, key: str, snoozed_until: date | None, dismissed: bool) -> ActionChoice:
    action = current_action(user, key)
    if action is None:
        raise Http404("No such action: it may have been done already.")
    with transaction.atomic():
        row: ActionChoice
        row, _ = ActionChoice.objects.for_user(user).update_or_create(
            owner=user,
            key=key,
            defaults={
                "signature": action.signature,
                "snoozed_until": snoozed_until,
                "dismissed": dismissed,
                "chosen_at": timezone.now(),
            },
        )
    return row
