"""Edge cases: the public page's defences, stale states, DST, large imports, line numbers, query counts."""

from datetime import date, time, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pydantic import ValidationError as SchemaError

from medpath.catalog.experience_schema import CaseMinimums
from medpath.experience import services, shifts
from medpath.experience.models import ExperienceEntry, Shift, Verification, VerificationRequest
from medpath.experience.schedule import ScheduleRejected
from medpath.experience.selectors import target_progress
from tests.experience.conftest import entry


def test_verify_page_needs_the_csrf_token_and_escapes_entry_text(alice, shadowing) -> None:
    services.entry_save(user=alice, entry=shadowing, description="<script>alert('x')</script>")
    sent = services.verification_request(
        user=alice, entry_ids=[shadowing.pk], supervisor_email="e@clinic.example.org", send=False
    )
    path = urlsplit(sent.url).path
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(path).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    forged = browser.post(path, {"name": "Mallory"})
    assert forged.status_code == 403
    assert ExperienceEntry.objects.for_user(alice).get().verification == Verification.PENDING


def test_a_second_answer_is_refused_and_answers_for_other_items_are_ignored(alice, charlie, shadowing) -> None:
    other = entry(charlie, "shadowing", "2", supervisor_email="e@clinic.example.org")
    charlie_request = services.verification_request(
        user=charlie, entry_ids=[other.pk], supervisor_email="e@clinic.example.org", send=False
    )
    foreign_item = charlie_request.request.items.get()
    sent = services.verification_request(
        user=alice, entry_ids=[shadowing.pk], supervisor_email="e@clinic.example.org", send=False
    )
    path = urlsplit(sent.url).path
    item = sent.request.items.get()
    data = {
        "name": "Elena",
        f"decision_{item.pk}": "confirmed",
        f"decision_{foreign_item.pk}": "declined",
        f"comment_{foreign_item.pk}": "x",
    }
    assert Client().post(path, data).status_code == 200
    assert ExperienceEntry.objects.for_user(charlie).get().verification == Verification.PENDING
    assert Client().post(path, data).status_code == 410


def test_an_unchanged_save_keeps_the_revision_and_the_request(alice) -> None:
    """Hours written as 3 or 3.00 are the same value: re-saving does not withdraw a waiting request."""
    row = entry(alice, "clinical_work", "3", supervisor_email="e@clinic.example.org")
    services.verification_request(user=alice, entry_ids=[row.pk], supervisor_email="e@clinic.example.org", send=False)
    again = services.entry_save(user=alice, entry=ExperienceEntry.objects.for_user(alice).get(), hours="3")
    assert again.revision == 1
    assert again.verification == Verification.PENDING


def test_a_spring_forward_night_is_an_hour_shorter(alice) -> None:
    """8 March 2026, Chicago: 19:00 to 07:00 is 11 real hours, for entries and for shifts."""
    night = services.entry_save(
        user=alice, kind="clinical_work", title="ED tech", started_on=date(2026, 3, 7), start_time=time(19), end_time=time(7)
    )
    assert night.hours == Decimal("11.00")
    [saved] = shifts.shifts_save(
        alice, shifts.from_template(alice, shifts.Template("N", time(19), time(7), "clinical"), date(2026, 3, 7), 1)
    )
    assert (saved.ends_at - saved.starts_at) == timedelta(hours=11)


def test_a_lapsed_link_releases_its_entries(alice_client, alice, shadowing, time_machine) -> None:
    services.verification_request(
        user=alice, entry_ids=[shadowing.pk], supervisor_email="e@clinic.example.org", days=2, send=False
    )
    time_machine.move_to("2026-11-28 15:00:00+00:00", tick=False)
    alice_client.force_login(alice)  # the session of three days ago has timed out
    response = alice_client.get(reverse("experience:entries"))
    assert response.status_code == 200
    assert "badge-pending" not in response.content.decode()  # shown as not verified at once
    listed = alice_client.get("/api/v1/experience/entries?verification=unverified").json()
    assert [row["verification"] for row in listed] == ["unverified"]
    overview = alice_client.get(reverse("experience:overview")).context
    assert (overview["pending"], overview["unverified_with_supervisor"]) == (0, 1)  # to ask again, as listed
    # ... and nothing was written by those reads: the daily run settles it in the database.
    assert ExperienceEntry.objects.for_user(alice).get().verification == Verification.PENDING
    from django.core.management import call_command

    call_command("remind")
    assert ExperienceEntry.objects.for_user(alice).get().verification == Verification.UNVERIFIED


