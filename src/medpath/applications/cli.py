"""``medpath applications …``: list and start drafts, and print one ready to paste (or as the API's JSON)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from medpath.commandline import console, django_setup, errors, quiet_logs, user_or_exit

applications_app = typer.Typer(help="AMCAS Work/Activities and ERAS Experiences drafts, ready to paste.", no_args_is_help=True)
User = Annotated[str, typer.Option("--user", help="The account's e-mail address.")]


@applications_app.command("list")
def list_drafts(
    user: User,
    as_json: Annotated[bool, typer.Option("--json", help="Print what GET /api/v1/applications/drafts answers.")] = False,
) -> None:
    """A user's application drafts."""
    django_setup()
    quiet_logs()
    from medpath.applications.api import drafts_out

    found = drafts_out(user_or_exit(user))
    if as_json:
        sys.stdout.write(json.dumps([row.model_dump(mode="json") for row in found], indent=2) + "\n")
        return
    if not found:
        console.print(f"{user} has no application drafts yet.")
    for row in found:
        console.print(f"{row.id}  {row.format.upper()} {row.season}  {row.title}" + ("  (ready)" if row.ready else ""))


@applications_app.command("create")
def create(
    user: User,
    format: Annotated[str, typer.Option("--format", help="amcas or eras.")],
    season: Annotated[int, typer.Option("--season", help="The season the cycle is named for, e.g. 2027.")],
    title: Annotated[str, typer.Option("--title", help="A title for you, e.g. AMCAS 2027.")],
) -> None:
    """Start an empty draft; pick experiences into it on its page or through the API."""
    django_setup()
    quiet_logs()
    from django.core.exceptions import ValidationError

    from medpath.applications.services import draft_create

    owner = user_or_exit(user)
    try:
        draft = draft_create(user=owner, format=format, season=season, title=title)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.print(f"[red]--{field}: {' '.join(messages)}[/red]")
        raise typer.Exit(1) from None
    console.print(f"Draft {draft.pk} ({draft.get_format_display()}, {draft.season}) started.")


@applications_app.command("export")
def export(
    draft_id: Annotated[int, typer.Argument(help="The draft's id (see `medpath applications list`).")],
    user: User,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print what GET /api/v1/applications/drafts/{id}/export answers.")
    ] = False,
) -> None:
    """A draft ready to paste, field by field (Markdown), or the API's JSON."""
    django_setup()
    quiet_logs()
    from django.http import Http404

    from medpath.applications import selectors
    from medpath.applications.api import export_of
    from medpath.applications.models import ApplicationDraft
    from medpath.scoping import get_owned

    owner = user_or_exit(user)
    try:
        if as_json:
            sys.stdout.write(json.dumps(export_of(owner, draft_id).model_dump(mode="json"), indent=2) + "\n")
            return
        found = selectors.draft_export(owner, get_owned(ApplicationDraft, owner, pk=draft_id))
    except Http404:
        errors.print(f"[red]{owner.email} has no application draft {draft_id}.[/red]")
        raise typer.Exit(1) from None
    sys.stdout.write(selectors.export_markdown(found))
    for problem in found.problems:
        errors.print(f"[yellow]{problem}[/yellow]")


def register(app: typer.Typer) -> None:
    """Add these commands to the root ``medpath`` command."""
    app.add_typer(applications_app, name="applications")
