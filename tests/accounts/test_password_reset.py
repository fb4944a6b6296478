"""Password reset by e-mail, through a real SMTP server and the signed-link service."""

import re

from django.urls import reverse

from medpath.accounts.models import AuditEvent
from tests.conftest import PASSWORD, body_of


def _reset_link(smtp_server, address: str) -> str:
    body = body_of(smtp_server.last_to(address))
    match = re.search(r"http://\S+/accounts/password-reset/\S+/", body)
    assert match, body
    return match.group(0).replace("http://127.0.0.1:8000", "")


def test_reset_by_email_link(client, alice, smtp_server) -> None:
    """The e-mailed link opens once, sets the password, and is spent afterwards."""
    response = client.post(reverse("accounts:password_reset"), {"email": "Alice@Example.org"})
    assert response.status_code == 200
    message = smtp_server.last_to("alice@example.org")
    assert message["Subject"] == "Reset your MedPath password"
    path = _reset_link(smtp_server, "alice@example.org")
    assert client.get(path).status_code == 200
    new = "brand new passphrase here"
    response = client.post(path, {"new_password": new, "new_password_again": new})
    assert response["Location"] == reverse("accounts:login")
    alice.refresh_from_db()
    assert alice.check_password(new)
    again = client.get(path)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    kinds = set(AuditEvent.objects.for_user(alice).values_list("kind", flat=True))
    assert {"password_reset_requested", "link_used", "password_reset", "link_refused"} <= kinds


def test_unknown_address_gets_the_same_answer_and_no_mail(client, db, smtp_server) -> None:
    """Nobody can learn which addresses have accounts."""
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 200
    assert "If an account uses" in response.content.decode()
    assert smtp_server.messages == []


def test_expired_reset_link_is_refused(client, alice, smtp_server, time_machine) -> None:
    """After an hour the link no longer opens, and the password is unchanged."""
    time_machine.move_to("2026-02-01 10:00:00+00:00", tick=False)
    client.post(reverse("accounts:password_reset"), {"email": "alice@example.org"})
    path = _reset_link(smtp_server, "alice@example.org")
    time_machine.move_to("2026-02-01 11:01:00+00:00", tick=False)
    response = client.post(path, {"new_password": "brand new passphrase", "new_password_again": "brand new passphrase"})
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    alice.refresh_from_db()
    assert not alice.check_password("brand new passphrase")
    assert alice.check_password(PASSWORD)


def test_tampered_reset_link_is_refused(client, alice, smtp_server) -> None:
    """A changed character breaks the signature."""
    client.post(reverse("accounts:password_reset"), {"email": "alice@example.org"})
    path = _reset_link(smtp_server, "alice@example.org")
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    assert client.get(tampered).status_code == 404


def test_weak_new_password_keeps_link_usable(client, alice, smtp_server) -> None:
    """A rejected password is named at its field and does not spend the link."""
    client.post(reverse("accounts:password_reset"), {"email": "alice@example.org"})
    path = _reset_link(smtp_server, "alice@example.org")
    response = client.post(path, {"new_password": "123", "new_password_again": "123"})
    assert "new_password" in response.context["form"].errors
    assert client.get(path).status_code == 200


def test_reset_emails_are_limited_per_hour(client, alice, smtp_server, time_machine) -> None:
    """A fourth request within the hour sends nothing more; an hour later it works again."""
    from medpath.accounts.services import PASSWORD_RESET_MAX_PER_HOUR

    time_machine.move_to("2026-02-01 10:00:00+00:00", tick=False)
    for _ in range(PASSWORD_RESET_MAX_PER_HOUR + 2):
        assert client.post(reverse("accounts:password_reset"), {"email": "alice@example.org"}).status_code == 200
    assert len(smtp_server.messages) == PASSWORD_RESET_MAX_PER_HOUR
    time_machine.move_to("2026-02-01 11:00:01+00:00", tick=False)
    client.post(reverse("accounts:password_reset"), {"email": "alice@example.org"})
    assert len(smtp_server.messages) == PASSWORD_RESET_MAX_PER_HOUR + 1


def test_reset_lifts_lockout_and_withdraws_older_links(client, alice, smtp_server, settings) -> None:
    """A locked-out user resets by e-mail: the lock is lifted and earlier reset links stop working."""
    settings.MEDPATH_LOGIN_MAX_FAILURES = 2
    for _ in range(2):
        client.post(reverse("accounts:login"), {"email": "alice@example.org", "password": "wrong-wrong-wrong"})
    client.post(reverse("accounts:password_reset"), {"email": "alice@example.org"})
    first = _reset_link(smtp_server, "alice@example.org")
    client.post(reverse("accounts:password_reset"), {"email": "alice@example.org"})
    second = _reset_link(smtp_server, "alice@example.org")
    new = "brand new passphrase here"
    assert client.post(second, {"new_password": new, "new_password_again": new}).status_code == 302
    assert client.get(first).status_code == 410
    assert client.post(reverse("accounts:login"), {"email": "alice@example.org", "password": new}).status_code == 302


def test_reset_revokes_tokens_and_is_not_a_shared_link(client, alice, alice_client, smtp_server) -> None:
    """After a reset the API tokens stop working; reset links never appear under Shared links."""
    from medpath.accounts.tokens import token_create

    issued = token_create(owner=alice, name="script")
    client.post(reverse("accounts:password_reset"), {"email": "alice@example.org"})
    assert "Password reset" not in alice_client.get(reverse("accounts:links")).content.decode()
    path = _reset_link(smtp_server, "alice@example.org")
    new = "brand new passphrase here"
    client.post(path, {"new_password": new, "new_password_again": new})
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {issued.raw}").status_code == 401
    used = client.get(path)
    assert "Ask for a new reset link" in used.content.decode()
