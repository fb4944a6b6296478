"""Rate limits for public pages (the ones a signed link opens), counted in the database.

The count lives in a row locked while it is updated, so the limit holds across
every app server and needs no cache. A refusal is a 429 page with Retry-After.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import salted_hmac

from medpath.accounts.audit import audit_record, client_ip
from medpath.accounts.models import AuditEvent, RateLimitBucket, normalize_email

WINDOW = timedelta(minutes=10)


def _bucket(address: str | None) -> str:
    """The address a limit counts: IPv4 as is, IPv6 by its /64 (one home or host gets a whole /64)."""
    if not address:
        return "unknown"
    ip = ipaddress.ip_address(address)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return address


def _key(request: HttpRequest, scope: str, *, per_user: bool = False) -> str:
    who = f"user:{request.user.pk}" if per_user and request.user.is_authenticated else _bucket(client_ip(request))
    return f"{scope}:{who}"[:120]


def count_hit(request: HttpRequest, scope: str, window: timedelta = WINDOW, *, per_user: bool = False) -> int:
    """Count one hit in the caller's bucket for ``scope`` (row-locked, window renewed when past); the hits so far."""
    return _count(_key(request, scope, per_user=per_user), window)


def email_key(scope: str, email: str) -> str:
    """The bucket of an e-mail address for ``scope``: a keyed hash of the address, never the address in clear."""
    digest = salted_hmac("medpath.accounts.ratelimit", normalize_email(email), algorithm="sha256").hexdigest()
    return f"{scope}:email:{digest}"[:120]


def count_email_hit(scope: str, email: str, window: timedelta = WINDOW) -> int:
    """Count one hit for ``scope`` against an e-mail address, whoever sends it; the hits so far in the window."""
    return _count(email_key(scope, email), window)


def _count(key: str, window: timedelta) -> int:
    with transaction.atomic():
        RateLimitBucket.objects.get_or_create(key=key)
        row = RateLimitBucket.objects.select_for_update().get(key=key)
        now = timezone.now()
        if now - row.window_started_at >= window:
            row.hits, row.window_started_at = 0, now
        row.hits += 1
        row.save()
    hits: int = row.hits
    return hits


def uncount_hit(request: HttpRequest, scope: str) -> None:
    """Take back one hit counted by ``count_hit`` (an attempt that turned out not to count, e.g. a good login)."""
    RateLimitBucket.objects.filter(key=_key(request, scope), hits__gt=0).update(hits=F("hits") - 1)


def audit_refusal(request: HttpRequest, scope: str, hits: int, limit: int) -> None:
    """Audit the first refusal of a window, not every one."""
    if hits == limit + 1:
        audit_record(AuditEvent.Kind.RATE_LIMITED, request=request, subject=scope)


def over_limit(request: HttpRequest, scope: str, limit: int, window: timedelta = WINDOW, *, per_user: bool = False) -> bool:
    """Count this request from the caller's address (or, with ``per_user``, the signed-in user); True once it
    is past ``limit`` in the window."""
    hits = count_hit(request, scope, window, per_user=per_user)
    audit_refusal(request, scope, hits, limit)
    return hits > limit


def public_page_limit(scope: str, factor: int = 1) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a public view: past MEDPATH_PUBLIC_PAGE_LIMIT (times ``factor``, for calendar feeds that many
    people behind one address poll) requests per address in 10 minutes, answer 429."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if over_limit(request, scope, settings.MEDPATH_PUBLIC_PAGE_LIMIT * factor):
                response = render(
                    request,
                    "error.html",
                    {"status": 429, "message": "Too many requests from your address. Try again in 10 minutes."},
                    status=429,
                )
                response["Retry-After"] = str(int(WINDOW.total_seconds()))
                return response
            return view(request, *args, **kwargs)

        return limited

    return decorate
