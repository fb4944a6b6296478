"""A resident's own work hours: shifts from templates, all-or-nothing saving, schedule import, the report and the API."""

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from medpath.experience import shifts
from medpath.experience.charts import weekly_chart
from medpath.experience.models import Shift, WorkHourSettings
from medpath.experience.schedule import ScheduleRejected
from medpath.experience.workhours import WeekTotal

NIGHT = shifts.Template("Night", time(19), time(7), "clinical")


def test_nights_times_seven_from_a_template(alice) -> None:
    """ "Nights 19:00-07:00 × 7" in Chicago: seven 12-hour shifts; the one across the DST change is 13 hours."""
    batch = shifts.shifts_save(alice, shifts.from_template(alice, NIGHT, date(2026, 10, 28), 7))
    assert len(batch) == 7
    lengths = [(s.ends_at - s.starts_at).total_seconds() / 3600 for s in Shift.objects.for_user(alice)]
    assert lengths == [12, 12, 12, 13, 12, 12, 12]  # 31 Oct into 1 Nov gains the repeated hour
    assert Shift.objects.for_user(alice)[0].starts_at == datetime(2026, 10, 29, 0, 0, tzinfo=UTC)  # 19:00 CDT


def test_a_batch_with_an_overlap_saves_nothing(alice) -> None:
    shifts.shifts_save(alice, shifts.from_template(alice, NIGHT, date(2026, 11, 2), 1))
    day = shifts.Template("Early", time(6), time(18), "clinical")
    with pytest.raises(ValidationError) as error:
        shifts.shifts_save(alice, shifts.from_template(alice, day, date(2026, 11, 1), 3))  # 3 Nov 06:00 is still the night
    assert "overlaps the saved clinical work of Mon 2 Nov 2026 19:00" in " ".join(error.value.messages)
    assert Shift.objects.for_user(alice).count() == 1
    long_one = shifts.Template("Marathon", time(7), time(7), "clinical")
    overlapping = shifts.from_template(alice, long_one, date(2026, 11, 10), 1) + shifts.from_template(
        alice, day, date(2026, 11, 10), 1
    )
    with pytest.raises(ValidationError) as inner:
        shifts.shifts_save(alice, overlapping)
    assert "overlaps" in " ".join(inner.value.messages)
    with pytest.raises(ValidationError):
        shifts.from_template(alice, NIGHT, date(2026, 11, 20), 61)


def test_home_call_may_hold_work_from_home(alice) -> None:
    home = shifts.Template("Home call", time(17), time(7), "home-call")
    work = shifts.Template("Called in", time(22), time(23), "home-call-work")
    saved = shifts.shifts_save(
        alice, shifts.from_template(alice, home, date(2026, 11, 3), 1) + shifts.from_template(alice, work, date(2026, 11, 3), 1)
    )
    assert len(saved) == 2


def test_the_page_adds_shifts_and_explains_a_violation(alice_client, alice) -> None:
    """A 24-hour call, 4 hours of handover and 2 more hours of clinical work: the continuous-work rule is broken,
    and the page says when, by how much and against what limit."""
    for name, day in (("24-hour in-house call", "2026-11-16"), ("Post-call handover", "2026-11-17")):
        response = alice_client.post(
            reverse("experience:hours"),
            {"form": "template", "t-template": name, "t-first_day": day, "t-repeat": "1", "t-every": "1"},
        )
        assert response.status_code == 302
    ok = alice_client.get(reverse("experience:hours")).content.decode()
    assert "Every ACGME rule holds" in ok
    late = alice_client.post(
        reverse("experience:hours"),
        {
            "form": "custom",
            "c-day": "2026-11-17",
            "c-start_time": "11:00",
            "c-end_time": "13:00",
            "c-kind": "clinical",
            "c-repeat": "1",
            "c-save_as": "Late rounds",
        },
    )
    assert late.status_code == 302
    page = alice_client.get(reverse("experience:hours")).content.decode()
    assert "1 violation" in page
    assert "At most 24 hours of continuous clinical work, plus up to 4 hours" in page  # the rule in words, not its id
    assert "Mon 16 Nov 2026 07:00 – Tue 17 Nov 2026 13:00" in page
    assert "<strong>30</strong>, limit 24" in page
    assert any(t.name == "Late rounds" for t in shifts.templates_for(alice))
    report = alice_client.get(reverse("experience:hours_report")).content.decode()
    assert "Violations (1)" in report
    assert "26.0 h of scheduled clinical work" in report


