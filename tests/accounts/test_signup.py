"""Sign-up by e-mailed link: the same answer whatever the address (issue 11, finding 8), through a real SMTP server."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from medpath.accounts import models
from medpath.accounts.middleware import LOGIN_AT
from medpath.accounts.models import AuditEvent, User
from tests.conftest import PASSWORD, body_of

LINK = re.compile(r"https?://\S+/accounts/signup/\S+/")


def sign_up(client: Any, email: str, **fields: str) -> Any:
    """Post the sign-up form for ``email`` with the shared test password."""
    return client.post(
        reverse("accounts:signup"), {"email": email, "new_password": PASSWORD, "new_password_again": PASSWORD, **fields}
    )


def signup_link(smtp_server: Any, address: str) -> str:
    """The path of the confirmation link in the latest e-mail to ``address``."""
    body = body_of(smtp_server.last_to(address))
    match = LINK.search(body)
    assert match, body
    return urlsplit(match.group(0)).path


def _page_text(response: Any, address: str) -> str:
    """The page with the address (as typed, and normalised) taken out."""
    page: str = response.content.decode()
    for form in {address, address.lower()}:
        page = page.replace(form, "<address>")
    return page


def _page_templates(response: Any) -> list[str]:
    """The templates of the page (the test client also lists those of the e-mail sent during the request)."""
    return [t.name for t in response.templates if not t.name.startswith(("accounts/email/", "includes/"))]


def test_a_new_and_a_taken_address_get_the_same_answer(client, alice, smtp_server) -> None:
    """Status, template and text are identical whether or not the address has an account; no account is made yet."""
    new = sign_up(client, "Dana@Example.org", full_name="Dana")
    taken = sign_up(client, "ALICE@example.org", full_name="Dana")
    assert new.status_code == taken.status_code == 200
    assert _page_templates(new) == _page_templates(taken) == ["accounts/signup_sent.html", "base.html"]
    assert _page_text(new, "Dana@Example.org") == _page_text(taken, "ALICE@example.org")
    assert "Check your e-mail" in new.content.decode()
    assert "We sent a link to dana@example.org" in new.content.decode()
    assert not User.objects.filter(email="dana@example.org").exists()
    assert "_auth_user_id" not in client.session


def test_a_taken_address_warns_its_owner_and_keeps_nothing(client, alice, smtp_server) -> None:
    """The owner is told someone tried, with the login and reset pages; no pending sign-up is stored for it."""
    sign_up(client, "alice@example.org", new_password="another long passphrase", new_password_again="another long passphrase")
    message = smtp_server.last_to("alice@example.org")
    body = body_of(message)
    assert "Someone tried to create a MedPath account with your address" in body
    assert reverse("accounts:login") in body
    assert reverse("accounts:password_reset") in body
    assert LINK.search(body) is None
    assert not models.PendingSignup.objects.filter(email="alice@example.org").exists()
    assert User.objects.get(email="alice@example.org").check_password(PASSWORD)


def test_the_link_creates_the_account_and_logs_in(client, db, smtp_server) -> None:
    """Opening the link shows what it confirms; confirming makes the account (argon2, name, zone) and logs in."""
    sign_up(client, "Dana@Example.org", full_name="Dana", time_zone="America/Denver")
    path = signup_link(smtp_server, "dana@example.org")
    assert smtp_server.last_to("dana@example.org")["Subject"] == "Confirm your MedPath account"
    page = client.get(path)
    assert page.status_code == 200
    assert "dana@example.org" in page.content.decode()
    assert not User.objects.filter(email="dana@example.org").exists()  # a mail scanner's GET makes nothing
    response = client.post(path, {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home:dashboard")
    user = User.objects.get(email="dana@example.org")
    assert user.password.startswith("argon2")
    assert user.check_password(PASSWORD)
    assert (user.full_name, user.time_zone) == ("Dana", "America/Denver")
    assert client.session.get(LOGIN_AT)  # the absolute session lifetime counts from this login
    assert client.get(reverse("home:dashboard")).status_code == 200
    kinds = list(AuditEvent.objects.for_user(user).order_by("created_at", "id").values_list("kind", flat=True))
    assert kinds[-2:] == ["signup", "login"]


def test_a_used_link_is_refused(client, db, smtp_server) -> None:
    """The link works once; afterwards it gives the refused-link page and makes nothing."""
    sign_up(client, "dana@example.org")
    path = signup_link(smtp_server, "dana@example.org")
    assert client.post(path, {"password": PASSWORD}).status_code == 302
    other = Client()
    for method in ("get", "post"):
        again = getattr(other, method)(path)
        assert again.status_code == 410
        assert "accounts/link_refused.html" in [t.name for t in again.templates]
        assert "already been used" in again.content.decode()
    assert User.objects.filter(email="dana@example.org").count() == 1


def test_an_expired_link_is_refused(client, db, smtp_server, time_machine) -> None:
    """After 24 hours the link no longer opens and no account is made."""
    time_machine.move_to("2026-03-01 10:00:00+00:00", tick=False)
    sign_up(client, "dana@example.org")
    path = signup_link(smtp_server, "dana@example.org")
    time_machine.move_to("2026-03-02 10:01:00+00:00", tick=False)
    response = client.post(path, {"password": PASSWORD})
    assert response.status_code == 410
    assert "accounts/link_refused.html" in [t.name for t in response.templates]
    assert "expired" in response.content.decode()
    assert not User.objects.filter(email="dana@example.org").exists()


def test_a_tampered_link_is_refused_to_a_visitor(client, db, smtp_server) -> None:
    """A link with a changed signature is refused (404), for anyone who opens it."""
    sign_up(client, "dana@example.org")
    path = signup_link(smtp_server, "dana@example.org")
    tampered = path[:-3] + ("x" if path[-3] != "x" else "y") + path[-2:]
    for method in ("get", "post"):
        response = getattr(client, method)(tampered)
        assert response.status_code == 404
        assert "accounts/link_refused.html" in [t.name for t in response.templates]
    assert not User.objects.filter(email="dana@example.org").exists()


def test_a_second_link_for_an_address_that_now_has_an_account_says_log_in(client, db, smtp_server) -> None:
    """Two sign-ups for one address: the first link makes the account, the second says to log in and makes none."""
    sign_up(client, "dana@example.org")
    first = signup_link(smtp_server, "dana@example.org")
    sign_up(client, "dana@example.org", new_password="a second long passphrase", new_password_again="a second long passphrase")
    second = signup_link(smtp_server, "dana@example.org")
    assert first != second
    assert client.post(first, {"password": PASSWORD}).status_code == 302
    response = Client().post(second, {"password": PASSWORD})
    assert response.status_code == 409
    assert "This address already has an account" in response.content.decode()
    assert f'href="{reverse("accounts:login")}"' in response.content.decode()
    assert User.objects.filter(email="dana@example.org").count() == 1
    assert User.objects.get(email="dana@example.org").check_password(PASSWORD)


def test_sign_up_emails_are_limited_per_address_with_the_same_answer(client, alice, smtp_server) -> None:
    """Three sign-up e-mails per address an hour; past that the page is unchanged but nothing is sent or stored."""
    for email in ("dana@example.org", "alice@example.org"):
        pages = [sign_up(Client(REMOTE_ADDR=f"10.0.0.{i}"), email) for i in range(5)]
        assert {page.status_code for page in pages} == {200}
        assert len({_page_text(page, email) for page in pages}) == 1
        assert len([m for m in smtp_server.messages if email in m["To"]]) == 3
    assert models.PendingSignup.objects.filter(email="dana@example.org").count() == 3


def test_sign_up_emails_are_limited_per_client_address_with_the_same_answer(client, db, smtp_server, settings) -> None:
    """One client address sends at most MEDPATH_SIGNUP_PER_CLIENT_HOUR (20 by default) sign-up e-mails an hour,
    whatever addresses it types."""
    assert settings.MEDPATH_SIGNUP_PER_CLIENT_HOUR == 20
    settings.MEDPATH_SIGNUP_PER_CLIENT_HOUR = 6  # a program raises or lowers it; the test uses a small one
    pages = [sign_up(client, f"person{i}@example.org") for i in range(8)]
    assert {page.status_code for page in pages} == {200}
    assert _page_text(pages[0], "person0@example.org") == _page_text(pages[-1], "person7@example.org")
    assert len(smtp_server.messages) == 6
    assert models.PendingSignup.objects.count() == 6


def test_the_daily_job_deletes_expired_pending_sign_ups(client, db, smtp_server, time_machine) -> None:
    """prune_audit (run daily) deletes pending sign-ups past their expiry and keeps live ones."""
    time_machine.move_to("2026-03-01 10:00:00+00:00", tick=False)
    sign_up(client, "old@example.org")
    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    sign_up(client, "new@example.org")
    time_machine.move_to("2026-03-02 11:00:00+00:00", tick=False)
    call_command("prune_audit", "--days", "365")
    assert list(models.PendingSignup.objects.values_list("email", flat=True)) == ["new@example.org"]


def test_a_pending_sign_up_keeps_only_a_password_hash(client, db, smtp_server) -> None:
    """The password chosen at sign-up is stored hashed, never in clear."""
    sign_up(client, "dana@example.org")
    pending = models.PendingSignup.objects.get(email="dana@example.org")
    assert PASSWORD not in pending.password
    assert pending.password.startswith("argon2")


def test_deleting_an_account_removes_its_sign_up_counter(client, alice, smtp_server) -> None:
    """The per-address sign-up counter (a keyed hash of the address) goes with the account."""
    from medpath.accounts import ratelimit, services
    from medpath.accounts.models import RateLimitBucket

    sign_up(client, "alice@example.org")
    key = ratelimit.email_key(services.SIGNUP_EMAIL_SCOPE, "alice@example.org")
    assert "alice" not in key
    assert RateLimitBucket.objects.filter(key=key).exists()
    services.account_delete(user=alice)
    assert not RateLimitBucket.objects.filter(key=key).exists()


def test_the_link_creates_nothing_without_the_password_chosen_at_sign_up(client, db, smtp_server) -> None:
    """Someone who signs up with Dana's address cannot hand her an account whose password they know: confirming
    asks for that password, and a wrong one creates nothing and leaves the link usable (found in review)."""
    sign_up(client, "dana@example.org")
    path = signup_link(smtp_server, "dana@example.org")
    for wrong in ({}, {"password": "not the one chosen at sign-up"}):
        response = Client().post(path, wrong)
        assert response.status_code == 200
        assert "password" in response.context["form"].errors
        assert not User.objects.filter(email="dana@example.org").exists()
    assert Client().post(path, {"password": PASSWORD}).status_code == 302
    assert User.objects.filter(email="dana@example.org").exists()


def test_the_confirmation_email_does_not_carry_what_the_signer_typed(client, db, smtp_server) -> None:
    """The name typed at sign-up went into mail sent to any address (a phishing channel); it is kept for the
    account but no longer written into the e-mail."""
    sign_up(client, "dana@example.org", full_name="Urgent: call +1 555 0100 to verify")
    assert "Urgent" not in body_of(smtp_server.last_to("dana@example.org"))


def test_an_address_longer_than_the_model_holds_is_refused_at_its_field(client, db, smtp_server) -> None:
    """A 292-character address passed the form (320) and failed the model (254) with a 500 (found in review)."""
    address = "d" * 280 + "@example.org"
    response = sign_up(client, address)
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert smtp_server.messages == []


def test_deleting_an_account_deletes_its_pending_sign_ups(client, alice, smtp_server) -> None:
    """A pending sign-up for a deleted account's address holds the address and a password hash: it goes too."""
    from medpath.accounts.services import account_delete

    sign_up(client, "alice@example.org")  # taken: warns Alice, stores nothing
    from datetime import timedelta

    models.PendingSignup.objects.create(
        email="alice@example.org",
        password="x",
        time_zone="UTC",
        created_at=alice.date_joined,
        expires_at=alice.date_joined + timedelta(hours=24),
    )
    account_delete(user=alice)
    assert not models.PendingSignup.objects.filter(email="alice@example.org").exists()


def test_the_confirmation_email_says_the_link_lasts_a_day(client, db, smtp_server) -> None:
    """It said "expires in 23 hours, 59 minutes" beside a page saying 24 hours (found by a newcomer)."""
    sign_up(client, "dana@example.org")
    body = body_of(smtp_server.last_to("dana@example.org"))
    assert "expires in 1\xa0day" in body  # timeuntil joins with a no-break space
    assert "59 minutes" not in body
