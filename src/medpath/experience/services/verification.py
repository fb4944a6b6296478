"""Verification of experience entries: a request to a supervisor through a single-use signed link, the
supervisor's answer, withdrawal, and the release of requests whose link lapsed.

The supervisor's answer, which comes through a signed link without an account, is
the one path that finds its rows from the link (``verification_answer``). Every change
to an entry's verification state locks the entries first, in id order (``lock_entries``).
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from medpath.accounts import links
from medpath.accounts.audit import audit_record
from medpath.accounts.emails import send_email
from medpath.accounts.models import AuditEvent, SignedLink, User
from medpath.experience.links import VERIFY
from medpath.experience.models import (
    Decision,
    ExperienceEntry,
    ExperienceKind,
    Verification,
    VerificationItem,
    VerificationRequest,
)
from medpath.experience.services.log import _content, _withdraw_items, lock_entries
from medpath.scoping import get_owned

DEFAULT_LINK_DAYS = 30
MAX_LINK_DAYS = VERIFY.max_lifetime.days  # the link purpose's own limit
logger = logging.getLogger("medpath.experience")


def release_lapsed(user: User) -> int:
    """Requests whose link expired or was revoked (on the Shared links page) no longer hold entries as pending:
    their items are withdrawn and the entries are not verified. Returns how many entries were released."""
    now = timezone.now()
    lapsed = (
        VerificationItem.objects.for_user(user)
        .filter(decision=Decision.PENDING)
        .exclude(request__link__revoked_at__isnull=True, request__link__expires_at__gt=now)
    )
    entry_ids = list(lapsed.values_list("entry_id", flat=True))
    if not entry_ids:
        return 0
    with transaction.atomic():
        lock_entries(user, entry_ids)  # a request made meanwhile for these entries is seen, not overwritten
        lapsed.filter(entry_id__in=entry_ids).update(decision=Decision.WITHDRAWN, decided_at=now)
        still = VerificationItem.objects.for_user(user).filter(decision=Decision.PENDING).values("entry_id")
        released: int = (
            ExperienceEntry.objects.for_user(user)
            .filter(pk__in=entry_ids, verification=Verification.PENDING)
            .exclude(pk__in=still)
            .update(verification=Verification.UNVERIFIED)
        )
    return released


@dataclass(frozen=True)
class SentRequest:
    """A verification request and its link (the URL is known only now)."""

    request: VerificationRequest
    url: str
    emailed: bool
    email_error: str = ""


def verification_request(
    *,
    user: User,
    entry_ids: Iterable[int],
    supervisor_email: str,
    supervisor_name: str = "",
    days: int = DEFAULT_LINK_DAYS,
    send: bool = True,
    request: HttpRequest | None = None,
) -> SentRequest:
    """Ask a supervisor to confirm entries through a single-use link, e-mailed to them when ``send``."""
    supervisor_email = supervisor_email.strip()
    problems: dict[str, list[str]] = {}
    try:
        validate_email(supervisor_email)
    except ValidationError:
        problems["supervisor_email"] = ["Enter the supervisor's e-mail address."]
    if supervisor_email.lower() == user.email.lower():
        problems["supervisor_email"] = ["You cannot verify your own entries: give your supervisor's address."]
    if not 1 <= days <= MAX_LINK_DAYS:
        problems["days"] = [f"The link lasts 1 to {MAX_LINK_DAYS} days."]
    wanted = sorted(set(entry_ids))
    with transaction.atomic():
        # Locked first, as by every writer of verification state: a second request for the same entries waits
        # here, then sees this one's items and withdraws them, so only one request per entry is ever pending.
        entries = list(lock_entries(user, wanted).values())
        if not wanted or len(entries) != len(wanted):
            problems["entry_ids"] = ["Choose one or more of your entries."]
        elif any(entry.verification == Verification.VERIFIED for entry in entries):
            problems["entry_ids"] = ["Some of these entries are already verified."]
        if problems:
            raise ValidationError(problems)
        issued = links.link_issue(
            owner=user,
            purpose=VERIFY.name,
            lifetime=timedelta(days=days),
            label=supervisor_email,
            single_use=True,
            request=request,
        )
        sent = VerificationRequest(
            owner=user, link=issued.link, supervisor_email=supervisor_email, supervisor_name=supervisor_name.strip()[:200]
        )
        sent.save()
        issued.link.subject = f"experience.request:{sent.pk}"
        issued.link.save(update_fields=["subject"])
        _withdraw_items(user, VerificationItem.objects.for_user(user).filter(entry__in=entries), request)
        for entry in entries:
            VerificationItem(owner=user, request=sent, entry=entry, revision=entry.revision, content=_content(entry)).save()
        ExperienceEntry.objects.for_user(user).filter(pk__in=wanted).update(verification=Verification.PENDING)
        audit_record(
            AuditEvent.Kind.VERIFICATION_REQUESTED,
            request=request,
            owner=user,
            subject=supervisor_email,
            entries=wanted,
            link_id=issued.link.pk,
        )
    if not send:
        return SentRequest(request=sent, url=issued.url, emailed=False)
    # Sent after the commit: a mail server that is down must not lose the request, only the e-mail.
    try:
        email_supervisor(sent, issued.url, reminder=False)
    except (OSError, smtplib.SMTPException) as error:
        logger.warning("verification e-mail for request %s not sent: %s", sent.pk, type(error).__name__)
        return SentRequest(request=sent, url=issued.url, emailed=False, email_error="The e-mail could not be sent")
    return SentRequest(request=sent, url=issued.url, emailed=True)


def email_supervisor(sent: VerificationRequest, url: str, *, reminder: bool) -> None:
    """E-mail the supervisor the request's link; the subject and body name the requester, never the entries."""
    owner = sent.owner
    context = {
        "requester": owner.full_name or owner.email,
        "requester_email": owner.email,
        "supervisor": sent.supervisor_name,
        "count": sent.items.filter(decision=Decision.PENDING).count(),
        "url": url,
        "expires": sent.link.expires_at,
        "reminder": reminder,
    }
    body = render_to_string("experience/email/verification_request.txt", context)
    # The subject names the requester only: hours and descriptions stay behind the link.
    prefix = "Reminder: " if reminder else ""
    send_email(
        to=sent.supervisor_email, subject=f"{prefix}{context['requester']} asks you to confirm experience hours", body=body
    )


