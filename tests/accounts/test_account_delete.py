"""Deleting an account leaves nothing behind (issue 11, finding 8)."""

from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from medpath.accounts.models import AuditEvent, LoginThrottle, RateLimitBucket
from medpath.learning.services import certificate_store
from tests.conftest import PASSWORD

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _sessions_of(user_id: int) -> list[str]:
    return [s.session_key for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user_id)]


def test_deleting_an_account_leaves_no_session_throttle_or_upload_folder(
    alice, charlie, charlie_client, settings, tmp_path, django_capture_on_commit_callbacks
) -> None:
    """After deletion: no session on any device, no login throttle keyed to the address, no upload folder."""
    settings.MEDIA_ROOT = tmp_path
    laptop, phone = Client(), Client()
    for browser in (laptop, phone):
        assert browser.post(reverse("accounts:login"), {"email": alice.email, "password": PASSWORD}).status_code == 302
    certificate_store(user=alice, upload=SimpleUploadedFile("ce.png", PNG, "image/png"))
    folder = tmp_path / "certificates" / str(alice.pk)
    assert folder.is_dir()
    Client().post(reverse("accounts:login"), {"email": alice.email, "password": "wrong-wrong-wrong"})
    Client().post(reverse("accounts:login"), {"email": "charlie@example.org", "password": "wrong-wrong-wrong"})
    RateLimitBucket.objects.create(key=f"certificate-read:user:{alice.pk}")
    assert len(_sessions_of(alice.pk)) == 2
    assert LoginThrottle.objects.filter(key=LoginThrottle.key_for(alice.email)).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = laptop.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": alice.email})
    assert response.status_code == 302

    assert _sessions_of(alice.pk) == []
    assert not LoginThrottle.objects.filter(key=LoginThrottle.key_for(alice.email)).exists()
    assert not RateLimitBucket.objects.filter(key__endswith=f":user:{alice.pk}").exists()
    assert not folder.exists()
    assert not AuditEvent.all_owners.filter(subject=alice.email).exists()
    assert phone.get(reverse("accounts:profile")).status_code == 302  # signed out (the dashboard address is the public landing)
    # Charlie's session and throttle stay.
    assert _sessions_of(charlie.pk)
    assert LoginThrottle.objects.filter(key=LoginThrottle.key_for(charlie.email)).exists()
