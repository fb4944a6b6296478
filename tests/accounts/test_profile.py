"""Profile, password change and account deletion."""

from django.urls import reverse

from medpath.accounts.models import ApiToken, AuditEvent, User
from medpath.accounts.tokens import token_create
from tests.conftest import PASSWORD


def test_profile_saves_and_normalises_region(alice_client, alice) -> None:
    """Country and region are stored as ISO codes whatever way they were typed."""
    response = alice_client.post(
        reverse("accounts:profile"),
        {"full_name": "Alice A.", "time_zone": "Europe/Paris", "country": "US", "region": "california", "career_stage": "nurse"},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.full_name, alice.time_zone, alice.country, alice.region, alice.career_stage) == (
        "Alice A.",
        "Europe/Paris",
        "US",
        "US-CA",
        "nurse",
    )


def test_profile_errors_name_the_field_and_save_nothing(alice_client, alice) -> None:
    """An unknown region and time zone are reported at their fields; the profile is unchanged."""
    response = alice_client.post(
        reverse("accounts:profile"),
        {"full_name": "Changed", "time_zone": "Mars/Olympus", "country": "US", "region": "Atlantis", "career_stage": ""},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "region" in errors
    assert "Atlantis" in errors["region"][0]
    assert "time_zone" in errors
    alice.refresh_from_db()
    assert alice.full_name == "Alice Adams"


def test_password_change_keeps_this_session(alice_client, alice) -> None:
    """The new password works, the old one not, and this browser stays logged in."""
    new = "a much longer new passphrase"
    response = alice_client.post(
        reverse("accounts:password_change"),
        {"current_password": PASSWORD, "new_password": new, "new_password_again": new},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(new)
    assert alice_client.get(reverse("accounts:profile")).status_code == 200
    assert AuditEvent.objects.for_user(alice).filter(kind="password_changed").exists()


def test_password_change_needs_current_password(alice_client, alice) -> None:
    """A wrong current password is named at its field."""
    new = "a much longer new passphrase"
    response = alice_client.post(
        reverse("accounts:password_change"),
        {"current_password": "wrong", "new_password": new, "new_password_again": new},
    )
    assert "current_password" in response.context["form"].errors
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_account_delete_removes_everything(alice_client, alice, charlie) -> None:
    """Deleting needs the password and the typed e-mail address; then the user and their rows are gone, others' stay."""
    token_create(owner=alice, name="script")
    token_create(owner=charlie, name="other")
    response = alice_client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "DELETE"})
    assert "confirm" in response.context["form"].errors
    assert User.objects.filter(pk=alice.pk).exists()
    response = alice_client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": alice.email.upper()})
    assert response.status_code == 302
    assert not User.objects.filter(pk=alice.pk).exists()
    assert list(ApiToken.all_owners.values_list("name", flat=True)) == ["other"]
    assert not AuditEvent.all_owners.filter(owner_id=alice.pk).exists()


def test_region_names_match_without_accents_or_case(alice_client, alice) -> None:
    """'tamil nadu' finds Tamil Nādu; a country without regions says so."""
    from medpath.accounts.places import normalize_place

    assert normalize_place("IN", "tamil nadu") == ("IN", "IN-TN")
    assert normalize_place("BR", "Sao Paulo") == ("BR", "BR-SP")
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="has no regions"):
        normalize_place("AQ", "anything")
    with pytest.raises(ValidationError, match="not a region of India"):
        normalize_place("IN", "Atlantis")


def test_password_of_spaces_is_refused(client, db) -> None:
    """Ten spaces are not a password."""
    from medpath.accounts.models import User

    response = client.post(
        reverse("accounts:signup"), {"email": "s@example.org", "new_password": " " * 12, "new_password_again": " " * 12}
    )
    assert "new_password" in response.context["form"].errors
    assert not User.objects.filter(email="s@example.org").exists()