def test_a_template_form_error_is_shown_next_to_the_form(alice_client, alice) -> None:
    shifts.shifts_save(alice, shifts.from_template(alice, NIGHT, date(2026, 11, 2), 1))
    response = alice_client.post(
        reverse("experience:hours"),
        {"form": "template", "t-template": "Night", "t-first_day": "2026-11-02", "t-repeat": "2", "t-every": "1"},
    )
    assert response.status_code == 200
    assert "overlaps the saved" in " ".join(response.context["template_form"].non_field_errors())
    assert Shift.objects.for_user(alice).count() == 1


SCHEDULE = """Name,From,To,Type,Year
Alice,2026-11-02T07:00-06:00,2026-11-02T19:00-06:00,clinical,2
Alice,2026-11-03T07:00-06:00,2026-11-03T19:00-06:00,clinical,2
"""


def test_import_with_column_mapping_and_every_bad_row_reported(alice_client, alice) -> None:
    mapping = {"column_resident": "Name", "column_start": "From", "column_end": "To", "column_kind": "Type", "column_pgy": "Year"}
    bad = (
        SCHEDULE
        + "Alice,2026-11-04T07:00,2026-11-04T19:00-06:00,nap,2\nAlice,2026-11-05T19:00-06:00,2026-11-05T07:00-06:00,clinical,2\n"
    )
    rejected = alice_client.post(
        reverse("experience:hours_import"), {"file": SimpleUploadedFile("s.csv", bad.encode()), **mapping}
    )
    assert rejected.status_code == 400
    text = rejected.content.decode()
    assert "Line 4, <code>start</code>" in text
    assert "Line 4, <code>kind</code>" in text
    assert "Line 5, <code>end</code>" in text
    assert not Shift.objects.for_user(alice).exists()
    missing = alice_client.post(reverse("experience:hours_import"), {"file": SimpleUploadedFile("s.csv", SCHEDULE.encode())})
    assert "missing column" in missing.content.decode()
    imported = alice_client.post(
        reverse("experience:hours_import"), {"file": SimpleUploadedFile("s.csv", SCHEDULE.encode()), **mapping}
    )
    assert imported.status_code == 302
    assert Shift.objects.for_user(alice).count() == 2
    assert WorkHourSettings.objects.for_user(alice).get().pgy == 2


def test_a_check_lists_what_would_be_added_and_saves_nothing(alice_client, alice) -> None:
    """“Check only” runs every check, overlaps with saved shifts included, lists the shifts in the person's time and
    keeps nothing, on the page and in the API (issue 14: a dry run that shows what would change)."""
    mapping = {"column_resident": "Name", "column_start": "From", "column_end": "To", "column_kind": "Type", "column_pgy": "Year"}
    upload = {"file": SimpleUploadedFile("s.csv", SCHEDULE.encode()), "dry_run": "on", **mapping}
    checked = alice_client.post(reverse("experience:hours_import"), upload)
    assert checked.status_code == 200
    text = checked.content.decode()
    assert "All 2 shifts of the file pass every check" in text
    assert checked.context["checked"][0][2] == "Clinical work"
    assert not Shift.objects.for_user(alice).exists()
    assert not WorkHourSettings.objects.for_user(alice).filter(pgy=2).exists()
    csv = SCHEDULE.replace("Name,From,To,Type,Year", "resident,start,end,kind,pgy")
    dry = alice_client.post("/api/v1/experience/shifts/import", {"csv": csv, "dry_run": True}, content_type="application/json")
    assert dry.status_code == 200
    assert [(row["id"], row["kind"]) for row in dry.json()] == [(None, "clinical"), (None, "clinical")]
    assert not Shift.objects.for_user(alice).exists()
    saved = alice_client.post("/api/v1/experience/shifts/import", {"csv": csv}, content_type="application/json")
    assert saved.status_code == 201
    overlapping = alice_client.post(
        "/api/v1/experience/shifts/import", {"csv": csv, "dry_run": True}, content_type="application/json"
    )
    assert overlapping.status_code == 422  # a check sees the shifts already saved
    assert Shift.objects.for_user(alice).count() == 2


def test_import_of_a_file_with_several_residents_asks_which(alice) -> None:
    text = "resident,start,end,kind\nA,2026-11-02T07:00Z,2026-11-02T19:00Z,clinical\nB,2026-11-02T07:00Z,2026-11-02T19:00Z,clinical\n"
    with pytest.raises(ValidationError) as error:
        shifts.schedule_import(alice, text)
    assert "resident" in error.value.message_dict
    assert len(shifts.schedule_import(alice, text, resident="B")) == 1
    with pytest.raises(ScheduleRejected):
        shifts.schedule_import(alice, "resident,start\n")


