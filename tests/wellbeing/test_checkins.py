"""Check-ins through pages, API and commands: saving (and replacing the day's), bad input with each field's own
message and nothing saved, deleting one and all, the trend beside work hours, the card and the next action, and
every route refused to a visitor and to another user."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from typer.testing import CliRunner

from medpath.cli import app
from medpath.experience.models import Shift
from medpath.wellbeing import services
from medpath.wellbeing.actions import wellbeing_actions
from medpath.wellbeing.cards import wellbeing_card
from medpath.wellbeing.models import CheckIn
from tests.concurrency import failed, race, racing

runner = CliRunner()
VALID = {"mood": "3", "energy": "2", "stress": "4", "burnout": "2", "sleep_hours": "6.5", "day": "2026-11-25", "note": ""}


@pytest.fixture(autouse=True)
def _frozen_today(time_machine: Any) -> None:
    """Every test here runs on Wednesday 25 Nov 2026, 15:00 UTC (09:00 in Alice's Chicago)."""
    time_machine.move_to("2026-11-25 15:00:00+00:00", tick=False)


def _checkin(user: Any, on: date, mood: int = 3, **values: Any) -> CheckIn:
    answers: dict[str, Any] = {"energy": 3, "stress": 3, "burnout": 2, "sleep_hours": Decimal(7)} | values
    return services.checkin_save(user=user, day=on, mood=mood, **answers)


def _api(client: Any, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def _long_weeks(user: Any, mondays: list[date], hours_a_day: int = 12, days: int = 6) -> None:
    for monday in mondays:
        for offset in range(days):
            start = datetime(monday.year, monday.month, monday.day, 13, tzinfo=UTC) + timedelta(days=offset)
            Shift(owner=user, starts_at=start, ends_at=start + timedelta(hours=hours_a_day), kind="clinical").save()


# Saving


def test_a_checkin_is_saved_from_the_page_and_saving_again_replaces_the_day(alice, alice_client) -> None:
    """The page offers today; a save redirects with a message that repeats no value; a second save that day replaces
    the first."""
    page = alice_client.get(reverse("wellbeing:checkin"))
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    assert page.context["form"]["day"].value() == date(2026, 11, 25)
    html = page.content.decode()
    assert "I am definitely burning out and have 1 or more symptoms of burnout, e.g. emotional exhaustion." in html
    assert 'class="tap-row"' in html
    saved = alice_client.post(reverse("wellbeing:checkin"), VALID, follow=True)
    assert saved.redirect_chain[-1][0] == reverse("wellbeing:overview")
    assert "Check-in saved." in saved.content.decode()
    again = alice_client.post(reverse("wellbeing:checkin"), VALID | {"mood": "5", "note": "Slept after nights."})
    assert again.status_code == 302
    row = CheckIn.objects.for_user(alice).get()
    assert (row.mood, row.energy, row.stress, row.burnout, row.sleep_hours, row.note) == (
        5,
        2,
        4,
        2,
        Decimal("6.5"),
        "Slept after nights.",
    )
    assert alice_client.get(reverse("wellbeing:checkin")).context["form"]["mood"].value() == 5  # today's, to change


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"mood": "0"}, "mood", "Choose your mood from 1 (very low) to 5 (very good)."),
        ({"mood": "6"}, "mood", "Choose your mood from 1 (very low) to 5 (very good)."),
        ({"energy": ""}, "energy", "Choose your energy from 1 (exhausted) to 5 (full of energy)."),
        ({"stress": "9"}, "stress", "Choose your stress from 1 (none) to 5 (extreme)."),
        ({"burnout": "0"}, "burnout", "Choose one of the five answers to the burnout question (1 to 5)."),
        ({"sleep_hours": "25"}, "sleep_hours", "Enter the hours you slept, from 0 to 24 in half hours (6.5, for example)."),
        ({"sleep_hours": "-1"}, "sleep_hours", "Enter the hours you slept, from 0 to 24 in half hours (6.5, for example)."),
        ({"sleep_hours": "6.3"}, "sleep_hours", "Enter the hours you slept, from 0 to 24 in half hours (6.5, for example)."),
        ({"day": "2026-11-26"}, "day", "A check-in is for today or an earlier day, not a later one."),
    ],
)
def test_bad_input_on_the_page_gets_the_fields_message_and_saves_nothing(alice, alice_client, change, field, message) -> None:
    """Each value outside its scale, or a later day, shows that field's own message; nothing is saved."""
    answer = alice_client.post(reverse("wellbeing:checkin"), VALID | change)
    assert answer.status_code == 200
    assert answer.context["form"].errors[field] == [message]
    assert message in answer.content.decode()
    assert not CheckIn.objects.for_user(alice).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"mood": 0}, "mood"),
        ({"mood": 6}, "mood"),
        ({"burnout": 6}, "burnout"),
        ({"sleep_hours": 25}, "sleep_hours"),
        ({"sleep_hours": -1}, "sleep_hours"),
        ({"day": "2026-11-26"}, "day"),
    ],
)
def test_bad_input_through_the_api_is_a_422_naming_the_field(alice, alice_client, change, field) -> None:
    """The API answers 422 with the field's message; nothing is saved."""
    body = {"mood": 3, "energy": 2, "stress": 4, "burnout": 2, "sleep_hours": 6.5} | change
    answer = _api(alice_client, "post", "/api/v1/wellbeing/check-ins", body)
    assert answer.status_code == 422, answer.content
    assert set(answer.json()) == {"code", "message", "fields"}
    assert field in answer.json()["fields"]
    assert not CheckIn.objects.for_user(alice).exists()


