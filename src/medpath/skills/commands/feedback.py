"""``medpath skills feedback …``: a person's feedback requests and their released results, and closing one."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.table import Table

from medpath.commandline import console, django_setup, errors, quiet_logs, user_or_exit
from medpath.skills.commands import skills_app

feedback_app = typer.Typer(help="Anonymous feedback from colleagues: requests and released results.", no_args_is_help=True)
skills_app.add_typer(feedback_app, name="feedback")

UserOption = Annotated[str, typer.Option("--user", help="The account's e-mail address.")]


@feedback_app.command("list")
def feedback_list(
    user: UserOption,
    as_json: Annotated[bool, typer.Option("--json", help="Print the API's answer (GET /api/v1/skills/feedback).")] = False,
) -> None:
    """Every feedback request: open ones with how many answered (never who), closed ones with their state."""
    django_setup()
    quiet_logs()
    from medpath.skills.api.feedback import feedback_json
    from medpath.skills.models import FeedbackRequest

    owner = user_or_exit(user)
    shown = [feedback_json(owner, row) for row in FeedbackRequest.objects.for_user(owner)]
    if as_json:
        sys.stdout.write(json.dumps([row.model_dump(mode="json") for row in shown], indent=2) + "\n")
        return
    table = Table(title=f"Feedback requests of {user}")
    for column in ("id", "name", "state", "answers", "last day"):
        table.add_column(column)
    for row in shown:
        table.add_row(str(row.id), row.title, row.state, f"{row.answers} of {len(row.raters)}", str(row.closes_on))
    console.print(table)


@feedback_app.command("show")
def feedback_show(
    request_id: Annotated[int, typer.Argument(help="The request's id (see `medpath skills feedback list`).")],
    user: UserOption,
    as_json: Annotated[bool, typer.Option("--json", help="Print the API's answer (GET /api/v1/skills/feedback/ID).")] = False,
) -> None:
    """One request: how many answered while open; the released results once closed."""
    django_setup()
    quiet_logs()
    from medpath.skills.api.feedback import feedback_json
    from medpath.skills.models import FeedbackRequest

    owner = user_or_exit(user)
    sent = FeedbackRequest.objects.for_user(owner).filter(pk=request_id).first()
    if sent is None:
        errors.print(f"[red]{owner.email} has no feedback request {request_id}.[/red]")
        raise typer.Exit(1)
    shown = feedback_json(owner, sent)
    if as_json:
        sys.stdout.write(json.dumps(shown.model_dump(mode="json"), indent=2) + "\n")
        return
    console.print(f"[bold]{shown.title}[/bold]: {shown.state}, {shown.answers} of {len(shown.raters)} answered.")
    if shown.state == "open":
        console.print(f"Open until the end of {shown.closes_on}; results then, if at least {shown.minimum_answers} answered.")
    elif shown.results is None:
        console.print(f"Closed with fewer than {shown.minimum_answers} answers: nothing can be shown.")
    else:
        for group in [shown.results.overall, *shown.results.by_role]:
            table = Table(title=f"{group.group}: {group.answers} answers")
            for column in ("statement", "mean", "1·2·3·4·5", "cannot assess"):
                table.add_column(column)
            for item in group.items:
                mean = f"{item.mean:.1f}" if item.mean is not None else "—"
                table.add_row(item.text, mean, " · ".join(map(str, item.counts)), str(item.cannot_assess))
            console.print(table)
        for comment in shown.results.comments:
            console.print(f"• {comment}")


@feedback_app.command("close")
def feedback_close(
    request_id: Annotated[int, typer.Argument(help="The request's id.")],
    user: UserOption,
) -> None:
    """Close a request now: links stop working; results are released if enough answered."""
    django_setup()
    quiet_logs()
    from django.http import Http404

    from medpath.skills.services.feedback import feedback_close as close

    owner = user_or_exit(user)
    try:
        sent = close(user=owner, pk=request_id)
    except Http404:
        errors.print(f"[red]{owner.email} has no feedback request {request_id}.[/red]")
        raise typer.Exit(1) from None
    if sent.withheld:
        console.print("Closed with too few answers: they were discarded unread.")
    else:
        console.print(f"Closed with {sent.answers} answers: see `medpath skills feedback show {sent.pk} --user {owner.email}`.")
