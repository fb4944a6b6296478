"""Per request, for a signed-in person: end a session past its absolute lifetime; show times in their zone."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from medpath.usertime import user_zone


class UserTimezoneMiddleware:
    """Activate the logged-in user's time zone for the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            timezone.activate(user_zone(request.user))
        else:
            timezone.deactivate()
        return self.get_response(request)


LOGIN_AT = "medpath_login_at"  # the session key holding when the login happened (a Unix time)


class SessionLifetimeMiddleware:
    """End a session ``MEDPATH_SESSION_MAX_HOURS`` after its login, however active (the idle timeout alone would let
    a session used every hour live for ever). A session from before this rule starts its clock now."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            started = request.session.setdefault(LOGIN_AT, now)
            if now - float(started) > settings.MEDPATH_SESSION_MAX_HOURS * 3600:
                logout(request)
                if request.path.startswith("/api/"):
                    return self.get_response(request)  # the API then answers 401 in its own shape
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)