@racing
def test_saving_one_day_at_once_keeps_one_checkin(alice) -> None:
    """Eight saves of the same day at once (two tabs, a script): none fails, one check-in remains."""
    outcomes = race(lambda i: _checkin(alice, date(2026, 11, 24), mood=1 + i % 5), times=8)
    assert failed(outcomes) == []
    assert CheckIn.objects.for_user(alice).count() == 1


def test_the_api_saves_lists_and_deletes_checkins(alice, alice_client) -> None:
    """POST saves today's (201), GET lists them newest first, DELETE one answers 204."""
    body = {"mood": 3, "energy": 2, "stress": 4, "burnout": 2, "sleep_hours": 6.5, "note": "Quiet week."}
    made = _api(alice_client, "post", "/api/v1/wellbeing/check-ins", body)
    assert made.status_code == 201, made.content
    assert made.json()["day"] == "2026-11-25"
    _checkin(alice, date(2026, 11, 20))
    listed = _api(alice_client, "get", "/api/v1/wellbeing/check-ins").json()
    assert [row["day"] for row in listed] == ["2026-11-25", "2026-11-20"]
    assert listed[0]["note"] == "Quiet week."
    assert _api(alice_client, "delete", f"/api/v1/wellbeing/check-ins/{made.json()['id']}").status_code == 204
    assert CheckIn.objects.for_user(alice).count() == 1


def test_a_note_naming_a_patient_needs_confirmation(alice, alice_client) -> None:
    """The privacy guard: 422 naming ``note`` until privacy_confirmed is sent."""
    body = {"mood": 3, "energy": 2, "stress": 4, "burnout": 2, "sleep_hours": 6.5, "note": "Pt John Smith, MRN 12345678 died."}
    refused_note = _api(alice_client, "post", "/api/v1/wellbeing/check-ins", body)
    assert refused_note.status_code == 422
    assert "note" in refused_note.json()["fields"]
    assert _api(alice_client, "post", "/api/v1/wellbeing/check-ins", body | {"privacy_confirmed": True}).status_code == 201


# Deleting all


