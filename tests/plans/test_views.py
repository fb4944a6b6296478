"""Pages of the Education pillar: explorer, comparison, roadmap, calendar feed, private careers."""

import re
from datetime import date

import pytest
from django.urls import reverse

from medpath.plans import selectors, services
from medpath.plans.models import Milestone, Roadmap
from tests.pagetext import rough_text, visible_text
from tests.plans.test_services import CUSTOM


def test_explorer_lists_and_filters_with_unknowns_apart(client, db) -> None:
    """A pay filter keeps careers with a sourced figure apart from careers whose pay is unknown."""
    page = client.get(reverse("plans:career_list"))
    assert page.status_code == 200
    assert "Registered nurse" in page.content.decode()
    filtered = client.get(reverse("plans:career_list"), {"min_pay": 70000})
    result = filtered.context["result"]
    assert all(s.pay >= 70000 for s in result.matches)
    assert all("median pay" in missing for _, missing in result.unknown)
    assert "Unknown for your filters" in filtered.content.decode() or not result.unknown


def test_explorer_reports_bad_filter_values(client, db) -> None:
    """A non-number in a number filter is named at its field."""
    response = client.get(reverse("plans:career_list"), {"min_pay": "lots"})
    assert "min_pay" in response.context["form"].errors


def test_career_detail_shows_sources(client, db) -> None:
    """Facts link to their sources; the residency table lists specialties."""
    page = client.get(reverse("plans:career_detail", args=["physician"])).content.decode()
    assert "Residency length by specialty" in page
    assert "https://www.absurgery.org/" in page
    assert client.get(reverse("plans:career_detail", args=["astronaut"])).status_code == 404


@pytest.mark.parametrize("career", ["physician", "dentist", "registered-nurse", "nurse-anesthetist"])
def test_career_detail_names_each_stage_kind_in_words(client, db, career) -> None:
    """A stage's kind reads “Admission exam”, “Licensing exam”…, never “(admissionexam)” or admission_exam."""
    text = visible_text(client.get(reverse("plans:career_detail", args=[career])).content)
    assert not re.search(r"\((?:admissionexam|licensingexam|certificationexam|supervisedtraining|[a-z]+_[a-z_]+)\)", text)
    assert rough_text(text) == []
    assert re.search(r"\((?:Admission|Licensing|Certification) exam\)", text)


def test_compare_two_careers(client, db) -> None:
    """Two careers side by side; an unknown id is a clear 400."""
    response = client.get(reverse("plans:career_compare"), {"ids": ["registered-nurse", "physician"]})
    assert response.status_code == 200
    assert len(response.context["summaries"]) == 2
    bad = client.get(reverse("plans:career_compare"), {"ids": ["registered-nurse", "astronaut"]})
    assert bad.status_code == 400
    assert "astronaut" in bad.content.decode()


def test_private_career_is_refused_to_outsiders(alice, alice_client, charlie_client) -> None:
    """Alice's own career opens for her and answers 404 to Charlie and to visitors."""
    services.custom_careers_import(user=alice, text=CUSTOM)
    url = reverse("plans:career_detail", args=["uk-nurse"])
    assert alice_client.get(url).status_code == 200
    assert charlie_client.get(url).status_code == 404
    assert "uk-nurse" not in charlie_client.get(reverse("plans:career_list")).content.decode()


def test_roadmap_without_target_goes_to_target(alice_client) -> None:
    """With no target yet, the roadmap page asks for one."""
    assert alice_client.get(reverse("plans:roadmap"))["Location"] == reverse("plans:target")


def test_target_form_two_steps_and_field_errors(alice_client, alice) -> None:
    """Choosing a career shows its routes; a stage off the route is named at its field."""
    page = alice_client.get(reverse("plans:target"), {"career": "physician"})
    assert "MD route" in page.content.decode()
    response = alice_client.post(
        reverse("plans:target"),
        {"career_id": "physician", "route_id": "md", "specialty_id": "", "part_time_factor": "1.5", "gap_months": "0"},
    )
    assert response.status_code == 200
    assert "specialty_id" in response.context["form"].errors
    ok = alice_client.post(
        reverse("plans:target"),
        {
            "career_id": "physician",
            "route_id": "md",
            "specialty_id": "pediatrics",
            "current_stage_id": "md-school",
            "start_date": "2026-09-01",
            "part_time_factor": "1.5",
            "gap_months": "0",
        },
    )
    assert ok["Location"] == reverse("plans:roadmap")


def test_the_roadmap_writes_its_dates_in_the_house_style(alice_client, alice_roadmap) -> None:
    """The timeline's text alternative said “from 2024-09-01 to 2036-09-30”; it now reads like every other date."""
    text = visible_text(alice_client.get(reverse("plans:roadmap")).content)
    assert re.search(r"milestones from \d{1,2} [A-Z][a-z]{2} \d{4} to \d{1,2} [A-Z][a-z]{2} \d{4}", text)
    assert rough_text(text) == []


