"""The ``medpath`` command: serve, init, demo, and Django's management commands."""

from __future__ import annotations

import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer
from rich.console import Console
from rich.table import Table

from medpath import __version__
from medpath.catalog.loader import Catalog
from medpath.plans.assumptions import DEFAULT_PART_TIME_FACTOR

if TYPE_CHECKING:
    from medpath.accounts.models import User
    from medpath.experience.workhours import LeaveHandling, Window

app = typer.Typer(
    name="medpath",
    help="MedPath: a career system for people in health care.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
console = Console()
errors = Console(stderr=True)


def _quiet_logs() -> None:
    """Commands that report in their own words keep MedPath's info log lines out of the output."""
    import logging

    logging.getLogger("medpath").setLevel(logging.WARNING)


def _django() -> None:
    """Load settings and apps; a bad setting ends the command with its message."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medpath.settings")
    import django

    from medpath.config import ConfigError

    try:
        django.setup()
    except ConfigError as error:
        errors.print(f"[red]Configuration error:[/red] {error}")
        raise typer.Exit(2) from None


def _migrate(verbose: bool = False) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1 if verbose else 0)


def _version(value: bool) -> None:
    if value:
        console.print(f"medpath {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """MedPath: a career system for people in health care."""


def _print_demo_logins() -> None:
    from medpath.demo import DEMO_PASSWORD, DEMO_PEOPLE

    table = Table(title="Demo logins (password for each: " + DEMO_PASSWORD + ")")
    table.add_column("E-mail")
    table.add_column("Who")
    for person in DEMO_PEOPLE:
        table.add_row(person.email, f"{person.full_name}, {person.about}")
    console.print(table)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    threads: Annotated[int, typer.Option(help="Worker threads.")] = 8,
    migrate: Annotated[bool, typer.Option(help="Apply database migrations before serving.")] = True,
    demo_if_empty: Annotated[bool, typer.Option(help="Load the demo users when the database has no users.")] = False,
) -> None:
    """Serve MedPath with waitress (a production WSGI server)."""
    if not 1 <= port <= 65535:
        errors.print(f"[red]--port {port} is not a port number (1–65535).[/red]")
        raise typer.Exit(2)
    if not os.environ.get("MEDPATH_BASE_URL", "").strip() and host not in {"0.0.0.0", "::"}:
        # E-mailed links and calendar feeds must point where this server listens.
        shown_host = f"[{host}]" if ":" in host else host
        os.environ["MEDPATH_BASE_URL"] = f"http://{shown_host}:{port}"
    _django()
    from django.conf import settings
    from waitress.server import create_server

    from medpath.accounts.models import User
    from medpath.demo import demo_load, demo_present
    from medpath.wsgi import application

    try:
        # Probe the port first: waitress leaves its socket open when binding fails.
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
        server = create_server(application, host=host, port=port, threads=threads, ident="medpath")
    except OSError as error:
        errors.print(
            f"[red]Cannot listen on {host}:{port}: {error.strerror or error}.[/red] Is another server using it? Try --port 8001."
        )
        raise typer.Exit(1) from None

    if migrate:
        with console.status("Preparing the database…"):
            _migrate()
    if demo_if_empty and not User.objects.exists():
        with console.status("Loading demo data…"):
            demo_load()
        console.print("Loaded the demo data (first run).")
    if demo_present():
        _print_demo_logins()
    url = f"http://{host}:{port}/" if host not in {"0.0.0.0", "::"} else settings.MEDPATH_BASE_URL + "/"
    console.print(f"[bold green]MedPath is running at {url}[/bold green]", soft_wrap=True)
    console.print(f"Data in {settings.DATA_DIR}. Press Ctrl+C to stop.", soft_wrap=True)
    try:
        server.run()
    except KeyboardInterrupt:
        console.print("Stopped.")
    finally:
        server.close()


@app.command()
def init(
    email: Annotated[str | None, typer.Option(help="E-mail address of the first user (asked if missing).")] = None,
    full_name: Annotated[str, typer.Option(help="Name of the first user.")] = "",
    no_user: Annotated[bool, typer.Option("--no-user", help="Only migrate the database.")] = False,
) -> None:
    """Migrate the database and create a user (password asked twice, or MEDPATH_INIT_PASSWORD)."""
    _django()
    _quiet_logs()
    from django.core.exceptions import ValidationError

    from medpath.accounts import services
    from medpath.accounts.models import User

    with console.status("Migrating the database…"):
        _migrate()
    console.print("Database is up to date.")
    if no_user:
        return
    email = email or typer.prompt("E-mail address")
    if User.objects.filter(email__iexact=email.strip()).exists():
        errors.print(f"[red]An account with {email} already exists.[/red]")
        raise typer.Exit(1)
    password = os.environ.get("MEDPATH_INIT_PASSWORD") or typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = services.user_create(email=email, password=password, full_name=full_name)
    except ValidationError as error:
        for message in error.messages:
            errors.print(f"[red]{message}[/red]")
        raise typer.Exit(1) from None
    console.print(f"Created {user.email}. Start MedPath with [bold]medpath serve[/bold] and log in.")


@app.command()
def demo(
    as_json: Annotated[bool, typer.Option("--json", help="Print the demo logins as JSON.")] = False,
) -> None:
    """Create (or refresh) the demo users and their records."""
    _django()
    _quiet_logs()
    from medpath.demo import DEMO_PASSWORD, demo_load

    _migrate()
    people = demo_load()
    if as_json:
        rows = [{"email": p.email, "password": DEMO_PASSWORD, "name": p.full_name, "about": p.about} for p in people]
        sys.stdout.write(json.dumps({"demo_logins": rows}, indent=2) + "\n")
        return
    _print_demo_logins()


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []},
)
def manage(ctx: typer.Context) -> None:
    """Run a Django management command, e.g. `medpath manage migrate` or `medpath manage help`."""
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["medpath manage", *ctx.args])


def _catalog_or_exit() -> Catalog:
    from medpath.catalog.loader import CatalogError, catalog

    try:
        return catalog()
    except CatalogError as error:
        errors.print(f"[red]The career catalog is invalid:[/red] {error}")
        raise typer.Exit(2) from None


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


@app.command()
def careers(
    search: Annotated[str, typer.Argument(help="Words to look for in names, aliases and bodies.")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON, each fact with its source.")] = False,
) -> None:
    """List the careers in the catalog (no account needed)."""
    from medpath.plans.explorer import CareerFilters, explore

    known = _catalog_or_exit()
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


@app.command()
def career(
    career_id: Annotated[str, typer.Argument(metavar="ID", help="The career's id, e.g. registered-nurse.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON, each fact with its source.")] = False,
) -> None:
    """Show one career: routes, stages, specialties and facts with sources."""
    from medpath.catalog.loader import UnknownCareerError

    known = _catalog_or_exit()
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


@app.command()
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

    known = _catalog_or_exit()
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


ce_app = typer.Typer(help="Continuing-education activities of a user.", no_args_is_help=True)
requirements_app = typer.Typer(help="Renewal requirement sets, without an account.", no_args_is_help=True)
app.add_typer(ce_app, name="ce")
app.add_typer(requirements_app, name="requirements")


def _user_or_exit(email: str) -> User:
    from medpath.accounts.models import User

    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        errors.print(f"[red]No account uses {email}.[/red]")
        raise typer.Exit(1)
    return user


@app.command()
def credentials(
    user: Annotated[str, typer.Option("--user", help="The account's e-mail address.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON with every rule's counted, required and missing amounts.")
    ] = False,
) -> None:
    """A user's credentials with their renewal status, most urgent first."""
    _django()
    _quiet_logs()
    from medpath.learning.api import credential_out
    from medpath.learning.selectors import credential_statuses

    owner = _user_or_exit(user)
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

    _django()
    _quiet_logs()
    from django.core.exceptions import ValidationError

    from medpath.learning import services

    owner = _user_or_exit(user)
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
        Path, typer.Argument(help="A CSV with columns title, completed_on, credit_type, amount, … (see docs/learning.md).")
    ],
    user: Annotated[str, typer.Option("--user", help="The account's e-mail address.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every row; save nothing.")] = False,
) -> None:
    """Import a transcript CSV: all rows or none; every bad row is reported with its line and column."""
    _django()
    _quiet_logs()
    from rich.progress import Progress

    from medpath.learning import services

    owner = _user_or_exit(user)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        errors.print(f"[red]Cannot read {file}: {error}[/red]")
        raise typer.Exit(2) from None
    rows = max(0, text.count("\n") - 1)
    with Progress(console=errors, transient=True) as progress:
        task = progress.add_task("Checking rows", total=rows or None)
        try:
            result = services.activities_import(
                user=owner,
                text=text,
                dry_run=dry_run,
                progress=lambda n: progress.advance(task, n),
            )
        except services.ImportRejected as rejected:
            progress.stop()
            errors.print(f"[red]Nothing was imported: {len(rejected.problems)} problem(s).[/red]")
            for problem in rejected.problems:
                errors.print(f"  line {problem.line}, {problem.field}: {problem.message}")
            raise typer.Exit(1) from None
    if isinstance(result, int):
        console.print(f"All {result} rows are valid (dry run: nothing saved).")
    else:
        console.print(f"Imported {len(result)} activities.")


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
    as_json: Annotated[bool, typer.Option("--json", help="Print status, deadline and rules as JSON.")] = False,
) -> None:
    """Check activities against a requirement set, straight from the catalog (no account, no database)."""
    import datetime as dt

    from medpath.catalog.requirement_schema import FACTS
    from medpath.learning.requirements import Activity, CreditAward, Cycle, add_months, evaluate
    from medpath.learning.rulesets import rule_set_from_spec
    from medpath.learning.transcripts import parse_rows

    known = _catalog_or_exit()
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
    if as_json:
        payload = {
            "set": spec.id,
            "status": result.status,
            "deadline": result.deadline.isoformat(),
            "days_left": result.days_left,
            "last_verified": spec.last_verified.isoformat(),
            "rules": [
                {
                    "id": r.id,
                    "label": r.label,
                    "applies": r.applies,
                    "required": r.required,
                    "counted": r.counted,
                    "missing": r.missing,
                    "met": r.met,
                    "allocation": [{"line": a, "amount": h} for a, h in r.allocation],
                }
                for r in result.rules
            ],
        }
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
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
    known = _catalog_or_exit()
    rows = sorted(known.requirement_sets.values(), key=lambda s: s.id)
    if as_json:
        sys.stdout.write(
            json.dumps(
                [
                    {
                        "id": s.id,
                        "name": s.name,
                        "issuer": s.issuer,
                        "cycle_months": s.cycle_months,
                        "last_verified": s.last_verified.isoformat(),
                    }
                    for s in rows
                ],
                indent=2,
            )
            + "\n"
        )
        return
    table = Table(title=f"{len(rows)} requirement sets")
    for column in ("id", "name", "cycle (months)", "last verified"):
        table.add_column(column)
    for spec in rows:
        table.add_row(spec.id, spec.name, str(spec.cycle_months), str(spec.last_verified))
    console.print(table)


