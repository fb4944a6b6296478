"""Account deletion leaves nothing of the person in any user-linked model or under the data directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from medpath.accounts.models import AuditEvent, LoginThrottle, PendingSignup, RateLimitBucket, User
from medpath.accounts.services import account_delete
from medpath.archive.records import label_of
from medpath.demo import DEMO_PASSWORD, demo_load
from medpath.learning.services import certificate_store
from tests.archive.helpers import PNG, export_bytes, files_under
from tests.archive.test_coverage import linked_to_user
from tests.archive.test_roundtrip import _the_kinds_the_demo_lacks
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _rows_naming(user_id: int, email: str) -> dict[str, int]:
    """Per user-linked model, the rows that point at the user (at any depth) or hold the address."""
    found: dict[str, int] = {}
    by_label = {label_of(m): m for m in apps.get_models(include_auto_created=True)}
    for label in sorted(linked_to_user()):
        model = by_label[label]
        count = 0
        for row in model._base_manager.all():
            text = repr([getattr(row, f.attname) for f in model._meta.concrete_fields])
            if email in text or _points_at(row, user_id):
                count += 1
        if count:
            found[label] = count
    found.pop("sessions.session", None)  # sessions are decoded below
    return found


def _points_at(row: Any, user_id: int, depth: int = 0) -> bool:
    if depth > 4:
        return False
    for f in row._meta.concrete_fields:
        if not f.is_relation or getattr(row, f.attname) is None:
            continue
        if f.related_model is User:
            if getattr(row, f.attname) == user_id:
                return True
        elif _points_at(getattr(row, f.name), user_id, depth + 1):
            return True
    return False


def test_deleting_an_account_leaves_nothing_of_the_person(
    settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    """Every model linked to the user and every file under the data directory: nothing names the deleted person,
    and another user's rows and files are unchanged."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.DATA_DIR = tmp_path
    people = [User.objects.get(email=p.email) for p in demo_load()]
    person, other = people[0], people[2]
    _the_kinds_the_demo_lacks(person)
    with django_capture_on_commit_callbacks(execute=True):
        for who in (person, other):
            certificate_store(user=who, upload=SimpleUploadedFile("bls.png", PNG, "image/png"))
    browser = Client()
    assert browser.post(reverse("accounts:login"), {"email": person.email, "password": DEMO_PASSWORD}).status_code == 302
    Client().post(reverse("accounts:login"), {"email": person.email, "password": "wrong-wrong-wrong"})
    RateLimitBucket.objects.create(key=f"certificate-read:user:{person.pk}")
    PendingSignup.objects.create(email=person.email, password="x", expires_at="2099-01-01T00:00:00Z")
    from medpath.importing import pending_keep
    from medpath.network.services.held_vcards import vcard_hold

    for who in (person, other):  # uploads waiting for a confirm: a spreadsheet, a vCard file
        pending_keep(who, b"Name\nAda\n", "contacts.csv")
        vcard_hold(user=who, data=b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\r\nEND:VCARD\r\n")
    user_id, email = person.pk, person.email
    assert _rows_naming(user_id, email)
    other_before = export_bytes(other)
    other_files = files_under(tmp_path / "uploads" / "certificates" / str(other.pk))

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=person)

    assert _rows_naming(user_id, email) == {}
    assert not User.objects.filter(pk=user_id).exists()
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user_id)]
    assert not LoginThrottle.objects.filter(key=LoginThrottle.key_for(email)).exists()
    assert not AuditEvent.all_owners.filter(subject=email).exists()
    data_dir = Path(settings.MEDIA_ROOT)
    assert not (data_dir / "certificates" / str(user_id)).exists()
    assert all(email not in name for name in files_under(data_dir))
    assert export_bytes(other)[:0] == b""
    assert _same_records(export_bytes(other), other_before)
    assert files_under(data_dir / "certificates" / str(other.pk)) == other_files
    assert not (tmp_path / "pending-imports" / str(user_id)).exists()
    assert not (data_dir / "vcard-imports" / str(user_id)).exists()
    assert (tmp_path / "pending-imports" / str(other.pk)).exists()  # the other person's stay
    assert (data_dir / "vcard-imports" / str(other.pk)).exists()


def _same_records(a: bytes, b: bytes) -> bool:
    from tests.archive.helpers import comparable

    return comparable(a) == comparable(b)


def test_the_command_needs_yes_and_then_deletes(alice: Any) -> None:
    """`medpath delete-account` without --yes deletes nothing; with it the account is gone."""
    from typer.testing import CliRunner

    from medpath.cli import app

    runner = CliRunner()
    refused = runner.invoke(app, ["delete-account", "--user", alice.email])
    assert refused.exit_code == 2
    assert User.objects.filter(pk=alice.pk).exists()
    done = runner.invoke(app, ["delete-account", "--user", alice.email, "--yes"])
    assert done.exit_code == 0, done.output
    assert not User.objects.filter(pk=alice.pk).exists()


def test_the_page_needs_the_typed_address(alice: Any, alice_client: Any) -> None:
    """The page refuses the word DELETE and takes the account's own address."""
    response = alice_client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "DELETE"})
    assert "confirm" in response.context["form"].errors
    assert alice_client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": alice.email}).status_code == 302
    assert not User.objects.filter(pk=alice.pk).exists()


def test_account_delete_service_keeps_other_accounts(alice: Any, charlie: Any) -> None:
    """Deleting Alice leaves Charlie."""
    account_delete(user=alice)
    assert User.objects.filter(pk=charlie.pk).exists()
