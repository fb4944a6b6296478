"""Multi-source feedback: asking, answering through single-use links, closing, and the anonymity rules.

The strongest check is ``test_the_requester_cannot_tell_which_colleagues_answered``: two worlds that differ only
in *which* colleagues answered (and in what order) must look identical to the requester in every page, API
answer, command output and stored answer field.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from medpath.accounts import links
from medpath.accounts.models import AuditEvent, SignedLink
from medpath.skills.models import FeedbackRater, FeedbackRequest
from medpath.skills.services import feedback as services
from tests.conftest import body_of, make_user

TODAY = date(2026, 11, 25)
ITEMS = [
    "explains-clearly",
    "listens-with-respect",
    "keeps-team-informed",
    "works-with-every-role",
    "reliable",
    "asks-for-help",
    "handles-disagreement",
    "acts-on-feedback",
    "honest-and-discreet",
]
COLLEAGUES = [
    ("ana.nurse@example.org", "nurse"),
    ("ben.nurse@example.org", "nurse"),
    ("cat.nurse@example.org", "nurse"),
    ("dev.peer@example.org", "peer"),
    ("eve.peer@example.org", "peer"),
    ("fay.peer@example.org", "peer"),
    ("gus.attending@example.org", "supervisor"),
    ("hal.staff@example.org", "staff"),
]


@pytest.fixture(autouse=True)
def _frozen_today(time_machine: Any) -> None:
    time_machine.move_to("2026-11-25 15:00:00+00:00", tick=False)


def ask(user: Any, colleagues: list[tuple[str, str]] = COLLEAGUES, **values: Any) -> FeedbackRequest:
    values.setdefault("closes_on", TODAY + timedelta(days=14))
    sent = services.feedback_request_create(
        user=user,
        title=values.pop("title", "Wards, autumn"),
        raters=[services.RaterIn(email, role) for email, role in colleagues],
        send=False,
        **values,
    )
    return sent.request


def token_of(sent: FeedbackRequest, email: str) -> str:
    rater = FeedbackRater.all_owners.select_related("link").get(request=sent, email=email)
    return links.token_for(rater.link)


def scores(value: int) -> dict[str, int | None]:
    return {item: value for item in ITEMS}


def answer(sent: FeedbackRequest, email: str, value: int = 4, comments: tuple[str, ...] = ("", "")) -> None:
    services.feedback_answer(token=token_of(sent, email), scores=scores(value), comments=list(comments))


# --- Asking ---------------------------------------------------------------------------------------------------


def test_a_request_with_fewer_colleagues_than_the_threshold_is_refused(alice: Any) -> None:
    with pytest.raises(ValidationError) as refusal:
        ask(alice, COLLEAGUES[:2])
    assert "at least 3" in str(refusal.value.message_dict["raters"])
    assert not FeedbackRequest.objects.for_user(alice).exists()
    assert not SignedLink.all_owners.filter(owner=alice).exists()


def test_the_threshold_setting_raises_the_number_needed(alice: Any, settings: Any) -> None:
    settings.MEDPATH_FEEDBACK_MINIMUM_ANSWERS = 5
    with pytest.raises(ValidationError):
        ask(alice, COLLEAGUES[:4])
    assert ask(alice, COLLEAGUES[:5]).minimum_answers == 5


def test_the_threshold_can_never_be_set_below_three(monkeypatch: Any) -> None:
    from medpath.config import ConfigError, env_int

    monkeypatch.setenv("MEDPATH_FEEDBACK_MINIMUM_ANSWERS", "2")
    with pytest.raises(ConfigError):
        env_int("MEDPATH_FEEDBACK_MINIMUM_ANSWERS", 3, minimum=3)
    from pathlib import Path

    import medpath.settings as project_settings

    source = Path(project_settings.__file__).read_text()
    assert 'env_int("MEDPATH_FEEDBACK_MINIMUM_ANSWERS", 3, minimum=3)' in source


def test_minimum_answers_never_reports_below_three(settings: Any) -> None:
    settings.MEDPATH_FEEDBACK_MINIMUM_ANSWERS = 1  # even if someone bypassed the setting's check
    assert services.minimum_answers() == 3


@pytest.mark.parametrize(
    ("colleagues", "message"),
    [
        ([("not-an-address", "nurse"), *COLLEAGUES[:3]], "is not an e-mail address"),
        ([("alice@example.org", "peer"), *COLLEAGUES[:3]], "cannot rate yourself"),
        ([COLLEAGUES[0], COLLEAGUES[0], *COLLEAGUES[1:3]], "listed twice"),
        ([("pat@example.org", "patient"), *COLLEAGUES[:3]], "patients are never asked"),
    ],
)
def test_bad_colleagues_are_named_and_nothing_is_saved(alice: Any, colleagues: Any, message: str) -> None:
    with pytest.raises(ValidationError) as refusal:
        ask(alice, colleagues)
    assert message in " ".join(refusal.value.message_dict["raters"])
    assert not FeedbackRequest.objects.for_user(alice).exists()


def test_the_last_day_is_between_tomorrow_and_sixty_days(alice: Any) -> None:
    for closes_on in (TODAY, TODAY + timedelta(days=61)):
        with pytest.raises(ValidationError) as refusal:
            ask(alice, closes_on=closes_on)
        assert "closes_on" in refusal.value.message_dict


def test_one_request_open_at_a_time(alice: Any) -> None:
    first = ask(alice)
    with pytest.raises(ValidationError) as refusal:
        ask(alice, title="Second")
    assert "already have a feedback request open" in str(refusal.value)
    services.feedback_close(user=alice, pk=first.pk)
    assert ask(alice, title="Second").title == "Second"


def test_every_colleague_gets_their_own_link_by_email_and_the_requester_never_sees_one(
    alice_client: Any, alice: Any, smtp_server: Any
) -> None:
    response = alice_client.post(
        reverse("skills:feedback_new"),
        {
            "title": "Wards",
            "closes_on": "2026-12-09",
            **{f"email_{n}": email for n, (email, _) in enumerate(COLLEAGUES, start=1)},
            **{f"role_{n}": role for n, (_, role) in enumerate(COLLEAGUES, start=1)},
        },
        follow=True,
    )
    assert response.status_code == 200
    assert len(smtp_server.messages) == len(COLLEAGUES)
    urls = {re.search(r"http\S+/skills/feedback/answer/\S+/", body_of(m)).group(0) for m in smtp_server.messages}  # type: ignore[union-attr]
    assert len(urls) == len(COLLEAGUES)
    page = response.content.decode()
    assert "/skills/feedback/answer/" not in page
    sent = FeedbackRequest.objects.for_user(alice).get()
    api = alice_client.get(f"/api/v1/skills/feedback/{sent.pk}").content.decode()
    assert "/skills/feedback/answer/" not in api
    # The rater links are not on the Shared links page, where their state would show.
    shared = alice_client.get(reverse("accounts:links")).content.decode()
    assert "Feedback link" not in shared
    message = smtp_server.last_to("ana.nurse@example.org")
    assert "Alice Adams" in message["Subject"]
    assert "anonymous" in body_of(message)


# --- Answering ------------------------------------------------------------------------------------------------


def test_an_answer_is_counted_and_its_link_is_spent(alice: Any) -> None:
    sent = ask(alice)
    answer(sent, "ana.nurse@example.org", 5, ("Calm on nights", ""))
    sent.refresh_from_db()
    assert sent.answers == 1
    assert sent.tally["reliable"]["nurse"] == [0, 0, 0, 0, 0, 1]
    assert sent.comments == ["Calm on nights"]
    with pytest.raises(links.LinkError) as used:
        answer(sent, "ana.nurse@example.org")
    assert used.value.reason == "used"


@pytest.mark.parametrize("bad", [6, -1, 99, True, "4", None])
def test_a_rating_outside_the_scale_saves_nothing_and_leaves_the_link_working(alice: Any, bad: Any) -> None:
    sent = ask(alice)
    token = token_of(sent, "ana.nurse@example.org")
    with pytest.raises(ValidationError) as refusal:
        services.feedback_answer(token=token, scores={**scores(3), "reliable": bad}, comments=[])
    assert "item_reliable" in refusal.value.message_dict
    sent.refresh_from_db()
    assert (sent.answers, sent.comments) == (0, [])
    assert all(sum(counters) == 0 for by_role in sent.tally.values() for counters in by_role.values())
    services.feedback_answer(token=token, scores=scores(3), comments=[])  # still usable


def test_a_missing_statement_is_named(alice: Any) -> None:
    sent = ask(alice)
    partial = scores(3)
    del partial["honest-and-discreet"]
    with pytest.raises(ValidationError) as refusal:
        services.feedback_answer(token=token_of(sent, "ana.nurse@example.org"), scores=partial, comments=[])
    assert "item_honest-and-discreet" in refusal.value.message_dict


def test_forged_expired_and_closed_links_are_refused(alice: Any, time_machine: Any) -> None:
    sent = ask(alice)
    token = token_of(sent, "ana.nurse@example.org")
    with pytest.raises(links.LinkError) as forged:
        services.feedback_answer(token=token[:-2] + "xx", scores=scores(3), comments=[])
    assert forged.value.reason == "invalid"
    other_purpose = links.link_issue(owner=alice, purpose="skills-mentor-share", lifetime=timedelta(days=1))
    with pytest.raises(links.LinkError):
        services.feedback_open(token=other_purpose.token)
    time_machine.move_to("2026-12-10 12:00:00+00:00", tick=False)  # the day after the last day, in Chicago
    with pytest.raises(links.LinkError) as expired:
        services.feedback_open(token=token)
    assert expired.value.reason == "expired"


def test_the_link_stops_at_the_end_of_the_last_day_in_the_requesters_zone(alice: Any, time_machine: Any) -> None:
    sent = ask(alice, closes_on=date(2026, 12, 1))
    token = token_of(sent, "ana.nurse@example.org")
    time_machine.move_to("2026-12-02 05:30:00+00:00", tick=False)  # 23:30 on 1 Dec in Chicago
    services.feedback_open(token=token)
    time_machine.move_to("2026-12-02 06:30:00+00:00", tick=False)  # 00:30 on 2 Dec in Chicago
    with pytest.raises(links.LinkError):
        services.feedback_open(token=token)


def test_a_comment_naming_a_patient_is_held_until_the_rater_confirms(alice: Any) -> None:
    sent = ask(alice)
    token = token_of(sent, "ana.nurse@example.org")
    text = "Great with Pt John Smith, MRN 12345678"
    with pytest.raises(ValidationError) as refusal:
        services.feedback_answer(token=token, scores=scores(4), comments=[text])
    assert "privacy_confirmed" in refusal.value.message_dict
    sent.refresh_from_db()
    assert sent.answers == 0
    services.feedback_answer(token=token, scores=scores(4), comments=[text], privacy_confirmed=True)


def test_the_raters_page_points_at_a_patient_name_next_to_the_comment(alice: Any, client: Client) -> None:
    sent = ask(alice)
    url = reverse("skills:feedback_answer", args=[token_of(sent, "ana.nurse@example.org")])
    form = {f"item_{item}": "4" for item in ITEMS} | {"comment_0": "Kind to Pt John Smith, MRN 12345678"}
    held = client.post(url, form)
    assert held.status_code == 200
    assert "This may identify a patient" in held.content.decode()
    sent.refresh_from_db()
    assert sent.answers == 0
    done = client.post(url, form | {"privacy_confirmed": "on"})
    assert "Thank you" in done.content.decode()
    sent.refresh_from_db()
    assert sent.answers == 1


def test_the_raters_page_names_a_statement_left_unanswered(alice: Any, client: Client) -> None:
    sent = ask(alice)
    url = reverse("skills:feedback_answer", args=[token_of(sent, "ana.nurse@example.org")])
    form = {f"item_{item}": "4" for item in ITEMS[:-1]} | {"item_reliable": "7"}
    page = client.post(url, form).content.decode()
    assert "Choose a point on the scale" in page
    assert "Select a valid choice" in page or "valid choice" in page
    sent.refresh_from_db()
    assert sent.answers == 0


@pytest.mark.parametrize("reason", ["forged", "used"])
def test_the_raters_page_explains_a_link_that_no_longer_works(alice: Any, client: Client, reason: str) -> None:
    sent = ask(alice)
    token = token_of(sent, "ana.nurse@example.org")
    if reason == "used":
        answer(sent, "ana.nurse@example.org")
    else:
        token = token[:-3] + "abc"
    response = client.get(reverse("skills:feedback_answer", args=[token]))
    assert response.status_code == (410 if reason == "used" else 404)
    assert "link" in response.content.decode().lower()


def test_using_a_link_leaves_nothing_the_requester_can_read(alice: Any, alice_client: Any, client: Client) -> None:
    """No audit event of the requester's, no address, no link id: the security log cannot date an answer."""
    sent = ask(alice)
    before = AuditEvent.objects.for_user(alice).count()
    url = reverse("skills:feedback_answer", args=[token_of(sent, "ana.nurse@example.org")])
    client.post(url, {f"item_{item}": "4" for item in ITEMS}, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="NurseBrowser")
    client.get(url, REMOTE_ADDR="203.0.113.9")  # a refusal (used) too
    assert AuditEvent.objects.for_user(alice).count() == before
    assert not AuditEvent.all_owners.filter(ip_address="203.0.113.9").exists()
    assert not AuditEvent.all_owners.filter(user_agent="NurseBrowser").exists()
    log = alice_client.get(reverse("accounts:security")).content.decode()
    assert "Link used" not in log


