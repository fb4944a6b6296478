"""Goals and reflections: pages, API and commands; bad input; the privacy guard; goals in the next actions; and
every route refusing a visitor and another user."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from typer.testing import CliRunner

from medpath.cli import app
from medpath.experience import services as experience
from medpath.skills.actions import skills_actions
from medpath.skills.models import Goal, GoalStatus, Reflection
from medpath.skills.services import journal

PATIENT = "Pt John Smith, MRN 12345678, was angry about the wait."
runner = CliRunner()


@pytest.fixture(autouse=True)
def _frozen_today(time_machine: Any) -> None:
    """Every test here runs on 25 Nov 2026, 15:00 UTC (09:00 in Alice's Chicago)."""
    time_machine.move_to("2026-11-25 15:00:00+00:00", tick=False)


def _goal(user: Any, title: str = "Ask a nurse for feedback after each night shift", **values: Any) -> Goal:
    return journal.goal_save(user=user, title=title, due_on=values.pop("due_on", date(2026, 12, 10)), **values)


def _reflection(user: Any, title: str = "A hard handover", **values: Any) -> Reflection:
    text = values.pop("text", "I rushed the handover; next time I will use the checklist.")
    return journal.reflection_save(user=user, title=title, text=text, **values)


def _entry(user: Any, title: str = "Night float on the wards") -> Any:
    return experience.entry_save(user=user, kind="clinical_work", title=title, started_on=date(2026, 11, 2), hours=Decimal(12))


def _api(client: Any, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


# Goals: pages


def test_a_new_goal_is_due_in_a_month_and_is_saved_changed_done_and_deleted_through_the_pages(alice, alice_client) -> None:
    """The form offers a due date 30 days on and the person's framework's competencies; saving lists the goal;
    marking it done records the day; deleting removes it."""
    page = alice_client.get(reverse("skills:goal_new"))
    assert page.status_code == 200
    assert page.context["form"]["due_on"].value() == date(2026, 12, 25)
    html = page.content.decode()
    assert "Giving and receiving feedback" in html  # MedPath's interpersonal set: Alice has no career stage
    assert 'name="status"' not in html  # a new goal is open
    saved = alice_client.post(
        reverse("skills:goal_new"),
        {"title": "Ask one nurse for feedback each week", "due_on": "2026-12-20", "competency_ids": ["feedback", "teamwork"]},
    )
    assert saved.status_code == 302
    goal = Goal.objects.for_user(alice).get()
    assert (goal.framework_id, goal.competency_ids, goal.status) == ("medpath-interpersonal", ["feedback", "teamwork"], "open")
    listed = alice_client.get(reverse("skills:goals")).content.decode()
    assert "Ask one nurse for feedback each week" in listed
    assert "20 Dec 2026" in listed
    assert "Giving and receiving feedback, Teamwork" in listed
    edit = reverse("skills:goal_edit", args=[goal.pk])
    assert alice_client.get(edit).context["form"]["title"].value() == "Ask one nurse for feedback each week"
    done = alice_client.post(
        edit,
        {
            "title": "Ask one nurse for feedback each week",
            "due_on": "2026-12-20",
            "competency_ids": ["feedback"],
            "status": "done",
        },
    )
    assert done.status_code == 302
    goal.refresh_from_db()
    assert (goal.status, goal.completed_on, goal.competency_ids) == ("done", date(2026, 11, 25), ["feedback"])
    assert "25 Nov 2026" in alice_client.get(reverse("skills:goals")).content.decode()
    assert alice_client.post(reverse("skills:goal_delete", args=[goal.pk])).status_code == 302
    assert not Goal.objects.for_user(alice).exists()


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"title": "  "}, "title", "Say what you will do"),
        ({"due_on": "2026-11-24"}, "due_on", "today or later"),
        ({"competency_ids": ["no-such-competency"]}, "competency_ids", "not one of the available choices"),
        ({"due_on": "9999-12-31"}, "due_on", "between 1900 and 2100"),
        (
            {
                "competency_ids": ["communication", "teamwork", "empathy", "professionalism", "conflict-resolution", "feedback"]
                * 2
            },
            "competency_ids",
            "at most 10",
        ),
    ],
)
def test_a_bad_goal_form_shows_the_problem_next_to_its_field_and_saves_nothing(
    alice, alice_client, change: dict[str, Any], field: str, words: str
) -> None:
    """Empty title, a past due date for a new goal, an unknown competency, a date out of range."""
    answer = alice_client.post(reverse("skills:goal_new"), {"title": "Lead one family meeting", "due_on": "2026-12-20", **change})
    assert answer.status_code == 200
    errors = answer.context["form"].errors
    assert field in errors, errors
    assert words in " ".join(errors[field])
    assert not Goal.objects.for_user(alice).exists()


