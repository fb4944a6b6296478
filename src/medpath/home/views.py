"""The home dashboard, the health check and the error pages."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from medpath import __version__
from medpath.accounts.requests import signed_in_user
from medpath.dashboard import dashboard_cards
from medpath.errors import error_response
from medpath.home import services
from medpath.home.selectors import next_actions
from medpath.usertime import user_today

logger = logging.getLogger("medpath.home")


TOP_ACTIONS = 5  # how many next actions head the dashboard (a setting, not a fact)
SEVERITY_LABELS = {"critical": "Now", "high": "Soon", "medium": "This season", "low": "When you can"}


def _label(severity: str, due: date | None, today: date) -> str:
    """When to act, in words: "Overdue" for anything past its date (whatever its consequence), else the severity's."""
    return "Overdue" if due is not None and due < today else SEVERITY_LABELS[severity]


@dataclass(frozen=True)
class _Shown:
    key: str
    title: str
    reason: str
    severity: str
    severity_label: str
    due: date | None
    url: str


def dashboard(request: HttpRequest) -> HttpResponse:
    """The few actions that matter most across the pillars, then one card per pillar; a visitor sees what MedPath
    is, with the ways in (a page of no one's data)."""
    if not request.user.is_authenticated:
        return render(request, "home/landing.html")
    user = signed_in_user(request)
    ranked = next_actions(user)
    today = user_today(user)
    shown = [
        _Shown(a.key, a.title, a.reason, a.severity, _label(a.severity, a.due, today), a.due, a.url) for a in ranked[:TOP_ACTIONS]
    ]
    context = {"cards": dashboard_cards(user), "actions": shown, "more": max(0, len(ranked) - TOP_ACTIONS)}
    return render(request, "home/dashboard.html", context)


@login_required
@require_POST
def action_choice(request: HttpRequest) -> HttpResponse:
    """Snooze a next action for a week, or dismiss it; back to the dashboard."""
    user = signed_in_user(request)
    key = request.POST.get("key", "")[:200]
    try:
        if request.POST.get("choice") == "dismiss":
            services.action_dismiss(user=user, key=key)
            messages.success(request, "Dismissed. It comes back if its reason changes.")
        else:
            services.action_snooze(user=user, key=key, until=user_today(user) + timedelta(days=7))
            messages.success(request, "Snoozed for a week.")
    except Http404:
        messages.info(request, "That action is no longer on your list.")
    return redirect("home:dashboard")


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