def test_an_answer_adds_no_row_anywhere(alice: Any) -> None:
    """Answers live only in counters: no table grows when a colleague answers (bar one owner-less audit event)."""
    from django.apps import apps

    sent = ask(alice)

    def counts() -> dict[str, int]:
        return {model._meta.label: model._base_manager.count() for model in apps.get_models()}

    before = counts()
    answer(sent, "ana.nurse@example.org", 3, ("Keep it up", "Slow down"))
    after = counts()
    grown = {label: after[label] - before[label] for label in after if after[label] != before[label]}
    assert grown == {"accounts.AuditEvent": 1}
    assert AuditEvent.all_owners.order_by("-id").first().owner is None  # type: ignore[union-attr]


def test_the_request_row_keeps_no_time_of_any_answer(alice: Any) -> None:
    fields = {field.name for field in FeedbackRequest._meta.get_fields()}
    assert not {name for name in fields if "answered" in name or "updated" in name}
    auto = [f.name for f in FeedbackRequest._meta.fields if getattr(f, "auto_now", False)]
    assert auto == []


# --- What the requester sees ----------------------------------------------------------------------------------


def requester_views(user: Any, client: Any, sent: FeedbackRequest) -> dict[str, Any]:
    """Everything the requester can read about a request, with ids, tokens and random order taken out."""
    from typer.testing import CliRunner

    from medpath.cli import app

    def plain(text: str) -> str:
        text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
        text = re.sub(rf"/skills/feedback/{sent.pk}/", "/skills/feedback/ID/", text)
        text = re.sub(rf"feedback={sent.pk}\b", "feedback=ID", text)
        text = re.sub(rf"feedback:{sent.pk}:", "feedback:ID:", text)
        return re.sub(r"<ul class=\"comments\">.*?</ul>", "COMMENTS", text, flags=re.S)

    api_one = client.get(f"/api/v1/skills/feedback/{sent.pk}").json()
    api_all = client.get("/api/v1/skills/feedback").json()
    for shown in [api_one, *api_all]:
        shown["id"] = "ID"
        if shown.get("results"):
            shown["results"]["comments"] = sorted(shown["results"]["comments"])
    runner = CliRunner()
    cli = json.loads(runner.invoke(app, ["skills", "feedback", "show", str(sent.pk), "--user", user.email, "--json"]).stdout)
    cli["id"] = "ID"
    if cli.get("results"):
        cli["results"]["comments"] = sorted(cli["results"]["comments"])
    sent.refresh_from_db()
    return {
        "detail": plain(client.get(reverse("skills:feedback_detail", args=[sent.pk])).content.decode()),
        "list": plain(client.get(reverse("skills:feedback_list")).content.decode()),
        "dashboard": plain(client.get(reverse("home:dashboard")).content.decode()),
        "security": len(client.get(reverse("accounts:security")).content),
        "api_one": api_one,
        "api_all": api_all,
        "cli": cli,
        "stored": (sent.answers, sent.tally, sorted(sent.comments)),
    }