def test_delete_all_through_the_page_asks_once_then_deletes_every_checkin(alice, alice_client, charlie) -> None:
    """The page says how many; one POST deletes them all, and nobody else's."""
    for back in range(3):
        _checkin(alice, date(2026, 11, 25) - timedelta(days=back))
    _checkin(charlie, date(2026, 11, 25))
    page = alice_client.get(reverse("wellbeing:delete_all"))
    assert "Delete all 3 check-ins" in page.content.decode()
    assert CheckIn.objects.for_user(alice).count() == 3  # a GET deletes nothing
    done = alice_client.post(reverse("wellbeing:delete_all"), follow=True)
    assert "All your check-ins are deleted." in done.content.decode()
    assert not CheckIn.objects.for_user(alice).exists()
    assert CheckIn.objects.for_user(charlie).count() == 1


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("stress", True, "Enter a whole number"),  # pydantic alone would save true as 1
        ("energy", "4", "Enter a whole number"),
        ("mood", 3.5, "Enter a whole number"),
        ("sleep_hours", 7.25, "Enter the hours you slept"),
        ("sleep_hours", 1e308, "Enter the hours you slept"),
    ],
)
def test_the_api_refuses_loose_values_in_its_own_words(alice, alice_client, field, value, says) -> None:
    """A tester's API calls: true, "4" and 3.5 for a scale, 7.25 or 1e308 hours of sleep; each refused with a
    message in MedPath's words for that field, nothing saved."""
    body = {"mood": 3, "energy": 2, "stress": 4, "burnout": 2, "sleep_hours": 6.5} | {field: value}
    answer = _api(alice_client, "post", "/api/v1/wellbeing/check-ins", body)
    assert answer.status_code == 422
    [message] = answer.json()["fields"][field]
    assert message.startswith(says), message
    assert not CheckIn.objects.for_user(alice).exists()


def test_delete_all_through_the_api_and_the_command(alice, alice_client) -> None:
    """DELETE /wellbeing/check-ins answers how many; the command needs --yes (or a yes) and says how many."""
    _checkin(alice, date(2026, 11, 25))
    _checkin(alice, date(2026, 11, 24))
    assert _api(alice_client, "delete", "/api/v1/wellbeing/check-ins").json() == {"deleted": 2}
    _checkin(alice, date(2026, 11, 23))
    declined = runner.invoke(app, ["wellbeing", "delete-all", "--user", "alice@example.org"], input="n\n")
    assert declined.exit_code == 1
    assert CheckIn.objects.for_user(alice).count() == 1
    done = runner.invoke(app, ["wellbeing", "delete-all", "--user", "alice@example.org", "--yes"])
    assert done.exit_code == 0, done.output
    assert "1 check-in deleted." in done.output
    assert not CheckIn.objects.for_user(alice).exists()


def test_the_checkin_command_saves_and_refuses_bad_values(alice) -> None:
    """`medpath wellbeing check-in` saves without printing a value back; a mood of 6 exits 1 naming the field."""
    base = ["wellbeing", "check-in", "--user", "alice@example.org", "--energy", "2", "--stress", "4", "--burnout", "3"]
    saved = runner.invoke(app, [*base, "--mood", "4", "--sleep", "6.5"])
    assert saved.exit_code == 0, saved.output
    assert saved.output.strip() == "Check-in saved."
    assert CheckIn.objects.for_user(alice).get().mood == 4
    bad = runner.invoke(app, [*base, "--mood", "6", "--sleep", "25", "--day", "2026-11-24"])
    assert bad.exit_code == 1
    assert "mood: Choose your mood" in bad.output
    assert "sleep_hours: Enter the hours you slept" in bad.output
    assert CheckIn.objects.for_user(alice).count() == 1


# The trend and signals


def test_the_trend_shows_weekly_means_beside_work_hours_and_the_signal(alice, alice_client) -> None:
    """Four weeks of falling mood with 72-hour weeks: the means per week, the hours beside them, and the signal."""
    this_monday = date(2026, 11, 23)
    mondays = [this_monday - timedelta(days=7 * back) for back in (4, 3, 2, 1)]
    for monday, mood in zip(mondays, (5, 4, 3, 2), strict=True):
        _checkin(alice, monday, mood)
        _checkin(alice, monday + timedelta(days=2), mood)
    _long_weeks(alice, mondays)
    answer = _api(alice_client, "get", "/api/v1/wellbeing/trend").json()
    assert len(answer["weeks"]) == 12
    assert answer["logs_shifts"] is True
    shown = {week["week_of"]: (week["mood"], week["work_hours"]) for week in answer["weeks"] if week["checkins"]}
    assert shown == {"2026-10-26": (5.0, 72.0), "2026-11-02": (4.0, 72.0), "2026-11-09": (3.0, 72.0), "2026-11-16": (2.0, 72.0)}
    assert [signal["key"] for signal in answer["signals"]] == ["mood-falling-long-hours"]
    page = alice_client.get(reverse("wellbeing:overview"))
    html = page.content.decode()
    assert page["Cache-Control"] == "no-store"
    assert "Your mood has fallen three weeks running while your hours stayed above 70." in html
    assert '<svg class="trend-chart"' in html
    assert "Hours worked" in html  # the table beside the chart
    assert "not a diagnosis" in html


