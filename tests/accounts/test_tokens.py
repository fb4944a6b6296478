"""Personal API tokens: created and revoked on a page, stored hashed, shown once."""

import hashlib

from django.urls import reverse

from medpath.accounts.models import ApiToken, AuditEvent
from medpath.accounts.tokens import token_create


def test_create_shows_token_once_and_stores_its_hash(alice_client, alice) -> None:
    """The raw token appears in the creation response only; the database keeps its SHA-256."""
    response = alice_client.post(reverse("accounts:tokens"), {"name": "export script"})
    raw = response.context["issued"].raw
    assert raw.startswith("mp_")
    assert raw in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.for_user(alice).get()
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in alice_client.get(reverse("accounts:tokens")).content.decode()


def test_token_authenticates_api_until_revoked(client, alice_client, alice) -> None:
    """A token opens the API as its owner; once revoked it is refused with 401."""
    issued = token_create(owner=alice, name="cli")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {issued.raw}"}
    assert client.get("/api/v1/me", **auth).json()["email"] == "alice@example.org"
    alice_client.post(reverse("accounts:token_revoke", args=[issued.token.pk]))
    response = client.get("/api/v1/me", **auth)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    kinds = set(AuditEvent.objects.for_user(alice).values_list("kind", flat=True))
    assert {"token_created", "token_used", "token_revoked", "token_refused"} <= kinds


def test_token_use_is_audited_at_most_once_per_interval(client, alice, time_machine) -> None:
    """Many calls in a row write one 'token used' event, and another after the interval."""
    time_machine.move_to("2026-04-01 12:00:00+00:00", tick=False)
    issued = token_create(owner=alice, name="cli")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {issued.raw}"}
    for _ in range(5):
        client.get("/api/v1/me", **auth)
    time_machine.move_to("2026-04-01 12:16:00+00:00", tick=False)
    client.get("/api/v1/me", **auth)
    assert AuditEvent.objects.for_user(alice).filter(kind="token_used").count() == 2


def test_garbage_token_is_refused(client, db) -> None:
    """An unknown token gets 401 in the JSON error shape."""
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer mp_not-a-real-token")
    assert response.status_code == 401
    assert set(response.json()) == {"code", "message", "fields"}


def test_outsider_cannot_revoke_anothers_token(charlie_client, alice_client, alice, refused) -> None:
    """Charlie gets 404 for Alice's token, which stays active."""
    issued = token_create(owner=alice, name="cli")
    refused(charlie_client, "post", reverse("accounts:token_revoke", args=[issued.token.pk]), owner=alice_client)
    issued.token.refresh_from_db()
    assert issued.token.is_active


def test_token_name_is_required(alice_client, alice) -> None:
    """An empty name is reported at the field and no token is made."""
    response = alice_client.post(reverse("accounts:tokens"), {"name": ""})
    assert "name" in response.context["form"].errors
    assert not ApiToken.objects.for_user(alice).exists()
