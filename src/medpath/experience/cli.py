"""The Hands-on experience pillar's commands: hours check, and the experience log's spreadsheet import."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from medpath.commandline import console, errors


def register(app: typer.Typer) -> None:
    """Add this pillar's commands to the root ``medpath`` command."""
    app.add_typer(hours_app, name="hours")
    app.add_typer(experience_app, name="experience")


hours_app = typer.Typer(help="Resident work hours (ACGME), without an account.", no_args_is_help=True)


@hours_app.command("check")
def hours_check(
    file: Annotated[Path, typer.Argument(help="Schedule CSV: resident,start,end,kind[,pgy,rotation] (see docs/experience.md).")],
    window: Annotated[str, typer.Option("--window", help="rolling (28-day windows) or rotation.")] = "rolling",
    leave: Annotated[str | None, typer.Option("--leave", help="omit (default: leave out of the average) or zero.")] = None,
    gap: Annotated[float, typer.Option("--gap", help="Hours apart below which periods count as continuous.")] = 1.0,
    column: Annotated[
        list[str] | None, typer.Option("--column", help="Map a column of yours to ours: 'Shift start=start' (repeat).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help='Print the API\'s report: {"violations": [...], "advisories": [...], ...}.')
    ] = False,
    workers: Annotated[int | None, typer.Option("--workers", help="Processes for large files (default: every core).")] = None,
) -> None:
    """Check a schedule against the ACGME work-hour rules (no account, no database)."""
    from medpath.experience.batch import check_text
    from medpath.experience.schedule import OPTIONAL as COLUMNS_OPTIONAL
    from medpath.experience.schedule import REQUIRED as COLUMNS_REQUIRED
    from medpath.experience.schedule import ScheduleRejected
    from medpath.experience.standards import SettingsRejected, chosen_settings, limits, report_json
    from medpath.experience.workhours import WorkHoursError

    try:
        settings = chosen_settings(window=window, leave=leave, gap=gap)
    except SettingsRejected as rejected:
        errors.print(f"[red]--{rejected.field}: {rejected}[/red]")
        raise typer.Exit(2) from None
    if workers is not None and workers < 1:
        errors.print("[red]--workers is at least 1.[/red]")
        raise typer.Exit(2)
    mapping: dict[str, str] = {}
    for pair in column or []:
        theirs, _, ours = pair.rpartition("=")
        if not theirs.strip() or ours.strip() not in (*COLUMNS_REQUIRED, *COLUMNS_OPTIONAL):
            errors.print(
                f"[red]--column {pair!r}: write THEIRS=OURS, OURS one of resident, start, end, kind, pgy, rotation.[/red]"
            )
            raise typer.Exit(2)
        mapping[theirs.strip()] = ours.strip()
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        errors.print(f"[red]Cannot read {file}: {error}[/red]")
        raise typer.Exit(2) from None
    try:
        report = check_text(text, mapping, limits(), settings, workers)
    except ScheduleRejected as rejected:
        problems = [{"line": p.line, "field": p.field, "message": p.message} for p in rejected.problems]
        _fail(as_json, problems)
    except WorkHoursError as error:
        _fail(as_json, [{"line": 0, "field": "schedule", "message": str(error)}])

    if as_json:  # the API's body (POST /api/v1/experience/work-hours/check)
        sys.stdout.write(json.dumps(report_json(report), indent=2) + "\n")
        return
    for title, findings in (
        ("Violations", report.violations),
        ("Advisories", report.advisories),
        ("Near the limit", report.warnings),
    ):
        table = Table(title=f"{title} ({len(findings)})")
        table.add_column("rule", no_wrap=True)
        for heading in ("resident", "from", "to", "value", "limit"):
            table.add_column(heading)
        for f in findings:
            table.add_row(f.rule, f.resident, _when(f.start), _when(f.end), f"{f.value:g}", f"{f.limit:g}")
        console.print(table)
        for f in findings:
            if f.hint:  # how the finding may come from the way hours were recorded
                console.print(f"{f.resident}, {_when(f.start)}: {f.hint}")
    for note in report.notes:
        console.print(note)


def _when(moment: object) -> str:
    """A finding's bound, short: a date, or a local date and time."""
    if isinstance(moment, datetime):
        return moment.strftime("%Y-%m-%d %H:%M")
    return str(moment)


def _fail(as_json: bool, problems: list[dict[str, object]]) -> None:
    if as_json:
        sys.stdout.write(json.dumps({"error": "invalid schedule", "problems": problems}, indent=2) + "\n")
    else:
        for problem in problems:
            errors.print(f"[red]line {problem['line']}, {problem['field']}: {problem['message']}[/red]")
    raise typer.Exit(1)


experience_app = typer.Typer(help="The experience log: import from a spreadsheet.", no_args_is_help=True)


@experience_app.command("import")
def entries_import(
    file: Annotated[
        Path, typer.Argument(help="A CSV (UTF-8) or Excel .xlsx file, one experience a row (see docs/experience.md).")
    ],
    user: Annotated[str, typer.Option("--user", help="The account's e-mail address.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check every row and show what would be added; save nothing.")
    ] = False,
    mapping: Annotated[
        list[str] | None, typer.Option("--map", help="Read a column of yours as a MedPath field: 'Start=started_on' (repeat).")
    ] = None,
    sheet: Annotated[str, typer.Option("--sheet", help="The workbook's sheet to read (default: the first).")] = "",
    privacy_confirmed: Annotated[
        bool, typer.Option("--privacy-confirmed", help="The text the privacy check flags identifies no patient: import it.")
    ] = False,
) -> None:
    """Add experiences from a spreadsheet, all or nothing; every bad row is reported with its line and field."""
    from medpath.commandline import django_setup, quiet_logs, spreadsheet_import

    django_setup()
    quiet_logs()
    from medpath.experience import services

    preview = spreadsheet_import(
        services.entries_import,
        file=file,
        user=user,
        mapping=mapping,
        sheet=sheet,
        dry_run=dry_run,
        privacy_confirmed=privacy_confirmed,
    )
    verb = "Would add" if dry_run else "Added"
    console.print(f"{verb} {len(preview.added)} experience(s), read from {preview.where}.", markup=False)
    for lines, summary in preview.added:
        console.print(f"  {lines}: {summary}", markup=False)
