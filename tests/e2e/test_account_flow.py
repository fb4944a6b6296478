"""The first real-browser flow: sign up (confirmed by the e-mailed link), log in, see the dashboard, create and
revoke a token."""

import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from medpath.accounts.models import ApiToken, User
from tests.accounts.test_signup import signup_link
from tests.e2e.conftest import assert_accessible

PASSWORD = "a long browser passphrase"


def test_signup_login_dashboard_and_tokens(page: Any, live_server: Any, transactional_db: None, smtp_server: Any) -> None:
    """A new user signs up, opens the e-mailed link, logs out and in, and manages an API token, on accessible pages."""
    page.goto("/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("E-mail address").fill("browser@example.org")
    page.get_by_label("Name (optional)").fill("Bea Browser")
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("New password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    expect(page.get_by_text("we sent a link to browser@example.org")).to_be_visible()
    assert_accessible(page)
    assert not User.objects.filter(email="browser@example.org").exists()

    page.goto(signup_link(smtp_server, "browser@example.org"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your MedPath account")
    assert_accessible(page)
    page.get_by_label("The password you chose at sign-up").fill(PASSWORD)
    page.get_by_role("button", name="Confirm and log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Bea")
    expect(page.get_by_role("heading", name="Continuous learning")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in to MedPath")
    assert_accessible(page)
    page.get_by_label("E-mail address").fill("browser@example.org")
    page.get_by_label("Password").fill("wrong password!")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("wrong")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Bea")

    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("Token name").fill("nightly export")
    page.get_by_role("button", name="Create token").click()
    raw = page.get_by_label("Token “nightly export”").input_value()
    assert raw.startswith("mp_")
    assert_accessible(page)

    user = User.objects.get(email="browser@example.org")
    token = ApiToken.objects.for_user(user).get()
    assert token.is_active

    page.get_by_role("button", name="Revoke token nightly export").click()
    expect(page.get_by_role("status")).to_contain_text("revoked")
    token.refresh_from_db()
    assert not token.is_active
    # Outside the browser (no session cookie): the revoked token alone is refused.
    request = urllib.request.Request(f"{live_server.url}/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 401
    refused.value.close()


def test_signup_errors_show_next_to_fields(page: Any, transactional_db: None) -> None:
    """Bad sign-up input is reported at each field and the page stays accessible."""
    page.goto("/accounts/signup/")
    page.get_by_label("E-mail address").fill("not-an-address")
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("New password again").fill("different")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator("#id_email_error")).to_be_visible()
    expect(page.locator("#id_new_password_again_error")).to_contain_text("differ")
    assert_accessible(page)
    assert not User.objects.filter(email="not-an-address").exists()


def test_two_factor_on_a_phone_the_qr_code_whole_and_the_codes_downloaded(
    page: Any, live_server: Any, transactional_db: None
) -> None:
    """At 390 px the QR code is drawn whole inside its box (it was cropped), two-factor turns on with the app's code,
    and the recovery codes download as a text file holding all ten."""
    import pyotp

    User.objects.create_user("phone@example.org", PASSWORD, full_name="Pat Phone")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/accounts/login/?next=/accounts/two-factor/")
    page.get_by_label("E-mail address").fill("phone@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    qr = page.locator("figure.qr svg")
    box, drawn = qr.bounding_box(), qr.evaluate("svg => { const b = svg.getBBox(); return {x: b.x, width: b.width}; }")
    view = qr.evaluate("svg => svg.viewBox.baseVal.width")
    assert view > 0
    assert drawn["x"] + drawn["width"] <= view + 0.5  # the drawing fits its own viewBox
    assert box["width"] <= 390
    secret = page.locator("figcaption code").inner_text()
    page.get_by_label("Six-digit code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-factor login").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download them as a text file").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    codes = page.locator("ul.recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert all(code in text for code in codes)
