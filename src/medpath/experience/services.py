"""Writing the experience pillar's records: entries (with versions when verified), verification, targets, procedures.

Every function takes the acting user and touches only that user's rows; the
supervisor's answer, which comes through a signed link without an account, is
the one path that finds its rows from the link (``verification_answer``).
"""

from __future__ import annotations

import logging
import smtplib
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
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
from medpath.catalog.loader import catalog
from medpath.experience.links import VERIFY
from medpath.experience.models import (
    Decision,
    ExperienceEntry,
    ExperienceKind,
    ExperienceTarget,
    ExperienceVersion,
    ProcedureEntry,
    ProcedureRole,
    ProcedureTarget,
    Verification,
    VerificationItem,
    VerificationRequest,
)
from medpath.privacy.forms import guard_texts
from medpath.scoping import get_owned, one_at_a_time_per_user
from medpath.usertime import user_zone

FIRST_DATE, LAST_DATE = date(1950, 1, 1), date(2100, 12, 31)
CENT = Decimal("0.01")
ENTRY_FIELDS = (
    "kind",
    "title",
    "organization",
    "setting",
    "specialty",
    "started_on",
    "ended_on",
    "start_time",
    "end_time",
    "hours",
    "supervisor_name",
    "supervisor_email",
    "description",
    "reflection",
    "tags",
)
ENTRY_GUARDED = ("title", "description", "reflection")
PROCEDURE_FIELDS = ("procedure", "category", "performed_on", "setting", "role", "supervision", "chief_year", "notes")
PROCEDURE_GUARDED = ("procedure", "notes")
MAX_TAGS, MAX_TAG_LENGTH = 12, 40
DEFAULT_LINK_DAYS = 30
MAX_LINK_DAYS = VERIFY.max_lifetime.days  # the link purpose's own limit
logger = logging.getLogger("medpath.experience")