def world(which: list[int], order: list[int], *, close: bool) -> dict[str, Any]:
    """A fresh requester whose colleagues ``which`` answer (in ``order``), each colleague giving the answer
    belonging to its position in the answering order -- so the same answers came in, from different people."""
    user = make_user(
        f"r{len(FeedbackRequest.all_owners.all())}@example.org", full_name="Rae Resident", time_zone="America/Chicago"
    )
    sent = ask(user, [(email, "nurse") for email, _ in COLLEAGUES])
    given = [(5, ("Steady under pressure", "")), (3, ("", "Hand over earlier")), (4, ("Kind", "Ask for help sooner"))]
    emails = [COLLEAGUES[i][0] for i in which]
    for position in order:
        value, comments = given[position]
        answer(sent, emails[position], value, comments)
    if close:
        services.feedback_close(user=user, pk=sent.pk)
    client = Client()
    client.force_login(user)
    shown = requester_views(user, client, sent)
    shown["dashboard"] = shown["dashboard"].replace(user.email, "EMAIL")
    return shown


@pytest.mark.parametrize("close", [False, True])
def test_the_requester_cannot_tell_which_colleagues_answered(db: Any, close: bool) -> None:
    first = world([0, 1, 2], [0, 1, 2], close=close)
    second = world([7, 5, 3], [2, 0, 1], close=close)
    for name in first:
        assert first[name] == second[name], f"{name} differs between worlds"
    if close:
        assert first["api_one"]["state"] == "released"
        assert first["api_one"]["results"]["overall"]["answers"] == 3
    else:
        assert first["api_one"]["results"] is None
        assert first["api_one"]["answers"] == 3


