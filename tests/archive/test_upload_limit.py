"""An archive import (page and API) may be larger than any other upload: up to MEDPATH_ARCHIVE_MAX_MB, not the ~10 MB
every other request is held to before it is read."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from medpath.requestlimits import BodySizeLimitMiddleware, largest_body

MB = 1024 * 1024
ARCHIVE_PATHS = ("/accounts/archive/", "/api/v1/archive")


class _Unread(io.BytesIO):
    """A body that fails the test if anyone reads it."""

    def read(self, *args: object, **kwargs: object) -> bytes:
        raise AssertionError("the body was read")


def _declared(method: str, path: str, size: int) -> Any:
    request = getattr(RequestFactory(), method)(path, data=b"", content_type="multipart/form-data; boundary=x")
    request.META["CONTENT_LENGTH"] = str(size)
    request.META["wsgi.input"] = _Unread()
    return request


def test_the_larger_limit_is_for_the_archive_imports_only(settings: Any) -> None:
    """63 MB declared: an archive import reaches its view; any other path, or a GET of the archive page, gets 413
    unread. Above MEDPATH_ARCHIVE_MAX_MB the archive import gets 413 too, saying the archive limit."""
    settings.MEDPATH_ARCHIVE_MAX_MB = 100
    middleware = BodySizeLimitMiddleware(lambda request: HttpResponse("the view ran"))
    assert largest_body() < 63 * MB
    for path in ARCHIVE_PATHS:
        assert middleware(_declared("post", path, 63 * MB)).content == b"the view ran", path
    for method, path in [
        ("post", "/learning/activities/new/"),
        ("post", "/api/v1/learning/certificates/read"),
        ("get", "/accounts/archive/"),
    ]:
        response = middleware(_declared(method, path, 63 * MB))
        assert response.status_code == 413, path
        assert b"larger than MedPath accepts (about 10 MB)" in response.content
    for path in ARCHIVE_PATHS:
        response = middleware(_declared("post", path, 101 * MB))
        assert response.status_code == 413, path
        assert b"The archive is larger than this server's limit of 100 MB" in response.content
    assert middleware(_declared("post", "/api/v1/archive", 101 * MB))["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_an_11_mb_archive_reaches_the_archives_own_checks(charlie_client: Any, settings: Any) -> None:
    """Sent for real: 11 MB is read and answered by the archive's checks (here: not a zip), on the page and the API;
    with MEDPATH_ARCHIVE_MAX_MB at 5 the same upload is a 413 before it is read."""
    big = b"x" * (11 * MB)

    def upload() -> SimpleUploadedFile:
        return SimpleUploadedFile("big.zip", big, "application/zip")

    page = charlie_client.post(reverse("archive:archive"), {"archive": upload()})
    assert page.status_code == 422
    assert "not a zip file" in page.content.decode()
    api = charlie_client.post("/api/v1/archive", {"archive": upload()})
    assert (api.status_code, api.json()["code"]) == (422, "not_a_zip")
    elsewhere = charlie_client.post(reverse("learning:activity_new"), {"certificate": upload()})
    assert elsewhere.status_code == 413

    settings.MEDPATH_ARCHIVE_MAX_MB = 5
    page = charlie_client.post(reverse("archive:archive"), {"archive": upload()})
    assert page.status_code == 413
    assert "limit of 5 MB" in page.content.decode()
    api = charlie_client.post("/api/v1/archive", {"archive": upload()})
    assert (api.status_code, api.json()["code"]) == (413, "too_large")
