"""The ranked next actions: the pure ranking, each pillar's candidates, snooze and dismiss, the page, API and CLI."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from medpath.next_actions import Action, Choice, by_days, hidden, rank

TODAY = date(2027, 1, 10)


def act(key: str, severity: str = "medium", due: date | None = None, reason: str = "why") -> Action:
    return Action(key, "learning", key, reason, severity, due)  # type: ignore[arg-type]


def test_ranked_by_consequence_then_due_date_undated_last() -> None:
    actions = [
        act("low-soon", "low", TODAY),
        act("medium-later", "medium", TODAY + timedelta(days=60)),
        act("medium-undated", "medium"),
        act("critical", "critical", TODAY + timedelta(days=200)),
        act("medium-sooner", "medium", TODAY + timedelta(days=40)),
    ]
    assert [a.key for a in rank(actions, {}, TODAY)] == [
        "critical",
        "medium-sooner",
        "medium-later",
        "medium-undated",
        "low-soon",
    ]
    assert rank(list(reversed(actions)), {}, TODAY) == rank(actions, {}, TODAY)  # any order in, one order out


def test_a_snooze_hides_until_its_date_and_a_dismissal_until_the_reason_changes() -> None:
    action = act("a", due=TODAY + timedelta(days=20), reason="4 missing")
    snoozed = Choice("a", action.signature, snoozed_until=TODAY + timedelta(days=7))
    assert hidden(action, snoozed, TODAY)
    assert not hidden(action, snoozed, TODAY + timedelta(days=7))
    dismissed = Choice("a", action.signature, dismissed=True)
    assert hidden(action, dismissed, TODAY + timedelta(days=300))
    changed = act("a", due=TODAY + timedelta(days=20), reason="6 missing")  # a new shortfall: it comes back
    assert not hidden(changed, dismissed, TODAY)
    moved = act("a", due=TODAY + timedelta(days=400), reason="4 missing")  # a new deadline: it comes back
    assert not hidden(moved, snoozed, TODAY)


def test_one_action_per_key_the_graver_kept() -> None:
    assert [a.severity for a in rank([act("k", "low"), act("k", "high")], {}, TODAY)] == ["high"]


@pytest.mark.parametrize(("days", "severity"), [(-1, "critical"), (0, "high"), (30, "high"), (31, "medium"), (91, "low")])
def test_consequence_by_days_left(days: int, severity: str) -> None:
    assert by_days(days) == severity


# ---- the pillars' candidates, through the page, the API and the CLI ----------------------------------------------


@pytest.fixture
def nurse(alice):
    """Alice is a practising nurse whose California licence renewal falls short, due in 21 days."""
    from medpath.learning import services

    alice.career_stage = "nurse"
    alice.save()
    services.credential_save(
        user=alice,
        kind="licence",
        name="California RN licence",
        jurisdiction="US-CA",
        expires_on=date(2027, 1, 31),
        requirement_set_id="ca-rn-licence",
        renewal_number=2,
    )
    return alice


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2027-01-10 15:00:00+00:00", tick=False)


def test_a_nurse_sees_her_renewal_first_and_is_not_asked_to_choose_a_career(nurse) -> None:
    from medpath.home.selectors import next_actions

    actions = next_actions(nurse)
    assert actions[0].key.endswith(":renewal")
    assert actions[0].severity == "high"
    assert "before 31 Jan 2027" in actions[0].reason
    assert not [a for a in actions if a.key == "plans:choose-target"]


def test_a_student_without_a_target_is_asked_to_choose_one(alice) -> None:
    from medpath.home.selectors import next_actions

    alice.career_stage = "pre_health"
    alice.save()
    assert "plans:choose-target" in [a.key for a in next_actions(alice)]


def test_the_dashboard_heads_with_the_actions_and_snoozes_and_dismisses(nurse, alice_client) -> None:
    page = alice_client.get(reverse("home:dashboard"))
    text = page.content.decode()
    assert text.index("California RN licence: renewal rules not met yet") < text.index('class="cards"')
    key = page.context["actions"][0].key
    answer = alice_client.post(reverse("home:action_choice"), {"key": key, "choice": "snooze"})
    assert answer.status_code == 302
    assert key not in [a.key for a in alice_client.get(reverse("home:dashboard")).context["actions"]]


def test_the_api_lists_snoozes_and_dismisses(nurse, alice_client) -> None:
    listed = alice_client.get("/api/v1/actions").json()["actions"]
    key = listed[0]["key"]
    assert set(listed[0]) == {"key", "pillar", "title", "reason", "due", "severity", "url"}
    dismissed = alice_client.post("/api/v1/actions/dismiss", {"key": key}, content_type="application/json")
    assert dismissed.status_code == 200
    assert key not in [a["key"] for a in dismissed.json()["actions"]]
    too_far = alice_client.post("/api/v1/actions/snooze", {"key": key, "until": "2030-01-01"}, content_type="application/json")
    assert too_far.status_code == 422
    assert "until" in too_far.json()["fields"]
    unknown = alice_client.post("/api/v1/actions/dismiss", {"key": "nothing:here"}, content_type="application/json")
    assert unknown.status_code == 404


def test_a_dismissed_renewal_comes_back_when_its_shortfall_changes(nurse) -> None:
    from decimal import Decimal

    from medpath.home import services
    from medpath.home.selectors import next_actions
    from medpath.learning import services as learning

    [renewal] = [a for a in next_actions(nurse) if a.key.endswith(":renewal")]
    services.action_dismiss(user=nurse, key=renewal.key)
    assert renewal.key not in [a.key for a in next_actions(type(nurse).objects.get(pk=nurse.pk))]
    learning.activity_create(
        user=nurse,
        data=learning.ActivityInput(title="Sepsis update", completed_on=date(2026, 6, 1), awards=[("contact_hours", Decimal(3))]),
    )
    fresh = type(nurse).objects.get(pk=nurse.pk)  # a new request: the statuses are computed once per request
    assert renewal.key in [a.key for a in next_actions(fresh)]  # 27 missing now, not 30: a new reason


def test_outsiders_are_refused(client, charlie_client, alice_client, nurse, refused) -> None:
    refused(client, "get", "/api/v1/actions")
    refused(client, "post", "/api/v1/actions/snooze", data={"key": "x", "until": "2027-02-01"}, content_type="application/json")
    refused(client, "post", "/api/v1/actions/dismiss", data={"key": "x"}, content_type="application/json")
    refused(client, "post", reverse("home:action_choice"), data={"key": "x", "choice": "dismiss"})
    # Charlie cannot dismiss Alice's action: he has no such action, so nothing of hers changes.
    key = alice_client.get("/api/v1/actions").json()["actions"][0]["key"]
    assert charlie_client.post("/api/v1/actions/dismiss", {"key": key}, content_type="application/json").status_code == 404
    assert key in [a["key"] for a in alice_client.get("/api/v1/actions").json()["actions"]]


def test_medpath_status_prints_the_ranked_list(nurse) -> None:
    import json

    from typer.testing import CliRunner

    from medpath.cli import app

    result = CliRunner().invoke(app, ["status", "--user", "alice@example.org", "--json"])
    assert result.exit_code == 0, result.output
    actions = json.loads(result.output)["actions"]
    assert actions[0]["severity"] == "high"
    assert set(actions[0]) == {"key", "pillar", "title", "reason", "due", "severity", "url"}
    unknown = CliRunner().invoke(app, ["status", "--user", "nobody@example.org"])
    assert unknown.exit_code == 1
