"""``medpath skills goals`` and ``medpath skills reflections``: a person's goals and reflections, as a table or as
the JSON the API answers (one function builds both)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.table import Table

from medpath.commandline import console, django_setup, quiet_logs, user_or_exit
from medpath.skills.commands import skills_app

User = Annotated[str, typer.Option("--user", help="The account's e-mail address.")]


def _names(framework_id: str, competency_ids: list[str]) -> str:
    """The competencies by name, as the pages show them."""
    from medpath.catalog.loader import catalog

    framework = catalog().frameworks.get(framework_id)
    names = {competency.id: competency.name for competency in framework.competencies} if framework else {}
    return ", ".join(names.get(cid, cid) for cid in competency_ids) or "—"


@skills_app.command("goals")
def goals(
    user: User,
    as_json: Annotated[bool, typer.Option("--json", help="Print what GET /api/v1/skills/goals answers.")] = False,
) -> None:
    """A user's goals: open ones first, soonest due first; then done and dropped."""
    django_setup()
    quiet_logs()
    from medpath.skills.api.journal import goals_out
    from medpath.wording import day

    owner = user_or_exit(user)
    found = goals_out(owner)
    if as_json:
        sys.stdout.write(json.dumps([goal.model_dump(mode="json") for goal in found], indent=2) + "\n")
        return
    table = Table(title=f"Goals of {user}")
    for column in ("goal", "due", "status", "competencies"):
        table.add_column(column)
    for goal in found:
        table.add_row(goal.title, day(goal.due_on), goal.status, _names(goal.framework_id, goal.competency_ids))
    console.print(table if found else f"{user} has no goals yet.")


@skills_app.command("reflections")
def reflections(
    user: User,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print what GET /api/v1/skills/reflections answers (with the texts).")
    ] = False,
) -> None:
    """A user's reflections, newest first (the table shows titles; --json holds the texts)."""
    django_setup()
    quiet_logs()
    from medpath.skills.api.journal import reflections_out
    from medpath.wording import day

    owner = user_or_exit(user)
    found = reflections_out(owner)
    if as_json:
        sys.stdout.write(json.dumps([row.model_dump(mode="json") for row in found], indent=2) + "\n")
        return
    table = Table(title=f"Reflections of {user}")
    for column in ("date", "title", "competencies"):
        table.add_column(column)
    for row in found:
        table.add_row(day(row.written_on), row.title, _names(row.framework_id, row.competency_ids))
    console.print(table if found else f"{user} has no reflections yet.")