def test_a_goal_may_keep_a_past_due_date_when_changed(alice, alice_client, time_machine) -> None:
    """An overdue goal stays editable (to mark it done) though its due date has passed."""
    goal = _goal(alice, due_on=date(2026, 11, 30))
    time_machine.move_to("2026-12-15 15:00:00+00:00", tick=False)
    alice_client.force_login(alice)  # the session of three weeks ago has lapsed
    listed = alice_client.get(reverse("skills:goals")).content.decode()
    assert "overdue" in listed
    answer = alice_client.post(
        reverse("skills:goal_edit", args=[goal.pk]), {"title": goal.title, "due_on": "2026-11-30", "status": "done"}
    )
    assert answer.status_code == 302
    goal.refresh_from_db()
    assert goal.status == GoalStatus.DONE


def test_a_goal_can_answer_a_feedback_request_chosen_on_the_form(alice, alice_client) -> None:
    """The form offers the person's feedback requests; ``?feedback=`` preselects one."""
    from medpath.skills.models import FeedbackRequest

    sent = FeedbackRequest(
        owner=alice, title="Night team feedback", instrument_id="x", framework_id="medpath-interpersonal",
        minimum_answers=3, closes_on=date(2026, 11, 20), closes_at=timezone.now(),
    )  # fmt: skip
    sent.save()
    page = alice_client.get(reverse("skills:goal_new") + f"?feedback={sent.pk}")
    assert page.context["form"]["feedback_request_id"].value() == sent.pk
    alice_client.post(
        reverse("skills:goal_new"),
        {"title": "Check understanding at handover", "due_on": "2026-12-20", "feedback_request_id": sent.pk},
    )
    assert Goal.objects.for_user(alice).get().feedback_request == sent


# Goals: API


def test_goals_through_the_api(alice, alice_client) -> None:
    """Create (201), read, list, change to done, delete (204); the list and the command's JSON are the same."""
    made = _api(
        alice_client,
        "post",
        "/api/v1/skills/goals",
        {"title": "Give one piece of feedback a day", "due_on": "2026-12-20", "competency_ids": ["feedback"]},
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["status"], body["framework_id"], body["competency_ids"]) == ("open", "medpath-interpersonal", ["feedback"])
    url = f"/api/v1/skills/goals/{body['id']}"
    assert alice_client.get(url).json() == body
    changed = _api(
        alice_client, "put", url, {"title": "Give one piece of feedback a day", "due_on": "2026-12-20", "status": "done"}
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["status"], changed.json()["completed_on"], changed.json()["competency_ids"]) == (
        "done",
        "2026-11-25",
        [],
    )
    _goal(alice, "Lead one family meeting", competency_ids=["empathy"])
    listed = alice_client.get("/api/v1/skills/goals").json()
    assert [row["title"] for row in listed] == ["Lead one family meeting", "Give one piece of feedback a day"]  # open first
    result = runner.invoke(app, ["skills", "goals", "--user", alice.email, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == listed
    table = runner.invoke(app, ["skills", "goals", "--user", alice.email]).output
    assert "Lead one family meeting" in table
    assert "Empathy" in table  # competencies by name
    assert alice_client.delete(url).status_code == 204
    assert alice_client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"due_on": "2026-11-24"}, "due_on"),
        ({"competency_ids": ["no-such-competency"]}, "competency_ids"),
        ({"framework_id": "no-such-framework"}, "framework_id"),
        ({"status": "finished"}, "status"),
        ({"feedback_request_id": 99999}, "feedback_request_id"),
        ({"due_on": "0"}, "due_on"),
    ],
)
def test_a_bad_goal_body_is_a_422_naming_the_field_and_saves_nothing(
    alice, alice_client, change: dict[str, Any], field: str
) -> None:
    answer = _api(
        alice_client, "post", "/api/v1/skills/goals", {"title": "Lead one family meeting", "due_on": "2026-12-20", **change}
    )
    assert answer.status_code == 422, answer.content
    assert field in answer.json()["fields"], answer.json()
    assert not Goal.objects.for_user(alice).exists()


