"""The per-address login throttle: failures across accounts from one address (issue 11, finding 8)."""

from django.urls import reverse

from medpath.accounts.models import AuditEvent
from tests.conftest import PASSWORD, make_user


def test_failures_across_accounts_from_one_address_are_refused(client, alice, settings) -> None:
    """Past MEDPATH_LOGIN_ADDRESS_MAX_FAILURES failures from one address, even a right password is not evaluated."""
    settings.MEDPATH_LOGIN_ADDRESS_MAX_FAILURES = 5
    url = reverse("accounts:login")
    for number in range(5):
        response = client.post(
            url, {"email": f"guess{number}@example.org", "password": "wrong-wrong-wrong"}, REMOTE_ADDR="198.51.100.7"
        )
        assert "is wrong" in response.content.decode()
    refused = client.post(url, {"email": "alice@example.org", "password": PASSWORD}, REMOTE_ADDR="198.51.100.7")
    assert refused.status_code == 429
    assert "Too many failed logins from your network address" in refused.content.decode()
    assert refused.context["form"] is not None  # the same login page, with its form
    assert "_auth_user_id" not in client.session
    assert not AuditEvent.objects.for_user(alice).filter(kind__in=["login", "login_failed"]).exists()
    # Another address is not affected.
    assert client.post(url, {"email": "alice@example.org", "password": PASSWORD}, REMOTE_ADDR="198.51.100.8").status_code == 302


def test_successful_logins_do_not_count(client, db, settings) -> None:
    """Many people logging in from one hospital address are not throttled by their successes."""
    settings.MEDPATH_LOGIN_ADDRESS_MAX_FAILURES = 2
    url = reverse("accounts:login")
    for number in range(4):
        make_user(f"nurse{number}@example.org")
        response = client.post(url, {"email": f"nurse{number}@example.org", "password": PASSWORD}, REMOTE_ADDR="203.0.113.5")
        assert response.status_code == 302, number
        client.logout()


def test_the_window_passes(client, alice, settings, time_machine) -> None:
    """The refusal lasts ten minutes from the first failure of the window."""
    settings.MEDPATH_LOGIN_ADDRESS_MAX_FAILURES = 1
    time_machine.move_to("2026-03-01 08:00:00+00:00", tick=False)
    url = reverse("accounts:login")
    client.post(url, {"email": "someone@example.org", "password": "wrong-wrong-wrong"})
    assert client.post(url, {"email": "alice@example.org", "password": PASSWORD}).status_code == 429
    time_machine.move_to("2026-03-01 08:10:01+00:00", tick=False)
    assert client.post(url, {"email": "alice@example.org", "password": PASSWORD}).status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, alice, settings) -> None:
    """With MEDPATH_TRUST_PROXY the visitor's address counts, not the proxy's."""
    settings.MEDPATH_TRUST_PROXY = True
    settings.MEDPATH_LOGIN_ADDRESS_MAX_FAILURES = 1
    url = reverse("accounts:login")
    client.post(url, {"email": "x@example.org", "password": "wrong-wrong-wrong"}, HTTP_X_FORWARDED_FOR="192.0.2.1")
    blocked = client.post(url, {"email": "alice@example.org", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert blocked.status_code == 429
    other = client.post(url, {"email": "alice@example.org", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="192.0.2.2")
    assert other.status_code == 302
