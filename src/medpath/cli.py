"""The ``medpath`` command: serve, init, demo, and Django's management commands."""

from __future__ import annotations

import json
import os
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from medpath import __version__

app = typer.Typer(
    name="medpath",
    help="MedPath: a career system for people in health care.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
console = Console()
errors = Console(stderr=True)


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
    _django()
    from django.conf import settings
    from waitress import serve as waitress_serve

    from medpath.accounts.models import User
    from medpath.demo import demo_load, demo_present
    from medpath.wsgi import application

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
    console.print(f"[bold green]MedPath is running at {url}[/bold green]  (data in {settings.DATA_DIR}; Ctrl+C stops it)")
    waitress_serve(application, host=host, port=port, threads=threads, ident="medpath", _quiet=True)


@app.command()
def init(
    email: Annotated[str | None, typer.Option(help="E-mail address of the first user (asked if missing).")] = None,
    full_name: Annotated[str, typer.Option(help="Name of the first user.")] = "",
    admin: Annotated[bool, typer.Option(help="Make the user a superuser (staff).")] = False,
    no_user: Annotated[bool, typer.Option("--no-user", help="Only migrate the database.")] = False,
) -> None:
    """Migrate the database and create a user (password asked twice, or MEDPATH_INIT_PASSWORD)."""
    _django()
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
    if admin:
        User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
    console.print(f"Created {user.email}. Start MedPath with [bold]medpath serve[/bold] and log in.")


@app.command()
def demo(
    as_json: Annotated[bool, typer.Option("--json", help="Print the demo logins as JSON.")] = False,
) -> None:
    """Create (or refresh) the demo users and their records."""
    _django()
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


def main() -> None:
    """Console-script entry point."""
    app()
