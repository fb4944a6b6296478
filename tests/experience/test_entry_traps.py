"""Data-entry traps of the work-hours pages: a shift whose start equals its end, and a 28-hour call row."""

import json
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from medpath.experience import shifts
from medpath.experience.models import Shift
from medpath.experience.schedule import ScheduleRejected, read_schedule
from medpath.experience.workhours import Finding, Limits, Report, check
from medpath.experience.workhours import Shift as EngineShift

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
    """With “Lasts 24 hours” ticked, 07:00 to 07:00 is a shift into the next day, and saved as a template so."""
    response = alice_client.post(reverse("experience:hours"), {**CUSTOM, "c-full_day": "on", "c-save_as": "Long call"})
    assert response.status_code == 302
    assert _lengths(alice) == [24]
    saved = next(t for t in shifts.templates_for(alice) if t.name == "Long call")
    assert (saved.start, saved.end) == (time(7), time(7))
    again = shifts.from_template(alice, saved, date(2026, 11, 20), 1)  # the saved 24-hour template keeps working
    assert (again[0].ends_at - again[0].starts_at).total_seconds() == 24 * 3600


def test_the_24_hour_box_with_different_times_is_an_error(alice_client, alice) -> None:
    """Ticking “Lasts 24 hours” while the end differs from the start is refused next to the box."""
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


# ---- the 28-hour in-house call row ---------------------------------------------------------------------------

START = datetime(2026, 11, 16, 7, tzinfo=UTC)


def _run(*pieces: tuple[float, str]) -> list[EngineShift]:
    """Back-to-back shifts of resident A from 16 Nov 07:00 UTC: (hours, kind) each."""
    out, cursor = [], START
    for hours, kind in pieces:
        out.append(EngineShift("A", cursor, cursor + timedelta(hours=hours), kind))  # type: ignore[arg-type]
        cursor += timedelta(hours=hours)
    return out


def _continuous(report: Report) -> list[Finding]:
    return [f for f in report.violations if f.rule == "continuous-24-plus-4"]


def test_a_28_hour_call_row_says_to_record_the_handover_as_transition() -> None:
    """One 28-hour in-house-call row: the violation stays, and its hint says to record the last 4 h as transition."""
    [finding] = _continuous(check(_run((28, "in-house-call")), Limits()))
    assert (finding.value, finding.limit) == (28, 24)
    assert "last 4 h" in finding.hint
    assert "separate transition shift" in finding.hint
    assert finding.as_dict()["hint"] == finding.hint
    fixed = check(_run((24, "in-house-call"), (4, "transition")), Limits())
    assert _continuous(fixed) == []


@pytest.mark.parametrize(
    ("pieces", "hinted"),
    [
        (((26, "in-house-call"),), True),  # 2 h over: the last 2 h may be handover
        (((24.5, "in-house-call"), (3.5, "transition")), True),  # 28 in all, half an hour of it misfiled
        (((30, "in-house-call"),), False),  # 6 h over: more than any handover allowance
        (((24, "in-house-call"), (6, "transition")), False),  # too long in all: recording differently cannot help
        (((12, "clinical"), (14, "clinical")), True),  # the same allowance follows any 24 continuous hours
    ],
)
def test_the_hint_appears_only_when_reclassifying_the_excess_would_keep_the_rule(pieces, hinted) -> None:
    """The hint is given when clinical hours exceed the limit by no more than the extra allowance and the whole
    period fits the limit plus that allowance; never otherwise."""
    [finding] = _continuous(check(_run(*pieces), Limits()))
    assert bool(finding.hint) is hinted


def test_the_hint_takes_its_figures_from_the_limits() -> None:
    """With other limits (say 16 + 2) the hint names those figures, not 24 and 4."""
    [finding] = _continuous(check(_run((17.5, "in-house-call")), Limits(continuous_hours=16, extra_hours=2)))
    assert all(part in finding.hint for part in ("last 1.5 h", "up to 2 h", "after 16 h"))


def test_the_report_page_api_and_cli_json_show_the_hint(alice_client, alice, tmp_path) -> None:
    """A saved 28-hour call shows the hint on the report page and in the API's JSON; ``hours check --json`` too."""
    from typer.testing import CliRunner

    from medpath.cli import app

    call = shifts.Template("Call", time(7), time(11), "in-house-call")
    batch = shifts.from_template(alice, call, date(2026, 11, 16), 1)
    batch[0].ends_at = batch[0].starts_at + timedelta(hours=28)
    shifts.shifts_save(alice, batch)
    page = alice_client.get(reverse("experience:hours_report")).content.decode()
    assert "separate transition shift" in page
    api = alice_client.get("/api/v1/experience/work-hours/report").json()
    assert "separate transition shift" in api["violations"][0]["hint"]
    csv = tmp_path / "rota.csv"
    csv.write_text("resident,start,end,kind\nA,2026-11-16T07:00-06:00,2026-11-17T11:00-06:00,in-house-call\n")
    result = CliRunner().invoke(app, ["hours", "check", str(csv), "--json"])
    assert "separate transition shift" in json.loads(result.stdout)["violations"][0]["hint"]
    table = CliRunner().invoke(app, ["hours", "check", str(csv)])
    assert "separate transition shift" in " ".join(table.stdout.split())


def test_an_experience_entry_with_equal_times_is_an_error_not_24_hours(alice) -> None:
    """The log's one-day entry had the shift trap too: 08:00-08:00 became 24 hours; now the end time is refused."""
    from medpath.experience import services

    with pytest.raises(ValidationError) as refused:
        services.entry_save(
            user=alice, kind="shadowing", title="Clinic", started_on=date(2026, 11, 2), start_time=time(8), end_time=time(8)
        )
    assert "same time" in refused.value.message_dict["end_time"][0]
    full_day = services.entry_save(user=alice, kind="shadowing", title="Clinic", started_on=date(2026, 11, 2), hours=24)
    assert full_day.hours == 24