def test_while_open_only_the_count_is_shown(alice: Any, alice_client: Any) -> None:
    sent = ask(alice)
    for email, _ in COLLEAGUES[:4]:
        answer(sent, email, 2, ("Needs to slow down", ""))
    page = alice_client.get(reverse("skills:feedback_detail", args=[sent.pk])).content.decode()
    assert "4 of 8 colleagues answered" in page
    assert "Needs to slow down" not in page
    body = alice_client.get(f"/api/v1/skills/feedback/{sent.pk}").json()
    assert body["state"] == "open"
    assert body["results"] is None
    assert set(body["raters"][0]) == {"email", "role"}


def test_results_are_released_when_the_last_day_passes_without_waiting_for_the_daily_run(
    alice: Any, alice_client: Any, time_machine: Any
) -> None:
    sent = ask(alice, closes_on=date(2026, 11, 30))
    for email, _ in COLLEAGUES[:3]:
        answer(sent, email, 4, ("Reliable", ""))
    time_machine.move_to("2026-12-01 12:00:00+00:00", tick=False)
    alice_client.force_login(alice)  # the session from six days ago has ended
    body = alice_client.get(f"/api/v1/skills/feedback/{sent.pk}").json()
    assert body["state"] == "released"
    assert body["results"]["comments"] == ["Reliable"] * 3
    assert services.close_due_requests(dry_run=False) == 1
    sent.refresh_from_db()
    assert sent.closed_at is not None
    assert not SignedLink.all_owners.filter(owner=alice, revoked_at__isnull=True, purpose="skills-feedback").exists()


