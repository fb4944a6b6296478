"""The catalog commands of the CLI (no account, no database)."""

import json

from typer.testing import CliRunner

from medpath.cli import app

runner = CliRunner()


def test_careers_json_carries_sources() -> None:
    """`medpath careers nurse --json` lists nursing careers, each fact with its source."""
    result = runner.invoke(app, ["careers", "nurse", "--json"])
    assert result.exit_code == 0, result.output
    careers = json.loads(result.output)["careers"]
    ids = {c["id"] for c in careers}
    assert "registered-nurse" in ids
    rn = next(c for c in careers if c["id"] == "registered-nurse")
    assert rn["median_pay"]["source"]["url"].startswith("http")
    assert rn["median_pay"]["year"]


def test_career_json_has_stages_routes_and_sources() -> None:
    """`medpath career physician --json` gives routes, specialties and the sources cited."""
    result = runner.invoke(app, ["career", "physician", "--json"])
    data = json.loads(result.output)
    assert {r["id"] for r in data["routes"]} >= {"md", "do"}
    assert len(data["specialties"]) >= 15
    cited = {s["id"] for s in data["sources"]}
    assert data["specialties"][0]["residency"]["source"] in cited


def test_unknown_career_suggests() -> None:
    """A misspelt id fails with suggestions."""
    result = runner.invoke(app, ["career", "registered-nurs"])
    assert result.exit_code == 1
    assert "registered-nurse" in result.output


def test_plan_json_with_options() -> None:
    """`medpath plan` honours route, specialty, --from, --start and --part-time."""
    args = [
        "plan",
        "physician",
        "--route",
        "do",
        "--specialty",
        "psychiatry",
        "--from",
        "do-school",
        "--start",
        "2026-09-01",
        "--json",
    ]
    full = json.loads(runner.invoke(app, args).output)
    assert full["route"] == "do"
    milestones = {m["id"]: m for m in full["milestones"]}
    assert milestones["bachelors"]["status"] == "done"
    assert milestones["do-school"]["typical_start"] == "2026-09-01"
    part = json.loads(runner.invoke(app, [*args, "--part-time"]).output)
    assert part["typical_finish"] > full["typical_finish"]
    assert part["part_time_factor"] == 1.5


def test_plan_bad_input() -> None:
    """Bad dates, routes and stages get a clear message and a non-zero exit."""
    assert "not a date" in runner.invoke(app, ["plan", "registered-nurse", "--start", "14/03/2027"]).output
    wrong_route = runner.invoke(app, ["plan", "registered-nurse", "--route", "md"])
    assert wrong_route.exit_code == 1
    assert "its routes are" in wrong_route.output
    wrong_stage = runner.invoke(app, ["plan", "registered-nurse", "--route", "adn", "--from", "bsn"])
    assert "not on the route" in wrong_stage.output


def test_plan_from_a_stage_inside_a_degree() -> None:
    """A second-year student at Step 1 still has medical school under way; residency waits for it."""
    args = ["plan", "physician", "--specialty", "pediatrics", "--from", "usmle-step-1", "--start", "2026-09-01", "--json"]
    data = json.loads(runner.invoke(app, args).output)
    milestones = {m["id"]: m for m in data["milestones"]}
    assert milestones["md-school"]["status"] != "done"
    assert milestones["md-school"]["typical_end"] > "2028-06-01"
    assert milestones["residency"]["typical_start"] >= milestones["md-school"]["typical_end"]
