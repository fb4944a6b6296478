"""Reads for accounts, each scoped to one user."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from medpath.accounts.models import ApiToken, AuditEvent, RecoveryCode, SignedLink, User
from medpath.scoping import OwnedQuerySet


def token_list(*, user: User) -> OwnedQuerySet[ApiToken]:
    """The user's tokens: active ones first (on every database), then revoked; newest first within each."""
    return ApiToken.objects.for_user(user).order_by(F("revoked_at").asc(nulls_first=True), "-created_at")


def link_list(*, user: User, limit: int = 200) -> list[tuple[SignedLink, str, str]]:
    """The user's links with their state (active, used, revoked, expired) and purpose label, newest first."""
    from medpath.accounts.links import listed_purposes

    now = timezone.now()
    labels = listed_purposes()
    rows = SignedLink.objects.for_user(user).filter(purpose__in=list(labels)).order_by("-created_at")[:limit]
    return [(link, link.state(now), labels[link.purpose]) for link in rows]


def emailed_link_list(*, user: User, limit: int = 200) -> list[tuple[SignedLink, str]]:
    """The user's live links in e-mails MedPath sent them (unsubscribe links), with what each does, newest first."""
    from medpath.accounts.links import emailed_purposes

    actions = emailed_purposes()
    rows = (
        SignedLink.objects.for_user(user)
        .filter(purpose__in=list(actions), revoked_at__isnull=True, used_at__isnull=True, expires_at__gt=timezone.now())
        .order_by("-created_at")[:limit]
    )
    return [(link, actions[link.purpose]) for link in rows]


def recovery_codes_left(*, user: User) -> int:
    """How many of the user's two-factor recovery codes are unused."""
    return RecoveryCode.objects.for_user(user).filter(used_at__isnull=True).count()


def audit_events(*, user: User, limit: int = 100) -> list[AuditEvent]:
    """The user's latest security events."""
    return list(AuditEvent.objects.for_user(user).order_by("-created_at", "-id")[:limit])
