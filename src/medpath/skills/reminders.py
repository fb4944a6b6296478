"""Feedback deadlines and the daily run: the requester's closing date joins the deadline registry; raters who
have not answered are reminded once, three days before the close, through the same link; requests past their
last day are closed (and, with too few answers, their answers wiped).

The requester is never told which raters were reminded: a reminder goes to every rater whose link is unused,
and nothing about it is shown or stored where the requester can read it.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from medpath.accounts.models import User
from medpath.deadlines import Deadline, register_deadlines, register_reminder_job
from medpath.skills.models import FeedbackRater, FeedbackRequest, Goal, GoalStatus
from medpath.usertime import user_today

RATER_REMINDER_DAYS = 3
logger = logging.getLogger("medpath.reminders")


def skills_deadlines(user: User, today: date) -> list[Deadline]:
    """An open feedback request's last day, and each open goal's due date."""
    found = [
        Deadline(
            f"skills:feedback:{sent.pk}:closes",
            f"Feedback request closes: {sent.title}",
            sent.closes_on,
            "Results are shown after this day if enough colleagues answered.",
        )
        for sent in FeedbackRequest.objects.for_user(user).filter(closed_at__isnull=True, closes_on__gte=today)
    ]
    found += [
        Deadline(f"skills:goal:{goal.pk}:due", f"Goal due: {goal.title}", goal.due_on)
        for goal in Goal.objects.for_user(user).filter(status=GoalStatus.OPEN, due_on__gte=today)
    ]
    return found


register_deadlines(skills_deadlines)


def remind_raters(dry_run: bool) -> int:
    """E-mail each rater whose link is unused, once, when their request closes within three days."""
    from medpath.skills.services.feedback import _email_rater

    now = timezone.now()
    waiting = FeedbackRater.all_owners.filter(
        reminded_at__isnull=True,
        request__closed_at__isnull=True,
        link__used_at__isnull=True,
        link__revoked_at__isnull=True,
        link__expires_at__gt=now,
        link__expires_at__lte=now + timedelta(days=RATER_REMINDER_DAYS + 1),
    ).select_related("request", "request__owner", "link")
    count = 0
    for rater in waiting:
        sent = rater.request
        if not sent.owner.is_active or sent.is_closed():
            continue
        if (sent.closes_on - user_today(sent.owner)).days > RATER_REMINDER_DAYS:
            continue
        if dry_run:
            count += 1
            continue
        with transaction.atomic():
            claimed = FeedbackRater.all_owners.filter(pk=rater.pk, reminded_at__isnull=True).update(reminded_at=now)
            if claimed and not _email_rater(sent, rater, reminder=True):
                transaction.set_rollback(True)  # not sent: the next run tries again
                claimed = 0
        count += claimed
    return count


register_reminder_job(
    "feedback raters",
    remind_raters,
    done="{count} colleague(s) reminded of a feedback request",
    due="{count} feedback reminder(s) due",
)


def close_due(dry_run: bool) -> int:
    """Record the closing of feedback requests past their last day."""
    from medpath.skills.services.feedback import close_due_requests

    return close_due_requests(dry_run)


register_reminder_job(
    "feedback closing",
    close_due,
    done="{count} feedback request(s) closed",
    due="{count} feedback request(s) to close",
)