def test_closing_with_too_few_answers_discards_them_for_good(alice: Any, alice_client: Any) -> None:
    sent = ask(alice)
    answer(sent, "ana.nurse@example.org", 1, ("Rude to me", ""))
    answer(sent, "dev.peer@example.org", 1, ("", ""))
    response = alice_client.post(reverse("skills:feedback_close", args=[sent.pk]), follow=True)
    assert "discarded" in response.content.decode()
    sent.refresh_from_db()
    assert sent.withheld
    assert sent.comments == []
    assert all(sum(counters) == 0 for by_role in sent.tally.values() for counters in by_role.values())
    body = alice_client.get(f"/api/v1/skills/feedback/{sent.pk}").json()
    assert (body["state"], body["results"], body["answers"]) == ("withheld", None, 0)
    with pytest.raises(links.LinkError):  # nobody can add a third answer afterwards
        answer(sent, "ben.nurse@example.org")


def test_roles_are_broken_down_only_where_no_small_group_can_be_found(alice: Any, alice_client: Any) -> None:
    sent = ask(alice)
    for email in ["ana.nurse@example.org", "ben.nurse@example.org", "cat.nurse@example.org"]:
        answer(sent, email, 5)
    for email in ["dev.peer@example.org", "eve.peer@example.org", "fay.peer@example.org"]:
        answer(sent, email, 2)
    answer(sent, "gus.attending@example.org", 1)  # one supervisor: nurses and peers shown would expose them
    services.feedback_close(user=alice, pk=sent.pk)
    body = alice_client.get(f"/api/v1/skills/feedback/{sent.pk}").json()
    assert [group["group"] for group in body["results"]["by_role"]] == ["peer"]
    overall = body["results"]["overall"]["items"][0]["counts"]
    peers = body["results"]["by_role"][0]["items"][0]["counts"]
    rest = [a - b for a, b in zip(overall, peers, strict=True)]
    assert sum(rest) == 4  # what subtraction finds: the nurses and the supervisor together


def test_comments_are_shown_in_random_order(alice: Any, alice_client: Any) -> None:
    sent = ask(alice)
    for number, (email, _) in enumerate(COLLEAGUES[:6]):
        answer(sent, email, 4, (f"comment {number}", ""))
    services.feedback_close(user=alice, pk=sent.pk)
    orders = {tuple(alice_client.get(f"/api/v1/skills/feedback/{sent.pk}").json()["results"]["comments"]) for _ in range(12)}
    assert len(orders) > 1
    assert all(sorted(order) == [f"comment {n}" for n in range(6)] for order in orders)


def test_results_sit_beside_the_self_assessment(alice: Any, alice_client: Any) -> None:
    from medpath.skills.services.assessment import assessment_save

    assessment_save(user=alice, framework_id="medpath-interpersonal", ratings={"teamwork": 2})
    sent = ask(alice, framework_id="medpath-interpersonal")
    for email, _ in COLLEAGUES[:3]:
        answer(sent, email, 4)
    services.feedback_close(user=alice, pk=sent.pk)
    rows = {
        row["competency"]: row
        for row in alice_client.get(f"/api/v1/skills/feedback/{sent.pk}").json()["results"]["by_competency"]
    }
    assert rows["Teamwork"]["self_level"] == 2
    assert rows["Teamwork"]["feedback_mean"] == 4
    assert rows["Empathy"]["self_level"] is None