def test_goal_text_naming_a_patient_is_refused_until_confirmed(alice, alice_client) -> None:
    """The API answers 422 quoting the identifier; privacy_confirmed saves it as written. The form does the same."""
    body = {"title": "Follow up on a complaint", "detail": PATIENT, "due_on": "2026-12-20"}
    refused = _api(alice_client, "post", "/api/v1/skills/goals", body)
    assert refused.status_code == 422
    assert "“12345678”" in refused.json()["fields"]["detail"][0]
    assert "privacy_confirmed" in refused.json()["fields"]
    assert not Goal.objects.for_user(alice).exists()
    assert _api(alice_client, "post", "/api/v1/skills/goals", {**body, "privacy_confirmed": True}).status_code == 201
    form = alice_client.post(reverse("skills:goal_new"), body)
    assert form.status_code == 200
    assert "“12345678”" in " ".join(form.context["form"].errors["detail"])
    assert Goal.objects.for_user(alice).count() == 1


# Goals in the next actions


def test_open_goals_due_within_a_month_are_next_actions_until_done(alice, alice_client) -> None:
    """A goal due in 15 days is listed (linking to its form); one due in 45 days is not yet; done, it disappears."""
    soon = _goal(alice, "Lead one family meeting", due_on=date(2026, 12, 10))
    _goal(alice, "Teach a student to present", due_on=date(2027, 1, 9))
    today = date(2026, 11, 25)
    titles = {action.title: action for action in skills_actions(alice, today) if action.key.startswith("skills:goal:")}
    assert list(titles) == ["Goal: Lead one family meeting"]
    assert titles["Goal: Lead one family meeting"].url == reverse("skills:goal_edit", args=[soon.pk])
    assert "Lead one family meeting" in json.dumps(alice_client.get("/api/v1/actions").json())
    journal.goal_save(user=alice, pk=soon.pk, title=soon.title, due_on=soon.due_on, status=GoalStatus.DONE)
    assert not [action for action in skills_actions(alice, today) if action.key.startswith("skills:goal:")]
    assert "Lead one family meeting" not in json.dumps(alice_client.get("/api/v1/actions").json())


# Reflections


def test_reflections_are_written_linked_to_an_experience_changed_and_deleted_through_the_pages(alice, alice_client) -> None:
    """The form offers the person's own experience entries; the list shows the title, the date and the link."""
    night = _entry(alice)
    page = alice_client.get(reverse("skills:reflection_new"))
    assert page.context["form"]["written_on"].value() == date(2026, 11, 25)
    assert "Night float on the wards" in page.content.decode()
    saved = alice_client.post(
        reverse("skills:reflection_new"),
        {
            "title": "Calling a consultant at 3 am",
            "written_on": "2026-11-24",
            "text": "I prepared the question first; it went better.",
            "competency_ids": ["communication"],
            "experience_id": night.pk,
        },
    )
    assert saved.status_code == 302
    reflection = Reflection.objects.for_user(alice).get()
    assert (reflection.experience, reflection.competency_ids, reflection.written_on) == (
        night,
        ["communication"],
        date(2026, 11, 24),
    )
    listed = alice_client.get(reverse("skills:reflections"))
    assert "no-store" in listed["Cache-Control"]
    html = listed.content.decode()
    assert "Calling a consultant at 3 am" in html
    assert "24 Nov 2026" in html
    assert "Night float on the wards" in html
    edit = reverse("skills:reflection_edit", args=[reflection.pk])
    changed = alice_client.post(
        edit, {"title": "Calling a consultant at night", "written_on": "2026-11-24", "text": reflection.text}
    )
    assert changed.status_code == 302
    reflection.refresh_from_db()
    assert (reflection.title, reflection.experience) == ("Calling a consultant at night", None)
    assert alice_client.post(reverse("skills:reflection_delete", args=[reflection.pk])).status_code == 302
    assert not Reflection.objects.for_user(alice).exists()


