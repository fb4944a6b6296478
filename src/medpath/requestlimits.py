"""Refuse a request body that is too large before any of it is read (issue 11, finding 3).

Django reads an upload to the end (into memory or a temporary file) before a form can say it is too large: a 63 MB
file was received in full to be refused for being over 10 MB. The length the client declares is checked first;
the largest thing anyone sends is a certificate file.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from medpath.bounds import MAX_FILE_BYTES
from medpath.errors import error_response

# Room for the multipart envelope and the form's other fields around the largest file.
ENVELOPE_BYTES = 256 * 1024


def largest_body() -> int:
    """The most bytes any request may declare: the largest file (a certificate) or the largest non-file body."""
    return max(MAX_FILE_BYTES + ENVELOPE_BYTES, int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0))


class BodySizeLimitMiddleware:
    """413 for a declared body above ``largest_body()``, as JSON under /api/ and as a short page elsewhere."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.limit = largest_body()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > self.limit:
            megabytes = self.limit // (1024 * 1024)
            message = f"The request is larger than MedPath accepts (about {megabytes} MB); nothing was read or saved."
            if request.path.startswith("/api/"):
                return error_response(413, "too_large", message)
            response = HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
            response["Connection"] = "close"
            return response
        return self.get_response(request)
