"""The Education pillar's commands: careers, career, plan."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.table import Table

from medpath.catalog.loader import Catalog
from medpath.commandline import catalog_or_exit, console, errors
from medpath.plans.assumptions import DEFAULT_PART_TIME_FACTOR


def register(app: typer.Typer) -> None:
    """Add this pillar's commands to the root ``medpath`` command."""
    app.command()(careers)
    app.command()(career)
    app.command()(plan)


def _fact_json(known: object, fact: object, **value: object) -> dict[str, object] | None:
    from medpath.catalog.schema import Sourced

    if fact is None:
        return None
    assert isinstance(known, Catalog)
    assert isinstance(fact, Sourced)
    source = known.source(fact.source)
    return {
        **value,
        "confidence": fact.confidence,
        "note": fact.note,
        "source": {"id": source.id, "title": source.title, "url": str(source.url), "year": source.year},
    }


def _career_json(known: object, career: object, *, full: bool) -> dict[str, object]:
    """A career with every fact and its source, as plain JSON."""
    from medpath.catalog.loader import Catalog, citations
    from medpath.catalog.schema import Career
    from medpath.plans.pathways import typical_years_of_education

    assert isinstance(known, Catalog)
    assert isinstance(career, Career)
    data: dict[str, object] = {
        "id": career.id,
        "name": career.name,
        "family": career.family,
        "years_of_study": typical_years_of_education(career),
        "median_pay": _fact_json(known, career.median_pay, amount=career.median_pay.amount, year=career.median_pay.year)
        if career.median_pay
        else None,
        "growth": _fact_json(known, career.growth, percent=career.growth.percent, decade=career.growth.decade)
        if career.growth
        else None,
        "entry_education": _fact_json(known, career.entry_education, level=career.entry_education.level)
        if career.entry_education
        else None,
    }
    if full:
        data.update(career.model_dump(mode="json", exclude={"median_pay", "growth", "entry_education"}))
        cited = sorted({source_id for _, source_id in citations(career)})
        data["sources"] = [known.source(source_id).model_dump(mode="json") for source_id in cited]
    return data