def test_the_trend_command_prints_the_apis_json(alice, alice_client) -> None:
    """`medpath wellbeing trend --json` is what GET /api/v1/wellbeing/trend answers."""
    _checkin(alice, date(2026, 11, 24), 4)
    from_cli = runner.invoke(app, ["wellbeing", "trend", "--user", "alice@example.org", "--json"])
    assert from_cli.exit_code == 0, from_cli.output
    assert json.loads(from_cli.output) == _api(alice_client, "get", "/api/v1/wellbeing/trend").json()
    table = runner.invoke(app, ["wellbeing", "trend", "--user", "alice@example.org"])
    assert table.exit_code == 0
    assert "seen by them alone" in table.output


def test_without_shifts_the_trend_says_so_and_shows_no_hours(alice, alice_client) -> None:
    """A person who logs no shifts: work hours are null, no hours column."""
    _checkin(alice, date(2026, 11, 24))
    answer = _api(alice_client, "get", "/api/v1/wellbeing/trend").json()
    assert answer["logs_shifts"] is False
    assert {week["work_hours"] for week in answer["weeks"]} == {None}
    assert "Hours worked" not in alice_client.get(reverse("wellbeing:overview")).content.decode()


def test_an_answer_of_five_today_shows_support_at_once(alice, alice_client) -> None:
    """The burnout answer 5 ("I may need to seek help") shows the support lines of the person's country now."""
    alice.country = "US"
    alice.save(update_fields=["country"])
    _checkin(alice, date(2026, 11, 25), burnout=5)
    html = alice_client.get(reverse("wellbeing:overview")).content.decode()
    assert "988 Suicide &amp; Crisis Lifeline" in html
    assert "Last verified 6 Dec 2026" in html


@pytest.mark.parametrize(
    ("country", "says"), [("", "Set your country in your profile"), ("IE", "no support lines for your country yet")]
)
def test_an_answer_of_five_without_a_listed_country_shows_every_crisis_line(alice, alice_client, country, says) -> None:
    """No country set, or one MedPath lists no lines for: the emergency sentence, why, and the crisis lines of
    every country it lists (a tester saw only a link)."""
    alice.country = country
    alice.save(update_fields=["country"])
    _checkin(alice, date(2026, 11, 25), burnout=5)
    html = alice_client.get(reverse("wellbeing:overview")).content.decode()
    assert "If you are in immediate danger, call your local emergency number." in html
    assert says in html
    for crisis_line in ("988 Suicide &amp; Crisis Lifeline", "Samaritans", "13 11 14", "9-8-8"):
        assert crisis_line in html
    assert "Physician Support Line" not in html  # profession lines stay on the support page


def test_the_support_page_says_when_it_lists_no_lines_for_a_country(client, db) -> None:
    """?country=FR: a notice that MedPath lists none for it, the emergency sentence, then every listed country."""
    html = client.get(reverse("wellbeing:support"), {"country": "FR"}).content.decode()
    assert "MedPath lists no support lines for “FR” yet." in html
    assert "If you are in immediate danger" in html
    assert "Samaritans" in html


# Card and next action


def test_the_card_and_next_action_carry_no_values(alice) -> None:
    """The card says when the person last checked in, never a value; the next action is a bare "Check in today"."""
    empty = wellbeing_card(alice)
    assert empty.title == "Adaptability and resilience"
    assert "seen by you alone" in empty.summary
    _checkin(alice, date(2026, 11, 24), mood=1, burnout=5, note="ZEBRA private words")
    card = wellbeing_card(alice)
    assert card.summary == "Last check-in 24 Nov 2026. Seen by you alone."
    actions = wellbeing_actions(alice, date(2026, 11, 25))
    assert [(action.title, action.reason, action.due) for action in actions] == [
        ("Check in today", "About 30 seconds, seen by you alone.", None)
    ]
    _checkin(alice, date(2026, 11, 25))
    assert wellbeing_actions(alice, date(2026, 11, 25)) == []
    assert wellbeing_actions(alice, date(2026, 12, 20)) == []  # not checked in for weeks: no nagging


