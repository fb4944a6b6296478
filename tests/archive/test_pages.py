"""The archive page: download, import into an empty account, refusal shown at the field."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from medpath.learning.models import LearningActivity
from tests.archive.helpers import export_bytes

pytestmark = pytest.mark.django_db


def test_signed_out_visitors_are_sent_to_log_in(alice_client: Any, refused: Any) -> None:
    """Neither the page, its import nor the download answers without a login; the signed-in person gets in (the
    routes take no parameter: each person reaches only their own archive)."""
    for name in ("archive:archive", "archive:download"):
        response = refused(Client(), "get", reverse(name), owner=alice_client)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    upload = SimpleUploadedFile("a.zip", b"not a zip", "application/zip")
    refused(Client(), "post", reverse("archive:archive"), data={"archive": upload})


def test_the_download_is_the_signed_in_persons_archive(alice: Any, alice_client: Any, charlie: Any) -> None:
    """The zip holds Alice's records and names Alice, never Charlie."""
    LearningActivity.all_owners.create(owner=alice, title="Alice's course", completed_on="2026-01-02")
    LearningActivity.all_owners.create(owner=charlie, title="Charlie's course", completed_on="2026-01-02")
    response = alice_client.get(reverse("archive:download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        text = b"".join(bundle.read(n) for n in bundle.namelist())
    assert b"Alice's course" in text
    assert b"Charlie's course" not in text
    assert charlie.email.encode() not in text


def test_an_empty_account_imports_and_a_full_one_is_refused(
    alice: Any, alice_client: Any, charlie: Any, charlie_client: Any
) -> None:
    """Charlie (no records) imports Alice's archive; Alice (records) cannot import anything."""
    LearningActivity.all_owners.create(owner=alice, title="Alice's course", completed_on="2026-01-02")
    data = export_bytes(alice)
    upload = SimpleUploadedFile("a.zip", data, "application/zip")
    response = charlie_client.post(reverse("archive:archive"), {"archive": upload})
    assert response.status_code == 302
    assert LearningActivity.objects.for_user(charlie).get().title == "Alice's course"
    response = alice_client.post(reverse("archive:archive"), {"archive": SimpleUploadedFile("a.zip", data)})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "has no records yet" not in page  # the refusal and the words above it agree (trial finding D8)
    assert "sign up with another address" in page
    assert LearningActivity.objects.for_user(alice).count() == 1
