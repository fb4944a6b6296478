"""Writes of the resilience pillar: save a day's check-in (replacing that day's), delete one, delete them all.

Nothing here logs, e-mails or audits a value or a note: wellbeing content stays in its own rows.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from medpath.accounts.models import User
from medpath.bounds import year_in_range
from medpath.dashboard import forget_action_choices
from medpath.privacy.forms import guard_texts
from medpath.scoping import get_owned, lock_owner
from medpath.usertime import user_today
from medpath.wellbeing.models import MAX_SLEEP, NOTE_LENGTH, CheckIn

SCALE_MESSAGES = {
    "mood": "Choose your mood from 1 (very low) to 5 (very good).",
    "energy": "Choose your energy from 1 (exhausted) to 5 (full of energy).",
    "stress": "Choose your stress from 1 (none) to 5 (extreme).",
    "burnout": "Choose one of the five answers to the burnout question (1 to 5).",
}
FUTURE_DAY = "A check-in is for today or an earlier day, not a later one."
SLEEP_MESSAGE = "Enter the hours you slept, from 0 to 24 in half hours (6.5, for example)."


def _scale(name: str, value: object, problems: dict[str, list[str]]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        problems[name] = [SCALE_MESSAGES[name]]
        return 0
    return value


def _sleep(value: object, problems: dict[str, list[str]]) -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        hours = Decimal(-1)
    if not hours.is_finite() or not Decimal(0) <= hours <= MAX_SLEEP or (hours * 2) % 1 != 0:
        problems["sleep_hours"] = [SLEEP_MESSAGE]
        return Decimal(0)
    return hours


def checkin_save(
    *,
    user: User,
    mood: int,
    energy: int,
    stress: int,
    burnout: int,
    sleep_hours: Decimal | float | str,
    day: date | None = None,
    note: str = "",
    privacy_confirmed: bool = False,
) -> CheckIn:
    """Save the user's check-in for ``day`` (today when left out), replacing one already saved that day."""
    today = user_today(user)
    day = day or today
    problems: dict[str, list[str]] = {}
    values = {
        name: _scale(name, value, problems)
        for name, value in (("mood", mood), ("energy", energy), ("stress", stress), ("burnout", burnout))
    }
    hours = _sleep(sleep_hours, problems)
    if day > today:
        problems["day"] = [FUTURE_DAY]
    elif not year_in_range(day):
        problems["day"] = ["Enter a day of a year MedPath can hold."]
    note = note.strip()
    if len(note) > NOTE_LENGTH:
        problems["note"] = [f"At most {NOTE_LENGTH:,} characters."]
    if problems:
        raise ValidationError(problems)
    guard_texts({"note": note}, confirmed=privacy_confirmed)
    with transaction.atomic():
        lock_owner(user)  # two saves of one day at once: the second waits, then replaces the first
        saved: tuple[CheckIn, bool] = CheckIn.objects.for_user(user).update_or_create(
            owner=user,
            day=day,
            defaults={**values, "sleep_hours": hours, "note": note, "saved_at": timezone.now()},
        )
    return saved[0]


def checkin_delete(*, user: User, pk: int) -> None:
    """Delete one of the user's check-ins."""
    with transaction.atomic():
        get_owned(CheckIn, user, pk=pk).delete()


def checkins_delete_all(*, user: User) -> int:
    """Delete every check-in of the user in one step, with any snooze or dismissal of the "Check in today" reminder
    (a dated trace that check-ins were used); how many check-ins there were."""
    with transaction.atomic():
        deleted, _ = CheckIn.objects.for_user(user).delete()
        forget_action_choices(user, "wellbeing:")
    return deleted
