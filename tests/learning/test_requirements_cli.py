"""`medpath requirements check`: the same verdict in any row order, and own rule files without an account."""

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from typer.testing import CliRunner

from medpath.cli import app
from medpath.learning import services
from tests.learning.test_services import CUSTOM_SET

HEADER = "title,completed_on,credit_type,amount,format,topics\n"
# Four activities of a Texas APRN prescriber (the tester's case: pharmacology on top of the total, opioids inside).
ROWS = [
    "Wound care review,2026-01-01,contact_hours,3,live,\n",
    "Safe opioid storage and ethics,2026-02-01,contact_hours,3,live,controlled-substances;medical-ethics;patient-safety\n",
    "Texas prescribing law and pharmacology,2026-03-01,contact_hours,4,live,laws-and-rules;opioids;pharmacology\n",
    "Ethics in practice,2026-04-01,contact_hours,1,enduring,medical-ethics\n",
]


def check(tmp_path, rows: list[str], *extra: str, name: str = "t.csv") -> dict[str, Any]:
    transcript = tmp_path / name
    transcript.write_text(HEADER + "".join(rows))
    result = CliRunner().invoke(
        app,
        [
            "requirements",
            "check",
            "--cycle-end",
            "2027-01-31",
            "--activities",
            str(transcript),
            "--today",
            "2026-09-01",
            "--json",
            *list(extra),
        ],
    )
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def by_title(payload: dict[str, Any], rows: list[str]) -> list[tuple[object, ...]]:
    """Each rule's figures, with its allocation keyed by title (line numbers differ between orders)."""
    titles = {str(index + 2): row.split(",", 1)[0] for index, row in enumerate(rows)}
    return [
        (r["id"], r["counted"], r["missing"], r["met"], sorted((titles[a["item"]], a["amount"]) for a in r["allocation"]))
        for r in payload["rules"]
    ]


def test_the_texas_rn_verdict_is_the_same_for_either_order_of_the_file(tmp_path) -> None:
    """The tester's command, the same four activities in file order and reversed: identical figures."""
    options = ["--set", "tx-rn-licence", "--renewal", "3", "--fact", "aprn", "--fact", "prescriber"]
    forward = check(tmp_path, ROWS, *options, name="a.csv")
    backward = check(tmp_path, ROWS[::-1], *options, name="b.csv")
    assert forward["status"] == backward["status"]
    assert by_title(forward, ROWS) == by_title(backward, ROWS[::-1])


def test_an_own_rule_file_is_checked_without_an_account(tmp_path) -> None:
    """--rules FILE --set ID evaluates a board's rule the catalog lacks, straight from the file."""
    rules = tmp_path / "board.yaml"
    rules.write_text(CUSTOM_SET)
    payload = check(tmp_path, ROWS, "--rules", str(rules), "--set", "my-board")
    assert payload["set_id"] == "my-board"
    total = next(r for r in payload["rules"] if r["id"] == "total")
    assert (total["required"], total["counted"], total["missing"]) == (12, 11, 1)


@pytest.mark.django_db
def test_a_bad_rule_file_gets_the_pages_message(tmp_path, alice) -> None:
    """A file citing an unknown source: the CLI prints the message the Renewal rules page shows, exit 1."""
    bad = "requirement_sets:" + CUSTOM_SET.split("requirement_sets:", 1)[1].replace("source: my-board", "source: nowhere")
    with pytest.raises(ValidationError) as on_the_page:
        services.custom_set_import(user=alice, text=bad)
    rules = tmp_path / "bad.yaml"
    rules.write_text(bad)
    transcript = tmp_path / "t.csv"
    transcript.write_text(HEADER + ROWS[0])
    result = CliRunner().invoke(
        app,
        [
            "requirements",
            "check",
            "--rules",
            str(rules),
            "--set",
            "my-board",
            "--cycle-end",
            "2027-01-31",
            "--activities",
            str(transcript),
        ],
    )
    assert result.exit_code == 1
    assert on_the_page.value.message_dict["document"][0] in " ".join(result.output.split())
    unknown = CliRunner().invoke(
        app,
        [
            "requirements",
            "check",
            "--rules",
            str(tmp_path / "nothing.yaml"),
            "--set",
            "x",
            "--cycle-end",
            "2027-01-31",
            "--activities",
            str(transcript),
        ],
    )
    assert unknown.exit_code == 2
    not_in_file = tmp_path / "good.yaml"
    not_in_file.write_text(CUSTOM_SET)
    missing = CliRunner().invoke(
        app,
        [
            "requirements",
            "check",
            "--rules",
            str(not_in_file),
            "--set",
            "ca-rn-licence",
            "--cycle-end",
            "2027-01-31",
            "--activities",
            str(transcript),
        ],
    )
    assert missing.exit_code == 1
    assert "my-board" in missing.output