def careers(
    search: Annotated[str, typer.Argument(help="Words to look for in names, aliases and bodies.")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON, each fact with its source.")] = False,
) -> None:
    """List the careers in the catalog (no account needed)."""
    from medpath.plans.explorer import CareerFilters, explore

    known = catalog_or_exit()
    found = explore(known.careers.values(), CareerFilters(text=search))
    rows = [s.career for s in found.matches]
    if as_json:
        sys.stdout.write(json.dumps({"careers": [_career_json(known, c, full=False) for c in rows]}, indent=2) + "\n")
        return
    table = Table(title=f"{len(rows)} careers" + (f" matching “{search}”" if search else ""))
    table.add_column("id", no_wrap=True)  # the id is what `career` and `plan` take: never cut it
    for column in ("career", "years of study", "median pay", "growth"):
        table.add_column(column)
    for summary in found.matches:
        career = summary.career
        pay = f"${career.median_pay.amount:,} ({career.median_pay.year})" if career.median_pay else "unknown"
        growth = f"{career.growth.percent:g}% ({career.growth.decade})" if career.growth else "unknown"
        table.add_row(career.id, career.name, f"{summary.years:g}" if summary.years is not None else "unknown", pay, growth)
    console.print(table)


def career(
    career_id: Annotated[str, typer.Argument(metavar="ID", help="The career's id, e.g. registered-nurse.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON, each fact with its source.")] = False,
) -> None:
    """Show one career: routes, stages, specialties and facts with sources."""
    from medpath.catalog.loader import UnknownCareerError

    known = catalog_or_exit()
    try:
        found = known.career(career_id)
    except UnknownCareerError as error:
        errors.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    if as_json:
        sys.stdout.write(json.dumps(_career_json(known, found, full=True), indent=2) + "\n")
        return
    console.print(f"[bold]{found.name}[/bold] ({found.id})\n{found.summary}")
    facts = _career_json(known, found, full=False)
    for label, key in (("Median pay", "median_pay"), ("Projected growth", "growth"), ("Entry education", "entry_education")):
        fact = facts[key]
        if isinstance(fact, dict):
            value = {k: v for k, v in fact.items() if k not in {"source", "confidence", "note"}}
            source = fact["source"]
            assert isinstance(source, dict)
            shown = ", ".join(str(v) for v in value.values())
            console.print(f"{label}: {shown} — {source['title']} ({source['year']}), {fact['confidence']} confidence")
        else:
            console.print(f"{label}: unknown")
    by_id = {stage.id: stage for stage in found.stages}
    for route in found.routes:
        table = Table(title=f"Route {route.id}: {route.name}")
        table.add_column("stage")
        table.add_column("kind")
        table.add_column("months (min–typical–max)")
        for stage_id in route.stages:
            stage = by_id[stage_id]
            d = stage.duration
            months = (
                f"{d.min:g}–{d.typical:g}–{d.max:g}"
                if d
                else ("by specialty" if stage.duration_from_specialty else "planning assumption")
            )
            table.add_row(stage.name, stage.kind, months)
        console.print(table)
    if found.specialties:
        console.print("Specialties: " + ", ".join(f"{s.id} ({s.residency.typical:g} months)" for s in found.specialties))


def plan(
    career_id: Annotated[str, typer.Argument(metavar="CAREER", help="The target career's id.")],
    route: Annotated[str | None, typer.Option("--route", help="Route id (default: the career's first).")] = None,
    specialty: Annotated[str | None, typer.Option("--specialty", help="Specialty id, where the residency depends on it.")] = None,
    from_stage: Annotated[
        str | None, typer.Option("--from", help="The stage under way now; earlier stages count as done.")
    ] = None,
    start: Annotated[str | None, typer.Option("--start", help="Plan from this date (YYYY-MM-DD; default today).")] = None,
    part_time: Annotated[bool, typer.Option("--part-time", help="Stretch study by the part-time factor.")] = False,
    stretch: Annotated[
        float, typer.Option("--stretch", help="Part-time factor (a user setting, not a catalog fact).")
    ] = DEFAULT_PART_TIME_FACTOR,
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
) -> None:
    """Plan a roadmap straight from the catalog (no account needed)."""
    import datetime as dt

    from medpath.catalog.loader import UnknownCareerError
    from medpath.plans.pathways import pathway, position_at
    from medpath.plans.roadmap import PlanError, PlanOptions, build_plan

    known = catalog_or_exit()
    today = dt.date.today()
    try:
        begin = dt.date.fromisoformat(start) if start else today
    except ValueError:
        errors.print(f"[red]--start {start!r} is not a date; use YYYY-MM-DD, e.g. 2026-09-01[/red]")
        raise typer.Exit(2) from None
    try:
        path = pathway(known.career(career_id), route, specialty)
        position = position_at(path, from_stage, begin) if from_stage else None
        options = PlanOptions(
            start=begin,
            today=max(today, begin),
            done_before_start=position.done if position else frozenset(),
            under_way=position.under_way if position else {},
            part_time_factor=stretch if part_time else 1.0,
        )
        result = build_plan(path.stages, options)
    except (UnknownCareerError, PlanError) as error:
        errors.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    if as_json:
        payload = {
            "career": path.career.id,
            "route": path.route.id,
            "specialty": path.specialty.id if path.specialty else None,
            "start": begin.isoformat(),
            "typical_finish": result.typical_finish.isoformat(),
            "earliest_finish": result.earliest_finish.isoformat(),
            "total_days": result.total_days,
            "remaining_days": result.remaining_days,
            "critical_path": list(result.critical_path),
            "part_time_factor": options.part_time_factor,
            "milestones": [
                {
                    "id": m.id,
                    "name": m.name,
                    "kind": m.kind,
                    "status": m.status,
                    "earliest_start": m.earliest_start.isoformat(),
                    "earliest_end": m.earliest_end.isoformat(),
                    "typical_start": m.typical_start.isoformat(),
                    "typical_end": m.typical_end.isoformat(),
                    "critical": m.critical,
                    "assumed_duration": m.assumed_duration,
                }
                for m in result.milestones
            ],
        }
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return
    title = f"{path.career.name} — {path.route.name}" + (f" — {path.specialty.name}" if path.specialty else "")
    table = Table(title=title)
    for column in ("milestone", "typical", "earliest end", ""):
        table.add_column(column)
    for m in result.milestones:
        flag = "done" if m.status == "done" else ("critical" if m.critical else "")
        if m.assumed_duration:
            flag += " (assumed length)"
        table.add_row(m.name, f"{m.typical_start} → {m.typical_end}", str(m.earliest_end), flag.strip())
    console.print(table)
    console.print(
        f"Typical finish {result.typical_finish} ({result.total_days / 365.25:.1f} years); earliest {result.earliest_finish}."
        + (f" Part-time factor {stretch:g} (your setting)." if part_time else "")
    )
