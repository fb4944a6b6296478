"""``medpath network contacts``, ``follow-ups``, ``import-vcard``, ``export-vcard`` and ``import-contacts``: contacts and
follow-ups as a table or as the JSON the API answers (one function builds both), and vCard files in and out."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from medpath.commandline import console, django_setup, errors, quiet_logs, spreadsheet_import, user_or_exit
from medpath.network.commands import network_app

User = Annotated[str, typer.Option("--user", help="The account's e-mail address.")]


def _table(title: str, found: list[object]) -> Table:
    from medpath.network.api.contacts import NetworkContactOut
    from medpath.wording import day

    table = Table(title=title)
    for column in ("name", "tags", "last contact", "next follow-up"):
        table.add_column(column)
    for row in found:
        assert isinstance(row, NetworkContactOut)
        due = row.follow_up.due_on
        table.add_row(
            row.name + (" (mentor)" if row.is_mentor else ""),
            ", ".join(row.tags) or "—",
            day(row.last_contact) if row.last_contact else "—",
            day(due) if due else "—",
        )
    return table


@network_app.command("contacts")
def contacts(
    user: User,
    as_json: Annotated[bool, typer.Option("--json", help="Print what GET /api/v1/network/contacts answers.")] = False,
) -> None:
    """A user's contacts with their last contact and next follow-up."""
    django_setup()
    quiet_logs()
    from medpath.network.api.contacts import contacts_out

    found = contacts_out(user_or_exit(user))
    if as_json:
        sys.stdout.write(json.dumps([row.model_dump(mode="json") for row in found], indent=2) + "\n")
        return
    console.print(_table(f"Contacts of {user}", list(found)) if found else f"{user} has no contacts yet.")


@network_app.command("follow-ups")
def follow_ups(
    user: User,
    as_json: Annotated[bool, typer.Option("--json", help="Print what GET /api/v1/network/follow-ups answers.")] = False,
) -> None:
    """Contacts whose next follow-up is due, most overdue first."""
    django_setup()
    quiet_logs()
    from medpath.network.api.contacts import follow_ups_out

    found = follow_ups_out(user_or_exit(user))
    if as_json:
        sys.stdout.write(json.dumps([row.model_dump(mode="json") for row in found], indent=2) + "\n")
        return
    console.print(_table(f"Follow-ups due for {user}", list(found)) if found else "No follow-up is due.")


@network_app.command("import-vcard")
def import_vcard(
    file: Annotated[Path, typer.Argument(help="A .vcf file (vCard 3.0 or 4.0), at most 2 MB and 1,000 contacts.")],
    user: User,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only show what would be added.")] = False,
) -> None:
    """Add the contacts of a vCard file, all or nothing; every bad card is reported with its line."""
    django_setup()
    quiet_logs()
    from medpath.network.services.contacts import vcards_import
    from medpath.network.vcards import MAX_VCARD_BYTES, VcardsRejected

    owner = user_or_exit(user)
    try:
        with file.open("rb") as source:
            data = source.read(MAX_VCARD_BYTES + 1)
    except OSError as error:
        errors.print(f"[red]Cannot read {file}: {error.strerror}[/red]")
        raise typer.Exit(2) from None
    try:
        preview = vcards_import(user=owner, data=data, dry_run=dry_run)
    except VcardsRejected as rejected:
        errors.print(f"[red]Nothing was imported: {len(rejected.problems)} problem(s).[/red]")
        for problem in rejected.problems:  # line 0: the whole file
            errors.print(f"  line {problem.line}, {problem.field}: {problem.message}" if problem.line else f"  {problem.message}")
        raise typer.Exit(1) from None
    verb = "Would add" if dry_run else "Added"
    console.print(f"{verb} {len(preview.added)} contact(s); {len(preview.already_there)} already there.")
    for card in preview.added:
        console.print(f"  line {card.line}: {card.name}" + (f" <{card.email}>" if card.email else ""), markup=False)
        if card.not_imported:
            console.print(f"    not imported: {', '.join(card.not_imported)}", markup=False)
    for card in preview.already_there:
        console.print(f"  line {card.line}: {card.name}, skipped: one of your contacts has this name and e-mail", markup=False)


@network_app.command("export-vcard")
def export_vcard(
    user: User,
    out: Annotated[Path, typer.Option("--out", help="The .vcf file to write (replaced if it exists).")],
) -> None:
    """Write a user's contacts to a vCard 4.0 file."""
    django_setup()
    quiet_logs()
    from medpath.network import selectors
    from medpath.network.services.contacts import contact_card
    from medpath.network.vcards import write_vcards
    from medpath.usertime import user_today

    owner = user_or_exit(user)
    rows = selectors.contact_rows(owner, today=user_today(owner))
    try:
        out.write_text(write_vcards(contact_card(row.contact) for row in rows), encoding="utf-8")
    except OSError as error:
        errors.print(f"[red]Cannot write {out}: {error.strerror}[/red]")
        raise typer.Exit(2) from None
    console.print(f"Wrote {len(rows)} contact(s) to {out}.")


@network_app.command("import-contacts")
def import_contacts(
    file: Annotated[Path, typer.Argument(help="A CSV (UTF-8) or Excel .xlsx file, one person a row (see docs/network.md).")],
    user: User,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only show what would be added.")] = False,
    mapping: Annotated[
        list[str] | None,
        typer.Option("--map", help="Read a column of yours as a MedPath field: 'Company=organization' (repeat)."),
    ] = None,
    sheet: Annotated[str, typer.Option("--sheet", help="The workbook's sheet to read (default: the first).")] = "",
    privacy_confirmed: Annotated[
        bool, typer.Option("--privacy-confirmed", help="The text the privacy check flags identifies no patient: import it.")
    ] = False,
) -> None:
    """Add the contacts of a spreadsheet, all or nothing; every bad row is reported with its line and field."""
    django_setup()
    quiet_logs()
    from medpath.network.services.contacts import contacts_table_import

    preview = spreadsheet_import(
        contacts_table_import,
        file=file,
        user=user,
        mapping=mapping,
        sheet=sheet,
        dry_run=dry_run,
        privacy_confirmed=privacy_confirmed,
    )
    verb = "Would add" if dry_run else "Added"
    console.print(
        f"{verb} {len(preview.added)} contact(s), read from {preview.where}; {len(preview.skipped)} already there.", markup=False
    )
    for lines, summary in (*preview.added, *preview.skipped):
        console.print(f"  {lines}: {summary}", markup=False)