def test_weekly_chart_draws_the_limit_and_the_four_week_average() -> None:
    """The engine's averages are drawn as given: a line through every week that has one, markers on each."""
    averages = [None, None, None, 81.0, 78.5]
    weeks = [
        WeekTotal(date(2026, 10, 5) + timedelta(days=7 * i), hours, average)
        for i, (hours, average) in enumerate(zip([70, 90, 80, 84, 60], averages, strict=True))
    ]
    chart = weekly_chart(weeks)
    assert chart is not None
    assert [bar.over for bar in chart.bars] == [False, True, False, True, False]
    assert chart.bars[3].average == 81.0
    assert chart.bars[2].average is None
    assert len(chart.average_points.split()) == 2
    assert [bar.week_of for bar in chart.averaged] == [weeks[3].week_of, weeks[4].week_of]
    assert chart.limit_y < chart.bars[0].y  # the 80 line is above a 70-hour bar
    assert weekly_chart([]) is None


def test_settings_and_the_api(alice_client, alice) -> None:
    response = alice_client.post(
        reverse("experience:hours_settings"), {"pgy": "1", "window": "rotation", "leave": "zero", "continuity_gap_hours": "1"}
    )
    assert response.status_code == 302
    assert alice_client.get("/api/v1/experience/work-hours/settings").json()["window"] == "rotation"
    created = alice_client.post(
        "/api/v1/experience/shifts",
        {"shifts": [{"start": "2026-11-02T19:00-06:00", "end": "2026-11-03T07:00-06:00", "kind": "moonlighting"}]},
        content_type="application/json",
    )
    assert created.status_code == 201
    naive = alice_client.post(
        "/api/v1/experience/shifts",
        {"shifts": [{"start": "2026-11-04T19:00", "end": "2026-11-05T07:00", "kind": "clinical"}]},
        content_type="application/json",
    )
    assert naive.status_code == 422
    report = alice_client.get("/api/v1/experience/work-hours/report").json()
    assert [v["rule"] for v in report["violations"]] == ["pgy1-moonlighting"]
    assert report["settings"]["pgy"] == 1
    assert report["window_mode"] == "rotation"
    templated = alice_client.post(
        "/api/v1/experience/shifts/from-template",
        {"template": "Night", "first_day": "2026-11-10", "repeat": 3},
        content_type="application/json",
    )
    assert templated.status_code == 201
    assert len(templated.json()) == 3
    unknown = alice_client.post(
        "/api/v1/experience/shifts/from-template",
        {"template": "Nope", "first_day": "2026-11-10"},
        content_type="application/json",
    )
    assert unknown.status_code == 404
    rows = alice_client.post(
        "/api/v1/experience/shifts/import",
        {"csv": "resident,start,end,kind\nme,2026-11-20T07:00,2026-11-20T08:00Z,nap\n"},
        content_type="application/json",
    )
    assert rows.status_code == 422
    assert rows.json()["code"] == "rows_rejected"
    assert "line 2" in rows.json()["fields"]


def test_stateless_check_over_the_api_saves_nothing(alice_client, alice) -> None:
    csv = "resident,start,end,kind\nr1,2026-11-02T07:00Z,2026-11-03T08:00Z,clinical\n"
    body = alice_client.post("/api/v1/experience/work-hours/check", {"csv": csv}, content_type="application/json").json()
    assert [v["rule"] for v in body["violations"]] == ["continuous-24-plus-4"]
    assert not Shift.objects.for_user(alice).exists()
    overlap = "resident,start,end,kind\nr1,2026-11-02T07:00Z,2026-11-02T19:00Z,clinical\nr1,2026-11-02T18:00Z,2026-11-02T20:00Z,clinical\n"
    refused = alice_client.post("/api/v1/experience/work-hours/check", {"csv": overlap}, content_type="application/json")
    assert refused.status_code == 422
    assert "overlaps" in refused.json()["fields"]["csv"][0]


def test_shifts_until_the_last_day_of_the_calendar(alice_client, alice) -> None:
    """until=9999-12-31 answered 500 (adding a day overflowed); dates are now bounded (1900-2100): 422 naming
    ``until``, and the last accepted day lists every shift."""
    alice_client.post(
        "/api/v1/experience/shifts",
        {"shifts": [{"start": "2026-11-02T07:00Z", "end": "2026-11-02T19:00Z", "kind": "clinical"}]},
        content_type="application/json",
    )
    refused = alice_client.get("/api/v1/experience/shifts", {"until": "9999-12-31"})
    assert refused.status_code == 422
    assert "until" in refused.json()["fields"]
    answer = alice_client.get("/api/v1/experience/shifts", {"until": "2100-12-31"})
    assert answer.status_code == 200
    assert len(answer.json()) == 1