def test_roadmap_page_has_timeline_and_checklist(alice_client, alice_roadmap) -> None:
    """The page shows an accessible SVG timeline and the milestones."""
    page = alice_client.get(reverse("plans:roadmap")).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert 'role="img"' in page
    assert "NCLEX-RN" in page


def test_ticking_a_milestone_on_the_page(alice_client, alice, alice_roadmap, time_machine) -> None:
    """Posting a done date stores it; a future date is refused next to that row's date field, which stays open."""
    url = reverse("plans:milestone", args=["bsn"])
    alice_client.post(url, {"action": "complete", "completed_on": "2027-01-02"})
    assert Milestone.objects.for_user(alice).get().completed_on == date(2027, 1, 2)
    alice_client.post(reverse("plans:milestone", args=["bsn"]), {"action": "reopen"})
    response = alice_client.post(url, {"action": "complete", "completed_on": "2030-01-01"})
    assert response.status_code == 200
    page = response.content.decode()
    assert '<p class="error" id="done-bsn-error">1 Jan 2030 is in the future' in page
    assert '<details class="other-date" open>' in page
    assert 'value="2030-01-01" aria-invalid="true"' in page
    assert not Milestone.objects.for_user(alice).exists()


def test_one_control_marks_a_milestone_done_today_in_the_persons_zone(alice_client, alice, alice_roadmap, time_machine) -> None:
    """Each open row has one 'Mark done' button and no date field outside its 'another date' disclosure; the button records
    today in Alice's zone (Chicago: still 9 Jan at 02:00 UTC on 10 Jan)."""
    page = alice_client.get(reverse("plans:roadmap")).content.decode()
    rows = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr ")[1:]
    assert len(rows) == 3
    for row in rows:
        assert row.count('value="done"') == 1
        assert row.count("Mark done") == 1
        before_disclosure = row.split('<details class="other-date"', 1)[0]
        assert 'type="date"' not in before_disclosure
        assert "<summary>another date" in row
    time_machine.move_to("2027-01-10 02:00:00+00:00", tick=False)
    response = alice_client.post(reverse("plans:milestone", args=["bsn"]), {"action": "done"})
    assert response["Location"] == reverse("plans:roadmap")
    assert Milestone.objects.for_user(alice).get().completed_on == date(2027, 1, 9)


def test_calendar_link_and_feed(alice_client, alice, alice_roadmap, client) -> None:
    """A private link serves the milestones as iCalendar until it is withdrawn."""
    page = alice_client.post(reverse("plans:calendar_link"))
    issued = page.context["issued"]
    path = issued.url.replace("http://127.0.0.1:8000", "")
    feed = client.get(path)
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert body.startswith("BEGIN:VCALENDAR")
    assert "SUMMARY:NCLEX-RN" in body.replace("\r\n ", "")
    alice_client.post(reverse("accounts:link_revoke", args=[issued.link.pk]))
    assert client.get(path).status_code == 410
    assert client.get(path.replace(".ics", "x.ics")).status_code == 404


def test_custom_career_form_creates_a_private_career(alice_client, alice) -> None:
    """The structured form builds a schema-valid career with its source."""
    response = alice_client.post(
        reverse("plans:custom_careers"),
        {
            "career-career_id": "ca-rn",
            "career-name": "Registered nurse (Canada)",
            "career-summary": "RN in Canada.",
            "career-source_title": "Becoming an RN",
            "career-source_url": "https://www.cna-aiic.ca/",
            "career-source_year": "2025",
            "career-confidence": "medium",
            "career-stage1_name": "BScN",
            "career-stage1_kind": "degree",
            "career-stage1_months": "48",
            "career-stage2_name": "NCLEX-RN",
            "career-stage2_kind": "licensing_exam",
            "career-stage2_months": "",
            "career-submit": "1",
        },
    )
    assert response.status_code == 302
    page = alice_client.get(reverse("plans:career_detail", args=["ca-rn"])).content.decode()
    assert "BScN" in page
    assert "Becoming an RN" in page


def test_custom_career_form_errors_at_fields(alice_client) -> None:
    """A degree without a length is named at its field."""
    response = alice_client.post(
        reverse("plans:custom_careers"),
        {
            "career-career_id": "x",
            "career-name": "X",
            "career-summary": "X",
            "career-source_title": "Src",
            "career-source_url": "https://example.org",
            "career-source_year": "2025",
            "career-confidence": "low",
            "career-stage1_name": "Degree",
            "career-stage1_kind": "degree",
            "career-submit": "1",
        },
    )
    assert "stage1_months" in response.context["career_form"].errors