def test_the_card_reads_the_same_whether_or_not_a_signal_shows(alice, charlie) -> None:
    """A dashboard is read over shoulders: Alice's falling mood over long weeks (a signal) and Charlie's steady
    check-ins give the same card, word for word; the signal is on the trend page only."""
    from medpath.wellbeing.selectors import signals_for

    this_monday = date(2026, 11, 23)
    mondays = [this_monday - timedelta(days=7 * back) for back in (4, 3, 2, 1)]
    for monday, mood in zip(mondays, (5, 4, 3, 2), strict=True):
        _checkin(alice, monday, mood)
        _checkin(charlie, monday, 4)
    _long_weeks(alice, mondays)
    for person in (alice, charlie):
        _checkin(person, date(2026, 11, 24), 3)
    assert signals_for(alice)
    assert not signals_for(charlie)
    assert wellbeing_card(alice) == wellbeing_card(charlie)
    assert [action.text for action in wellbeing_card(alice).actions] == [
        "Check in: about 30 seconds",
        "Your trend and support lines",
    ]


def test_dismissing_check_in_today_lasts_until_the_next_check_in(alice, alice_client, time_machine) -> None:
    """Dismissed on the 25th after a check-in on the 24th: gone on the 25th and the 26th; after checking in on the
    26th, missing the 27th brings the reminder back (a new gap)."""
    from medpath.home.services import action_dismiss

    def shown(on: date) -> bool:
        time_machine.move_to(f"{on.isoformat()} 15:00:00+00:00", tick=False)
        alice_client.force_login(alice)  # a fresh session each day (sessions time out when idle)
        page = alice_client.get(reverse("home:dashboard"))
        assert page.status_code == 200
        return "Check in today" in page.content.decode()

    _checkin(alice, date(2026, 11, 24))
    assert shown(date(2026, 11, 25))
    action_dismiss(user=alice, key="wellbeing:check-in")
    assert not shown(date(2026, 11, 25))
    assert not shown(date(2026, 11, 26))
    _checkin(alice, date(2026, 11, 26))
    assert shown(date(2026, 11, 27))


def test_delete_all_also_forgets_snoozes_and_dismissals_of_the_reminder(alice, charlie) -> None:
    """A snooze row of "Check in today" is a dated trace that check-ins were used: delete-all removes it too, and
    nobody else's."""
    from medpath.home.models import ActionChoice
    from medpath.home.services import action_snooze

    for person in (alice, charlie):
        _checkin(person, date(2026, 11, 24))
        action_snooze(user=person, key="wellbeing:check-in", until=date(2026, 11, 30))
    services.checkins_delete_all(user=alice)
    assert not ActionChoice.objects.for_user(alice).exists()
    assert ActionChoice.objects.for_user(charlie).count() == 1


def test_the_dashboard_shows_the_card_without_values(alice, alice_client) -> None:
    """The Resilience card is on the person's own dashboard; no value or note in the page."""
    _checkin(alice, date(2026, 11, 24), mood=1, note="ZEBRA private words")
    html = alice_client.get(reverse("home:dashboard")).content.decode()
    assert "Adaptability and resilience" in html
    assert "ZEBRA" not in html
    assert "<title>Dashboard" in html or "<title>" in html


# Support


def test_support_is_public_and_lists_each_country_with_verification_dates(client, db) -> None:
    """Anyone can open the support page; the chosen country comes first; the PSL shows no phone number."""
    page = client.get(reverse("wellbeing:support"), {"country": "GB"})
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("United Kingdom") < html.index("United States")
    assert "116 123" in html
    assert "Physician Support Line" in html
    assert "888" not in html  # its number is not confirmed on its own site
    assert "Last verified 6 Dec 2026" in html
    assert "Dolan" in html
    # a detail of the wording resting on a further page links that page too ("including trainees": NHS England)
    assert "Last verified 6 Dec 2026 against <a" in html
    assert (
        'href="https://www.england.nhs.uk/gp/the-best-place-to-work/retaining-the-current-medical-workforce/health-service/"'
        in html
    )


