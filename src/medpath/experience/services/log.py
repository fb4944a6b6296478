"""Writing the experience log: entries (with versions when verified), and the entry lock every writer of
verification state takes first.

Every function takes the acting user and touches only that user's rows.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from medpath.accounts import links
from medpath.accounts.audit import audit_record
from medpath.accounts.models import AuditEvent, User
from medpath.experience.models import (
    Decision,
    ExperienceEntry,
    ExperienceVersion,
    Verification,
    VerificationItem,
    VerificationRequest,
)
from medpath.privacy.forms import guard_texts
from medpath.scoping import get_owned
from medpath.usertime import user_zone
from medpath.wording import amount

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
MAX_TAGS, MAX_TAG_LENGTH = 12, 40


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
    return amount(value)


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


def entry_delete(*, user: User, pk: int) -> None:
    """Delete one of the user's entries (its versions and requests' items go with it). The entry is locked
    first, as by every writer of verification state, so a supervisor answering at the same moment queues
    instead of deadlocking (the delete removes the items before the entry)."""
    with transaction.atomic():
        if not lock_entries(user, [pk]):
            get_owned(ExperienceEntry, user, pk=pk)  # 404, as for anyone else's entry
        get_owned(ExperienceEntry, user, pk=pk).delete()
