"""`medpath hours check`: the stateless check, without an account or a database."""

import json
from pathlib import Path

from typer.testing import CliRunner

from medpath.cli import app

runner = CliRunner()
HEADER = "resident,start,end,kind,pgy,rotation\n"


def test_json_report_names_rule_window_value_and_limit(tmp_path: Path) -> None:
    """Ten in-house calls in 28 days: one `in-house-call-every-3rd` violation, with its figures."""
    rows = [
        f"dr-ng,2026-03-{2 + 3 * n:02d}T17:00:00-05:00,2026-03-{3 + 3 * n:02d}T07:00:00-05:00,in-house-call,2,icu\n"
        for n in range(9)
    ]
    rows.append("dr-ng,2026-03-28T17:00:00-05:00,2026-03-29T07:00:00-05:00,in-house-call,2,icu\n")
    schedule = tmp_path / "calls.csv"
    schedule.write_text(HEADER + "".join(rows), encoding="utf-8")

    result = runner.invoke(app, ["hours", "check", str(schedule), "--json"])

    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    calls = [v for v in report["violations"] if v["rule"] == "in-house-call-every-3rd"]
    assert len(calls) == 1
    assert calls[0]["resident"] == "dr-ng"
    assert calls[0]["value"] == 10.0
    assert calls[0]["limit"] == 9.0
    assert {"start", "end"} <= calls[0].keys()
    assert report["advisories"] == [] or all(a["rule"] == "rest-8-between" for a in report["advisories"])


def test_nine_calls_pass_from_the_command_line(tmp_path: Path) -> None:
    """Nine calls in 28 days, every third night: no call-frequency violation."""
    rows = [
        f"dr-ng,2026-03-{2 + 3 * n:02d}T17:00:00-05:00,2026-03-{3 + 3 * n:02d}T07:00:00-05:00,in-house-call,2,icu\n"
        for n in range(9)
    ]
    schedule = tmp_path / "calls.csv"
    schedule.write_text(HEADER + "".join(rows), encoding="utf-8")

    result = runner.invoke(app, ["hours", "check", str(schedule), "--json"])

    assert result.exit_code == 0, result.output
    assert [v for v in json.loads(result.output)["violations"] if v["rule"] == "in-house-call-every-3rd"] == []


def test_bad_rows_are_reported_by_line_and_field(tmp_path: Path) -> None:
    """A missing offset, an unknown kind and a backwards shift: every problem, with its line."""
    schedule = tmp_path / "bad.csv"
    schedule.write_text(
        "resident,start,end,kind\n"
        "dr-a,2026-03-02T07:00:00,2026-03-02T19:00:00-05:00,clinical\n"
        "dr-a,2026-03-03T07:00:00-05:00,2026-03-03T19:00:00-05:00,surgery\n"
        "dr-a,2026-03-04T19:00:00-05:00,2026-03-04T07:00:00-05:00,clinical\n",
        encoding="utf-8",
    )

    result = runner.invoke(app, ["hours", "check", str(schedule), "--json"])

    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    assert {(p["line"], p["field"]) for p in problems} == {(2, "start"), (3, "kind"), (4, "end")}


def test_missing_column_and_bad_options(tmp_path: Path) -> None:
    """A CSV without the `kind` column is refused; so is an unknown --window."""
    schedule = tmp_path / "short.csv"
    schedule.write_text("resident,start,end\ndr-a,2026-03-02T07:00:00-05:00,2026-03-02T19:00:00-05:00\n", encoding="utf-8")

    missing = runner.invoke(app, ["hours", "check", str(schedule), "--json"])
    window = runner.invoke(app, ["hours", "check", str(schedule), "--window", "weekly"])

    assert missing.exit_code == 1
    assert any(p["field"] == "kind" for p in json.loads(missing.output)["problems"])
    assert window.exit_code == 2


def test_table_output_lists_a_violation(tmp_path: Path) -> None:
    """Without --json, a table names the broken rule."""
    schedule = tmp_path / "long.csv"
    schedule.write_text(HEADER + "dr-b,2026-03-02T07:00:00-05:00,2026-03-03T08:00:00-05:00,in-house-call,2,\n", encoding="utf-8")

    result = runner.invoke(app, ["hours", "check", str(schedule)])

    assert result.exit_code == 0, result.output
    assert "continuous-24-plus-4" in result.output


def test_column_mapping_reads_another_header(tmp_path: Path) -> None:
    """`--column 'Shift start=start'` lets a rota export be checked without editing it."""
    schedule = tmp_path / "rota.csv"
    schedule.write_text(
        "Name,Shift start,Shift end,Type\ndr-c,2026-03-02T07:00:00-05:00,2026-03-03T09:00:00-05:00,clinical\n", encoding="utf-8"
    )
    options = ["--column", "Name=resident", "--column", "Shift start=start", "--column", "Shift end=end", "--column", "Type=kind"]

    result = runner.invoke(app, ["hours", "check", str(schedule), "--json", *options])
    unmapped = runner.invoke(app, ["hours", "check", str(schedule), "--json"])
    bad = runner.invoke(app, ["hours", "check", str(schedule), "--column", "Name=patient"])

    assert result.exit_code == 0, result.output
    assert [v["rule"] for v in json.loads(result.output)["violations"]] == ["continuous-24-plus-4"]
    assert unmapped.exit_code == 1
    assert bad.exit_code == 2