def test_yaml_import_errors_are_shown(alice_client) -> None:
    """A bad YAML import names the entry and field, and saves nothing."""
    response = alice_client.post(
        reverse("plans:custom_careers"), {"import-document": CUSTOM.replace("typical: 36", "typical: 90"), "import-submit": "1"}
    )
    assert "uk-nurse" in response.content.decode()
    assert "min &lt;= typical &lt;= max" in response.content.decode()


def test_pages_refuse_outsiders(client, db, alice, alice_roadmap, alice_client, charlie_client, refused) -> None:
    """Every private page of the pillar refuses visitors; another user's career cannot be deleted."""
    for name in ("plans:roadmap", "plans:target", "plans:custom_careers"):
        refused(client, "get", reverse(name))
    refused(client, "post", reverse("plans:calendar_link"))
    refused(client, "post", reverse("plans:stage_dates"), data={"ends_on": "2028-05"})
    row = services.custom_careers_import(user=alice, text=CUSTOM)[0]
    refused(charlie_client, "post", reverse("plans:custom_career_delete", args=[row.pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("plans:milestone", args=["bsn"]), owner=alice_client, data={"action": "reopen"})


def test_roadmap_and_dashboard_queries_are_bounded(alice, alice_client, alice_roadmap, django_assert_max_num_queries) -> None:
    """The roadmap page and the dashboard make the same few queries with 1 or many milestones and private careers."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert alice_client.get(url).status_code == 200
        return len(queries)

    services.milestone_update(user=alice, stage_id="bsn", completed_on=date(2027, 1, 2))
    few = (count(reverse("plans:roadmap")), count(reverse("home:dashboard")))
    for n in range(15):
        services.custom_careers_import(
            user=alice, text=CUSTOM.replace("uk-nurse", f"uk-nurse-{n}").replace("nmc-uk", f"nmc-uk-{n}")
        )
    services.milestone_update(user=alice, stage_id="nclex-rn", booked_for=date(2031, 3, 14))
    services.milestone_update(user=alice, stage_id="rn-licence", booked_for=date(2031, 6, 1))
    many = (count(reverse("plans:roadmap")), count(reverse("home:dashboard")))
    assert many == few
    with django_assert_max_num_queries(10):
        alice_client.get(reverse("plans:roadmap"))


def test_dashboard_and_profile_show_the_target(alice_client, alice, alice_roadmap) -> None:
    """The Education card shows progress and the next milestone; the profile names the target."""
    services.milestone_update(user=alice, stage_id="nclex-rn", booked_for=date(2031, 3, 14))
    dashboard = alice_client.get(reverse("home:dashboard"))
    card = next(card for card in dashboard.context["cards"] if card.pillar == "education")
    assert card.available
    assert "Registered nurse" in card.summary
    assert card.actions[0].text.startswith("Next: ")
    profile = alice_client.get(reverse("accounts:profile")).content.decode()
    assert "You aim at" in profile
    assert "Registered nurse" in profile


def test_dashboard_without_target_invites_one(alice_client) -> None:
    """Without a target the card offers to choose one."""
    cards = alice_client.get(reverse("home:dashboard")).context["cards"]
    card = next(card for card in cards if card.pillar == "education")
    assert card.actions[0].text == "Choose a target career"


def test_calendar_feed_stops_for_a_deactivated_owner(alice_client, alice, alice_roadmap, client) -> None:
    """A deactivated account's calendar link no longer serves its roadmap."""
    issued = alice_client.post(reverse("plans:calendar_link")).context["issued"]
    path = issued.url.replace("http://127.0.0.1:8000", "")
    assert client.get(path).status_code == 200
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert client.get(path).status_code == 410


def _bachelors_under_way(user) -> None:
    """Alice is in her bachelor's degree on the MD route, the plan starting today (10 Jan 2027)."""
    services.roadmap_set_target(
        user=user,
        target=services.Target(career_id="physician", route_id="md", specialty_id="pediatrics", current_stage_id="bachelors"),
    )


def test_stage_under_way_says_its_assumption_and_takes_an_expected_end(alice_client, alice) -> None:
    """The roadmap page says the degree is assumed to take four years from today and takes a month for its end."""
    _bachelors_under_way(alice)
    page = alice_client.get(reverse("plans:roadmap")).content.decode()
    assert "assumes it takes its full length from today" in page
    assert 'name="ends_on"' in page
    response = alice_client.post(reverse("plans:stage_dates"), {"started_on": "2024-09", "ends_on": "2028-05"})
    assert response["Location"] == reverse("plans:roadmap")
    road = Roadmap.objects.for_user(alice).get()
    assert road.current_stage_ends_on == date(2028, 5, 31)
    assert road.start_date == date(2024, 9, 1)
    view = selectors.roadmap_view(alice)
    assert view is not None
    ms = {m.id: m for m in view.plan.milestones}
    assert ms["bachelors"].typical_end == date(2028, 5, 31)
    assert ms["md-school"].typical_start >= date(2028, 5, 31)
    assert ms["md-school"].typical_start < date(2029, 1, 1)
    page = alice_client.get(reverse("plans:roadmap")).content.decode()
    assert "You expect it to end by <strong>31 May 2028</strong>" in page


def test_stage_start_alone_gives_start_plus_length(alice_client, alice) -> None:
    """Giving only the month the degree started ends it its full length after that, not after today."""
    _bachelors_under_way(alice)
    alice_client.post(reverse("plans:stage_dates"), {"started_on": "2025-09", "ends_on": ""})
    view = selectors.roadmap_view(alice)
    assert view is not None
    bachelors = next(m for m in view.plan.milestones if m.id == "bachelors")
    assert bachelors.typical_start == date(2025, 9, 1)
    assert date(2029, 8, 25) <= bachelors.typical_end <= date(2029, 9, 5)


def test_stage_dates_errors_are_shown_at_their_fields(alice_client, alice) -> None:
    """A past end, a future start or a month that is no month is named next to its field; nothing is saved."""
    _bachelors_under_way(alice)
    for data, field, words in (
        ({"ends_on": "2026-12"}, "ends_on", "has passed"),
        ({"started_on": "2027-03"}, "started_on", "in the future"),
        ({"ends_on": "2028-13"}, "ends_on", "YYYY-MM"),
    ):
        response = alice_client.post(reverse("plans:stage_dates"), data)
        assert response.status_code == 200
        assert words in " ".join(response.context["stage_form"].errors[field])
        assert f'id="id_{field}_error"' in response.content.decode()
    road = Roadmap.objects.for_user(alice).get()
    assert road.current_stage_ends_on is None
    assert road.start_date == date(2027, 1, 10)


def test_residency_starts_on_1_july_and_the_page_shows_the_wait(alice_client, alice) -> None:
    """With the degree (begun Sep 2024) ending in May 2028 and school right after, residency starts on a 1 July; the page says how long it waits."""
    _bachelors_under_way(alice)
    alice_client.post(reverse("plans:stage_dates"), {"started_on": "2024-09", "ends_on": "2028-05"})
    view = selectors.roadmap_view(alice)
    assert view is not None
    ms = {m.id: m for m in view.plan.milestones}
    assert ms["md-school"].typical_start == date(2028, 5, 31)
    assert ms["md-school"].wait_days == 0
    assert (ms["residency"].typical_start.month, ms["residency"].typical_start.day) == (7, 1)
    assert ms["residency"].typical_start == date(ms["md-school"].typical_end.year, 7, 1)
    assert ms["residency"].wait_days == (ms["residency"].typical_start - ms["md-school"].typical_end).days
    page = alice_client.get(reverse("plans:roadmap")).content.decode()
    assert "starts on 1 July each year; waits" in page
    assert "the month is not in the catalog" in page
    assert 'class="wait"' in page


def test_saving_the_shown_months_keeps_the_stored_days(alice_client, alice) -> None:
    """The box shows a start of 10 Jan 2027 as 2027-01; sending it back with a new end keeps the 10th, not the 1st."""
    _bachelors_under_way(alice)
    page = alice_client.get(reverse("plans:roadmap")).content.decode()
    assert 'name="started_on" value="2027-01"' in page
    alice_client.post(reverse("plans:stage_dates"), {"started_on": "2027-01", "ends_on": "2030-05"})
    road = Roadmap.objects.for_user(alice).get()
    assert road.start_date == date(2027, 1, 10)
    assert road.current_stage_ends_on == date(2030, 5, 31)


def test_the_career_list_opens_on_a_question_not_on_its_first_career(db) -> None:
    """The target form's career list preselected "Athletic trainer" (the first by name) for everyone, a nursing
    student included (found by a newcomer); it opens on "Choose a career", and sending it unchosen says so."""
    from medpath.catalog.loader import catalog
    from medpath.plans.forms import TargetForm

    form = TargetForm(catalog=catalog(), career=None)
    assert next(iter(getattr(form.fields["career_id"], "choices", []))) == ("", "Choose a career")
    unchosen = TargetForm({"career_id": ""}, catalog=catalog(), career=None)
    assert "career_id" in unchosen.errors


def test_the_chart_key_speaks_of_calendar_waits_only_when_the_plan_has_one(alice_client, alice) -> None:
    """A nursing student's roadmap explained 'residency on 1 July' (found by a newcomer)."""
    from medpath.plans import services

    services.roadmap_set_target(user=alice, target=services.Target(career_id="registered-nurse", route_id="bsn"))
    page = alice_client.get(reverse("plans:roadmap")).content.decode()
    assert "residency" not in page.lower()
    assert "calendar start" not in page
