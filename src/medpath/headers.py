"""Response headers every answer carries: personal answers are never cached, and browser features MedPath does not
use are switched off.

A page or API answer given to a signed-in person (a session, or an API token under ``/api/``) may hold their
records: ``Cache-Control: private, no-store`` keeps it out of shared caches, the browser's disk cache and the
back-button history. Public pages (the career explorer for a visitor) stay cacheable. Static files are served
before this middleware runs, so their long cache lifetimes are untouched.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

PRIVATE = "private, no-store"
# Features no page uses; an injected script could not turn them on either.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)


class PrivateResponsesMiddleware:
    """Mark personal answers ``no-store`` and send ``Permissions-Policy`` on every answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if signed_in or request.path.startswith("/api/"):
            cache = response.get("Cache-Control", "")
            if "no-store" not in cache:
                response["Cache-Control"] = PRIVATE
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
