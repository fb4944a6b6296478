"""Values at the edges of what Python and the databases hold get a JSON 4xx, never a 500, and never a stored
record that breaks a page later (issue 11, finding 4). Each case gave a 500 before its fix."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

SHIFTS = "/api/v1/experience/shifts"


def post(client, path: str, body: object):
    return client.post(path, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("9999-12-31T20:00-05:00", "9999-12-31T22:00-05:00"),  # past year 9999 in UTC
        ("0001-01-01T00:00+05:00", "0001-01-01T02:00+05:00"),  # before year 1 in UTC
        ("9999-12-31T10:00+00:00", "9999-12-31T12:00+00:00"),  # stored, then the dashboard broke
    ],
)
def test_a_shift_at_the_end_of_time_is_refused_and_pages_still_work(alice_client, start, end) -> None:
    answer = post(alice_client, SHIFTS, {"shifts": [{"start": start, "end": end, "kind": "clinical"}]})
    assert answer.status_code == 422, answer.content
    assert alice_client.get("/").status_code == 200
    assert alice_client.get(reverse("experience:hours")).status_code == 200


def test_a_schedule_row_at_the_end_of_time_is_a_row_problem(alice_client) -> None:
    csv = "resident,start,end,kind\nr1,9999-12-31T20:00-05:00,9999-12-31T22:00-05:00,clinical\n"
    for path in ("/api/v1/experience/work-hours/check", "/api/v1/experience/shifts/import"):
        answer = post(alice_client, path, {"csv": csv})
        assert answer.status_code == 422, (path, answer.content)


def test_a_template_on_the_last_day_of_the_calendar_is_refused(alice_client) -> None:
    answer = post(alice_client, "/api/v1/experience/shifts/from-template", {"template": "Day", "first_day": "9999-12-31"})
    assert answer.status_code == 422, answer.content


def test_the_report_over_all_of_time_answers(alice_client) -> None:
    answer = alice_client.get("/api/v1/experience/work-hours/report", {"since": "0001-01-01", "until": "9999-12-31"})
    assert answer.status_code in {200, 422}, answer.content


def test_a_number_as_a_date_is_not_a_timestamp(alice_client) -> None:
    """?until=0 was read as 1970-01-01 (a Unix time); a date is written YYYY-MM-DD."""
    answer = alice_client.get("/api/v1/experience/shifts", {"until": "0"})
    assert answer.status_code == 422


def test_a_lone_surrogate_is_refused_not_stored(alice_client) -> None:
    """'\\ud800' in a text field: 422 naming it (it could not be encoded, and once stored broke the entry page)."""
    body = '{"kind": "shadowing", "title": "Clinic \\ud800", "started_on": "2026-11-02", "hours": "3"}'
    answer = alice_client.post("/api/v1/experience/entries", body, content_type="application/json")
    assert answer.status_code in {400, 422}, answer.content
    assert alice_client.get(reverse("experience:entries")).status_code == 200


def test_a_csv_header_longer_than_the_csv_field_limit_is_a_problem_not_a_500(alice_client) -> None:
    csv = "resident,start,end,kind," + "x" * 140_000 + "\nr1,2026-11-02T07:00Z,2026-11-02T19:00Z,clinical,\n"
    answer = post(alice_client, "/api/v1/experience/work-hours/check", {"csv": csv})
    assert answer.status_code == 422, answer.content[:300]


def test_an_id_beyond_64_bits_is_not_found(alice_client) -> None:
    answer = post(
        alice_client, "/api/v1/experience/verifications", {"entry_ids": [18446744073709551616], "supervisor_email": "a@b.org"}
    )
    assert answer.status_code in {404, 422}, answer.content


def test_a_transcript_with_a_field_over_the_csv_limit_is_a_problem(alice) -> None:
    from medpath.learning.transcripts import parse_activities_csv

    rows, problems = parse_activities_csv(
        "title,completed_on,credit_type,amount\n" + "x" * 140_000 + ",2026-01-01,contact_hours,1\n"
    )
    assert rows == []
    assert [p.field for p in problems] == ["file"]


def test_a_page_or_api_id_beyond_64_bits_is_not_found(alice_client) -> None:
    for url in (
        "/experience/entries/18446744073709551616/",
        "/learning/activities/18446744073709551616/",
    ):
        assert alice_client.get(url).status_code == 404, url
    # The API names the value: an id is a positive 64-bit integer (medpath.bounds.ApiId).
    answer = alice_client.get("/api/v1/learning/activities/18446744073709551616")
    assert answer.status_code == 422
    assert "activity_id" in answer.json()["fields"]
