"""The Continuous learning pillar's commands: credentials, ce (add, read-certificate, import), requirements (check, list)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from medpath.commandline import catalog_or_exit, console, django_setup, errors, quiet_logs, user_or_exit


def register(app: typer.Typer) -> None:
    """Add this pillar's commands to the root ``medpath`` command."""
    app.command()(credentials)
    app.add_typer(ce_app, name="ce")
    app.add_typer(requirements_app, name="requirements")


ce_app = typer.Typer(help="Continuing-education activities of a user.", no_args_is_help=True)
requirements_app = typer.Typer(help="Renewal requirement sets, without an account.", no_args_is_help=True)


def credentials(
    user: Annotated[str, typer.Option("--user", help="The account's e-mail address.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON with every rule's counted, required and missing amounts.")
    ] = False,
) -> None:
    """A user's credentials with their renewal status, most urgent first."""
    django_setup()
    quiet_logs()
    from medpath.learning.api import credential_out
    from medpath.learning.selectors import credential_statuses

    owner = user_or_exit(user)
    statuses = credential_statuses(owner)
    if as_json:
        sys.stdout.write(
            json.dumps({"credentials": [credential_out(s).model_dump(mode="json") for s in statuses]}, indent=2) + "\n"
        )
        return
    table = Table(title=f"Credentials of {user}")
    for column in ("credential", "status", "deadline", "days left", "missing"):
        table.add_column(column)
    for status in statuses:
        missing = ""
        if status.evaluation:
            missing = "; ".join(
                f"{r.missing:g} {r.label}" for r in status.evaluation.rules if r.applies and r.missing and r.kind != "cap"
            )
        table.add_row(
            status.credential.name,
            status.status,
            str(status.deadline or "—"),
            str(status.days_left if status.days_left is not None else "—"),
            missing,
        )
    console.print(table)


@ce_app.command("add")
def ce_add(
    user: Annotated[str, typer.Option("--user", help="The account's e-mail address.")],
    title: Annotated[str, typer.Option("--title", help="The activity's title.")],
    completed: Annotated[str, typer.Option("--date", help="Completion date, YYYY-MM-DD.")],
    credits: Annotated[str, typer.Option("--credits", help="Credits awarded, e.g. 2.0.")],
    credit_type: Annotated[
        str, typer.Option("--type", help="Credit type, e.g. contact_hours or ama_pra_cat1.")
    ] = "contact_hours",
    topic: Annotated[list[str] | None, typer.Option("--topic", help="A topic (repeat for several).")] = None,
    activity_format: Annotated[
        str, typer.Option("--format", help="live, enduring, journal, conference, self-assessment, …")
    ] = "live",
    provider: Annotated[str, typer.Option("--provider", help="Who offered it.")] = "",
) -> None:
    """Record one activity for a user."""
    import datetime as dt
    from decimal import Decimal, InvalidOperation

    django_setup()
    quiet_logs()
    from django.core.exceptions import ValidationError

    from medpath.learning import services

    owner = user_or_exit(user)
    try:
        day = dt.date.fromisoformat(completed)
        amount = Decimal(credits)
    except (ValueError, InvalidOperation):
        errors.print("[red]--date must be YYYY-MM-DD and --credits a number.[/red]")
        raise typer.Exit(2) from None
    data = services.ActivityInput(
        title=title,
        completed_on=day,
        awards=[(credit_type, amount)],
        topics=list(topic or []),
        format=activity_format,
        provider=provider,
        keep_outside_cycles=True,
    )
    try:
        row = services.activity_create(user=owner, data=data)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                errors.print(f"[red]{name}: {message}[/red]")
        raise typer.Exit(1) from None
    console.print(f"Recorded “{row.title}” ({amount} {credit_type}, {day}).")


