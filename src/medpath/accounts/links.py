"""Signed links: one service for every link MedPath hands to someone without a login.

A link is purpose-bound (the URL's signature is salted with the purpose, so a
calendar link cannot open a verification page), expiring, revocable and, where
asked, single-use. Whether a link still works is decided by its row in the
database, so revocation and consumption hold across every app server.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from medpath import config
from medpath.accounts.audit import audit_record
from medpath.accounts.models import AuditEvent, SignedLink, User


@dataclass(frozen=True)
class LinkPurpose:
    """What a kind of link is for and which page opens it (a route taking ``token``)."""

    name: str
    route: str
    label: str
    max_lifetime: timedelta
    listed: bool = True  # shown on the owner's Shared links page (not for links MedPath sends the owner)
    # For a lasting link MedPath e-mails its owner (unsubscribe): what it does, for the owner's list of such links.
    emailed_action: str = ""
    # Opened by someone whose identity the owner must not learn from the link's use (an anonymous rater): its use
    # and refusals are audited without owner, link id, address or browser, so the owner's security log cannot
    # say when, or from where, which link was used.
    anonymous: bool = False


_PURPOSES: dict[str, LinkPurpose] = {}
REUSE_RECORD_INTERVAL = timedelta(minutes=15)


def register_purpose(
    name: str,
    *,
    route: str,
    label: str,
    max_lifetime: timedelta,
    listed: bool = True,
    emailed_action: str = "",
    anonymous: bool = False,
) -> LinkPurpose:
    """Declare a purpose once, at import time of the app that uses it."""
    if anonymous and listed:
        raise ValueError("an anonymous link is never listed to its owner (the list would show which were used)")
    purpose = LinkPurpose(
        name=name,
        route=route,
        label=label,
        max_lifetime=max_lifetime,
        listed=listed,
        emailed_action=emailed_action,
        anonymous=anonymous,
    )
    existing = _PURPOSES.get(name)
    if existing is not None and existing != purpose:
        raise ValueError(f"link purpose {name!r} is already registered differently")
    _PURPOSES[name] = purpose
    return purpose


def purpose_of(name: str) -> LinkPurpose:
    """The registered purpose called ``name``."""
    try:
        return _PURPOSES[name]
    except KeyError:
        raise ValueError(f"unknown link purpose {name!r}") from None


def emailed_purposes() -> dict[str, str]:
    """Purposes of lasting links MedPath e-mails their owner, with what each link does."""
    return {name: purpose.emailed_action for name, purpose in _PURPOSES.items() if purpose.emailed_action}


def listed_purposes() -> dict[str, str]:
    """Purposes shown on the owner's list of shared links, with their labels."""
    return {name: purpose.label for name, purpose in _PURPOSES.items() if purpose.listed}


class LinkError(Exception):
    """A link that does not open; ``reason`` says why in words a visitor understands."""

    MESSAGES = {
        "invalid": "This link is not valid. Check that it was copied completely.",
        "expired": "This link has expired. Ask the person who sent it for a new one.",
        "revoked": "This link was withdrawn by the person who sent it.",
        "used": "This link has already been used. Ask the person who sent it for a new one.",
    }

    def __init__(self, reason: str) -> None:
        super().__init__(self.MESSAGES[reason])
        self.reason = reason


@dataclass(frozen=True)
class IssuedLink:
    """A freshly issued link: the full URL is only known now, never stored."""

    link: SignedLink
    token: str
    url: str

    @property
    def reachable_only_here(self) -> bool:
        """True when MEDPATH_BASE_URL is a loopback address: the link works on this machine only."""
        return config.is_loopback_url(self.url)


def _signer(purpose: str) -> signing.Signer:
    # "." never occurs in the signature alphabet, so the token is one clean URL segment.
    return signing.Signer(sep=".", salt=f"medpath.links.{purpose}")


def token_for(link: SignedLink) -> str:
    """The token of an existing link (derived from its row; used to send the same link again)."""
    return _signer(link.purpose).sign(link.public_id.hex)


def link_url(purpose: str, token: str) -> str:
    """The absolute URL of a link, built from MEDPATH_BASE_URL."""
    path = reverse(purpose_of(purpose).route, kwargs={"token": token})
    return f"{settings.MEDPATH_BASE_URL}{path}"


def link_issue(
    *,
    owner: User,
    purpose: str,
    lifetime: timedelta,
    subject: str = "",
    label: str = "",
    single_use: bool = False,
    request: HttpRequest | None = None,
) -> IssuedLink:
    """Create a link for ``purpose`` valid for ``lifetime``."""
    spec = purpose_of(purpose)
    if lifetime <= timedelta(0) or lifetime > spec.max_lifetime:
        raise ValueError(f"a {purpose} link lasts between a moment and {spec.max_lifetime}")
    now = timezone.now()
    link = SignedLink(
        owner=owner,
        purpose=purpose,
        subject=subject,
        label=label,
        created_at=now,
        expires_at=now + lifetime,
        single_use=single_use,
    )
    link.full_clean()
    link.save()
    token = token_for(link)
    audit_record(AuditEvent.Kind.LINK_CREATED, request=request, owner=owner, subject=purpose, link_id=link.pk)
    return IssuedLink(link=link, token=token, url=link_url(purpose, token))