# --- Reminders and deadlines ----------------------------------------------------------------------------------


def test_colleagues_who_have_not_answered_are_reminded_once_near_the_close(
    alice: Any, smtp_server: Any, time_machine: Any
) -> None:
    from medpath.deadlines import deadlines_for, run_reminder_jobs

    sent = ask(alice, closes_on=date(2026, 12, 5))
    answer(sent, "ana.nurse@example.org")
    assert any(d.key == f"skills:feedback:{sent.pk}:closes" for d in deadlines_for(alice, TODAY))

    def to_colleagues() -> list[Any]:
        return [m for m in smtp_server.messages if m["To"] != alice.email]  # Alice's own deadline reminders aside

    run_reminder_jobs()
    assert to_colleagues() == []  # ten days before: nobody yet
    time_machine.move_to("2026-12-03 15:00:00+00:00", tick=False)
    run_reminder_jobs()
    reminded = sorted(m["To"] for m in to_colleagues())
    assert reminded == sorted(email for email, _ in COLLEAGUES if email != "ana.nurse@example.org")
    assert all(m["Subject"].startswith("Reminder:") for m in to_colleagues())
    run_reminder_jobs()
    assert len(to_colleagues()) == len(COLLEAGUES) - 1  # once only
    for message in smtp_server.messages:
        if message["To"] == alice.email:  # what reaches the requester names no colleague
            assert not any(email in body_of(message) for email, _ in COLLEAGUES)


# --- Outsiders ------------------------------------------------------------------------------------------------


