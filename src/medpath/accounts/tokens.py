"""Personal API tokens: issued once in clear, stored as a SHA-256 hash."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from medpath.accounts.audit import audit_record
from medpath.accounts.models import ApiToken, AuditEvent, User
from medpath.scoping import get_owned

TOKEN_PREFIX = "mp_"
# A token's use is written to the audit log at most once per this interval, so a
# script making thousands of calls does not write thousands of rows.
USE_RECORD_INTERVAL = timedelta(minutes=15)


def hash_token(raw: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(raw.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    """A new token; ``raw`` is shown to the user once and never stored."""

    token: ApiToken
    raw: str


def token_create(*, owner: User, name: str, request: HttpRequest | None = None) -> IssuedToken:
    """Issue a new personal API token called ``name``."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(owner=owner, name=name.strip(), prefix=raw[: len(TOKEN_PREFIX) + 6], token_hash=hash_token(raw))
    token.full_clean()
    token.save()
    audit_record(AuditEvent.Kind.TOKEN_CREATED, request=request, owner=owner, subject=token.prefix, token_id=token.pk)
    return IssuedToken(token=token, raw=raw)


def token_revoke(*, owner: User, token_id: int, request: HttpRequest | None = None) -> ApiToken:
    """Revoke one of ``owner``'s tokens; 404 for anyone else's."""
    token = get_owned(ApiToken, owner, pk=token_id)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(AuditEvent.Kind.TOKEN_REVOKED, request=request, owner=owner, subject=token.prefix, token_id=token.pk)
    return token


def token_authenticate(raw: str, *, request: HttpRequest | None = None) -> User | None:
    """The active user a raw token belongs to, or None (and the refusal is audited)."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        token = None
    else:
        token = ApiToken.all_owners.select_related("owner").filter(token_hash=hash_token(raw)).first()
    if token is None or token.revoked_at is not None or not token.owner.is_active:
        audit_record(
            AuditEvent.Kind.TOKEN_REFUSED,
            request=request,
            owner=token.owner if token else None,
            subject=token.prefix if token else "",
            reason="revoked" if token else "unknown",
        )
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= USE_RECORD_INTERVAL:
        ApiToken.all_owners.filter(pk=token.pk).update(last_used_at=now)
        audit_record(AuditEvent.Kind.TOKEN_USED, request=request, owner=token.owner, subject=token.prefix, token_id=token.pk)
    owner: User = token.owner
    return owner
