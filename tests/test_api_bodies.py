"""The API takes JSON as application/json only, and bodies it cannot read get a JSON 4xx (issue 11, findings 4 and 6)."""

from __future__ import annotations

import json

import pytest

CHECK = "/api/v1/experience/work-hours/check"
BODY = json.dumps({"csv": "resident,start,end,kind\nr1,2026-11-02T07:00Z,2026-11-02T19:00Z,clinical\n"})


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x", ""],
)
def test_a_json_body_with_another_content_type_is_refused(alice_client, content_type) -> None:
    """The same JSON under another (or no) Content-Type: 415 with the error shape, nothing done."""
    answer = alice_client.generic("POST", CHECK, BODY, content_type=content_type)
    assert answer.status_code == 415
    assert answer.json()["code"] == "unsupported_media_type"
    assert "application/json" in answer.json()["message"]
    sent = alice_client.post(CHECK, BODY, content_type="application/json")
    assert sent.status_code == 200


def test_a_body_nested_a_hundred_thousand_deep_is_a_400(alice_client) -> None:
    """100,000 nested brackets: a RecursionError became a 500 before; now 400 in the error shape."""
    answer = alice_client.post(CHECK, "[" * 100_000 + "]" * 100_000, content_type="application/json")
    assert answer.status_code == 400
    assert answer.json()["code"] == "bad_request"


def test_the_certificate_upload_still_takes_multipart(alice_client) -> None:
    """The one file operation accepts multipart/form-data (a text file is refused by the reader, not the guard)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    answer = alice_client.post(
        "/api/v1/learning/certificates/read", {"file": SimpleUploadedFile("c.pdf", b"not a pdf", "application/pdf")}
    )
    assert answer.status_code != 415
    assert answer.status_code < 500
