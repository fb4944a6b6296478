"""Data-entry traps of the work-hours pages: a shift whose start equals its end, and a 28-hour call row."""

from datetime import UTC, date, datetime, time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from medpath.experience import shifts
from medpath.experience.models import Shift
from medpath.experience.schedule import ScheduleRejected, read_schedule

CUSTOM = {
    "form": "custom",
    "c-day": "2026-11-16",
    "c-start_time": "07:00",
    "c-end_time": "07:00",
    "c-kind": "clinical",
    "c-repeat": "1",
}


def _lengths(user) -> list[float]:
    return [(s.ends_at - s.starts_at).total_seconds() / 3600 for s in Shift.objects.for_user(user)]


# ---- a shift whose start is its end --------------------------------------------------------------------------


def test_custom_shift_with_equal_times_is_an_error_next_to_the_end(alice_client, alice) -> None:
    """07:00 to 07:00 on the custom-shift form is refused next to “Ends”, and nothing is saved."""
    response = alice_client.post(reverse("experience:hours"), CUSTOM)
    assert response.status_code == 200
    errors = " ".join(response.context["custom_form"].errors["end_time"])
    assert "Start and end are the same time: 07:00" in errors
    assert Shift.objects.for_user(alice).count() == 0


def test_custom_shift_ticked_as_24_hours_is_saved_as_24_hours(alice_client, alice) -> None:
    """With “24-hour shift” ticked, 07:00 to 07:00 is a shift into the next day, and saved as a template so."""
    response = alice_client.post(reverse("experience:hours"), {**CUSTOM, "c-full_day": "on", "c-save_as": "Long call"})
    assert response.status_code == 302
    assert _lengths(alice) == [24]
    saved = next(t for t in shifts.templates_for(alice) if t.name == "Long call")
    assert (saved.start, saved.end) == (time(7), time(7))
    again = shifts.from_template(alice, saved, date(2026, 11, 20), 1)  # the saved 24-hour template keeps working
    assert (again[0].ends_at - again[0].starts_at).total_seconds() == 24 * 3600


def test_the_24_hour_box_with_different_times_is_an_error(alice_client, alice) -> None:
    """Ticking “24-hour shift” while the end differs from the start is refused next to the box."""
    response = alice_client.post(reverse("experience:hours"), {**CUSTOM, "c-end_time": "19:00", "c-full_day": "on"})
    assert response.status_code == 200
    assert "ends at the time it starts" in " ".join(response.context["custom_form"].errors["full_day"])
    assert Shift.objects.for_user(alice).count() == 0


def test_the_service_refuses_equal_times_unless_told_it_is_24_hours(alice) -> None:
    """custom_shifts_save names ``end_time`` for 07:00–07:00, and saves 24 hours with ``full_day``."""
    template = shifts.Template("Shift", time(7), time(7), "clinical")
    with pytest.raises(ValidationError) as refused:
        shifts.custom_shifts_save(alice, template, date(2026, 11, 16), 1, save_as=False)
    assert "Start and end are the same time" in refused.value.message_dict["end_time"][0]
    shifts.custom_shifts_save(alice, template, date(2026, 11, 16), 1, save_as=False, full_day=True)
    assert _lengths(alice) == [24]


def test_built_in_24_hour_call_still_lasts_24_hours(alice_client, alice) -> None:
    """The built-in “24-hour in-house call” (07:00–07:00) is 24 hours from the page and the API."""
    page = alice_client.post(
        reverse("experience:hours"),
        {"form": "template", "t-template": "24-hour in-house call", "t-first_day": "2026-11-16", "t-repeat": "1", "t-every": "1"},
    )
    assert page.status_code == 302
    api = alice_client.post(
        "/api/v1/experience/shifts/from-template",
        {"template": "24-hour in-house call", "first_day": "2026-11-20"},
        content_type="application/json",
    )
    assert api.status_code == 201
    assert _lengths(alice) == [24, 24]


def test_api_shift_with_equal_start_and_end_names_the_field(alice_client, alice) -> None:
    """POST /experience/shifts with start == end answers 422 naming ``shifts.0.end`` and saves nothing."""
    moment = "2026-11-16T07:00:00-06:00"
    response = alice_client.post(
        "/api/v1/experience/shifts",
        {"shifts": [{"start": moment, "end": moment, "kind": "clinical"}]},
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert "Start and end are the same time" in body["fields"]["shifts.0.end"][0]
    assert Shift.objects.for_user(alice).count() == 0


LOCAL_ROWS = "resident,date,start,end,kind\nAlice,2026-11-16,19:00,07:00,clinical\nAlice,2026-11-18,07:00,07:00,in-house-call\n"


def test_an_import_row_with_equal_times_is_a_bad_row_with_its_line() -> None:
    """A local-time row 07:00–07:00 is reported on its line (end), not read as 24 hours; a night still is next day."""
    with pytest.raises(ScheduleRejected) as rejected:
        read_schedule(LOCAL_ROWS, zone=UTC)
    [problem] = rejected.value.problems
    assert (problem.line, problem.field) == (3, "end")
    assert "start and end are the same time (07:00)" in problem.message
    night = read_schedule(LOCAL_ROWS.rsplit("Alice,2026-11-18", 1)[0], zone=UTC)
    assert night[0].end == datetime(2026, 11, 17, 7, tzinfo=UTC)


def test_the_import_api_and_page_report_the_equal_times_row(alice_client, alice) -> None:
    """The import API answers 422 with the row's line; a 24-hour row written with the next day's date is kept."""
    response = alice_client.post(
        "/api/v1/experience/shifts/import", {"csv": LOCAL_ROWS, "local_times": True}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "same time" in response.json()["fields"]["line 3"][0]
    assert Shift.objects.for_user(alice).count() == 0
    fixed = LOCAL_ROWS.replace("07:00,07:00", "07:00,2026-11-19T07:00")
    saved = alice_client.post(
        "/api/v1/experience/shifts/import", {"csv": fixed, "local_times": True}, content_type="application/json"
    )
    assert saved.status_code == 201
    assert sorted(_lengths(alice)) == [12, 24]
