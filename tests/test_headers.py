"""Personal answers are never cached; Permissions-Policy on every answer (issue 11, finding 7).

Every signed-in page and API list is checked by tests/test_no_writes_on_get.py; these cover the other callers."""

from __future__ import annotations

from medpath.accounts.tokens import token_create


def test_an_api_answer_to_a_token_is_not_stored(alice, client) -> None:
    issued = token_create(owner=alice, name="script")
    answer = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {issued.raw}")
    assert answer.status_code == 200
    assert answer["Cache-Control"] == "private, no-store"
    refused = client.get("/api/v1/me")
    assert refused.status_code == 401
    assert "no-store" in refused["Cache-Control"]


def test_the_audit_pdf_and_the_dashboard_are_not_stored(alice_client) -> None:
    for url in ("/", "/learning/", "/api/v1/actions"):
        answer = alice_client.get(url)
        assert answer.status_code == 200, url
        assert "no-store" in answer["Cache-Control"], url


def test_a_visitors_public_page_may_be_cached_and_features_are_off(client) -> None:
    answer = client.get("/careers/")
    assert answer.status_code == 200
    assert "no-store" not in answer.get("Cache-Control", "")
    assert answer["Permissions-Policy"].startswith("accelerometer=()")
    assert "geolocation=()" in answer["Permissions-Policy"]