@dataclass(frozen=True)
class SentEntry:
    """An entry as it was sent for verification (read from the item's snapshot, never from the live entry)."""

    title: str
    kind: str
    started_on: date
    ended_on: date | None
    start_time: time | None
    end_time: time | None
    hours: Decimal
    organization: str
    description: str

    @classmethod
    def of(cls, content: Mapping[str, Any]) -> SentEntry:
        """Read a snapshot made by ``_content``."""

        def day(value: Any) -> date | None:
            return date.fromisoformat(value) if value else None

        def moment(value: Any) -> time | None:
            return time.fromisoformat(value) if value else None

        return cls(
            title=content.get("title", ""),
            kind=dict(ExperienceKind.choices).get(content.get("kind", ""), ""),
            started_on=day(content.get("started_on")) or date.min,
            ended_on=day(content.get("ended_on")),
            start_time=moment(content.get("start_time")),
            end_time=moment(content.get("end_time")),
            hours=Decimal(content.get("hours") or 0),
            organization=content.get("organization", ""),
            description=content.get("description", ""),
        )


@dataclass(frozen=True)
class OpenRequest:
    """What the supervisor sees: the request and each entry as sent, answerable or not."""

    request: VerificationRequest
    items: list[VerificationItem]

    @property
    def rows(self) -> list[tuple[VerificationItem, SentEntry]]:
        """Each item with the entry as it was sent."""
        return [(item, SentEntry.of(item.content)) for item in self.items]

    @property
    def answerable(self) -> list[VerificationItem]:
        """Items still waiting whose entry has not changed since the request and awaits no other answer."""
        return [
            item
            for item in self.items
            if item.decision == Decision.PENDING
            and item.entry.revision == item.revision
            and item.entry.verification == Verification.PENDING
        ]


def verification_open(*, token: str, request: HttpRequest | None = None) -> OpenRequest:
    """The request a supervisor's link opens (LinkError when expired, used, revoked or tampered with)."""
    link = links.link_check(token=token, purpose=VERIFY.name, request=request)
    return _open(link)


def _open(link: SignedLink) -> OpenRequest:
    sent = VerificationRequest.objects.for_user(link.owner).select_related("owner", "link").get(link=link)
    items = list(VerificationItem.objects.for_user(link.owner).filter(request=sent).select_related("entry"))
    return OpenRequest(request=sent, items=items)


