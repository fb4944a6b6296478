"""The ``medpath`` command: the platform's commands (serve, init, demo, manage, remind, status, tokens) and each pillar's,
gathered from ``medpath.<pillar>.cli`` (one module of commands per area)."""

from __future__ import annotations

import json
import os
import socket
import sys
from typing import Annotated

import typer
from rich.table import Table

from medpath import __version__
from medpath.applications import cli as applications_cli
from medpath.archive import cli as archive_cli
from medpath.commandline import console, django_setup, errors, migrate_database, quiet_logs, user_or_exit
from medpath.experience import cli as experience_cli
from medpath.learning import cli as learning_cli
from medpath.match import cli as match_cli
from medpath.network import cli as network_cli
from medpath.plans import cli as plans_cli
from medpath.portfolio import cli as portfolio_cli
from medpath.skills import cli as skills_cli
from medpath.wellbeing import cli as wellbeing_cli

app = typer.Typer(
    name="medpath",
    help="MedPath: a career system for people in health care.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


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
    django_setup()
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
            migrate_database()
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
    django_setup()
    quiet_logs()
    from django.core.exceptions import ValidationError

    from medpath.accounts import services
    from medpath.accounts.models import User

    with console.status("Migrating the database…"):
        migrate_database()
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
    django_setup()
    quiet_logs()
    from medpath.demo import DEMO_PASSWORD, demo_load

    migrate_database()
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
    django_setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["medpath manage", *ctx.args])


@app.command()
def remind(dry_run: Annotated[bool, typer.Option("--dry-run", help="Count what is due without sending.")] = False) -> None:
    """Send due reminders (90, 60, 30 and 7 days before deadlines) and remind supervisors of verifications still
    unanswered a week before their link expires; run daily from one scheduler."""
    django_setup()
    quiet_logs()
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
        bool,
        typer.Option("--json", help='Print the API\'s {"actions": [{key, pillar, title, reason, due, severity, url}]}.'),
    ] = False,
) -> None:
    """What to do next across every pillar, most consequential first (what the dashboard shows at its top)."""
    django_setup()
    quiet_logs()
    from medpath.home.selectors import next_actions

    actions = next_actions(user_or_exit(user))
    if as_json:  # the API's shape (GET /api/v1/actions)
        from medpath.home.schemas import actions_out

        sys.stdout.write(json.dumps(actions_out(actions).model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n")
        return
    if not actions:
        console.print("Nothing to do right now.")
        return
    table = Table("severity", "what", "why", "due")
    for action in actions:
        table.add_row(action.severity, action.title, action.reason, action.due.isoformat() if action.due else "")
    console.print(table)


tokens_app = typer.Typer(help="A user's personal API tokens: list, create, revoke (as on the API tokens page).")
app.add_typer(tokens_app, name="tokens")


@tokens_app.command("list")
def tokens_list(
    user: Annotated[str, typer.Option("--user", help="The account's e-mail address.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print id, name, prefix, created, last used and revoked.")] = False,
) -> None:
    """The user's tokens, newest first; a token itself is never shown again, only its first characters."""
    django_setup()
    quiet_logs()
    from medpath.accounts.selectors import token_list

    rows = [
        {
            "id": t.pk,
            "name": t.name,
            "prefix": t.prefix,
            "created_at": t.created_at.isoformat(),
            "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
            "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
        }
        for t in token_list(user=user_or_exit(user))
    ]
    if as_json:
        sys.stdout.write(json.dumps({"tokens": rows}, indent=2) + "\n")
        return
    if not rows:
        console.print("No tokens.")
        return
    table = Table("id", "name", "starts with", "created", "last used", "revoked")
    for row in rows:
        table.add_row(*(str(row[key] or "") for key in ("id", "name", "prefix", "created_at", "last_used_at", "revoked_at")))
    console.print(table)


@tokens_app.command("create")
def tokens_create(
    user: Annotated[str, typer.Option("--user", help="The account's e-mail address.")],
    name: Annotated[str, typer.Option("--name", help="What the token is for, e.g. 'nightly export'.")],
) -> None:
    """Issue a token: it is printed once, alone on standard output (to pipe into a secret store); keep it secret."""
    django_setup()
    quiet_logs()
    from django.core.exceptions import ValidationError

    from medpath.accounts.tokens import token_create

    owner = user_or_exit(user)
    try:
        issued = token_create(owner=owner, name=name)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.print(f"[red]--{field}: {' '.join(messages)}[/red]")
        raise typer.Exit(1) from None
    errors.print(f"Token {issued.token.pk} ({issued.token.name}) for {owner.email}; it is not shown again.")
    sys.stdout.write(issued.raw + "\n")


@tokens_app.command("revoke")
def tokens_revoke(
    token_id: Annotated[int, typer.Argument(help="The token's id (see `medpath tokens list`).")],
    user: Annotated[str, typer.Option("--user", help="The account's e-mail address.")],
) -> None:
    """Revoke one of the user's tokens: from then on it answers 401."""
    django_setup()
    quiet_logs()
    from django.http import Http404

    from medpath.accounts.tokens import token_revoke

    owner = user_or_exit(user)
    try:
        token = token_revoke(owner=owner, token_id=token_id)
    except Http404:
        errors.print(f"[red]{owner.email} has no token {token_id}.[/red]")
        raise typer.Exit(1) from None
    console.print(f"Token {token.pk} ({token.name}) is revoked.")


for _pillar in (
    plans_cli,
    learning_cli,
    experience_cli,
    skills_cli,
    network_cli,
    wellbeing_cli,
    applications_cli,
    portfolio_cli,
    match_cli,
):  # the documented order
    _pillar.register(app)
archive_cli.register(app)  # export, import, delete-account


def main() -> None:
    """Console-script entry point."""
    app()
