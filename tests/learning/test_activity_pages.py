"""Data-entry traps of the learning pillar: jurisdiction names, and activities opened, edited and deleted."""

import pytest
from django.urls import reverse

from medpath.learning import services
from medpath.learning.models import Credential

CREDENTIAL = {"kind": "licence", "name": "RN licence", "expires_on": "2028-01-31", "renewal_number": "1"}


# ---- jurisdiction names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("US-CA", "US-CA"),
        ("CA", "US-CA"),
        ("California", "US-CA"),
        ("  california ", "US-CA"),
        ("CALIFORNIA", "US-CA"),
        ("PA", "US-PA"),  # a state's abbreviation, not Panama
        ("New York", "US-NY"),
        ("US", "US"),
        ("GB", "GB"),
        ("", ""),
    ],
)
def test_the_credential_page_accepts_a_code_an_abbreviation_or_a_name(alice_client, alice, typed, stored) -> None:
    """The form stores the ISO code for US-CA, CA and California (any case, spaces around)."""
    response = alice_client.post(reverse("learning:credential_new"), {**CREDENTIAL, "jurisdiction": typed})
    assert response.status_code == 302, response.context["form"].errors
    assert Credential.objects.for_user(alice).get().jurisdiction == stored


@pytest.mark.parametrize("typed", ["Narnia", "Republic of Northern Californialand", "X" * 120])
def test_a_wrong_jurisdiction_gets_the_clear_message_next_to_the_field(alice_client, alice, typed) -> None:
    """A name that is no place is refused next to the field with the example, never a raw length message."""
    response = alice_client.post(reverse("learning:credential_new"), {**CREDENTIAL, "jurisdiction": typed})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["jurisdiction"])
    assert "e.g. US-CA, CA or California" in errors
    assert "at most" not in errors
    assert not Credential.objects.for_user(alice).exists()


def test_the_api_accepts_a_state_name_and_explains_a_wrong_one(alice_client, alice) -> None:
    """POST /learning/credentials takes “California” (stored US-CA); a wrong value answers 422 naming the field."""
    body = {"kind": "licence", "name": "RN", "expires_on": "2028-01-31"}
    created = alice_client.post(
        "/api/v1/learning/credentials", {**body, "jurisdiction": " California "}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["jurisdiction"] == "US-CA"
    for wrong in ("Narnia", "X" * 120):
        refused = alice_client.post(
            "/api/v1/learning/credentials", {**body, "jurisdiction": wrong}, content_type="application/json"
        )
        assert refused.status_code == 422
        [message] = refused.json()["fields"]["jurisdiction"]
        assert "e.g. US-CA, CA or California" in message
        assert "at most" not in message
    assert Credential.objects.for_user(alice).count() == 1


def test_the_service_reads_a_country_name_and_keeps_codes() -> None:
    """normalize_jurisdiction: a country's name gives its code; a state code is taken as a US state."""
    assert services.normalize_jurisdiction("Canada") == "CA"
    assert services.normalize_jurisdiction("us-tx") == "US-TX"
    assert services.normalize_jurisdiction("tx") == "US-TX"
    assert services.normalize_jurisdiction("GB-ENG") == "GB-ENG"
