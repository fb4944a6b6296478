"""Refuse a request body that is too large before any of it is read (issue 11, finding 3).

Django reads an upload to the end (into memory or a temporary file) before a form can say it is too large: a 63 MB
file was received in full to be refused for being over 10 MB. The length the client declares is checked first;
the largest thing anyone sends is a certificate file — except a full archive, which the archive import (page and API)
alone may send up to ``MEDPATH_ARCHIVE_MAX_MB``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse

from medpath.bounds import MAX_FILE_BYTES
from medpath.errors import error_response

# Room for the multipart envelope and the form's other fields around the largest file.
ENVELOPE_BYTES = 256 * 1024
# The URL names of the archive imports (the page's form and the API operation): the only routes that take a body
# larger than a certificate. Named, not imported, so this platform module depends on no app.
ARCHIVE_IMPORT_ROUTES = ("archive:archive", "api:archive_upload")


def archive_import_paths() -> frozenset[str]:
    """The paths that take an archive (``ARCHIVE_IMPORT_ROUTES``); none when the archive app is not installed."""
    paths = set()
    for name in ARCHIVE_IMPORT_ROUTES:
        try:
            paths.add(reverse(name))
        except NoReverseMatch:
            continue
    return frozenset(paths)


def largest_archive_body() -> int:
    """The most bytes an archive import may declare: ``MEDPATH_ARCHIVE_MAX_MB`` and its envelope."""
    return int(settings.MEDPATH_ARCHIVE_MAX_MB) * 1024 * 1024 + ENVELOPE_BYTES


def largest_body() -> int:
    """The most bytes any request may declare: the largest file (a certificate) or the largest non-file body."""
    return max(MAX_FILE_BYTES + ENVELOPE_BYTES, int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0))


class BodySizeLimitMiddleware:
    """413 for a declared body above ``largest_body()`` (above ``largest_archive_body()`` for an archive import), as
    JSON under /api/ and as a short page elsewhere."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.limit = largest_body()
        self._archive_paths: frozenset[str] | None = None

    def _is_archive_import(self, request: HttpRequest) -> bool:
        if request.method != "POST":
            return False
        if self._archive_paths is None:  # the URLconf is not loaded yet when the middleware is made
            self._archive_paths = archive_import_paths()
        return request.path in self._archive_paths

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        archive = self._is_archive_import(request)
        limit = max(self.limit, largest_archive_body()) if archive else self.limit
        if declared > limit:
            megabytes = limit // (1024 * 1024)
            message = (
                f"The archive is larger than this server's limit of {settings.MEDPATH_ARCHIVE_MAX_MB} MB; nothing was "
                "read or imported."
                if archive
                else f"The request is larger than MedPath accepts (about {megabytes} MB); nothing was read or saved."
            )
            if request.path.startswith("/api/"):
                return error_response(413, "too_large", message)
            response = HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
            return response
        return self.get_response(request)
