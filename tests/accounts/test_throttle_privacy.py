"""The login throttle keeps a keyed hash of the address, never the address (issue 11, finding 8)."""

from django.urls import reverse
from django.utils.crypto import salted_hmac

from medpath.accounts.models import LoginThrottle


def test_a_failed_login_leaves_no_address_in_the_throttle(client, alice) -> None:
    """After failures for a known and an unknown address, no throttle row holds either address."""
    url = reverse("accounts:login")
    client.post(url, {"email": "Alice@Example.org", "password": "wrong-wrong-wrong"})
    client.post(url, {"email": "nobody@example.org", "password": "wrong-wrong-wrong"})
    rows = list(LoginThrottle.objects.values())
    assert len(rows) == 2
    for row in rows:
        assert "example.org" not in str(row)
    expected = salted_hmac("medpath.accounts.LoginThrottle", "alice@example.org", algorithm="sha256").hexdigest()
    assert LoginThrottle.objects.get(key=expected).failures == 1


def test_the_key_depends_on_the_secret_key(settings) -> None:
    """Without the server's secret the hash cannot be recomputed from a list of addresses."""
    first = LoginThrottle.key_for("alice@example.org")
    assert first == LoginThrottle.key_for(" ALICE@example.org ")
    settings.SECRET_KEY = "another-secret-key-" * 4
    assert LoginThrottle.key_for("alice@example.org") != first
