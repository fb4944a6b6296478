"""Values every page template may use."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from medpath import __version__, config


def medpath(request: HttpRequest) -> dict[str, object]:
    """The version, the public address and whether it only reaches this machine."""
    return {
        "medpath_version": __version__,
        "medpath_base_url": settings.MEDPATH_BASE_URL,
        "medpath_base_url_is_loopback": config.is_loopback_url(settings.MEDPATH_BASE_URL),
    }