@ce_app.command("read-certificate")
def ce_read_certificate(
    file: Annotated[Path, typer.Argument(help="A certificate PDF (up to 10 MB).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print title, completed_on, credit_type, amount and evidence.")] = False,
) -> None:
    """Read what a certificate PDF states (no account, no database). A field it does not state explicitly stays empty."""
    from medpath.learning.certificates import MAX_CERTIFICATE_BYTES, read_certificate

    limit = MAX_CERTIFICATE_BYTES
    try:
        with file.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        errors.print(f"[red]Cannot read {file}: {error}[/red]")
        raise typer.Exit(2) from None
    if len(data) > limit:
        errors.print(f"[red]{file} is larger than {limit // (1024 * 1024)} MB; a certificate is smaller.[/red]")
        raise typer.Exit(2)
    reading = read_certificate(data)
    if as_json:
        sys.stdout.write(json.dumps(reading.as_dict(), indent=2, ensure_ascii=False) + "\n")
        return
    if reading.message:
        console.print(reading.message)
    table = Table("field", "value", "read from")
    table.add_row("title", reading.title or "—", reading.title_evidence)
    table.add_row("completed on", reading.completed_on.isoformat() if reading.completed_on else "—", reading.date_evidence)
    for award in reading.awards or ():
        table.add_row("credits", f"{award.amount:g} {award.credit_type or '(type not stated)'}", award.evidence)
    if not reading.awards:
        table.add_row("credits", "—", "")
    console.print(table)


@ce_app.command("import")
def ce_import(
    file: Annotated[
        Path,
        typer.Argument(
            help="A CSV (UTF-8) or .xlsx with columns title, completed_on, credit_type, amount, … (see docs/learning.md)."
        ),
    ],
    user: Annotated[str, typer.Option("--user", help="The account's e-mail address.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check every row and show what would be added; save nothing.")
    ] = False,
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="Read a column of yours as a MedPath column: 'Credits=amount' (repeat); columns not named are not read.",
        ),
    ] = None,
    sheet: Annotated[str, typer.Option("--sheet", help="The workbook's sheet to read (default: the first).")] = "",
    privacy_confirmed: Annotated[
        bool, typer.Option("--privacy-confirmed", help="The text the privacy check flags identifies no patient: import it.")
    ] = False,
) -> None:
    """Import a transcript (CSV or XLSX): all rows or none; every bad row is reported with its line and column."""
    from medpath.commandline import spreadsheet_import

    django_setup()
    quiet_logs()
    from medpath.learning import services

    preview = spreadsheet_import(
        services.activities_import,
        file=file,
        user=user,
        mapping=mapping,
        sheet=sheet,
        dry_run=dry_run,
        privacy_confirmed=privacy_confirmed,
    )
    verb = "Would add" if dry_run else "Imported"
    console.print(f"{verb} {len(preview.added)} activities, read from {preview.where}.", markup=False)
    for lines, summary in preview.added:
        console.print(f"  {lines}: {summary}", markup=False)


