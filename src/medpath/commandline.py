"""What every ``medpath`` command shares: the consoles, Django's set-up, and finding a user or the catalog.

Platform: each pillar's commands (``medpath.<pillar>.cli``) and the root (``medpath.cli``) use it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console

from medpath.catalog.loader import Catalog

if TYPE_CHECKING:
    from medpath.accounts.models import User
    from medpath.importing import Preview

console = Console()
errors = Console(stderr=True)


def quiet_logs() -> None:
    """Commands that report in their own words keep MedPath's info log lines out of the output."""
    import logging

    logging.getLogger("medpath").setLevel(logging.WARNING)


def django_setup() -> None:
    """Load settings and apps once (a second ``django.setup()`` would configure logging again, dropping handlers
    others added); a bad setting ends the command with its message."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medpath.settings")
    import django
    from django.apps import apps

    if apps.ready:
        return

    from medpath.config import ConfigError

    try:
        django.setup()
    except ConfigError as error:
        errors.print(f"[red]Configuration error:[/red] {error}")
        raise typer.Exit(2) from None


def migrate_database(verbose: bool = False) -> None:
    """Bring the database up to date."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1 if verbose else 0)
    from django.conf import settings

    from medpath.config import protect_file

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and str(database["NAME"]) != ":memory:":
        protect_file(Path(str(database["NAME"])))  # sqlite creates it world-readable (0644 under the usual umask)


def catalog_or_exit() -> Catalog:
    """The catalog, or the command ends with what is wrong in it."""
    from medpath.catalog.loader import CatalogError, catalog

    try:
        return catalog()
    except CatalogError as error:
        errors.print(f"[red]The career catalog is invalid:[/red] {error}")
        raise typer.Exit(2) from None


def user_or_exit(email: str) -> User:
    """The account with this e-mail address, or the command ends saying there is none."""
    from medpath.accounts.models import User

    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        errors.print(f"[red]No account uses {email}.[/red]")
        raise typer.Exit(1)
    return user


def spreadsheet_import(
    service: Callable[..., Preview],
    *,
    file: Path,
    user: str,
    mapping: list[str] | None,
    sheet: str,
    dry_run: bool,
    privacy_confirmed: bool,
) -> Preview:
    """Run a spreadsheet import service (``entries_import``, ``contacts_table_import``) for a command: read the file,
    parse ``--map``, and end the command with every problem of a refused file (exit 1) or of the options (exit 2)."""
    from medpath.importing import parse_mapping
    from medpath.rows import RowsRejected
    from medpath.tabular import LIMITS

    owner = user_or_exit(user)
    try:
        chosen = parse_mapping(mapping or [])
    except ValueError as error:
        errors.print(f"[red]--map {error}[/red]")
        raise typer.Exit(2) from None
    try:
        with file.open("rb") as source:
            data = source.read(LIMITS.max_bytes + 1)
    except OSError as error:
        errors.print(f"[red]Cannot read {file}: {error.strerror}[/red]")
        raise typer.Exit(2) from None
    options: dict[str, Any] = {"mapping": chosen, "sheet": sheet, "dry_run": dry_run, "privacy_confirmed": privacy_confirmed}
    try:
        return service(user=owner, data=data, filename=file.name, **options)
    except RowsRejected as rejected:
        errors.print(f"[red]Nothing was imported: {len(rejected.problems)} problem(s).[/red]")
        for problem in rejected.problems:
            errors.print(f"  {problem}", markup=False)
        raise typer.Exit(1) from None
