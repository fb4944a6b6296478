"""The JSON API: auth, one error shape, bad input."""

import json
import re

from django.urls import reverse

ERROR_KEYS = {"code", "message", "fields"}


def test_me_requires_authentication(client, db, refused) -> None:
    """Without a session or token, /me answers 401 in the JSON error shape."""
    response = refused(client, "get", "/api/v1/me")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    refused(client, "patch", "/api/v1/me", data={"full_name": "x"}, content_type="application/json")


def test_me_with_session(alice_client) -> None:
    """The browser session authenticates the API."""
    body = alice_client.get("/api/v1/me").json()
    assert body["email"] == "alice@example.org"
    assert body["time_zone"] == "America/Chicago"


def test_patch_me_changes_profile(alice_client, alice) -> None:
    """Fields sent are changed and normalised; fields left out stay."""
    response = alice_client.patch("/api/v1/me", data={"country": "us", "region": "TX"}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["region"] == "US-TX"
    alice.refresh_from_db()
    assert alice.full_name == "Alice Adams"


def test_patch_me_validation_errors_name_fields_and_save_nothing(alice_client, alice) -> None:
    """A bad region and time zone give 422 with each field named; nothing is saved."""
    response = alice_client.patch(
        "/api/v1/me",
        data={"full_name": "Changed", "country": "US", "region": "Narnia", "time_zone": "Mars/Base"},
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert "region" in body["fields"]
    alice.refresh_from_db()
    assert alice.full_name == "Alice Adams"


def test_patch_me_type_errors(alice_client) -> None:
    """Wrong types and too-long values are reported per field."""
    response = alice_client.patch("/api/v1/me", data={"full_name": 5, "country": "USA"}, content_type="application/json")
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"full_name", "country"}


def test_malformed_json_and_wrong_content_type(alice_client) -> None:
    """Broken JSON and a form body both answer 4xx with the JSON shape, never HTML."""
    broken = alice_client.patch("/api/v1/me", data="{not json", content_type="application/json")
    assert 400 <= broken.status_code < 500
    assert set(broken.json()) == ERROR_KEYS
    form = alice_client.patch("/api/v1/me", data="full_name=x", content_type="application/x-www-form-urlencoded")
    assert 400 <= form.status_code < 500
    assert set(form.json()) == ERROR_KEYS


def test_oversized_body_is_refused(alice_client, settings, alice) -> None:
    """A body above the size limit answers 413 and changes nothing."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    payload = json.dumps({"full_name": "x" * 2000})
    response = alice_client.patch("/api/v1/me", data=payload, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    alice.refresh_from_db()
    assert alice.full_name == "Alice Adams"


def test_unknown_api_path_is_json_404(client, db) -> None:
    """Even a path the API does not know answers in the JSON shape."""
    response = client.get("/api/v1/does-not-exist")
    assert response.status_code == 404
    assert set(response.json()) == ERROR_KEYS


def test_wrong_method_is_json(alice_client) -> None:
    """A method the operation lacks answers 405 in JSON."""
    response = alice_client.delete("/api/v1/me")
    assert response.status_code == 405
    assert set(response.json()) == ERROR_KEYS


def test_session_writes_need_csrf(alice) -> None:
    """A browser session cannot change data through the API without the CSRF token."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    response = browser.patch("/api/v1/me", data={"full_name": "CSRF"}, content_type="application/json")
    assert response.status_code in {401, 403}
    assert set(response.json()) == ERROR_KEYS


def test_schema_and_offline_docs(client, db) -> None:
    """The OpenAPI schema is served and the docs page loads its assets from this server."""
    schema = client.get(reverse("api:openapi-json")).json()
    assert "/api/v1/me" in schema["paths"]
    docs = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs
    # Nothing loaded from another host (the old check for the letters "cdn" failed when a random CSP nonce held them).
    assert not re.findall(r"""(?:src|href)=["'](?:https?:)?//""", docs)
    assert "jsdelivr" not in docs
    assert "unpkg" not in docs
    asset = client.get("/static/ninja/swagger-ui-bundle.js")
    assert asset.status_code == 200
    asset.close()


def test_non_object_bodies_are_refused(alice_client, alice) -> None:
    """null, a list or a string as the body answer 422 and change nothing."""
    for body in ("null", "[]", '"x"'):
        response = alice_client.patch("/api/v1/me", data=body, content_type="application/json")
        assert response.status_code == 422
        assert response.json()["fields"] == {"body": ["Send a JSON object."]}


def test_nul_character_is_a_field_error(alice_client, alice) -> None:
    """A NUL character (which PostgreSQL cannot store) is reported at its field."""
    response = alice_client.patch("/api/v1/me", data={"full_name": "a\x00b"}, content_type="application/json")
    assert response.status_code == 422
    assert "full_name" in response.json()["fields"]


def test_unknown_fields_are_refused(alice_client, alice) -> None:
    """Fields the API does not let you change (email, id) answer 422 instead of being ignored."""
    response = alice_client.patch("/api/v1/me", data={"email": "evil@example.org"}, content_type="application/json")
    assert response.status_code == 422
    assert "email" in response.json()["fields"]
    alice.refresh_from_db()
    assert alice.email == "alice@example.org"


def test_the_schema_names_each_status_once(db) -> None:
    """Statuses declared by number (ninja) and by text (openapi_extra) become one key each: a JSON object with "200"
    twice made Swagger UI refuse the whole schema ("duplicated mapping key")."""
    import json

    from medpath.api import api

    repeated: list[str] = []

    def keys_once(pairs: list[tuple[str, object]]) -> dict[str, object]:
        names = [name for name, _ in pairs]
        repeated.extend(name for name in set(names) if names.count(name) > 1)
        return dict(pairs)

    json.loads(json.dumps(api.get_openapi_schema()), object_pairs_hook=keys_once)
    assert repeated == []
