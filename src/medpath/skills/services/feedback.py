"""Multi-source feedback: a request to named colleagues, their anonymous answers, closing and release.

Anonymity is kept by what is stored, not by what pages choose to hide (docs/skills.md):

* An answer is never a row. It adds one to the request's counters (statement, rater role, scale point) and puts
  its comments at a random place in the request's list, under the request's row lock. No answer has an id, a
  time or a place in an order; nothing joins it to the rater or the link it came through.
* The rater's link records that it was used (so it cannot be used twice); the requester never sees rater links,
  their state, or their audit trail (the purpose is unlisted and audited without owner or address).
* While a request is open, the requester sees how many answered; results appear only once it closes, and only
  with at least ``MEDPATH_FEEDBACK_MINIMUM_ANSWERS`` answers (never fewer than 3). Closed with fewer, its
  counters and comments are wiped: they can never be shown later.
* Counters for every statement, role and point exist from the moment the request is made, so not even the
  database's row order records which combination came first.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from medpath.accounts import links
from medpath.accounts.emails import send_email
from medpath.accounts.models import SignedLink, User
from medpath.catalog.framework_schema import FeedbackInstrument
from medpath.catalog.loader import catalog
from medpath.privacy.forms import guard_texts
from medpath.scoping import get_owned, lock_owner
from medpath.skills.links import FEEDBACK
from medpath.skills.models import FeedbackRater, FeedbackRequest, RaterRole
from medpath.skills.release import Release, insert_at_random, release
from medpath.usertime import user_today, user_zone

logger = logging.getLogger("medpath.skills")

DEFAULT_OPEN_DAYS = 21
MAX_OPEN_DAYS = 60  # the link purpose allows a little more, for the end of the last day in any time zone
MAX_RATERS = 30
MAX_COMMENT = 1500
DEFAULT_INSTRUMENT = "medpath-colleague-feedback"


def minimum_answers() -> int:
    """The answers a request needs before its results are shown (a setting, never below 3)."""
    return max(3, int(settings.MEDPATH_FEEDBACK_MINIMUM_ANSWERS))


def instrument_of(instrument_id: str) -> FeedbackInstrument:
    """The catalog's instrument with this id (ValidationError naming the field when there is none)."""
    try:
        return catalog().instruments[instrument_id]
    except KeyError:
        raise ValidationError({"instrument_id": [f"There is no feedback form {instrument_id!r}."]}) from None


def _empty_tally(instrument: FeedbackInstrument, roles: Sequence[str]) -> dict[str, dict[str, list[int]]]:
    return {item.id: {role: [0] * 6 for role in sorted(set(roles))} for item in instrument.items}


def closing_moment(user: User, closes_on: date) -> datetime:
    """The end of the last day, in the requester's time zone: when the raters' links stop working."""
    return datetime.combine(closes_on + timedelta(days=1), time.min, tzinfo=user_zone(user))


@dataclass(frozen=True)
class RaterIn:
    """A colleague to ask: e-mail address and role."""

    email: str
    role: str


@dataclass(frozen=True)
class SentFeedback:
    """A new request and how many of its e-mails went out (the links themselves are never shown to the requester:
    opening one would tell whether that colleague had answered)."""

    request: FeedbackRequest
    emailed: int
    not_emailed: int


def _mailbox(email: str) -> str:
    """The mailbox an address reaches, ignoring a "+tag" (alice+1@example.org reaches alice@example.org)."""
    local, _, domain = email.strip().lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


def _check_raters(user: User, raters: Sequence[RaterIn], problems: dict[str, list[str]]) -> list[RaterIn]:
    cleaned: list[RaterIn] = []
    lines: list[str] = []
    seen: set[str] = set()
    roles = set(RaterRole.values)
    for number, rater in enumerate(raters, start=1):
        email = rater.email.strip()
        try:
            validate_email(email)
        except ValidationError:
            lines.append(f"Rater {number}: {email or '(empty)'} is not an e-mail address.")
            continue
        if _mailbox(email) == _mailbox(user.email):
            lines.append(f"Rater {number}: you cannot rate yourself here (this is your own address); use the self-assessment.")
            continue
        if email.lower() in seen:
            lines.append(f"Rater {number}: {email} is listed twice.")
            continue
        if rater.role not in roles:
            allowed = ", ".join(RaterRole.values)
            lines.append(f"Rater {number}: role {rater.role!r} is not one of {allowed} (patients are never asked).")
            continue
        seen.add(email.lower())
        cleaned.append(RaterIn(email, rater.role))
    if lines:
        problems["raters"] = lines
    elif len(cleaned) < minimum_answers():
        problems["raters"] = [
            f"Ask at least {minimum_answers()} colleagues: results are shown only when {minimum_answers()} or more "
            "have answered, so fewer could never be shown (more is wiser: not everyone answers)."
        ]
    elif len(cleaned) > MAX_RATERS:
        problems["raters"] = [f"Ask at most {MAX_RATERS} colleagues in one request."]
    return cleaned


