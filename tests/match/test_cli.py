"""``medpath match run``: the JSON answer of the issue's format, the summary, and refusals."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from medpath.cli import app
from medpath.match.engine import solve
from medpath.match.instance import parse
from medpath.match.stability import blocking_pairs

runner = CliRunner()

INSTANCE = {
    "applicants": {"ana": ["P", "Q"], "dev": ["P"]},
    "programs": {"P": ["dev", "ana", "ben"], "Q": ["ana", "cy"]},
    "capacities": {"P": 1, "Q": 2},
    "couples": [{"members": ["ben", "cy"], "ranks": [["P", "Q"], [None, "Q"]]}],
}


def test_json_answer(tmp_path: Path) -> None:
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(INSTANCE), encoding="utf-8")
    result = runner.invoke(app, ["match", "run", str(path), "--seed", "3", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["matching"] == {"ana": "Q", "dev": "P", "ben": None, "cy": "Q"}
    assert body["stable"] is True
    assert body["blocking_pairs"] == 0
    assert isinstance(body["seconds"], float)
    assert body["statistics"]["matched"] == 3
    assert body["statistics"]["couples_by_pair_rank"] == {"2": 1}
    instance = parse(INSTANCE)
    ids = [instance.programs.index(p) if p else -1 for p in body["matching"].values()]
    assert blocking_pairs(instance, ids) == []
    assert solve(instance, seed=3).matching == ids


def test_summary(tmp_path: Path) -> None:
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(INSTANCE), encoding="utf-8")
    result = runner.invoke(app, ["match", "run", str(path)])
    assert result.exit_code == 0
    assert "3 (75.0%)" in result.stdout
    assert "stable" in result.stdout
    assert "yes" in result.stdout


def test_bad_instance_names_the_entry_and_runs_nothing(tmp_path: Path) -> None:
    path = tmp_path / "instance.json"
    bad = json.loads(json.dumps(INSTANCE))
    bad["capacities"]["Q"] = -1
    bad["applicants"]["ana"] = ["P", "P"]
    path.write_text(json.dumps(bad), encoding="utf-8")
    result = runner.invoke(app, ["match", "run", str(path), "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "program 'Q': capacity -1 is negative" in result.stderr
    assert "applicant 'ana' ranks program 'P' twice" in result.stderr


def test_not_json_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "instance.json"
    path.write_text("applicants: ana", encoding="utf-8")
    result = runner.invoke(app, ["match", "run", str(path)])
    assert result.exit_code == 2
    assert "not JSON" in result.stderr
    result = runner.invoke(app, ["match", "run", str(tmp_path / "missing.json")])
    assert result.exit_code == 2
    assert "Cannot read" in result.stderr