def verification_answer(
    *,
    token: str,
    answers: Mapping[int, tuple[str, str]],
    name: str,
    request: HttpRequest | None = None,
) -> OpenRequest:
    """Record the supervisor's decision on every answerable entry, all at once, and spend the link.

    ``answers`` maps item id to (confirmed|declined, comment). Every answerable item
    needs a decision and a declined one a comment; otherwise nothing is saved and
    the link still works. A decision is recorded only while its entry is still pending
    at the revision sent, checked under the entry's row lock: two links can never both
    answer one entry, and whoever loses a race for the same link is told it was used.
    """
    link = links.link_check(token=token, purpose=VERIFY.name, request=request)
    with transaction.atomic():
        entry_ids = [item.entry_id for item in _open(link).items]  # fixed when the request was made
        lock_entries(link.owner, entry_ids)
        # The one winner: a conditional update of the link row. The loser of a race waited on the entries'
        # locks above and now finds the link used (LinkError), not a half-answered page.
        link = links.link_consume(token=token, purpose=VERIFY.name, request=request)
        opened = _open(link)  # read under the locks: the state every decision below is checked against
        _check_answers(opened, answers, name)
        sent, owner, now = opened.request, link.owner, timezone.now()
        for item in opened.answerable:
            decision, comment = answers[item.pk]
            item.decision, item.comment, item.decided_at = decision, comment.strip(), now
            item.save(update_fields=["decision", "comment", "decided_at"])
            entry = item.entry
            entry.verification = Verification.VERIFIED if decision == Decision.CONFIRMED else Verification.DECLINED
            entry.verified_at = now
            entry.verified_by = name.strip()[:200]
            entry.verified_email = sent.supervisor_email
            entry.verifier_comment = item.comment
            entry.save(update_fields=["verification", "verified_at", "verified_by", "verified_email", "verifier_comment"])
            audit_record(
                AuditEvent.Kind.ENTRY_VERIFIED if decision == Decision.CONFIRMED else AuditEvent.Kind.ENTRY_DECLINED,
                request=request,
                owner=owner,
                subject=sent.supervisor_email,
                entry_id=entry.pk,
                revision=entry.revision,
                name=entry.verified_by,
            )
        sent.answered_at, sent.answered_by = now, name.strip()[:200]
        sent.save(update_fields=["answered_at", "answered_by"])
    return _open(link)


def _check_answers(opened: OpenRequest, answers: Mapping[int, tuple[str, str]], name: str) -> None:
    """Every answerable item decided, a declined one explained; raising rolls back the link's use."""
    problems: dict[str, list[str]] = {}
    if not name.strip():
        problems["name"] = ["Give your name: it is shown with your answer."]
    for item in opened.answerable:
        decision, comment = answers.get(item.pk, ("", ""))
        if decision not in {Decision.CONFIRMED, Decision.DECLINED}:
            problems[f"decision_{item.pk}"] = ["Confirm or decline this entry."]
        elif decision == Decision.DECLINED and not comment.strip():
            problems[f"comment_{item.pk}"] = ["Say briefly why, so it can be corrected."]
        elif len(comment) > 1000:
            problems[f"comment_{item.pk}"] = ["At most 1,000 characters."]
    if not opened.answerable:
        problems["__all__"] = ["Nothing here is waiting for an answer any more."]
    if problems:
        raise ValidationError(problems)


def verification_withdraw(*, user: User, pk: int, request: HttpRequest | None = None) -> None:
    """Withdraw a request still waiting: its link stops working and its entries are no longer pending."""
    sent = get_owned(VerificationRequest, user, pk=pk)
    with transaction.atomic():
        lock_entries(user, VerificationItem.objects.for_user(user).filter(request=sent).values_list("entry_id", flat=True))
        links.link_revoke(owner=user, link_id=sent.link_id, request=request)
        pending = VerificationItem.objects.for_user(user).filter(request=sent, decision=Decision.PENDING)
        entry_ids = list(pending.values_list("entry_id", flat=True))
        pending.update(decision=Decision.WITHDRAWN, decided_at=timezone.now())
        still_waiting = VerificationItem.objects.for_user(user).filter(entry_id__in=entry_ids, decision=Decision.PENDING)
        ExperienceEntry.objects.for_user(user).filter(pk__in=entry_ids, verification=Verification.PENDING).exclude(
            pk__in=still_waiting.values("entry_id")
        ).update(verification=Verification.UNVERIFIED)