def test_a_reflection_cannot_link_another_persons_experience(alice, alice_client, charlie) -> None:
    """Charlie's entry is not among the choices (form error) and the API answers 422 naming experience_id."""
    _entry(alice)
    theirs = _entry(charlie, "Someone else's clinic day")
    page = alice_client.get(reverse("skills:reflection_new")).content.decode()
    assert "Someone else's clinic day" not in page
    data = {"title": "A day", "written_on": "2026-11-24", "text": "Long day.", "experience_id": theirs.pk}
    form = alice_client.post(reverse("skills:reflection_new"), data)
    assert "experience_id" in form.context["form"].errors
    answer = _api(
        alice_client, "post", "/api/v1/skills/reflections", {"title": "A day", "text": "Long day.", "experience_id": theirs.pk}
    )
    assert answer.status_code == 422
    assert "experience_id" in answer.json()["fields"]
    assert not Reflection.objects.for_user(alice).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"text": "   "}, "text"),
        ({"written_on": "2026-11-26"}, "written_on"),
        ({"competency_ids": ["no-such-competency"]}, "competency_ids"),
    ],
)
def test_a_bad_reflection_is_refused_naming_the_field(alice, alice_client, change: dict[str, Any], field: str) -> None:
    """Empty title or text, a later day than today, an unknown competency: 422 from the API, nothing saved."""
    body = {"title": "A hard handover", "text": "I rushed it.", "written_on": "2026-11-25", **change}
    answer = _api(alice_client, "post", "/api/v1/skills/reflections", body)
    assert answer.status_code == 422, answer.content
    assert field in answer.json()["fields"]
    form = alice_client.post(reverse("skills:reflection_new"), body)
    assert field in form.context["form"].errors
    assert not Reflection.objects.for_user(alice).exists()


def test_a_reflection_naming_a_patient_is_refused_until_confirmed(alice, alice_client) -> None:
    """On the form the text's identifier is quoted next to the field and a box appears; ticked, it saves. The API
    answers 422 until privacy_confirmed is sent."""
    data = {"title": "An angry relative", "written_on": "2026-11-24", "text": PATIENT}
    first = alice_client.post(reverse("skills:reflection_new"), data)
    assert first.status_code == 200
    assert "“12345678”" in " ".join(first.context["form"].errors["text"])
    assert 'type="checkbox" name="privacy_confirmed"' in first.content.decode()
    assert not Reflection.objects.for_user(alice).exists()
    assert alice_client.post(reverse("skills:reflection_new"), {**data, "privacy_confirmed": "on"}).status_code == 302
    assert Reflection.objects.for_user(alice).count() == 1
    body = {"title": "An angry relative", "text": PATIENT}
    refused = _api(alice_client, "post", "/api/v1/skills/reflections", body)
    assert refused.status_code == 422
    assert "text" in refused.json()["fields"]
    assert "privacy_confirmed" in refused.json()["fields"]
    assert _api(alice_client, "post", "/api/v1/skills/reflections", {**body, "privacy_confirmed": True}).status_code == 201
    assert Reflection.objects.for_user(alice).count() == 2