def feedback_request_create(
    *,
    user: User,
    title: str,
    raters: Sequence[RaterIn],
    closes_on: date | None = None,
    instrument_id: str = DEFAULT_INSTRUMENT,
    framework_id: str = "",
    send: bool = True,
    request: HttpRequest | None = None,
) -> SentFeedback:
    """Ask colleagues for feedback: a single-use link each, e-mailed to them, working until ``closes_on`` ends."""
    today = user_today(user)
    closes_on = closes_on or today + timedelta(days=DEFAULT_OPEN_DAYS)
    problems: dict[str, list[str]] = {}
    title = title.strip()
    if not title:
        problems["title"] = ["Give the request a name you will recognise, such as “Ward rotation, spring”."]
    try:
        instrument = instrument_of(instrument_id)
    except ValidationError as error:
        problems.update(error.message_dict)
        instrument = None
    from medpath.skills.services.assessment import chosen_framework_id

    framework_id = framework_id or chosen_framework_id(user)
    if framework_id not in catalog().frameworks:
        problems["framework_id"] = [f"There is no framework {framework_id!r}."]
    if not today < closes_on <= today + timedelta(days=MAX_OPEN_DAYS):
        problems["closes_on"] = [f"Choose a last day for answers between tomorrow and {MAX_OPEN_DAYS} days from today."]
    cleaned = _check_raters(user, raters, problems)
    with transaction.atomic():
        lock_owner(user)  # one open request at a time, checked and created without a second request in between
        if any(not row.is_closed() for row in FeedbackRequest.objects.for_user(user).filter(closed_at__isnull=True)):
            problems["__all__"] = [
                "You already have a feedback request open. Close it first: two requests open at once to overlapping "
                "colleagues could be compared to single out one person's answers."
            ]
        if problems:
            raise ValidationError(problems)
        assert instrument is not None
        sent = FeedbackRequest(
            owner=user,
            title=title[:120],
            instrument_id=instrument.id,
            framework_id=framework_id,
            minimum_answers=minimum_answers(),
            closes_on=closes_on,
            closes_at=closing_moment(user, closes_on),
            tally=_empty_tally(instrument, [rater.role for rater in cleaned]),
        )
        sent.full_clean()
        sent.save()
        lifetime = sent.closes_at - timezone.now()
        rows = []
        # Shuffled, so not even the order of the link rows follows the order the requester typed.
        for colleague in sorted(cleaned, key=lambda _: secrets.randbits(64)):
            issued = links.link_issue(
                owner=user,
                purpose=FEEDBACK.name,
                lifetime=lifetime,
                subject=f"skills.feedback:{sent.pk}",
                single_use=True,
                request=request,
            )
            rows.append(FeedbackRater(owner=user, request=sent, email=colleague.email, role=colleague.role, link=issued.link))
        FeedbackRater.objects.for_user(user).bulk_create(rows)
    emailed = 0
    if send:
        for rater in rows:  # after the commit: a mail server that is down loses an e-mail, never the request
            emailed += _email_rater(sent, rater, reminder=False)
    return SentFeedback(request=sent, emailed=emailed, not_emailed=len(rows) - emailed)


def _email_rater(sent: FeedbackRequest, rater: FeedbackRater, *, reminder: bool) -> int:
    """E-mail one rater their link; 1 when sent, 0 when the mail server refused (logged without the address)."""
    owner = sent.owner
    url = links.link_url(FEEDBACK.name, links.token_for(rater.link))
    context = {
        "requester": owner.full_name or owner.email,
        "url": url,
        "closes_on": sent.closes_on,
        "reminder": reminder,
        "minimum": sent.minimum_answers,
        "items": len(instrument_of(sent.instrument_id).items),
    }
    body = render_to_string("skills/email/feedback_request.txt", context)
    prefix = "Reminder: " if reminder else ""
    try:
        send_email(to=rater.email, subject=f"{prefix}{context['requester']} asks for your anonymous feedback", body=body)
    except (OSError, smtplib.SMTPException) as error:
        logger.warning("feedback e-mail for request %s not sent: %s", sent.pk, type(error).__name__)
        return 0
    return 1