@requirements_app.command("check")
def requirements_check(
    set_id: Annotated[
        str,
        typer.Option(
            "--set", help="A requirement set id, e.g. ca-rn-licence (see `medpath requirements list`), or one in --rules."
        ),
    ],
    cycle_end: Annotated[str, typer.Option("--cycle-end", help="The renewal deadline, YYYY-MM-DD.")],
    activities: Annotated[Path, typer.Option("--activities", help="Activities CSV (the import format).")],
    rules_file: Annotated[
        Path | None,
        typer.Option(
            "--rules",
            help="Your own rule file (YAML, the format the Renewal rules page imports); --set names one of its sets.",
        ),
    ] = None,
    cycle_start: Annotated[
        str | None, typer.Option("--cycle-start", help="Cycle start (default: the set's cycle length before the end).")
    ] = None,
    renewal: Annotated[int, typer.Option("--renewal", help="Which renewal this is (1 = the first after issue).")] = 2,
    fact: Annotated[
        list[str] | None,
        typer.Option(
            "--fact",
            help="A holder fact that is true: prescriber, aprn, direct_patient_care, nationally_certified, in_fellowship.",
        ),
    ] = None,
    today: Annotated[str | None, typer.Option("--today", help="Evaluate as of this date (default today).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print status, deadline and rules as JSON (the API's shape).")] = False,
) -> None:
    """Check activities against a requirement set, straight from the catalog (no account, no database)."""
    import datetime as dt

    from medpath.catalog.requirement_schema import FACTS
    from medpath.learning.requirements import Activity, CreditAward, Cycle, add_months, evaluate
    from medpath.learning.rulesets import rule_set_from_spec
    from medpath.learning.transcripts import parse_rows

    known = catalog_or_exit()
    available = dict(known.requirement_sets)
    if rules_file is not None:
        from medpath.learning.rulesets import RulesFileError, parse_own_rule_sets

        try:
            own = parse_own_rule_sets(rules_file.read_text(encoding="utf-8-sig"))  # its own ids, even a catalog one
        except (OSError, UnicodeDecodeError) as error:
            errors.print(f"[red]Cannot read {rules_file}: {error}[/red]")
            raise typer.Exit(2) from None
        except RulesFileError as error:
            errors.print(f"[red]{rules_file}: {error}[/red]")
            raise typer.Exit(1) from None
        available = {spec.id: spec for spec in own.sets}
    spec = available.get(set_id)
    if spec is None:
        where = f"in {rules_file}" if rules_file is not None else "in the catalog"
        errors.print(f"[red]No requirement set {set_id!r} {where}.[/red] Known: {', '.join(sorted(available))}")
        raise typer.Exit(1)
    try:
        end = dt.date.fromisoformat(cycle_end)
        start = dt.date.fromisoformat(cycle_start) if cycle_start else add_months(end, -spec.cycle_months) + dt.timedelta(days=1)
        as_of = dt.date.fromisoformat(today) if today else dt.date.today()
    except ValueError:
        errors.print("[red]Dates must be YYYY-MM-DD.[/red]")
        raise typer.Exit(2) from None
    unknown = [name for name in fact or [] if name not in FACTS]
    if unknown:
        errors.print(f"[red]Unknown fact(s) {', '.join(unknown)}; known: {', '.join(FACTS)}[/red]")
        raise typer.Exit(2)
    try:
        parsed, problems = parse_rows(activities.read_text(encoding="utf-8-sig"), as_of)
    except (OSError, UnicodeDecodeError) as error:
        errors.print(f"[red]Cannot read {activities}: {error}[/red]")
        raise typer.Exit(2) from None
    if problems:
        if as_json:
            rows = [{"line": p.line, "field": p.field, "message": p.message} for p in problems]
            sys.stdout.write(json.dumps({"error": "invalid activities", "problems": rows}, indent=2) + "\n")
        else:
            for problem in problems:
                errors.print(f"[red]line {problem.line}, {problem.field}: {problem.message}[/red]")
        raise typer.Exit(1)
    items = [
        Activity(
            str(line),
            data.title,
            data.completed_on,
            tuple(CreditAward(t, float(a)) for t, a in data.awards),
            frozenset(data.topics),
            data.format,
        )
        for line, data in parsed
        if data.completed_on is not None
    ]
    result = evaluate(
        rule_set_from_spec(spec), Cycle(start, end, renewal), items, today=as_of, facts=dict.fromkeys(fact or [], True)
    )
    if as_json:  # the API's shape (EvaluationOut); an allocation's item is the activity's line in the file
        from medpath.learning.schemas import evaluation_out

        out = evaluation_out(result, set_id=spec.id, set_name=spec.name, last_verified=spec.last_verified)
        sys.stdout.write(out.model_dump_json(indent=2) + "\n")
        return
    console.print(f"[bold]{spec.name}[/bold]: {result.status} — deadline {result.deadline} ({result.days_left} days)")
    table = Table()
    for column in ("rule", "required", "counted", "missing"):
        table.add_column(column)
    for r in result.rules:
        table.add_row(
            r.label, f"{r.required:g}", f"{r.counted:g}" if r.applies else "—", f"{r.missing:g}" if r.applies else "n/a"
        )
    console.print(table)
    console.print(f"Rules last verified {spec.last_verified}; confirm with {spec.issuer}.")


@requirements_app.command("list")
def requirements_list(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """The requirement sets in the catalog."""
    known = catalog_or_exit()
    rows = sorted(known.requirement_sets.values(), key=lambda s: s.id)
    if as_json:  # the API's shape (RequirementSetOut)
        from medpath.learning.schemas import requirement_set_out

        payload = [requirement_set_out(s.id, s, known.sources).model_dump(mode="json") for s in rows]
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return
    table = Table(title=f"{len(rows)} requirement sets")
    for column in ("id", "name", "cycle (months)", "last verified"):
        table.add_column(column)
    for spec in rows:
        table.add_row(spec.id, spec.name, str(spec.cycle_months), str(spec.last_verified))
    console.print(table)