hours_app = typer.Typer(help="Resident work hours (ACGME), without an account.", no_args_is_help=True)
app.add_typer(hours_app, name="hours")


@hours_app.command("check")
def hours_check(
    file: Annotated[Path, typer.Argument(help="Schedule CSV: resident,start,end,kind[,pgy,rotation] (see docs/experience.md).")],
    window: Annotated[str, typer.Option("--window", help="rolling (28-day windows) or rotation.")] = "rolling",
    leave: Annotated[str | None, typer.Option("--leave", help="omit (default: leave out of the average) or zero.")] = None,
    gap: Annotated[float, typer.Option("--gap", help="Hours apart below which periods count as continuous.")] = 1.0,
    column: Annotated[
        list[str] | None, typer.Option("--column", help="Map a column of yours to ours: 'Shift start=start' (repeat).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help='Print {"violations": [...], "advisories": [...]} as JSON.')] = False,
    workers: Annotated[int | None, typer.Option("--workers", help="Processes for large files (default: every core).")] = None,
) -> None:
    """Check a schedule against the ACGME work-hour rules (no account, no database)."""
    from dataclasses import replace

    from medpath.experience.batch import check_text
    from medpath.experience.schedule import OPTIONAL as COLUMNS_OPTIONAL
    from medpath.experience.schedule import REQUIRED as COLUMNS_REQUIRED
    from medpath.experience.schedule import ScheduleRejected
    from medpath.experience.standards import default_settings, limits, standard
    from medpath.experience.workhours import WorkHoursError

    if (
        window not in {"rolling", "rotation"}
        or (leave is not None and leave not in {"omit", "zero"})
        or not 0 < gap <= 12
        or (workers is not None and workers < 1)
    ):
        errors.print(
            "[red]--window is rolling or rotation; --leave is omit or zero; --gap is between 0 and 12 hours;"
            " --workers is at least 1.[/red]"
        )
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
    settings = replace(default_settings(), window=cast("Window", window), continuity_gap_hours=gap)
    if leave:
        settings = replace(settings, leave=cast("LeaveHandling", leave))
    try:
        report = check_text(text, mapping, limits(), settings, workers)
    except ScheduleRejected as rejected:
        problems = [{"line": p.line, "field": p.field, "message": p.message} for p in rejected.problems]
        _fail(as_json, problems)
    except WorkHoursError as error:
        _fail(as_json, [{"line": 0, "field": "schedule", "message": str(error)}])

    if as_json:
        payload = {
            **report.as_dict(),
            "standard": {"id": standard().id, "last_verified": standard().last_verified.isoformat()},
        }
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
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


@app.command()
def remind(dry_run: Annotated[bool, typer.Option("--dry-run", help="Count what is due without sending.")] = False) -> None:
    """Send due reminders (90, 60, 30 and 7 days before deadlines) and remind supervisors of verifications still
    unanswered a week before their link expires; run daily from one scheduler."""
    _django()
    _quiet_logs()
    from medpath.deadlines import run_reminder_jobs

    if dry_run:
        from medpath.accounts.models import User
        from medpath.learning.reminders import due_reminders
        from medpath.usertime import user_today

        table = Table(title="Reminders due (dry run: nothing sent)")
        for column in ("user", "deadline", "due on", "days left", "threshold"):
            table.add_column(column)
        count = 0
        for user in User.objects.filter(is_active=True).order_by("pk"):
            for item in due_reminders(user, user_today(user)):
                table.add_row(user.email, item.deadline.title, str(item.deadline.due), str(item.days_left), str(item.threshold))
                count += 1
        console.print(table)
    console.print("; ".join(run_reminder_jobs(dry_run=dry_run)) + ".")


@app.command()
def status(
    user: Annotated[str, typer.Option("--user", help="The account's e-mail address.")],
    as_json: Annotated[
        bool, typer.Option("--json", help='Print {"actions": [{pillar, title, reason, due, severity, url}]}.')
    ] = False,
) -> None:
    """What to do next across every pillar, most consequential first (what the dashboard shows at its top)."""
    _django()
    _quiet_logs()
    from medpath.home.selectors import next_actions

    actions = next_actions(_user_or_exit(user))
    if as_json:
        keys = ("pillar", "title", "reason", "due", "severity", "url")
        payload = {"actions": [{key: action.as_dict()[key] for key in keys} for action in actions]}
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return
    if not actions:
        console.print("Nothing to do right now.")
        return
    table = Table("severity", "what", "why", "due")
    for action in actions:
        table.add_row(action.severity, action.title, action.reason, action.due.isoformat() if action.due else "")
    console.print(table)


def main() -> None:
    """Console-script entry point."""
    app()