def feedback_resend(*, user: User, pk: int) -> int:
    """E-mail every rater of an open request their link again (the same link), at most once a day; how many
    were sent. A day in which none could be sent (the mail server down) does not count.

    Sent to everyone, answered or not, so the requester learns nothing from it; a rater who answered finds
    their link used.
    """
    sent = get_owned(FeedbackRequest, user, pk=pk)
    if sent.is_closed():
        raise ValidationError({"__all__": ["This request is closed: its links no longer work."]})
    today = user_today(user)
    # Claim the day first, so two clicks at once cannot both send; give it back when nothing went out.
    claimed = FeedbackRequest.objects.for_user(user).filter(pk=sent.pk).exclude(resent_on=today).update(resent_on=today)
    if not claimed:
        raise ValidationError({"__all__": ["The e-mails were sent again today already; colleagues get them at most once a day."]})
    raters = list(FeedbackRater.objects.for_user(user).filter(request=sent).select_related("link"))
    delivered = sum(_email_rater(sent, rater, reminder=True) for rater in raters)
    if not delivered:
        FeedbackRequest.objects.for_user(user).filter(pk=sent.pk, resent_on=today).update(resent_on=sent.resent_on)
    return delivered


# --- The rater's side: opened with the signed link, no account --------------------------------------------


@dataclass(frozen=True)
class OpenFeedback:
    """What a rater sees: who asks, the form, and until when."""

    request: FeedbackRequest
    instrument: FeedbackInstrument
    requester: str


def _open_request(link: SignedLink) -> FeedbackRequest:
    rater: FeedbackRater = FeedbackRater.objects.for_user(link.owner).select_related("request", "request__owner").get(link=link)
    sent: FeedbackRequest = rater.request
    return sent


def feedback_open(*, token: str, request: HttpRequest | None = None) -> OpenFeedback:
    """The request a rater's link opens (LinkError when expired, used, revoked or forged)."""
    link = links.link_check(token=token, purpose=FEEDBACK.name, request=request)
    sent = _open_request(link)
    if sent.is_closed():
        raise links.LinkError("expired")
    owner = sent.owner
    return OpenFeedback(sent, instrument_of(sent.instrument_id), owner.full_name or owner.email)


def _check_scores(instrument: FeedbackInstrument, scores: Mapping[str, int | None]) -> dict[str, int]:
    problems: dict[str, list[str]] = {}
    cleaned: dict[str, int] = {}
    for item in instrument.items:
        value = scores.get(item.id)
        if value is None:
            problems[f"item_{item.id}"] = ["Choose a point on the scale, or “cannot assess”."]
        elif not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 5:
            problems[f"item_{item.id}"] = ["Scores run from 1 to 5; choose “cannot assess” if you have not seen this."]
        else:
            cleaned[item.id] = value
    unknown = sorted(set(scores) - {item.id for item in instrument.items})
    if unknown:
        problems["__all__"] = [f"Unknown statement(s): {', '.join(unknown)}."]
    elif not problems and not any(cleaned.values()):
        problems["__all__"] = [
            "Score at least one statement. If you have not worked with this person enough to score any, "
            "you need not answer: nobody is told who did or did not."
        ]
    if problems:
        raise ValidationError(problems)
    return cleaned


def feedback_answer(
    *,
    token: str,
    scores: Mapping[str, int | None],
    comments: Sequence[str],
    privacy_confirmed: bool = False,
    request: HttpRequest | None = None,
) -> None:
    """Record one rater's answer and spend their link, all or nothing.

    ``scores`` maps each statement id to 1-5, or 0 for "cannot assess". Comments (one per prompt) pass the
    privacy guard. Invalid input raises ValidationError and leaves the link unused.
    """
    link = links.link_check(token=token, purpose=FEEDBACK.name, request=request)
    rater_row = FeedbackRater.objects.for_user(link.owner).get(link=link)
    instrument_id = (
        FeedbackRequest.objects.for_user(link.owner).values_list("instrument_id", flat=True).get(pk=rater_row.request_id)
    )
    instrument = instrument_of(instrument_id)
    cleaned = _check_scores(instrument, scores)
    texts = [text.strip() for text in comments]
    too_long = {f"comment_{n}": [f"At most {MAX_COMMENT:,} characters."] for n, t in enumerate(texts) if len(t) > MAX_COMMENT}
    if too_long:
        raise ValidationError(too_long)
    guard_texts({f"comment_{n}": text for n, text in enumerate(texts)}, confirmed=privacy_confirmed)
    with transaction.atomic():
        sent = FeedbackRequest.objects.for_user(link.owner).select_for_update().get(pk=rater_row.request_id)
        if sent.is_closed():
            raise links.LinkError("expired")
        link = links.link_consume(token=token, purpose=FEEDBACK.name, request=request)  # the one winner of a race
        role = rater_row.role
        tally = sent.tally
        for item_id, score in cleaned.items():
            tally[item_id][role][score] += 1
        kept = list(sent.comments)
        for text in texts:
            if text:
                insert_at_random(kept, text, secrets.randbelow)
        sent.tally, sent.comments, sent.answers = tally, kept, sent.answers + 1
        sent.save(update_fields=["tally", "comments", "answers"])


