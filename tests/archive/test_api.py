"""The archive's API: download (session or token), import into an empty account, and account deletion."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from medpath.accounts.models import ApiToken, User
from medpath.accounts.tokens import token_create
from medpath.learning.models import LearningActivity
from tests.archive.helpers import export_bytes
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


class _Rewinding(SimpleUploadedFile):
    """An upload that can be sent twice (the ``refused`` fixture sends one request as the visitor, one as the owner)."""

    def read(self, *args: Any) -> bytes:
        self.seek(0)
        return bytes(super().read(*args))


def _course(user: Any, title: str) -> None:
    LearningActivity.all_owners.create(owner=user, title=title, completed_on="2026-01-02")


def _zip_text(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        return b"".join(bundle.read(name) for name in bundle.namelist())


def test_every_operation_is_refused_to_a_visitor_and_open_to_the_owner(
    alice: Any, alice_client: Any, charlie: Any, charlie_client: Any, refused: Any
) -> None:
    """No session, no token: 401 JSON; the signed-in person gets through (run in a savepoint rolled back)."""
    _course(alice, "Alice's course")
    archive = export_bytes(alice)
    visitor = Client()
    refused(visitor, "get", "/api/v1/archive", owner=alice_client)
    refused(
        visitor,
        "post",
        "/api/v1/archive",
        owner=charlie_client,  # empty: the import goes through for Charlie
        data={"archive": _Rewinding("a.zip", archive, "application/zip")},
    )
    body = json.dumps({"password": PASSWORD, "confirm_email": alice.email})
    refused(visitor, "delete", "/api/v1/account", owner=alice_client, data=body, content_type="application/json")
    assert User.objects.filter(pk=alice.pk).exists()
    assert LearningActivity.objects.for_user(charlie).count() == 0


def test_the_download_is_the_callers_archive_with_a_token(alice: Any, charlie: Any) -> None:
    """A token holder downloads their own archive as a zip attachment; nothing of Charlie's is in it."""
    _course(alice, "Alice's course")
    _course(charlie, "Charlie's course")
    issued = token_create(owner=alice, name="backup script")
    response: Any = Client().get("/api/v1/archive", HTTP_AUTHORIZATION=f"Bearer {issued.raw}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "no-store"
    text = _zip_text(b"".join(response.streaming_content))
    assert b"Alice's course" in text
    assert b"Charlie's course" not in text
    assert charlie.email.encode() not in text


def test_an_empty_account_imports_and_says_what_came_in(alice: Any, charlie: Any, charlie_client: Any) -> None:
    _course(alice, "Alice's course")
    _course(alice, "Another course")
    upload = SimpleUploadedFile("a.zip", export_bytes(alice), "application/zip")
    response = charlie_client.post("/api/v1/archive", {"archive": upload})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["email"] == charlie.email
    assert body["records"]["learning.learningactivity"] == 2
    assert body["files"] == 0
    assert sorted(LearningActivity.objects.for_user(charlie).values_list("title", flat=True)) == [
        "Alice's course",
        "Another course",
    ]


def test_refusals_are_json_with_the_pages_message_and_import_nothing(
    alice: Any, alice_client: Any, charlie: Any, charlie_client: Any, settings: Any
) -> None:
    """A full account: 409 not_empty; not a zip: 422 not_a_zip; over MEDPATH_ARCHIVE_MAX_MB: 413 too_large. The
    message is the page's ("Nothing was imported. …") and ``fields.archive`` gives the reason."""
    _course(alice, "Alice's course")
    archive = export_bytes(alice)

    def send(client: Any, data: bytes) -> Any:
        return client.post("/api/v1/archive", {"archive": SimpleUploadedFile("a.zip", data, "application/zip")})

    full = send(alice_client, archive)
    assert full.status_code == 409
    assert full.json()["code"] == "not_empty"
    assert full.json()["message"].startswith("Nothing was imported. This account already has records")
    assert set(full.json()["fields"]) == {"archive"}
    page = alice_client.post("/accounts/archive/", {"archive": SimpleUploadedFile("a.zip", archive)})
    assert full.json()["fields"]["archive"][0] in page.content.decode()

    not_zip = send(charlie_client, b"PK but not really a zip")
    assert (not_zip.status_code, not_zip.json()["code"]) == (422, "not_a_zip")
    assert "not a zip file" in not_zip.json()["message"]

    settings.MEDPATH_ARCHIVE_MAX_MB = 0
    too_big = send(charlie_client, archive)
    assert (too_big.status_code, too_big.json()["code"]) == (413, "too_large")
    assert LearningActivity.objects.for_user(charlie).count() == 0
    assert LearningActivity.objects.for_user(alice).count() == 1


def test_the_import_takes_multipart_only(charlie_client: Any) -> None:
    response = charlie_client.post("/api/v1/archive", json.dumps({"archive": "x"}), content_type="application/json")
    assert response.status_code == 422
    assert set(response.json()) == {"code", "message", "fields"}
    assert "archive" in response.json()["fields"]


def test_deleting_needs_the_password_and_the_typed_address_even_with_a_token(alice: Any, charlie: Any) -> None:
    """A token alone deletes nothing: a wrong password or address answers 422 naming the field."""
    issued = token_create(owner=alice, name="script")
    token_create(owner=charlie, name="other")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {issued.raw}")

    def delete(password: str, confirm_email: str) -> Any:
        body = json.dumps({"password": password, "confirm_email": confirm_email})
        return api.delete("/api/v1/account", body, content_type="application/json")

    wrong_password = delete("not it", alice.email)
    assert wrong_password.status_code == 422
    assert list(wrong_password.json()["fields"]) == ["password"]
    wrong_address = delete(PASSWORD, charlie.email)
    assert wrong_address.status_code == 422
    assert list(wrong_address.json()["fields"]) == ["confirm_email"]
    assert api.delete("/api/v1/account").status_code == 422  # no body: both fields are required
    assert User.objects.filter(pk=alice.pk).exists()

    assert delete(PASSWORD, f"  {alice.email.upper()} ").status_code == 204
    assert not User.objects.filter(pk=alice.pk).exists()
    assert list(ApiToken.all_owners.values_list("name", flat=True)) == ["other"]
    assert api.get("/api/v1/me").status_code == 401  # the token went with the account


def test_a_token_holder_cannot_guess_the_password_fast(alice: Any) -> None:
    """After 5 attempts in 10 minutes the 6th answers 429, even with the right password."""
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_create(owner=alice, name='stolen').raw}")
    for guess in range(5):
        body = json.dumps({"password": f"guess {guess}", "confirm_email": alice.email})
        assert api.delete("/api/v1/account", body, content_type="application/json").status_code == 422
    body = json.dumps({"password": PASSWORD, "confirm_email": alice.email})
    response = api.delete("/api/v1/account", body, content_type="application/json")
    assert response.status_code == 429
    assert set(response.json()) == {"code", "message", "fields"}
    assert User.objects.filter(pk=alice.pk).exists()


def test_deleting_with_a_session_ends_it(alice: Any, alice_client: Any) -> None:
    body = json.dumps({"password": PASSWORD, "confirm_email": alice.email})
    assert alice_client.delete("/api/v1/account", body, content_type="application/json").status_code == 204
    assert not User.objects.filter(pk=alice.pk).exists()
    assert alice_client.get("/api/v1/me").status_code == 401