def test_revoking_a_verification_link_releases_its_entries_at_once(alice, shadowing) -> None:
    """Withdrawn on the Shared links page (the platform's revoke), the request's entries are no longer waiting."""
    from medpath.accounts import links

    sent = services.verification_request(
        user=alice, entry_ids=[shadowing.pk], supervisor_email="e@clinic.example.org", send=False
    )
    links.link_revoke(owner=alice, link_id=sent.request.link_id)
    assert ExperienceEntry.objects.for_user(alice).get().verification == Verification.UNVERIFIED


def test_the_request_survives_a_mail_server_that_is_down(alice_client, alice, shadowing, settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens there
    response = alice_client.post(
        reverse("experience:verification_new"),
        {"entry_ids": [shadowing.pk], "supervisor_email": "e@clinic.example.org", "days": "30", "send": "on"},
    )
    assert response.status_code == 302
    text = alice_client.get(response["Location"]).content.decode()
    assert "could not be sent" in text
    assert "/experience/verify/" in text
    assert VerificationRequest.objects.for_user(alice).count() == 1


def test_a_large_import_and_line_numbers_for_overlaps(alice) -> None:
    """1,200 shifts import in one go (the overlap check is one sweep, not a query per shift); an overlap in a file
    is reported with its line."""
    rows = ["resident,start,end,kind"]
    first = date(2023, 1, 2)
    for number in range(1200):
        day = first + timedelta(days=number)
        rows.append(f"me,{day}T07:00Z,{day}T17:00Z,clinical")
    assert len(shifts.schedule_import(alice, "\n".join(rows))) == 1200
    clash = "resident,start,end,kind\nme,2026-11-02T07:00Z,2026-11-02T19:00Z,clinical\nme,2026-11-02T18:00Z,2026-11-02T20:00Z,clinical\n"
    with pytest.raises(ScheduleRejected) as rejected:
        shifts.schedule_import(alice, clash)
    assert [(p.line, p.field) for p in rejected.value.problems] == [(3, "start")]
    assert Shift.objects.for_user(alice).count() == 1200


def test_a_weekend_of_home_call_is_a_shift(alice) -> None:
    """Friday 17:00 to Monday 07:00 on home call is accepted (only periods over 14 days are refused)."""
    text = "resident,start,end,kind\nme,2026-11-06T17:00-06:00,2026-11-09T07:00-06:00,home-call\n"
    assert len(shifts.schedule_import(alice, text)) == 1


def test_declined_hours_do_not_count_toward_targets(alice) -> None:
    services.target_save(user=alice, label="Clinical", kinds=["clinical_work"], hours=Decimal(10))
    declined = entry(alice, "clinical_work", "6")
    entry(alice, "clinical_work", "3", date(2026, 10, 2))
    ExperienceEntry.objects.for_user(alice).filter(pk=declined.pk).update(verification=Verification.DECLINED)
    [progress] = target_progress(alice)
    assert progress.counted == Decimal(3)


def test_case_categories_cannot_be_their_own_ancestor() -> None:
    base = {
        "id": "x",
        "name": "X",
        "specialty": "S",
        "effective": "now",
        "last_verified": "2026-01-01",
        "source": "s",
        "confidence": "low",
    }
    with pytest.raises(SchemaError, match="own ancestor"):
        CaseMinimums.model_validate(
            {
                **base,
                "categories": [
                    {"id": "a", "name": "A", "minimum": 1, "parent": "b", "roles": ["performed"]},
                    {"id": "b", "name": "B", "minimum": 1, "parent": "a", "roles": ["performed"]},
                ],
            }
        )


@pytest.mark.parametrize("name", ["experience:overview", "experience:entries", "experience:hours", "experience:procedures"])
def test_page_queries_do_not_grow_with_the_data(alice_client, alice, name, django_assert_max_num_queries) -> None:
    entry(alice, "shadowing", "2")
    shifts.shifts_save(alice, shifts.from_template(alice, shifts.BUILT_IN[0], date(2026, 11, 2), 1))
    services.procedure_save(user=alice, procedure="Appendectomy", performed_on=date(2026, 11, 1), role="performed")
    alice_client.get(reverse(name))  # settings row created on first visit
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        alice_client.get(reverse(name))
    for day in range(3, 40):
        entry(alice, "shadowing", "2", date(2026, 9, 1) + timedelta(days=day))
        services.procedure_save(user=alice, procedure="Appendectomy", performed_on=date(2026, 9, day % 28 + 1), role="performed")
    shifts.shifts_save(alice, shifts.from_template(alice, shifts.BUILT_IN[0], date(2026, 11, 5), 20))
    with django_assert_max_num_queries(len(few.captured_queries)):
        alice_client.get(reverse(name))


def test_form_errors_are_next_to_their_fields(alice_client, alice) -> None:
    """A range ending before it starts names the last day (not a database constraint); a future date is refused;
    an overlapping custom shift opens its section to show why."""
    bad = alice_client.post(
        reverse("experience:entry_new"),
        {"kind": "research", "title": "Lab", "started_on": "2026-08-14", "ended_on": "2026-06-15", "hours": "10"},
    )
    assert bad.context["form"].errors["ended_on"] == ["The last day cannot come before the first."]
    assert not bad.context["form"].non_field_errors()
    future = alice_client.post(
        reverse("experience:entry_new"), {"kind": "research", "title": "Lab", "started_on": "2027-05-01", "hours": "2"}
    )
    assert "in the future" in future.context["form"].errors["started_on"][0]
    shifts.shifts_save(alice, shifts.from_template(alice, shifts.BUILT_IN[1], date(2026, 12, 2), 1))
    custom = alice_client.post(
        reverse("experience:hours"),
        {
            "form": "custom",
            "c-day": "2026-12-02",
            "c-start_time": "20:00",
            "c-end_time": "23:00",
            "c-kind": "clinical",
            "c-repeat": "1",
        },
    )
    text = custom.content.decode()
    assert "<details open>" in text
    assert "overlaps the saved clinical work" in text


def test_the_overview_counts_verified_hours_for_a_verified_only_target(alice_client, alice) -> None:
    services.target_save(
        user=alice, label="Signed clinical hours", kinds=["clinical_work"], hours=Decimal(250), verified_only=True
    )
    entry(alice, "clinical_work", "20")
    text = alice_client.get(reverse("experience:overview")).content.decode()
    assert "0 of 250 h" in text
    assert "250 h to go" in text


def test_schedules_in_other_shapes_are_read_or_refused_clearly(alice) -> None:
    """Semicolons and capitalised kinds are read; an unknown mapping target and missing columns say what was found."""
    semicolons = "resident;start;end;kind\nme;2026-11-02T07:00Z;2026-11-02T17:00Z;Clinical\n"
    assert [s.kind for s in shifts.schedule_import(alice, semicolons)] == ["clinical"]
    with pytest.raises(ScheduleRejected) as unknown:
        shifts.schedule_import(alice, semicolons, {"Name": "who"})
    assert unknown.value.problems[0].field == "mapping"
    with pytest.raises(ScheduleRejected) as missing:
        shifts.schedule_import(alice, "Name,From,To,Type\n")
    assert "found: Name, From, To, Type" in missing.value.problems[0].message


def test_a_rota_with_local_times_and_a_date_column(alice_client, alice) -> None:
    """Times without offsets are refused unless the user says they are local; then a date column holds the day,
    a night ends the next morning, and the times are read in the user's zone (Chicago)."""
    rota = "Who,Day,From,To,Type\nAlice,2026-11-02,19:00,07:00,clinical\nAlice,2026-11-04,7:00,17:00,Clinical\n"
    mapping = {"column_resident": "Who", "column_date": "Day", "column_start": "From", "column_end": "To", "column_kind": "Type"}
    local_only = {key: value for key, value in mapping.items() if key != "column_date"}
    full = "Who,From,To,Type\nAlice,2026-11-02T19:00,2026-11-03T07:00,clinical\n"
    strict = alice_client.post(
        reverse("experience:hours_import"), {"file": SimpleUploadedFile("r.csv", full.encode()), **local_only}
    )
    assert strict.status_code == 400
    assert [p.field for p in strict.context["problems"]] == ["start", "end"]  # no offset, and local times not ticked
    assert not Shift.objects.for_user(alice).exists()
    local = alice_client.post(
        reverse("experience:hours_import"), {"file": SimpleUploadedFile("r.csv", rota.encode()), "local_times": "on", **mapping}
    )
    assert local.status_code == 302
    night, day = Shift.objects.for_user(alice)
    assert night.starts_at.isoformat() == "2026-11-03T01:00:00+00:00"  # 19:00 CST
    assert night.ends_at.isoformat() == "2026-11-03T13:00:00+00:00"  # 07:00 the next morning
    assert (day.ends_at - day.starts_at) == timedelta(hours=10)


def test_several_links_are_shown_once_and_never_cached(alice_client, alice, shadowing) -> None:
    second = entry(alice, "shadowing", "4", date(2026, 11, 9))
    for pk, email in ((shadowing.pk, "a@clinic.example.org"), (second.pk, "b@clinic.example.org")):
        alice_client.post(reverse("experience:verification_new"), {"entry_ids": [pk], "supervisor_email": email, "days": "30"})
    page = alice_client.get(reverse("experience:verifications"))
    assert page["Cache-Control"] == "no-store"
    text = page.content.decode()
    assert "Link for a@clinic.example.org" in text
    assert "Link for b@clinic.example.org" in text


def test_a_template_cannot_take_a_built_in_name(alice_client, alice) -> None:
    response = alice_client.post(
        reverse("experience:hours"),
        {
            "form": "custom",
            "c-day": "2026-11-02",
            "c-start_time": "20:00",
            "c-end_time": "08:00",
            "c-kind": "clinical",
            "c-repeat": "1",
            "c-save_as": "night",
        },
    )
    assert "built-in template" in " ".join(response.context["custom_form"].errors["save_as"])
    assert not Shift.objects.for_user(alice).exists()


def test_reading_work_hour_pages_writes_nothing_and_settings_have_one_write_path(alice, alice_client) -> None:
    """The report, the settings page and the API's GET create no settings row; the page and the API save through
    the one service, with the same checks."""
    from medpath.experience.models import WorkHourSettings

    assert alice_client.get(reverse("experience:hours_settings")).status_code == 200
    assert alice_client.get("/api/v1/experience/work-hours/settings").status_code == 200
    assert alice_client.get(reverse("experience:hours_report")).status_code == 200
    assert not WorkHourSettings.objects.for_user(alice).exists()
    put = alice_client.put(
        "/api/v1/experience/work-hours/settings",
        {"pgy": 2, "window": "rolling", "leave": "omit", "continuity_gap_hours": "1.0"},
        content_type="application/json",
    )
    assert put.status_code == 200, put.content
    assert WorkHourSettings.objects.for_user(alice).get().pgy == 2
    page = alice_client.post(
        reverse("experience:hours_settings"), {"pgy": 3, "window": "rotation", "leave": "zero", "continuity_gap_hours": "1"}
    )
    assert page.status_code == 302
    assert (WorkHourSettings.objects.for_user(alice).get().pgy, WorkHourSettings.objects.for_user(alice).count()) == (3, 1)