# --- Closing and results -----------------------------------------------------------------------------------


def _close(sent: FeedbackRequest, now: datetime) -> None:
    """Close under the row lock: links stop working; with too few answers the answers are wiped for good."""
    sent.closed_at = now
    fields = ["closed_at"]
    if sent.answers < sent.minimum_answers:
        instrument = instrument_of(sent.instrument_id)
        sent.tally = _empty_tally(instrument, sorted({role for counters in sent.tally.values() for role in counters}))
        sent.comments, sent.withheld = [], True
        fields += ["tally", "comments", "withheld"]
    sent.save(update_fields=fields)
    # One update for every link, used or not, so nothing records which were still open.
    SignedLink.all_owners.filter(pk__in=FeedbackRater.all_owners.filter(request=sent).values("link_id")).filter(
        revoked_at__isnull=True
    ).update(revoked_at=now)


def feedback_close(*, user: User, pk: int) -> FeedbackRequest:
    """Close a request now (raters' links stop working); results are released if enough answered."""
    with transaction.atomic():
        found = get_owned(FeedbackRequest, user, pk=pk)
        sent: FeedbackRequest = FeedbackRequest.objects.for_user(user).select_for_update().get(pk=found.pk)
        if sent.closed_at is None:
            _close(sent, timezone.now())
    return sent


def feedback_delete(*, user: User, pk: int) -> None:
    """Delete a request, its counters, comments, raters and their links."""
    sent = get_owned(FeedbackRequest, user, pk=pk)
    with transaction.atomic():
        link_ids = list(FeedbackRater.objects.for_user(user).filter(request=sent).values_list("link_id", flat=True))
        sent.delete()
        SignedLink.all_owners.filter(owner=user, pk__in=link_ids).delete()


def close_due_requests(dry_run: bool) -> int:
    """The daily run: record the closing of requests past their last day (pages already treat them as closed)."""
    count = 0
    for sent in FeedbackRequest.all_owners.filter(closed_at__isnull=True).select_related("owner"):
        if not sent.is_closed():
            continue
        count += 1
        if not dry_run:
            with transaction.atomic():
                locked = FeedbackRequest.all_owners.select_for_update().get(pk=sent.pk)
                if locked.closed_at is None:
                    _close(locked, timezone.now())
    return count


@dataclass(frozen=True)
class FeedbackState:
    """What the requester may know about a request now."""

    request: FeedbackRequest
    closed: bool
    answers: int
    raters: int
    result: Release | None  # only once closed; ``result.released`` False when too few answered

    @property
    def state(self) -> str:
        """open, released or withheld."""
        if not self.closed:
            return "open"
        return "released" if self.result is not None and self.result.released else "withheld"


def feedback_requests(user: User) -> QuerySet[FeedbackRequest]:
    """The person's requests, newest first, with their colleagues (by e-mail) fetched in one more query."""
    colleagues = FeedbackRater.objects.for_user(user).order_by("email")
    return FeedbackRequest.objects.for_user(user).prefetch_related(Prefetch("raters", queryset=colleagues))


def feedback_state(user: User, sent: FeedbackRequest) -> FeedbackState:
    """The requester's view of a request: while open only how many answered; once closed, the released results."""
    closed = sent.is_closed()
    raters = len(sent.raters.all())  # no query when listed through feedback_requests (prefetched)
    result = None
    if closed:
        if sent.withheld:
            result = Release(False, 0, None, ())
        else:
            result = release(sent.tally, [item.id for item in instrument_of(sent.instrument_id).items], sent.minimum_answers)
    return FeedbackState(sent, closed, sent.answers, raters, result)


def shuffled_comments(sent: FeedbackRequest) -> list[str]:
    """The comments of a released request, in a fresh random order each time they are shown."""
    kept = list(sent.comments)
    secrets.SystemRandom().shuffle(kept)
    return kept