def test_reflections_through_the_api_and_the_command(alice, alice_client) -> None:
    """Create, read, change (keeping the experience link only when sent), list and delete; the command prints the
    API's list."""
    night = _entry(alice)
    made = _api(
        alice_client,
        "post",
        "/api/v1/skills/reflections",
        {
            "title": "Calling a consultant",
            "text": "Prepared first.",
            "experience_id": night.pk,
            "competency_ids": ["communication"],
        },
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["written_on"], body["experience_id"]) == ("2026-11-25", night.pk)
    url = f"/api/v1/skills/reflections/{body['id']}"
    assert alice_client.get(url).json() == body
    changed = _api(
        alice_client,
        "put",
        url,
        {"title": "Calling a consultant", "text": "Prepared the question first.", "written_on": "2026-11-20"},
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["text"], changed.json()["written_on"], changed.json()["experience_id"]) == (
        "Prepared the question first.", "2026-11-20", None,
    )  # fmt: skip
    listed = alice_client.get("/api/v1/skills/reflections").json()
    result = runner.invoke(app, ["skills", "reflections", "--user", alice.email, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == listed == [changed.json()]
    assert "Calling a consultant" in runner.invoke(app, ["skills", "reflections", "--user", alice.email]).output
    assert alice_client.delete(url).status_code == 204
    assert alice_client.get("/api/v1/skills/reflections").json() == []


def test_the_commands_refuse_an_unknown_account() -> None:
    result = runner.invoke(app, ["skills", "goals", "--user", "nobody@example.org"])
    assert result.exit_code == 1


# Refusals


PAGES = ["goals", "goal_new", "reflections", "reflection_new"]
API = [
    ("get", "/api/v1/skills/goals"),
    ("post", "/api/v1/skills/goals"),
    ("get", "/api/v1/skills/reflections"),
    ("post", "/api/v1/skills/reflections"),
]


def test_pages_and_api_refuse_a_visitor(client, refused) -> None:
    for name in PAGES:
        refused(client, "get", reverse(f"skills:{name}"))
    for method, path in API:
        if method == "post":
            refused(client, method, path, data={}, content_type="application/json")
        else:
            refused(client, method, path)


def test_another_users_goals_and_reflections_are_refused(alice, alice_client, charlie, charlie_client, refused) -> None:
    """Charlie cannot open, change or delete Alice's goal or reflection, by page or API; Alice can, on the same
    requests; Charlie's lists never show them."""
    goal = _goal(alice)
    reflection = _reflection(alice)
    refused(charlie_client, "get", reverse("skills:goal_edit", args=[goal.pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("skills:goal_delete", args=[goal.pk]), owner=alice_client)
    refused(charlie_client, "get", reverse("skills:reflection_edit", args=[reflection.pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("skills:reflection_delete", args=[reflection.pk]), owner=alice_client)
    goal_url, reflection_url = f"/api/v1/skills/goals/{goal.pk}", f"/api/v1/skills/reflections/{reflection.pk}"
    goal_body = json.dumps({"title": "Taken over", "due_on": "2026-12-20"})
    reflection_body = json.dumps({"title": "Taken over", "text": "Mine now."})
    refused(charlie_client, "get", goal_url, owner=alice_client)
    refused(charlie_client, "put", goal_url, owner=alice_client, data=goal_body, content_type="application/json")
    refused(charlie_client, "delete", goal_url, owner=alice_client)
    refused(charlie_client, "get", reflection_url, owner=alice_client)
    refused(charlie_client, "put", reflection_url, owner=alice_client, data=reflection_body, content_type="application/json")
    refused(charlie_client, "delete", reflection_url, owner=alice_client)
    goal.refresh_from_db()
    reflection.refresh_from_db()
    assert (goal.title, reflection.title) == ("Ask a nurse for feedback after each night shift", "A hard handover")
    assert alice_client.get(reverse("skills:goals")).status_code == 200
    assert goal.title not in charlie_client.get(reverse("skills:goals")).content.decode()
    assert reflection.title not in charlie_client.get(reverse("skills:reflections")).content.decode()
    assert charlie_client.get("/api/v1/skills/goals").json() == []
    assert charlie_client.get("/api/v1/skills/reflections").json() == []