def local_span(day: date, start: time, end: time, zone: zoneinfo.ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants from ``start`` on ``day`` to ``end`` where the user lives (an end at or before the start
    is the next day); a night across a daylight-saving change has its real length."""
    first = datetime.combine(day, start, tzinfo=zone)
    last = datetime.combine(day + timedelta(days=1) if end <= start else day, end, tzinfo=zone)
    return first.astimezone(UTC), last.astimezone(UTC)


def hours_between(day: date, start: time, end: time, zone: zoneinfo.ZoneInfo) -> Decimal:
    """Real hours from ``start`` to ``end`` on ``day`` where the user is."""
    first, last = local_span(day, start, end, zone)
    return _hours(Decimal(str((last - first).total_seconds())) / 3600)


def hours_text(value: Decimal) -> str:
    """Hours as people write them: 4.25, 19, 60 (no trailing zeros)."""
    text = f"{_hours(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _hours(value: Decimal | float | str) -> Decimal:
    """Hours as stored: two decimals, so "3" and "3.00" are the same value."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def clean_tags(raw: Iterable[str] | str) -> list[str]:
    """Tags from a list or a comma-separated string: trimmed, lower-case, no duplicates."""
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    tags: list[str] = []
    for item in items:
        tag = " ".join(str(item).split()).lower()
        if not tag:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise ValidationError({"tags": [f"A tag has at most {MAX_TAG_LENGTH} characters (“{tag[:20]}…”)."]})
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise ValidationError({"tags": [f"At most {MAX_TAGS} tags."]})
    return tags


def _content(entry: ExperienceEntry) -> dict[str, Any]:
    """The fields a supervisor vouches for, JSON-ready."""
    content: dict[str, Any] = {}
    for name in ENTRY_FIELDS:
        value = getattr(entry, name)
        if isinstance(value, date | time):
            value = value.isoformat()
        elif name == "hours" and value not in (None, ""):
            value = str(_hours(value))
        content[name] = value
    return content


def _check_entry(row: ExperienceEntry, user: User, hours_given: bool) -> None:
    problems: dict[str, list[str]] = {}
    for name in ("started_on", "ended_on"):
        value = getattr(row, name)
        if value is not None and not FIRST_DATE <= value <= LAST_DATE:
            problems[name] = [f"Enter a date between {FIRST_DATE.year} and {LAST_DATE.year}."]
    if row.ended_on is not None and row.started_on and row.ended_on < row.started_on:
        problems["ended_on"] = ["The last day cannot come before the first."]
    today = timezone.localdate(timezone=user_zone(user))
    if row.started_on and row.started_on >= FIRST_DATE and row.started_on > today:
        problems["started_on"] = ["Log an experience once it has happened (this date is in the future)."]
    if row.ended_on == row.started_on:
        row.ended_on = None
    if (row.start_time is None) != (row.end_time is None):
        problems["end_time" if row.end_time is None else "start_time"] = ["Give both times, or neither."]
    elif row.start_time is not None and row.end_time is not None:
        if row.ended_on is not None:
            problems["start_time"] = ["Times are for one day (or one night); for a date range give the total hours."]
        elif row.start_time == row.end_time:
            # Not silently 24 hours: a typo is likelier; a full day is logged with its hours.
            problems["end_time"] = [
                f"Start and end are the same time ({row.start_time:%H:%M}). Change the end, or leave the times empty "
                "and give the hours (24 for a full day)."
            ]
        elif row.started_on:
            from_times = hours_between(row.started_on, row.start_time, row.end_time, user_zone(user))
            if hours_given and abs(Decimal(str(row.hours)) - from_times) > Decimal("0.01"):
                problems["hours"] = [f"The times give {from_times} hours; leave the hours empty or make them agree."]
            row.hours = from_times
    if row.hours in (None, "") and "hours" not in problems and "start_time" not in problems:
        problems["hours"] = ["Give the hours, or the start and end times."]
    elif row.hours not in (None, "") and row.started_on and Decimal(str(row.hours)) > 0 and "ended_on" not in problems:
        days = ((row.ended_on or row.started_on) - row.started_on).days + 1
        if Decimal(str(row.hours)) > 24 * days:
            problems["hours"] = [f"{row.hours} hours do not fit in {days} day{'s' if days > 1 else ''}."]
    if row.supervisor_email and row.supervisor_email.strip().lower() == user.email.lower():
        problems["supervisor_email"] = ["A supervisor verifies your hours: give their address, not yours."]
    if problems:
        raise ValidationError(problems)


def entry_save(
    *,
    user: User,
    entry: ExperienceEntry | None = None,
    privacy_confirmed: bool = False,
    unlock_verified: bool = False,
    request: HttpRequest | None = None,
    **values: Any,
) -> ExperienceEntry:
    """Create or change an entry. Changing what a supervisor saw clears their answer; a verified entry is
    locked: changing it needs ``unlock_verified``, keeps the verified revision as a version and is audited."""
    unknown = set(values) - set(ENTRY_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be set." for name in sorted(unknown)})
    with transaction.atomic():
        row = (
            ExperienceEntry.objects.for_user(user).select_for_update().get(pk=entry.pk) if entry else ExperienceEntry(owner=user)
        )
        before = _content(row) if entry else None
        # Hours the caller set (not the stored ones carried over): they must agree with any times given.
        hours_given = values.get("hours") not in (None, "") and (entry is None or _hours(values["hours"]) != row.hours)
        previous_texts = {name: getattr(row, name) for name in ENTRY_GUARDED} if entry else {}
        for name, value in values.items():
            if name == "tags":
                value = clean_tags(value or [])
            elif isinstance(value, str):
                value = value.strip()
            setattr(row, name, value)
        if values.get("hours") not in (None, ""):
            row.hours = _hours(values["hours"])
        _check_entry(row, user, hours_given)
        guard_texts(
            {name: getattr(row, name) for name in ENTRY_GUARDED if getattr(row, name) != previous_texts.get(name)},
            confirmed=privacy_confirmed,
        )
        changed = before is not None and _content(row) != before
        if changed and row.verification == Verification.VERIFIED and not unlock_verified:
            raise ValidationError(
                {
                    "unlock_verified": [
                        "This entry is verified: confirm the change, which keeps the verified version and clears it."
                    ]
                },
                code="locked",
            )
        if changed:
            _after_change(row, before or {}, request)
        row.full_clean()
        row.save()
    return row


def _after_change(row: ExperienceEntry, before: dict[str, Any], request: HttpRequest | None) -> None:
    """A new revision: keep the verified one, withdraw pending requests, clear the answer."""
    if row.verification == Verification.VERIFIED:
        ExperienceVersion(
            owner_id=row.owner_id,
            entry=row,
            revision=row.revision,
            content=before,
            verified_at=row.verified_at,
            verified_by=row.verified_by,
            verified_email=row.verified_email,
            verifier_comment=row.verifier_comment,
        ).save()
        audit_record(
            AuditEvent.Kind.VERIFICATION_CLEARED,
            request=request,
            owner=row.owner,
            subject=row.verified_email,
            entry_id=row.pk,
            revision=row.revision,
        )
    _withdraw_items(row.owner, VerificationItem.objects.for_user(row.owner).filter(entry=row), request)
    row.revision += 1
    row.verification = Verification.UNVERIFIED
    row.verified_at = None
    row.verified_by = row.verified_email = row.verifier_comment = ""


def lock_entries(user: User, entry_ids: Iterable[int]) -> dict[int, ExperienceEntry]:
    """Lock the user's entries ``entry_ids`` until the transaction ends, in id order.

    Every change to an entry's verification state (a request, an answer, a withdrawal, a release, an edit)
    locks the entries it touches first and always in the same order, so two of them on the same entries run
    one after the other and never deadlock; links are written only after (see docs/deploy.md).
    """
    rows = ExperienceEntry.objects.for_user(user).select_for_update().filter(pk__in=sorted(set(entry_ids))).order_by("pk")
    return {row.pk: row for row in rows}


def _withdraw_items(owner: User, items: Any, request: HttpRequest | None) -> None:
    """Withdraw the pending ones of ``items``; a request left with nothing pending has its link revoked, so an
    old link shows nothing more (a supervisor only ever sees what was sent to them, while it is still asked)."""
    pending = items.filter(decision=Decision.PENDING)
    request_ids = set(pending.values_list("request_id", flat=True))
    pending.update(decision=Decision.WITHDRAWN, decided_at=timezone.now())
    done = (
        VerificationRequest.objects.for_user(owner)
        .filter(pk__in=request_ids, link__revoked_at__isnull=True)
        .exclude(pk__in=VerificationItem.objects.for_user(owner).filter(decision=Decision.PENDING).values("request_id"))
    )
    for link_id in done.values_list("link_id", flat=True):
        links.link_revoke(owner=owner, link_id=link_id, request=request)


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


def entry_delete(*, user: User, pk: int) -> None:
    """Delete one of the user's entries (its versions and requests' items go with it). The entry is locked
    first, as by every writer of verification state, so a supervisor answering at the same moment queues
    instead of deadlocking (the delete removes the items before the entry)."""
    with transaction.atomic():
        if not lock_entries(user, [pk]):
            get_owned(ExperienceEntry, user, pk=pk)  # 404, as for anyone else's entry
        get_owned(ExperienceEntry, user, pk=pk).delete()


# ---- verification -------------------------------------------------------------------------------------------


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


# ---- targets ------------------------------------------------------------------------------------------------


@one_at_a_time_per_user  # "you already follow this target" is read before writing
def target_save(
    *,
    user: User,
    label: str = "",
    kinds: Iterable[str] = (),
    hours: Decimal | float | None = None,
    catalog_id: str = "",
    due_on: date | None = None,
    verified_only: bool = False,
) -> ExperienceTarget:
    """Add a target: a catalog one (its label, kinds and hours come from the catalog) or the user's own."""
    if catalog_id:
        known = catalog().hour_targets.get(catalog_id)
        if known is None:
            raise ValidationError({"catalog_id": [f"“{catalog_id}” is not a target in the catalog."]})
        if ExperienceTarget.objects.for_user(user).filter(catalog_id=catalog_id).exists():
            raise ValidationError({"catalog_id": ["You already follow this target."]})
        label, kinds, hours = known.name, list(known.kinds), Decimal(str(known.hours))
    kinds = list(dict.fromkeys(kinds))
    problems: dict[str, list[str]] = {}
    valid = set(ExperienceKind.values)
    if not kinds or any(kind not in valid for kind in kinds):
        problems["kinds"] = ["Choose the kinds of experience that count."]
    if not label.strip():
        problems["label"] = ["Name the target."]
    if hours is None:
        problems["hours"] = ["Give the hours to reach."]
    if problems:
        raise ValidationError(problems)
    row = ExperienceTarget(
        owner=user,
        label=label.strip(),
        kinds=kinds,
        hours=Decimal(str(hours)),
        catalog_id=catalog_id,
        due_on=due_on,
        verified_only=verified_only,
    )
    row.full_clean()
    row.save()
    return row


def target_delete(*, user: User, pk: int) -> None:
    """Stop following a target."""
    get_owned(ExperienceTarget, user, pk=pk).delete()


# ---- procedures ---------------------------------------------------------------------------------------------


def category_choices() -> list[tuple[str, str]]:
    """Every catalog case category as (set-id:category-id, "Set — Category")."""
    choices = []
    for minimums in catalog().case_minimums.values():
        for category in minimums.categories:
            if category.counts == "all_cases":
                continue  # computed from every case of the set, not a category to log under
            choices.append((f"{minimums.id}:{category.id}", f"{minimums.specialty}: {category.name}"))
    return choices


def procedure_save(
    *, user: User, entry: ProcedureEntry | None = None, privacy_confirmed: bool = False, **values: Any
) -> ProcedureEntry:
    """Log or change a procedure; the category must be one of the catalog's."""
    unknown = set(values) - set(PROCEDURE_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be set." for name in sorted(unknown)})
    row = entry or ProcedureEntry(owner=user)
    previous = {name: getattr(row, name) for name in PROCEDURE_GUARDED} if entry else {}
    for name, value in values.items():
        setattr(row, name, value.strip() if isinstance(value, str) else value)
    problems: dict[str, list[str]] = {}
    if row.category and row.category not in dict(category_choices()):
        problems["category"] = [f"“{row.category}” is not a category of the catalog's case minimums."]
    if row.performed_on and not FIRST_DATE <= row.performed_on <= LAST_DATE:
        problems["performed_on"] = [f"Enter a date between {FIRST_DATE.year} and {LAST_DATE.year}."]
    elif row.performed_on and row.performed_on > timezone.localdate(timezone=user_zone(user)):
        problems["performed_on"] = ["Log a case once it has happened (this date is in the future)."]
    if problems:
        raise ValidationError(problems)
    guard_texts(
        {name: getattr(row, name) for name in PROCEDURE_GUARDED if getattr(row, name) != previous.get(name)},
        confirmed=privacy_confirmed,
    )
    row.full_clean()
    row.save()
    return row


def procedure_delete(*, user: User, pk: int) -> None:
    """Delete one of the user's procedures."""
    get_owned(ProcedureEntry, user, pk=pk).delete()


def procedure_target_save(
    *, user: User, label: str, minimum: int, procedure: str = "", category: str = "", roles: Iterable[str] = ()
) -> ProcedureTarget:
    """The user's own count to reach, matched by procedure name or catalog category."""
    roles = list(dict.fromkeys(roles)) or [ProcedureRole.PERFORMED]
    problems: dict[str, list[str]] = {}
    if not procedure.strip() and not category:
        problems["procedure"] = ["Give a procedure name or choose a category."]
    if category and category not in dict(category_choices()):
        problems["category"] = [f"“{category}” is not a category of the catalog's case minimums."]
    if any(role not in ProcedureRole.values for role in roles):
        problems["roles"] = ["Choose roles from: " + ", ".join(ProcedureRole.values) + "."]
    if problems:
        raise ValidationError(problems)
    row = ProcedureTarget(
        owner=user, label=label.strip(), procedure=procedure.strip(), category=category, roles=roles, minimum=minimum
    )
    row.full_clean()
    row.save()
    return row


def procedure_target_delete(*, user: User, pk: int) -> None:
    """Delete one of the user's procedure targets."""
    get_owned(ProcedureTarget, user, pk=pk).delete()
