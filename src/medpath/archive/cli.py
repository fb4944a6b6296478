"""The archive's commands: ``medpath export``, ``medpath import`` and ``medpath delete-account``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from medpath.commandline import console, django_setup, errors, quiet_logs, user_or_exit


def export(
    user: Annotated[str, typer.Option("--user", help="The account's e-mail address.")],
    out: Annotated[Path, typer.Option("--out", help="The zip file to write (replaced if it exists).")],
) -> None:
    """Write the account's full archive: every record as documented JSON, every uploaded file, a manifest with checksums."""
    django_setup()
    quiet_logs()
    from medpath.archive.services import archive_export

    owner = user_or_exit(user)
    folder = out.resolve().parent
    if not folder.is_dir():
        errors.print(f"[red]--out: the folder {folder} does not exist.[/red]")
        raise typer.Exit(2)
    # Built beside the target and renamed into place, so a failed export never leaves half a zip under that name.
    handle, partial = tempfile.mkstemp(prefix=".medpath-archive-", suffix=".zip", dir=folder)
    try:
        with os.fdopen(handle, "wb") as target:
            archive_export(user=owner, target=target)
        os.chmod(partial, 0o600)  # personal records, wellbeing included
        os.replace(partial, out)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    console.print(f"Archive of {owner.email} written to {out} ({out.stat().st_size:,} bytes).")


def import_archive(
    archive: Annotated[Path, typer.Argument(help="A zip made by `medpath export` or the profile page.")],
    as_email: Annotated[str, typer.Option("--as", help="Import as this e-mail address instead of the archive's.")] = "",
) -> None:
    """Create the archive's account (or fill an empty one) with everything in it; all or nothing. The new account has no
    password: its owner sets one with "Forgot your password?" on the login page."""
    django_setup()
    quiet_logs()
    from medpath.archive.package import ArchiveRefused
    from medpath.archive.services import archive_import

    try:
        with archive.open("rb") as source:
            user = archive_import(source=source, email=as_email or None)
    except OSError as error:
        errors.print(f"[red]Cannot read {archive}: {error.strerror or error}.[/red]")
        raise typer.Exit(2) from None
    except ArchiveRefused as error:
        errors.print(f"[red]Nothing imported.[/red] {error}")
        raise typer.Exit(1) from None
    console.print(
        f"Imported into {user.email}. To log in, its owner sets a password with “Forgot your password?” on the login page."
    )


def delete_account(
    user: Annotated[str, typer.Option("--user", help="The account's e-mail address.")],
    yes: Annotated[bool, typer.Option("--yes", help="Confirm: delete the account and everything in it, for good.")] = False,
) -> None:
    """Delete the account and every record, file, token, session, link, throttle and security-log row naming it."""
    django_setup()
    quiet_logs()
    from medpath.accounts.services import account_delete

    owner = user_or_exit(user)
    if not yes:
        errors.print(f"[red]Nothing deleted.[/red] Add --yes to delete {owner.email} and everything in it, for good.")
        raise typer.Exit(2)
    email = owner.email
    account_delete(user=owner)
    console.print(f"{email} and everything in it are deleted.")


def register(app: typer.Typer) -> None:
    """Add the archive's commands to the root ``medpath`` command."""
    app.command("export")(export)
    app.command("import")(import_archive)
    app.command("delete-account")(delete_account)