def _unsigned_id(token: str, purpose: str) -> uuid.UUID:
    try:
        return uuid.UUID(hex=_signer(purpose).unsign(token))
    except (signing.BadSignature, ValueError):
        raise LinkError("invalid") from None


def _refuse(link: SignedLink | None, reason: str, purpose: str, request: HttpRequest | None) -> LinkError:
    if purpose_of(purpose).anonymous:
        audit_record(AuditEvent.Kind.LINK_REFUSED, subject=purpose, reason=reason)
        return LinkError(reason)
    audit_record(
        AuditEvent.Kind.LINK_REFUSED,
        request=request,
        owner=link.owner if link else None,
        subject=purpose,
        reason=reason,
        link_id=link.pk if link else None,
    )
    return LinkError(reason)


def link_check(*, token: str, purpose: str, request: HttpRequest | None = None) -> SignedLink:
    """The link ``token`` opens, without using it up; LinkError if it no longer works."""
    try:
        public_id = _unsigned_id(token, purpose)
    except LinkError:
        raise _refuse(None, "invalid", purpose, request) from None
    link: SignedLink | None = SignedLink.all_owners.select_related("owner").filter(public_id=public_id, purpose=purpose).first()
    if link is None:
        raise _refuse(None, "invalid", purpose, request)
    state = link.state()
    if state != "active":
        raise _refuse(link, state, purpose, request)
    return link


def link_consume(*, token: str, purpose: str, request: HttpRequest | None = None) -> SignedLink:
    """Use the link once: single-use links are spent, others count the use.

    The single-use update is conditional on the row still being unused, so two
    simultaneous requests cannot both consume it.
    """
    link = link_check(token=token, purpose=purpose, request=request)
    now = timezone.now()
    # A calendar polls its feed every few minutes: record such reuse at most once per interval.
    quiet = not link.single_use and link.last_used_at is not None and now - link.last_used_at < REUSE_RECORD_INTERVAL
    rows = SignedLink.all_owners.filter(pk=link.pk, revoked_at__isnull=True, used_at__isnull=True, expires_at__gt=now)
    updates: dict[str, object] = {"use_count": F("use_count") + 1, "last_used_at": now}
    if link.single_use:
        updates["used_at"] = now
    if purpose_of(purpose).anonymous:
        # Used, but not when: the moment would join this link (and so its colleague) to the one answer that came
        # in then. The creation time says nothing, and every link of a request shares it.
        updates.update(used_at=link.created_at, last_used_at=None)
    if rows.update(**updates) != 1:
        # Spent, revoked or expired between the check and now. The refusal is audited
        # outside any caller's transaction only when there is none; callers re-raise.
        link.refresh_from_db()
        state = link.state(now)
        raise _refuse(link, state if state != "active" else "used", purpose, request)
    link.refresh_from_db()
    if purpose_of(purpose).anonymous:
        audit_record(AuditEvent.Kind.LINK_USED, subject=purpose)
    elif not quiet:
        audit_record(AuditEvent.Kind.LINK_USED, request=request, owner=link.owner, subject=purpose, link_id=link.pk)
    return link


RevokeListener = Callable[[User, SignedLink], object]
_ON_REVOKE: dict[str, list[RevokeListener]] = {}


def on_revoke(purpose: str, listener: RevokeListener) -> None:
    """Let the pillar that owns a purpose settle what a revoked link held (a verification request's entries)."""
    listeners = _ON_REVOKE.setdefault(purpose, [])
    if listener not in listeners:
        listeners.append(listener)


def link_revoke(*, owner: User, link_id: int, request: HttpRequest | None = None) -> SignedLink:
    """Withdraw one of ``owner``'s links; 404 for anyone else's. The purpose's listeners run once, when it is
    revoked (in the same transaction as the caller's, if any)."""
    from medpath.scoping import get_owned

    link = get_owned(SignedLink, owner, pk=link_id)
    if purpose_of(link.purpose).anonymous:  # withdrawn only with what it belongs to (a feedback request's close)
        from django.http import Http404

        raise Http404("No link matches the given query.")
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        audit_record(AuditEvent.Kind.LINK_REVOKED, request=request, owner=owner, subject=link.purpose, link_id=link.pk)
        for listener in _ON_REVOKE.get(link.purpose, []):
            listener(owner, link)
    return link


def expires_in_words(expires_at: datetime) -> str:
    """ "in 3 days" style wording for pages and e-mails, counted from the start of the minute, so a link made for 24
    hours says "in 1 day" (the moments spent sending it made it "in 23 hours, 59 minutes")."""
    from django.utils.timesince import timeuntil

    return f"in {timeuntil(expires_at + timedelta(seconds=59))}"
