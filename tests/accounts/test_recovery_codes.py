"""Recovery codes for two-factor login (issue 11, finding 8)."""

import pyotp
from django.urls import reverse

from medpath.accounts.models import AuditEvent, RecoveryCode
from tests.conftest import PASSWORD


def _enable(browser, user) -> list[str]:
    """Turn two-factor on; the answer shows ten recovery codes, once."""
    page = browser.get(reverse("accounts:two_factor"))
    response = browser.post(reverse("accounts:two_factor"), {"code": pyotp.TOTP(page.context["secret"]).now()})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    codes = response.context["recovery_codes"]
    assert len(codes) == 10
    assert len(set(codes)) == 10
    for code in codes:
        assert code in response.content.decode()
    user.refresh_from_db()
    assert user.two_factor_enabled
    return list(codes)


def _second_step(browser, email: str, code: str):
    browser.post(reverse("accounts:login"), {"email": email, "password": PASSWORD})
    return browser.post(reverse("accounts:login_verify"), {"code": code})


def test_codes_are_stored_hashed_and_shown_once(alice_client, alice) -> None:
    """No code is stored in clear; the two-factor page later shows how many are left, not the codes."""
    codes = _enable(alice_client, alice)
    stored = " ".join(str(row) for row in RecoveryCode.objects.for_user(alice).values())
    assert not any(code in stored or code.replace("-", "") in stored for code in codes)
    page = alice_client.get(reverse("accounts:two_factor")).content.decode()
    assert "10 recovery codes left" in page
    assert codes[0] not in page


def test_a_recovery_code_logs_in_once(alice_client, alice, client) -> None:
    """A recovery code replaces the app's code at the second step, once; the use is audited."""
    codes = _enable(alice_client, alice)
    assert _second_step(client, alice.email, codes[0].upper()).status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)
    assert AuditEvent.objects.for_user(alice).filter(kind="recovery_code_used").count() == 1
    client.logout()
    again = _second_step(client, alice.email, codes[0])
    assert again.status_code == 200
    assert "code" in again.context["form"].errors
    assert "_auth_user_id" not in client.session
    assert "9 recovery codes left" in alice_client.get(reverse("accounts:two_factor")).content.decode()


def test_regenerating_needs_the_password_and_replaces_the_old_codes(alice_client, alice, client) -> None:
    """A wrong password is named at its field; with the right one, ten new codes and the old ones stop working."""
    old = _enable(alice_client, alice)
    url = reverse("accounts:recovery_codes")
    wrong = alice_client.post(url, {"regenerate-password": "not-my-password"})
    assert "password" in wrong.context["regenerate_form"].errors
    response = alice_client.post(url, {"regenerate-password": PASSWORD})
    assert response.status_code == 200
    new = response.context["recovery_codes"]
    assert len(new) == 10
    assert not set(new) & set(old)
    assert AuditEvent.objects.for_user(alice).filter(kind="recovery_codes_generated").count() == 2
    assert _second_step(client, alice.email, old[1]).status_code == 200
    client.logout()
    assert _second_step(client, alice.email, new[1]).status_code == 302


def test_another_user_cannot_regenerate_yours(alice_client, alice, charlie_client, charlie, client, refused) -> None:
    """Charlie's request, even with Alice's password, touches only Charlie's account; a visitor goes to login."""
    codes = _enable(alice_client, alice)
    url = reverse("accounts:recovery_codes")
    refused(client, "post", url, data={"regenerate-password": PASSWORD})
    charlie_client.post(url, {"regenerate-password": PASSWORD})  # Charlie's own password is the shared test one
    assert not RecoveryCode.objects.for_user(charlie).exists()  # Charlie has no two-factor: nothing made
    assert _second_step(client, alice.email, codes[2]).status_code == 302


def test_turning_two_factor_off_deletes_the_codes(alice_client, alice) -> None:
    """Codes belong to one two-factor setup."""
    _enable(alice_client, alice)
    alice_client.post(reverse("accounts:two_factor"), {"password": PASSWORD})
    assert not RecoveryCode.objects.for_user(alice).exists()


def test_a_rotated_secret_key_keeps_the_codes_while_the_old_key_is_a_fallback(alice_client, alice, client, settings) -> None:
    """Codes are keyed from SECRET_KEY; rotating it voided every code silently (found in review). With the old key in
    MEDPATH_SECRET_KEY_FALLBACKS they still work; without it they do not."""
    codes = _enable(alice_client, alice)
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-key-" + "n" * 50
    settings.SECRET_KEY_FALLBACKS = [old]
    assert _second_step(client, alice.email, codes[0]).status_code == 302
    client.logout()
    settings.SECRET_KEY_FALLBACKS = []
    assert _second_step(client, alice.email, codes[1]).status_code == 200


def test_the_codes_can_be_downloaded_from_the_page_that_shows_them(alice_client, alice) -> None:
    """The page offered no way to keep the codes but copying by hand (found by a newcomer): a download link carries
    them in the page itself (a data: address), so they are never served again."""
    from urllib.parse import unquote

    page = alice_client.get(reverse("accounts:two_factor"))
    response = alice_client.post(reverse("accounts:two_factor"), {"code": pyotp.TOTP(page.context["secret"]).now()})
    html = response.content.decode()
    start = html.index('href="data:text/plain;charset=utf-8,') + len('href="data:text/plain;charset=utf-8,')
    text = unquote(html[start : html.index('"', start)])
    assert all(code in text for code in response.context["recovery_codes"])
