"""Pending verifications in ``medpath remind``: the supervisor is reminded once, the user sees the link's expiry.

The supervisor gets one reminder when a request is still unanswered and its link
has ``SUPERVISOR_REMINDER_DAYS`` or fewer days left; the link in it is the same
one (its token is derived from the link's row, so nothing new is issued). The user's
deadline ("verification link expires") joins the other pillars' reminders.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from medpath.accounts import links
from medpath.accounts.models import User
from medpath.deadlines import Deadline, register_deadlines, register_reminder_job
from medpath.experience.models import Decision, VerificationItem, VerificationRequest

SUPERVISOR_REMINDER_DAYS = 7
logger = logging.getLogger("medpath.reminders")


def waiting_requests(owner: User | None = None) -> list[VerificationRequest]:
    """Requests still unanswered whose link still works (an owner's, or everyone's for the daily run)."""
    now = timezone.now()
    pending = VerificationItem.all_owners.filter(decision=Decision.PENDING).values("request_id")
    query = VerificationRequest.all_owners if owner is None else VerificationRequest.objects.for_user(owner)
    return list(
        query.filter(
            answered_at__isnull=True,
            link__revoked_at__isnull=True,
            link__used_at__isnull=True,
            link__expires_at__gt=now,
            pk__in=pending,
        ).select_related("link", "owner")
    )


def verification_deadlines(user: User, today: date) -> list[Deadline]:
    """A request still unanswered within a week of its link's expiry: time to nudge or send again."""
    found = []
    for sent in waiting_requests(user):
        expires = timezone.localdate(sent.link.expires_at)
        if (expires - today).days <= SUPERVISOR_REMINDER_DAYS:
            found.append(
                Deadline(
                    f"verification:{sent.pk}:expires",
                    "A verification link you sent expires",
                    expires,
                    "Withdraw it and ask again if the supervisor has not answered.",
                )
            )
    return found


register_deadlines(verification_deadlines)


def remind_supervisors(*, dry_run: bool = False) -> int:
    """E-mail each supervisor once about a request still waiting near its link's expiry; returns how many."""
    from medpath.experience.services import email_supervisor

    limit = timezone.now() + timedelta(days=SUPERVISOR_REMINDER_DAYS)
    count = 0
    for sent in waiting_requests():
        if sent.reminded_at is not None or sent.link.expires_at > limit or not sent.owner.is_active:
            continue
        if dry_run:
            count += 1
            continue
        try:
            with transaction.atomic():
                # The claim is the conditional update: of two overlapping runs only one sends, and only it counts.
                claimed = VerificationRequest.all_owners.filter(pk=sent.pk, reminded_at__isnull=True).update(
                    reminded_at=timezone.now()
                )
                if claimed:
                    email_supervisor(sent, links.link_url(sent.link.purpose, links.token_for(sent.link)), reminder=True)
        except Exception:  # one failure must not stop the others; the claim rolls back, so the next run retries
            logger.exception("verification reminder failed for request %s", sent.pk)
            continue
        count += claimed
    return count


register_reminder_job(
    "supervisors",
    lambda dry_run: remind_supervisors(dry_run=dry_run),
    done="{count} supervisor(s) reminded of a pending verification",
    due="{count} supervisor reminder(s) due",
)


def release_everyone_lapsed(dry_run: bool) -> int:
    """The daily settlement: entries whose every waiting request has lapsed are marked not verified in the
    database (pages already show them so without writing). Returns how many entries were (or would be) released."""
    from medpath.experience.services import release_lapsed

    now = timezone.now()
    lapsed = VerificationItem.all_owners.filter(decision=Decision.PENDING).exclude(
        request__link__revoked_at__isnull=True, request__link__expires_at__gt=now
    )
    owners = User.objects.filter(pk__in=lapsed.values("owner_id")).order_by("pk")
    if dry_run:
        return lapsed.values("entry_id").distinct().count()
    return sum(release_lapsed(owner) for owner in owners)


register_reminder_job(
    "lapsed verifications",
    release_everyone_lapsed,
    done="{count} entr(ies) released from lapsed verification links",
    due="{count} entr(ies) waiting on lapsed verification links",
)
