"""The home dashboard, the health check and the error pages."""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from medpath import __version__
from medpath.dashboard import dashboard_cards
from medpath.errors import error_response

logger = logging.getLogger("medpath.home")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """One card per pillar with its status and next actions."""
    return render(request, "home/dashboard.html", {"cards": dashboard_cards(request.user)})


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Whether the app and its database answer (for load balancers and monitors)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "unhealthy", whatever its type
        logger.exception("health check: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable", "version": __version__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "version": __version__})


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _error(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    """JSON under /api/, a page elsewhere."""
    if _is_api(request):
        return error_response(status, code, message)
    return render(request, "error.html", {"status": status, "message": message}, status=status)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token: usually a page left open too long."""
    return _error(request, 403, "forbidden", "This form has expired. Go back, reload the page and send it again.")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        return _error(request, 413, "too_large", "What you sent is larger than this server accepts. Nothing was saved.")
    if isinstance(exception, TooManyFieldsSent):
        return _error(request, 413, "too_large", "What you sent has more fields than this server accepts. Nothing was saved.")
    return _error(request, 400, "bad_request", "The request could not be understood.")


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "forbidden", "You may not open this page.")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "not_found", "There is nothing at this address.")


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return error_response(500, "server_error", "Something went wrong on the server.")
    # No template context processors here: the failure may lie in them.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
