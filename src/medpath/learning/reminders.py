"""Reminders before deadlines and expiry: 90, 60, 30 and 7 days ahead, once each.

``medpath remind`` (a management command for cron) calls ``send_reminders``. It is
idempotent: a threshold is recorded when dealt with, so running twice sends
nothing twice; after a missed day only the latest threshold crossed is sent, once.
Later pillars add their deadlines by registering a source of ``Deadline``s.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from medpath.accounts import links
from medpath.accounts.emails import send_email
from medpath.accounts.models import User
from medpath.deadlines import Deadline, deadlines_for, register_deadlines, register_reminder_job
from medpath.learning.links import UNSUBSCRIBE
from medpath.learning.models import ReminderSent
from medpath.learning.selectors import credential_statuses
from medpath.usertime import user_today
from medpath.wording import amount

THRESHOLDS = (90, 60, 30, 7)
logger = logging.getLogger("medpath.reminders")


def credential_deadlines(user: User, today: date) -> list[Deadline]:
    """Each credential's expiry, and its renewal deadline while the rules are not met."""
    found = []
    for status in credential_statuses(user, today):
        row = status.credential
        if row.expires_on:
            found.append(Deadline(f"credential:{row.pk}:expires:{row.expires_on}", f"{row.name} expires", row.expires_on))
        result = status.evaluation
        if result is not None and result.status in {"on-track", "at-risk"} and result.deadline != row.expires_on:
            missing = [f"{amount(r.missing)} {r.label}" for r in result.rules if r.applies and not r.met and r.kind != "cap"]
            found.append(
                Deadline(
                    f"credential:{row.pk}:renewal:{result.deadline}",
                    f"{row.name}: renewal requirements due",
                    result.deadline,
                    "; ".join(missing),
                )
            )
    return found


register_deadlines(credential_deadlines)


def crossed_threshold(days_left: int) -> int | None:
    """The smallest threshold already reached (7 when 5 days are left), or None when none is."""
    crossed = [threshold for threshold in THRESHOLDS if days_left <= threshold]
    return min(crossed) if crossed else None


@dataclass(frozen=True)
class Due:
    """A reminder to send now."""

    deadline: Deadline
    threshold: int
    days_left: int


def due_reminders(user: User, today: date) -> list[Due]:
    """Reminders not yet dealt with for this user today (no writes)."""
    sent = set(ReminderSent.objects.for_user(user).values_list("key", "threshold_days"))
    due = []
    for deadline in deadlines_for(user, today):
        days_left = (deadline.due - today).days
        if days_left < 0:
            continue
        threshold = crossed_threshold(days_left)
        if threshold is not None and (deadline.key, threshold) not in sent:
            due.append(Due(deadline, threshold, days_left))
    return due


def send_reminders(*, today_for: Callable[[User], date] = user_today, dry_run: bool = False) -> int:
    """Send every due reminder (one e-mail per user); returns the number of reminders dealt with.

    Each user is handled on their own: a failure (a bad rule set, the mail server down)
    is logged and that user's reminders stay due for the next run; the others go on.
    """
    handled = 0
    for user in User.objects.filter(is_active=True).order_by("pk").iterator():
        try:
            today = today_for(user)
            due = due_reminders(user, today)
            if not due or dry_run:
                handled += len(due)
                continue
            with transaction.atomic():
                fresh = _record(user, due)
                if fresh and user.email_reminders:
                    _email(user, fresh)  # raising here rolls the claims back, so the next run retries
                    for item in fresh:
                        ReminderSent.objects.for_user(user).filter(key=item.deadline.key, threshold_days=item.threshold).update(
                            emailed=True
                        )
            handled += len(fresh)
        except Exception:  # one user's failure must not stop everyone else's reminders
            logger.exception("reminders failed for user %s; they stay due for the next run", user.pk)
    return handled


def _record(user: User, due: list[Due]) -> list[Due]:
    """Claim each reminder (and the larger thresholds it passes) in the database; keep the ones this run claimed."""
    fresh = []
    for item in due:
        try:
            with transaction.atomic():
                ReminderSent(owner=user, key=item.deadline.key, threshold_days=item.threshold).save()
                for threshold in THRESHOLDS:
                    if threshold > item.threshold:
                        ReminderSent.objects.for_user(user).get_or_create(
                            owner=user, key=item.deadline.key, threshold_days=threshold
                        )
        except IntegrityError:  # another run claimed it first
            continue
        fresh.append(item)
    return fresh


def _email(user: User, due: list[Due]) -> None:
    issued = links.link_issue(owner=user, purpose=UNSUBSCRIBE.name, lifetime=timedelta(days=365), label="Reminder e-mail")
    # No credential names or rule labels: an e-mail may be read by others, and a "TB test" is health information.
    soonest = min(item.deadline.due for item in due)
    context = {
        "user": user,
        "count": len(due),
        "soonest": soonest,
        "unsubscribe": issued.url,
        "base_url": settings.MEDPATH_BASE_URL,
    }
    body = render_to_string("learning/email/reminders.txt", context)
    send_email(to=user.email, subject=f"MedPath: {len(due)} deadline{'s' if len(due) > 1 else ''} coming up", body=body)


register_reminder_job(
    "deadlines",
    lambda dry_run: send_reminders(dry_run=dry_run),
    done="{count} reminder(s) sent or recorded",
    due="{count} reminder(s) due",
)
