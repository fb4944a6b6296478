"""The same question asked of the CLI (``--json``) and of the API gives the same JSON: both print one schema."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from medpath.cli import app

runner = CliRunner()


def cli_json(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


# A resident's fortnight: a 30-hour call (continuous-24-plus-4), short rests, a 12-hour-apart pair split by 30 min.
SCHEDULE = (
    "resident,start,end,kind,pgy,rotation\n"
    "r1,2026-11-02T07:00Z,2026-11-03T13:00Z,in-house-call,2,icu\n"
    "r1,2026-11-03T18:00Z,2026-11-04T06:00Z,clinical,2,icu\n"
    "r1,2026-11-04T06:30Z,2026-11-04T18:00Z,clinical,2,icu\n"
    "r2,2026-11-02T07:00Z,2026-11-02T19:00Z,clinical,1,wards\n"
    "r2,2026-11-03T01:00Z,2026-11-03T09:00Z,moonlighting,1,wards\n"
    "r2,2026-11-09T07:00Z,2026-11-09T19:00Z,leave,1,wards\n"
)


@pytest.mark.parametrize(
    ("options", "body"),
    [
        ((), {}),
        (("--window", "rotation", "--leave", "zero"), {"window": "rotation", "leave": "zero"}),
        (("--gap", "0.25"), {"gap": 0.25}),
    ],
)
def test_hours_check_gives_the_apis_body(tmp_path: Path, alice_client, options: tuple[str, ...], body: dict[str, Any]) -> None:
    """`medpath hours check --json` and POST /work-hours/check: one code path, byte-for-byte the same JSON."""
    schedule = tmp_path / "schedule.csv"
    schedule.write_text(SCHEDULE, encoding="utf-8")
    from_cli = cli_json("hours", "check", str(schedule), "--json", *options)
    answer = alice_client.post("/api/v1/experience/work-hours/check", {"csv": SCHEDULE, **body}, content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert from_cli == answer.json()
    assert from_cli["violations"], "the schedule breaks a rule: the comparison must cover findings"


def test_hours_check_refuses_the_same_settings(alice_client, tmp_path: Path) -> None:
    """A gap out of range: exit 2 naming --gap on the command line; 422 naming ``gap`` in the API."""
    schedule = tmp_path / "schedule.csv"
    schedule.write_text(SCHEDULE, encoding="utf-8")
    refused = runner.invoke(app, ["hours", "check", str(schedule), "--gap", "13"])
    assert refused.exit_code == 2
    assert "--gap" in refused.output
    answer = alice_client.post(
        "/api/v1/experience/work-hours/check", {"csv": SCHEDULE, "gap": 13}, content_type="application/json"
    )
    assert answer.status_code == 422
    assert "12 hours" in answer.json()["fields"]["gap"][0]


def test_requirements_list_gives_the_apis_rule_sets(alice_client) -> None:
    """With no rule sets of her own, Alice's API list is the catalog's: the CLI prints the same objects."""
    assert cli_json("requirements", "list", "--json") == alice_client.get("/api/v1/learning/requirement-sets").json()


TRANSCRIPT = (
    "title,completed_on,credit_type,amount,format,topics\n"
    "Sepsis update,2025-06-01,contact_hours,12,live,\n"
    "Wound care review,2025-09-15,contact_hours,6.5,enduring,\n"
    "Implicit bias in care,2026-03-01,contact_hours,1,live,implicit-bias\n"
)


def test_requirements_check_gives_the_apis_evaluation(alice, alice_client, tmp_path: Path, time_machine) -> None:
    """A California RN licence and three activities: the CLI's verdict is the API's credential evaluation; only
    the allocation's items differ in kind (a line of the file there, an activity id here), so they are mapped."""
    from medpath.learning import services

    time_machine.move_to("2026-12-01 15:00:00+00:00", tick=False)
    services.credential_save(
        user=alice,
        kind="licence",
        name="California RN licence",
        jurisdiction="US-CA",
        expires_on=date(2027, 1, 31),
        requirement_set_id="ca-rn-licence",
        renewal_number=2,
    )
    services.activities_import(user=alice, data=TRANSCRIPT)
    transcript = tmp_path / "transcript.csv"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    from_cli = cli_json(
        "requirements", "check", "--set", "ca-rn-licence", "--cycle-end", "2027-01-31", "--renewal", "2",
        "--activities", str(transcript), "--today", "2026-12-01", "--json",
    )  # fmt: skip
    from_api = alice_client.get("/api/v1/learning/credentials").json()[0]["evaluation"]
    titles_by_id = {str(a["id"]): a["title"] for a in alice_client.get("/api/v1/learning/activities").json()}
    titles_by_line = {str(n + 2): line.split(",", 1)[0] for n, line in enumerate(TRANSCRIPT.splitlines()[1:])}

    def by_title(evaluation: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
        rules = [
            {**r, "allocation": sorted((names[a["item"]], a["amount"]) for a in r["allocation"])} for r in evaluation["rules"]
        ]
        return {**evaluation, "rules": rules}

    assert by_title(from_cli, titles_by_line) == by_title(from_api, titles_by_id)
    assert any(r["allocation"] for r in from_api["rules"]), "the comparison must cover an allocation"


def test_status_gives_the_apis_list(alice, alice_client) -> None:
    """`medpath status --json` prints what GET /api/v1/actions answers, keys included (to snooze or dismiss)."""
    alice.career_stage = "pre_health"
    alice.save()
    from_cli = cli_json("status", "--user", alice.email, "--json")
    assert from_cli == alice_client.get("/api/v1/actions").json()
    assert from_cli["actions"], "a student without a target has something to do"


def test_network_contacts_and_follow_ups_give_the_apis_lists(alice, alice_client, time_machine) -> None:
    """`medpath network contacts --json` and `follow-ups --json` print what the API answers, follow-ups included."""
    from medpath.network.services import contacts

    time_machine.move_to("2026-11-25 15:00:00+00:00", tick=False)
    contacts.rule_save(user=alice, tag="mentor", rhythm_days=42)
    mentor = contacts.contact_save(user=alice, name="Dr. Ana Ruiz", tags=["mentor"], is_mentor=True)
    contacts.interaction_save(user=alice, contact_id=mentor.pk, occurred_on=date(2026, 10, 1))
    contacts.contact_save(user=alice, name="Bo Chen", rhythm_days=90)
    assert cli_json("network", "contacts", "--user", alice.email, "--json") == alice_client.get("/api/v1/network/contacts").json()
    due = cli_json("network", "follow-ups", "--user", alice.email, "--json")
    assert due == alice_client.get("/api/v1/network/follow-ups").json()
    assert [row["name"] for row in due] == ["Dr. Ana Ruiz"]
