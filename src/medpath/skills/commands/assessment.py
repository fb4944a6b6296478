"""``medpath skills frameworks | profile | assess | descriptors import``: frameworks and self-assessment."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from medpath.commandline import catalog_or_exit, console, django_setup, errors, quiet_logs, user_or_exit
from medpath.skills.commands import skills_app

descriptors_app = typer.Typer(help="Your own level descriptors for a framework.", no_args_is_help=True)
skills_app.add_typer(descriptors_app, name="descriptors")

DESCRIPTOR_FORMATS = {".csv": "csv", ".yaml": "yaml", ".yml": "yaml"}


def _print_errors(messages: dict[str, list[str]]) -> None:
    for name, found in messages.items():
        for message in found:
            errors.print(f"[red]{name}: {message}[/red]")


@skills_app.command("frameworks")
def frameworks(as_json: Annotated[bool, typer.Option("--json", help="Print JSON (the API's shape).")] = False) -> None:
    """The competency frameworks in the catalog (no account needed)."""
    catalog_or_exit()
    django_setup()
    from medpath.skills.api.assessment import frameworks_out

    rows = frameworks_out()
    if as_json:
        sys.stdout.write(json.dumps([row.model_dump(mode="json") for row in rows], indent=2, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(rows)} competency frameworks")
    for column in ("id", "name", "issuer", "version", "levels", "to rate"):
        table.add_column(column)
    for row in rows:
        rated = sum(1 for competency in row.competencies if competency.rateable)
        table.add_row(row.id, row.name, row.issuer, row.version, "own 1-5" if row.has_levels else "general 1-5", str(rated))
    console.print(table)


@skills_app.command("profile")
def profile(
    user: Annotated[str, typer.Option("--user", help="The account's e-mail address.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (the API's shape, GET /skills/profile).")] = False,
) -> None:
    """A user's latest self-rating of each competency, in the framework they work against."""
    django_setup()
    quiet_logs()
    from medpath.skills.api.assessment import profile_out

    out = profile_out(user_or_exit(user))
    if as_json:
        sys.stdout.write(out.model_dump_json(indent=2) + "\n")
        return
    table = Table(title=f"{out.framework_name}: {user}")
    for column in ("competency", "level", "rated on", "ratings"):
        table.add_column(column)
    for competency in out.competencies:
        level = f"{competency.latest_level}: {competency.latest_label}" if competency.latest_level else "not rated"
        table.add_row(competency.name, level, str(competency.latest_on or "—"), str(len(competency.points)))
    console.print(table)


@skills_app.command("assess")
def assess(
    user: Annotated[str, typer.Option("--user", help="The account's e-mail address.")],
    rating: Annotated[list[str], typer.Option("--rating", help="COMPETENCY=LEVEL, e.g. safety=3 (repeat for each competency).")],
    framework: Annotated[
        str | None, typer.Option("--framework", help="A framework id (default: the one the user works against).")
    ] = None,
    on: Annotated[str | None, typer.Option("--on", help="The day, YYYY-MM-DD (default: today in the user's zone).")] = None,
) -> None:
    """Save a self-assessment (replacing the same day's in that framework); all or nothing."""
    import datetime as dt

    django_setup()
    quiet_logs()
    from django.core.exceptions import ValidationError

    from medpath.skills.services.assessment import assessment_save, chosen_framework_id

    owner = user_or_exit(user)
    ratings: dict[str, int | None] = {}
    for item in rating:
        competency, _, level = item.partition("=")
        if not competency.strip() or not level.strip().isdigit():
            errors.print(f"[red]--rating {item!r}: write COMPETENCY=LEVEL, e.g. safety=3.[/red]")
            raise typer.Exit(2)
        ratings[competency.strip()] = int(level)
    try:
        day = dt.date.fromisoformat(on) if on else None
    except ValueError:
        errors.print("[red]--on must be a date, YYYY-MM-DD.[/red]")
        raise typer.Exit(2) from None
    framework_id = framework or chosen_framework_id(owner)
    try:
        saved = assessment_save(user=owner, framework_id=framework_id, ratings=ratings, assessed_on=day)
    except ValidationError as error:
        _print_errors(error.message_dict if hasattr(error, "error_dict") else {"error": error.messages})
        errors.print("[red]Nothing was saved.[/red]")
        raise typer.Exit(1) from None
    console.print(f"Saved the self-assessment of {saved.assessed_on} in {framework_id}: {saved.ratings.count()} rated.")


@descriptors_app.command("import")
def descriptors_import(
    file: Annotated[Path, typer.Argument(help="A .csv (competency,level,descriptor) or .yaml/.yml descriptor file.")],
    user: Annotated[str, typer.Option("--user", help="The account's e-mail address.")],
    framework: Annotated[
        str | None, typer.Option("--framework", help="A framework id (default: the one the user works against).")
    ] = None,
) -> None:
    """Replace a user's descriptors for a framework with a file's; every bad line is reported, nothing is half-saved."""
    django_setup()
    quiet_logs()
    from django.core.exceptions import ValidationError

    from medpath.rows import RowsRejected
    from medpath.skills.services import assessment

    kind = DESCRIPTOR_FORMATS.get(file.suffix.lower())
    if kind is None:
        errors.print(f"[red]{file}: the name must end in .csv, .yaml or .yml (that says how to read it).[/red]")
        raise typer.Exit(2)
    owner = user_or_exit(user)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        errors.print(f"[red]Cannot read {file}: {error}[/red]")
        raise typer.Exit(2) from None
    framework_id = framework or assessment.chosen_framework_id(owner)
    try:
        saved = assessment.descriptors_import(user=owner, framework_id=framework_id, text=text, kind=kind)
    except RowsRejected as rejected:
        errors.print(f"[red]Nothing was imported: {len(rejected.problems)} problem(s).[/red]")
        for problem in rejected.problems:
            errors.print(f"  line {problem.line}, {problem.field}: {problem.message}")
        raise typer.Exit(1) from None
    except ValidationError as error:
        _print_errors(error.message_dict if hasattr(error, "error_dict") else {"error": error.messages})
        raise typer.Exit(1) from None
    console.print(f"Imported {saved} descriptors for {framework_id}.")
