"""The audit log of security events; one function writes it."""

from __future__ import annotations

import ipaddress
import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from medpath.accounts.models import AuditEvent, User

logger = logging.getLogger("medpath.audit")


def _valid_ip(value: object) -> str | None:
    try:
        return str(ipaddress.ip_address(str(value).strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The caller's address; behind a trusted proxy, the hop the proxy saw. Never a malformed value."""
    if settings.MEDPATH_TRUST_PROXY:
        hops = str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        forwarded = _valid_ip(hops[-1]) if hops[-1].strip() else None
        if forwarded:
            return forwarded
    return _valid_ip(request.META.get("REMOTE_ADDR", ""))


def audit_record(
    kind: AuditEvent.Kind,
    *,
    request: HttpRequest | None = None,
    owner: User | None = None,
    subject: str = "",
    **detail: Any,
) -> AuditEvent:
    """Store one security event (and log its kind and ids, never personal content)."""
    event = AuditEvent(owner=owner, kind=kind, subject=subject[:254], detail=detail)
    if request is not None:
        event.ip_address = client_ip(request)
        event.user_agent = request.META.get("HTTP_USER_AGENT", "")[:200]
    event.save()
    logger.info("audit %s owner=%s", kind.value, owner.pk if owner else "-")
    return event