DAY = shifts.Template("Day", time(7), time(19), "clinical")


def _twenty_weeks(alice) -> list[list[float]]:
    """Twenty weeks of 12-hour days from Mon 1 Jun 2026, four to seven a week; each week's hours, day by day."""
    batch, weeks = [], []
    for week in range(20):
        days_on = 4 + week % 4
        batch += shifts.from_template(alice, DAY, date(2026, 6, 1) + timedelta(days=7 * week), days_on)
        weeks.append([12.0] * days_on)
    shifts.shifts_save(alice, batch)
    return weeks


def _independent_averages(weeks: list[list[float]]) -> list[float | None]:
    """The four-week average of each week computed here: the sum of that week and the three before it over 4
    (the last week is whole when it has seven days of shifts, as week 20 does)."""
    totals = [sum(days) for days in weeks]
    return [None if w < 3 else sum(totals[w - 3 : w + 1]) / 4 for w in range(len(totals))]


def test_the_four_week_average_line_spans_every_averaged_week_shown(alice_client, alice) -> None:
    """Issue 11, finding 13: the hours page shows the last 16 of 20 weeks; the average line runs from the first shown
    week to the last (it was a stub starting at the fourth shown week, averaged over the shown weeks only), each point
    at its week's centre and at the height of the independently computed average."""
    expected = _independent_averages(_twenty_weeks(alice))[-16:]
    page = alice_client.get(reverse("experience:hours")).content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    line = re.search(r'class="average" points="([^"]+)"', svg)
    assert line is not None
    points = [tuple(map(float, p.split(","))) for p in line[1].split()]
    assert len(points) == 16
    width, left, top, plot_height = 640, 34, 10, 230 - 10 - 34
    slot = (width - left) / 16
    scale_max = max(80 * 1.25, 84 * 1.1)
    for index, ((x, y), average) in enumerate(zip(points, expected, strict=True)):
        assert average is not None  # every shown week is past the fourth
        assert x == pytest.approx(left + slot * (index + 0.5), abs=0.1)
        assert y == pytest.approx(top + plot_height * (1 - average / scale_max), abs=0.1)
    assert svg.count('class="average-point"') == 16
    assert "The line is the four-week average" in svg  # the text alternative says what the line is
    assert "line: four-week average" in page  # and so does the legend


def test_the_report_page_and_api_give_each_weeks_four_week_average(alice_client, alice) -> None:
    """Issue 11, finding 13: the report's table and the API list every week's four-week average, as computed here."""
    expected = _independent_averages(_twenty_weeks(alice))
    body = alice_client.get("/api/v1/experience/work-hours/report").json()
    assert [week["four_week_average"] for week in body["weekly_hours"]["you"]] == expected
    page = alice_client.get(reverse("experience:hours_report")).content.decode()
    assert '<th scope="col">Four-week average</th>' in page
    rows = re.findall(r"<tr><td[^>]*>([^<]+)</td><td[^>]*>([^<]+)</td><td[^>]*>([^<]+)</td></tr>", page)
    assert [cell for _, _, cell in rows] == ["—" if e is None else f"{e:g}" for e in expected]
    schema = alice_client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "four_week_average" in schema["WeekOut"]["properties"]


def test_the_schedule_import_offers_a_sample_that_imports_cleanly(alice_client, alice, client, refused) -> None:
    """Issue 11, finding 13: the import page links a sample CSV, served as an attachment in the documented columns,
    that the schedule import takes whole with no problem; a visitor is sent to log in."""
    from medpath.experience.schedule import OPTIONAL, REQUIRED

    url = reverse("experience:hours_import_sample")
    assert url in alice_client.get(reverse("experience:hours_import")).content.decode()
    response = alice_client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode()
    assert tuple(text.splitlines()[0].split(",")) == (*REQUIRED, *OPTIONAL)

    saved = shifts.schedule_import(alice, text)

    assert len(saved) == len(text.splitlines()) - 1
    assert {shift.kind for shift in saved} >= {"clinical", "in-house-call", "home-call", "home-call-work", "leave"}
    upload = SimpleUploadedFile("sample.csv", text.encode(), "text/csv")
    Shift.objects.for_user(alice).delete()
    through_the_page = alice_client.post(reverse("experience:hours_import"), {"file": upload, "local_times": ""})
    assert through_the_page.status_code == 302
    refused(client, "get", url)