def test_support_command_prints_the_apis_json(alice_client, db) -> None:
    """`medpath support --country US --json` is what GET /api/v1/wellbeing/support?country=US answers."""
    from_cli = runner.invoke(app, ["support", "--country", "us", "--json"])
    assert from_cli.exit_code == 0, from_cli.output
    assert json.loads(from_cli.output) == alice_client.get("/api/v1/wellbeing/support", {"country": "us"}).json()
    unknown = alice_client.get("/api/v1/wellbeing/support", {"country": "ZZ"})
    assert unknown.status_code == 422
    assert "country" in unknown.json()["fields"]
    assert runner.invoke(app, ["support"]).exit_code == 0


# Every route refused


def test_every_route_is_refused_to_a_visitor(client, db, refused) -> None:
    """Pages send a visitor to log in; API operations answer 401 with the error shape."""
    for name in ("overview", "checkin", "delete_all"):
        refused(client, "get", reverse(f"wellbeing:{name}"))
    refused(client, "post", reverse("wellbeing:delete_all"))
    for method, path in (
        ("get", "/api/v1/wellbeing/check-ins"),
        ("post", "/api/v1/wellbeing/check-ins"),
        ("delete", "/api/v1/wellbeing/check-ins"),
        ("get", "/api/v1/wellbeing/trend"),
        ("get", "/api/v1/wellbeing/support"),
    ):
        if method == "post":
            refused(client, method, path, data={}, content_type="application/json")
        else:
            refused(client, method, path)


def test_another_users_checkin_is_refused(alice, alice_client, charlie_client, refused) -> None:
    """Charlie can neither delete Alice's check-in by page nor by API; Alice can."""
    row = _checkin(alice, date(2026, 11, 24))
    refused(charlie_client, "post", reverse("wellbeing:checkin_delete", args=[row.pk]), owner=alice_client)
    refused(charlie_client, "delete", f"/api/v1/wellbeing/check-ins/{row.pk}", owner=alice_client)
    assert CheckIn.objects.for_user(alice).count() == 1


def test_another_users_lists_and_delete_all_show_and_touch_only_their_own(alice, charlie_client) -> None:
    """Charlie's list, trend and delete-all never include Alice's check-ins."""
    _checkin(alice, date(2026, 11, 24), note="ZEBRA")
    assert _api(charlie_client, "get", "/api/v1/wellbeing/check-ins").json() == []
    assert "ZEBRA" not in charlie_client.get(reverse("wellbeing:overview")).content.decode()
    assert _api(charlie_client, "delete", "/api/v1/wellbeing/check-ins").json() == {"deleted": 0}
    assert CheckIn.objects.for_user(alice).count() == 1


def test_the_demo_resident_sees_a_signal(db) -> None:
    """Demo data: six weeks of check-ins with falling mood while the demo shifts run long show the mood signal."""
    from medpath.accounts.models import User
    from medpath.demo import demo_load
    from medpath.wellbeing.selectors import signals_for

    demo_load()
    resident = User.objects.get(email="resident@demo.medpath.test")
    assert "mood-falling-long-hours" in [signal.key for signal in signals_for(resident)]
    nursing = User.objects.get(email="nursing@demo.medpath.test")
    assert CheckIn.objects.for_user(nursing).count() == 4


def test_the_charts_week_labels_always_include_the_current_week(alice) -> None:
    """Six labels across twelve weeks, counted back from the current week (a tester found it unlabelled)."""
    from medpath.wellbeing.charts import trend_chart
    from medpath.wellbeing.selectors import trend

    _checkin(alice, date(2026, 11, 24))
    seen = trend(alice, date(2026, 11, 25))
    chart = trend_chart(seen.weeks, shows_hours=False)
    assert chart is not None
    labelled = [week_of for _, week_of in chart.labels]
    assert labelled[-1] == seen.weeks[-1].week_of == date(2026, 11, 23)
    assert len(labelled) == 6
