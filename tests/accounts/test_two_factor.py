"""Optional TOTP two-factor login."""

import time

import pyotp
from django.urls import reverse

from medpath.accounts import totp
from medpath.accounts.models import AuditEvent
from tests.conftest import PASSWORD


def _enable(client, alice) -> str:
    page = client.get(reverse("accounts:two_factor"))
    secret = page.context["secret"]
    assert "<svg" in page.content.decode()
    response = client.post(reverse("accounts:two_factor"), {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 200
    assert len(response.context["recovery_codes"]) == 10
    alice.refresh_from_db()
    return str(secret)


def test_enable_needs_a_correct_code(alice_client, alice) -> None:
    """A wrong code leaves two-factor off; the right one turns it on and is audited."""
    alice_client.get(reverse("accounts:two_factor"))
    response = alice_client.post(reverse("accounts:two_factor"), {"code": "000000"})
    assert "code" in response.context["form"].errors
    alice.refresh_from_db()
    assert not alice.two_factor_enabled
    _enable(alice_client, alice)
    assert alice.two_factor_enabled
    assert AuditEvent.objects.for_user(alice).filter(kind="two_factor_enabled").exists()


def test_login_asks_for_code_and_refuses_replay(alice_client, alice, client, time_machine) -> None:
    """After the password, the code is asked; a code already used is refused."""
    time_machine.move_to("2026-05-01 09:00:00+00:00", tick=False)
    secret = _enable(alice_client, alice)
    time_machine.move_to("2026-05-01 09:01:00+00:00", tick=False)
    response = client.post(reverse("accounts:login"), {"email": "alice@example.org", "password": PASSWORD})
    assert response["Location"].startswith(reverse("accounts:login_verify"))
    assert "_auth_user_id" not in client.session
    code = pyotp.TOTP(secret).now()
    assert client.post(reverse("accounts:login_verify"), {"code": code}).status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)
    client.logout()
    client.post(reverse("accounts:login"), {"email": "alice@example.org", "password": PASSWORD})
    replay = client.post(reverse("accounts:login_verify"), {"code": code})
    assert replay.status_code == 200
    assert "already used" in replay.content.decode()
    assert "_auth_user_id" not in client.session


def test_second_step_without_password_step_goes_back_to_login(client, db) -> None:
    """The code page alone opens nothing."""
    response = client.get(reverse("accounts:login_verify"))
    assert response["Location"] == reverse("accounts:login")


def test_disable_needs_password(alice_client, alice) -> None:
    """Turning two-factor off asks for the current password."""
    _enable(alice_client, alice)
    response = alice_client.post(reverse("accounts:two_factor"), {"password": "wrong"})
    assert "password" in response.context["form"].errors
    alice_client.post(reverse("accounts:two_factor"), {"password": PASSWORD})
    alice.refresh_from_db()
    assert not alice.two_factor_enabled


def test_matching_step_accepts_one_step_of_drift_only() -> None:
    """Codes from the neighbouring 30-second steps pass; older ones do not."""
    secret = totp.new_secret()
    now = time.time()
    generator = pyotp.TOTP(secret)
    current = int(now // 30)
    assert totp.matching_step(secret, generator.at(now - 30), now=now) == current - 1
    assert totp.matching_step(secret, generator.at(now + 30), now=now) == current + 1
    assert totp.matching_step(secret, generator.at(now - 90), now=now) is None
    assert totp.matching_step(secret, generator.at(now), now=now, last_step=current) is None
    assert totp.matching_step(secret, "12ab56", now=now) is None


def test_the_qr_code_scales_to_its_box_instead_of_being_cropped() -> None:
    """The QR code was drawn 225 px wide inside a 192 px box, cutting off two finder squares (found by a newcomer):
    it carries a viewBox and no fixed size, so the stylesheet's size scales all of it."""
    import re

    from medpath.accounts import totp

    svg = totp.qr_svg(totp.provisioning_uri("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "alice@example.org"))
    opening = svg[: svg.index(">")]
    assert re.search(r'viewBox="0 0 (\d+) \1"', opening)
    assert "width=" not in opening
    assert "height=" not in opening


def test_the_security_page_leads_to_two_factor_login(alice_client) -> None:
    """'Security' in the menu opened only the log; two-factor was reachable only through the profile (a newcomer
    looked for it there)."""
    from django.urls import reverse

    page = alice_client.get(reverse("accounts:security")).content.decode()
    assert f'href="{reverse("accounts:two_factor")}"' in page
    assert "off: turn it on" in page