def test_another_user_is_refused_everywhere(alice: Any, alice_client: Any, charlie_client: Any, refused: Any) -> None:
    sent = ask(alice)
    pk = sent.pk
    refused(charlie_client, "get", reverse("skills:feedback_detail", args=[pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("skills:feedback_resend", args=[pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("skills:feedback_close", args=[pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("skills:feedback_delete", args=[pk]), owner=alice_client)
    refused(charlie_client, "get", f"/api/v1/skills/feedback/{pk}", owner=alice_client)
    refused(
        charlie_client,
        "post",
        f"/api/v1/skills/feedback/{pk}/resend",
        owner=alice_client,
        data={},
        content_type="application/json",
    )
    refused(
        charlie_client,
        "post",
        f"/api/v1/skills/feedback/{pk}/close",
        owner=alice_client,
        data={},
        content_type="application/json",
    )
    refused(charlie_client, "delete", f"/api/v1/skills/feedback/{pk}", owner=alice_client)
    anonymous = Client()
    refused(anonymous, "get", reverse("skills:feedback_list"))
    refused(anonymous, "get", reverse("skills:feedback_new"))
    refused(anonymous, "get", "/api/v1/skills/feedback")
    refused(anonymous, "post", "/api/v1/skills/feedback", data={}, content_type="application/json")
    sent.refresh_from_db()
    assert sent.closed_at is None
    assert charlie_client.get("/api/v1/skills/feedback").json() == []


def test_the_api_creates_a_request_and_refuses_bad_bodies(alice_client: Any, smtp_server: Any) -> None:
    body = {"title": "Clinic", "closes_on": "2026-12-10", "raters": [{"email": e, "role": r} for e, r in COLLEAGUES[:3]]}
    created = alice_client.post("/api/v1/skills/feedback", body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["emailed"] == 3
    assert "url" not in json.dumps(created.json())
    short = alice_client.post("/api/v1/skills/feedback", {**body, "raters": body["raters"][:2]}, content_type="application/json")
    assert short.status_code == 422
    assert "raters" in short.json()["fields"]
    patient = alice_client.post(
        "/api/v1/skills/feedback",
        {**body, "raters": [*body["raters"], {"email": "p@example.org", "role": "patient"}]},
        content_type="application/json",
    )
    assert patient.status_code == 422


def test_the_commands_print_what_the_api_answers(alice: Any, alice_client: Any) -> None:
    from typer.testing import CliRunner

    from medpath.cli import app

    sent = ask(alice)
    for email, _ in COLLEAGUES[:3]:
        answer(sent, email, 4, ("Same words",))
    runner = CliRunner()
    listed = runner.invoke(app, ["skills", "feedback", "list", "--user", alice.email, "--json"])
    assert json.loads(listed.stdout) == alice_client.get("/api/v1/skills/feedback").json()
    closed = runner.invoke(app, ["skills", "feedback", "close", str(sent.pk), "--user", alice.email])
    assert "Closed with 3 answers" in closed.stdout
    shown = runner.invoke(app, ["skills", "feedback", "show", str(sent.pk), "--user", alice.email, "--json"])
    assert json.loads(shown.stdout) == alice_client.get(f"/api/v1/skills/feedback/{sent.pk}").json()
    table = runner.invoke(app, ["skills", "feedback", "show", str(sent.pk), "--user", alice.email])
    assert "Same words" in table.stdout
    missing = runner.invoke(app, ["skills", "feedback", "show", "999999", "--user", alice.email])
    assert missing.exit_code == 1


# --- Findings of the review (each failed before its fix) ------------------------------------------------------


def test_changing_time_zone_neither_shows_results_early_nor_reopens(alice: Any, alice_client: Any, time_machine: Any) -> None:
    alice.time_zone = "Pacific/Pago_Pago"  # UTC-11
    alice.save()
    sent = ask(alice, closes_on=date(2026, 11, 30))
    for email, _ in COLLEAGUES[:3]:
        answer(sent, email, 4, ("Early words",))
    time_machine.move_to("2026-11-30 12:00:00+00:00", tick=False)  # 1 am on the last day in Pago Pago
    alice.time_zone = "Pacific/Kiritimati"  # UTC+14: already 1 Dec there
    alice.save()
    alice_client.force_login(alice)
    body = alice_client.get(f"/api/v1/skills/feedback/{sent.pk}").json()
    assert (body["state"], body["results"]) == ("open", None)
    answer(sent, COLLEAGUES[3][0])  # the link still works until the end of the last day as fixed at creation
    time_machine.move_to("2026-12-01 11:30:00+00:00", tick=False)  # past 30 Nov in Pago Pago
    alice_client.force_login(alice)
    assert alice_client.get(f"/api/v1/skills/feedback/{sent.pk}").json()["state"] == "released"
    alice.time_zone = "Pacific/Pago_Pago"
    alice.save()
    assert alice_client.get(f"/api/v1/skills/feedback/{sent.pk}").json()["state"] == "released"
    with pytest.raises(links.LinkError):
        answer(sent, COLLEAGUES[4][0])


def test_the_requesters_own_aliases_are_refused_as_colleagues(alice: Any) -> None:
    with pytest.raises(ValidationError) as refusal:
        ask(alice, [("Alice+1@Example.org", "peer"), *COLLEAGUES[:3]])
    assert "your own address" in str(refusal.value)


def test_the_requester_cannot_answer_through_a_colleagues_link(alice: Any, alice_client: Any) -> None:
    sent = ask(alice)
    url = reverse("skills:feedback_answer", args=[token_of(sent, "ana.nurse@example.org")])
    assert alice_client.get(url).status_code == 403
    assert alice_client.post(url, {f"item_{item}": "4" for item in ITEMS}).status_code == 403
    sent.refresh_from_db()
    assert sent.answers == 0


def test_an_answer_must_score_at_least_one_statement(alice: Any) -> None:
    sent = ask(alice)
    with pytest.raises(ValidationError) as refusal:
        services.feedback_answer(token=token_of(sent, "ana.nurse@example.org"), scores=scores(0), comments=[])
    assert "Score at least one statement" in str(refusal.value)


def test_cannot_assess_answers_never_leave_one_score_standing_alone(alice: Any, alice_client: Any) -> None:
    sent = ask(alice)
    answer(sent, "ana.nurse@example.org", 2, ("The only real score",))
    for email in ["ben.nurse@example.org", "cat.nurse@example.org"]:
        services.feedback_answer(token=token_of(sent, email), scores={**scores(0), "reliable": 5}, comments=[])
    services.feedback_close(user=alice, pk=sent.pk)
    items = {
        i["statement"]: i for i in alice_client.get(f"/api/v1/skills/feedback/{sent.pk}").json()["results"]["overall"]["items"]
    }
    assert items["explains-clearly"]["withheld"] is True  # one person scored it
    assert (items["explains-clearly"]["counts"], items["explains-clearly"]["mean"]) == ([0, 0, 0, 0, 0], None)
    assert items["reliable"]["withheld"] is False
    assert items["reliable"]["counts"] == [0, 1, 0, 0, 2]
    page = alice_client.get(reverse("skills:feedback_detail", args=[sent.pk])).content.decode()
    assert "fewer than 3 scored it" in page


def test_per_statement_scores_in_role_groups_cannot_be_subtracted_down_to_one(alice: Any, alice_client: Any) -> None:
    sent = ask(alice)
    for email in ["ana.nurse@example.org", "ben.nurse@example.org", "cat.nurse@example.org"]:
        answer(sent, email, 4)
    for email in ["dev.peer@example.org", "eve.peer@example.org"]:
        services.feedback_answer(token=token_of(sent, email), scores={**scores(0), "reliable": 3}, comments=[])
    answer(sent, "fay.peer@example.org", 1)  # the only peer who scored explains-clearly
    services.feedback_close(user=alice, pk=sent.pk)
    body = alice_client.get(f"/api/v1/skills/feedback/{sent.pk}").json()["results"]
    assert [g["group"] for g in body["by_role"]] == ["nurse", "peer"]
    nurses = {i["statement"]: i for i in body["by_role"][0]["items"]}
    overall = {i["statement"]: i for i in body["overall"]["items"]}
    assert overall["explains-clearly"]["withheld"] is False  # 4 scored it overall
    assert nurses["explains-clearly"]["withheld"] is True  # else overall minus nurses = the one peer's score
    assert nurses["reliable"]["withheld"] is False


def test_role_groups_need_as_many_answers_as_the_threshold(alice: Any, alice_client: Any, settings: Any) -> None:
    settings.MEDPATH_FEEDBACK_MINIMUM_ANSWERS = 5
    sent = ask(alice)
    for email, _ in COLLEAGUES[:6]:  # 3 nurses, 3 peers
        answer(sent, email)
    services.feedback_close(user=alice, pk=sent.pk)
    body = alice_client.get(f"/api/v1/skills/feedback/{sent.pk}").json()
    assert body["state"] == "released"
    assert body["results"]["by_role"] == []


def test_a_used_feedback_link_keeps_no_time_of_its_use(alice: Any) -> None:
    sent = ask(alice)
    answer(sent, "ana.nurse@example.org")
    link = FeedbackRater.all_owners.select_related("link").get(request=sent, email="ana.nurse@example.org").link
    assert link.state() == "used"
    assert link.used_at == link.created_at
    assert link.last_used_at is None


def test_the_requester_cannot_withdraw_a_single_colleagues_link(alice: Any, alice_client: Any) -> None:
    sent = ask(alice)
    link = FeedbackRater.all_owners.get(request=sent, email="ana.nurse@example.org").link
    with pytest.raises(Http404):
        links.link_revoke(owner=alice, link_id=link.pk)
    link.refresh_from_db()
    assert link.revoked_at is None


def test_the_emails_are_sent_again_at_most_once_a_day(alice: Any, smtp_server: Any, time_machine: Any) -> None:
    sent = ask(alice)
    assert services.feedback_resend(user=alice, pk=sent.pk) == len(COLLEAGUES)
    with pytest.raises(ValidationError) as refusal:
        services.feedback_resend(user=alice, pk=sent.pk)
    assert "once a day" in str(refusal.value)
    time_machine.move_to("2026-11-26 15:00:00+00:00", tick=False)
    assert services.feedback_resend(user=alice, pk=sent.pk) == len(COLLEAGUES)


def test_a_resend_that_reached_nobody_can_be_tried_again_the_same_day(alice: Any, smtp_server: Any, settings: Any) -> None:
    """The mail server was down: nothing went out, so the day is not used up; once it is back, sending again
    works that same day."""
    sent = ask(alice)
    port = settings.EMAIL_PORT
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens there
    assert services.feedback_resend(user=alice, pk=sent.pk) == 0
    settings.EMAIL_PORT = port
    assert services.feedback_resend(user=alice, pk=sent.pk) == len(COLLEAGUES)
    with pytest.raises(ValidationError):
        services.feedback_resend(user=alice, pk=sent.pk)


def test_listing_requests_costs_the_same_queries_for_two_or_six(alice: Any, alice_client: Any) -> None:
    """The list page and GET /skills/feedback fetch colleagues once for all requests, not once per request (one
    request is open at a time: the others were closed with too few answers)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as page:
            assert alice_client.get(reverse("skills:feedback_list")).status_code == 200
        with CaptureQueriesContext(connection) as api:
            assert alice_client.get("/api/v1/skills/feedback").status_code == 200
        return len(page), len(api)

    def closed(number: int) -> None:
        services.feedback_close(user=alice, pk=ask(alice, title=f"Rotation {number}").pk)

    closed(0)
    ask(alice, title="Open now")
    few = cost()
    FeedbackRequest.objects.for_user(alice).filter(title="Open now").delete()
    for number in range(1, 5):
        closed(number)
    ask(alice, title="Open now")
    assert cost() == few
