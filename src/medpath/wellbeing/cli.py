"""The resilience pillar's commands: ``medpath wellbeing check-in | trend | delete-all`` and ``medpath support``.
``trend --json`` and ``support --json`` print what the API answers (one function builds both)."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table

from medpath.commandline import console, django_setup, quiet_logs, user_or_exit

wellbeing_app = typer.Typer(help="Resilience: private check-ins, their trend and signals.", no_args_is_help=True)
User = Annotated[str, typer.Option("--user", help="The account's e-mail address.")]


def _value(number: float | None, unit: str = "") -> str:
    return "—" if number is None else f"{number:g}{unit}"


@wellbeing_app.command("check-in")
def check_in(
    user: User,
    mood: Annotated[int, typer.Option(help="1 (very low) to 5 (very good).")],
    energy: Annotated[int, typer.Option(help="1 (exhausted) to 5 (full of energy).")],
    stress: Annotated[int, typer.Option(help="1 (none) to 5 (extreme).")],
    sleep: Annotated[float, typer.Option(help="Hours slept, 0 to 24 in half hours.")],
    burnout: Annotated[int, typer.Option(help="The burnout question's answer, 1 to 5 (medpath support lists the texts).")],
    day: Annotated[str, typer.Option(help="YYYY-MM-DD; today when left out.")] = "",
    note: Annotated[str, typer.Option(help="A private note.")] = "",
    privacy_confirmed: Annotated[
        bool, typer.Option("--privacy-confirmed", help="Save a note the privacy guard pointed at, as written.")
    ] = False,
) -> None:
    """Save a day's check-in (replacing that day's); prints no value back."""
    django_setup()
    quiet_logs()
    from django.core.exceptions import ValidationError

    from medpath.wellbeing.services import checkin_save

    owner = user_or_exit(user)
    try:
        on = datetime.strptime(day, "%Y-%m-%d").date() if day else None
    except ValueError:
        console.print("day: write the date as YYYY-MM-DD.")
        raise typer.Exit(2) from None
    try:
        checkin_save(
            user=owner,
            day=on,
            mood=mood,
            energy=energy,
            stress=stress,
            burnout=burnout,
            sleep_hours=str(sleep),
            note=note,
            privacy_confirmed=privacy_confirmed,
        )
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            console.print(f"{field}: {' '.join(messages)}")
        raise typer.Exit(1) from None
    console.print("Check-in saved.")


@wellbeing_app.command("trend")
def trend(
    user: User,
    as_json: Annotated[bool, typer.Option("--json", help="Print what GET /api/v1/wellbeing/trend answers.")] = False,
) -> None:
    """A user's weekly averages of the last twelve weeks beside their work hours, and any signals."""
    django_setup()
    quiet_logs()
    from medpath.wellbeing.schemas import trend_out
    from medpath.wording import day

    found = trend_out(user_or_exit(user))
    if as_json:
        sys.stdout.write(json.dumps(found.model_dump(mode="json"), indent=2) + "\n")
        return
    table = Table(title=f"Wellbeing trend of {user} (seen by them alone)")
    for column in ("week of", "check-ins", "mood", "energy", "stress", "burnout", "sleep", "hours worked"):
        table.add_column(column)
    for week in found.weeks:
        table.add_row(
            day(week.week_of),
            str(week.checkins),
            _value(week.mood),
            _value(week.energy),
            _value(week.stress),
            _value(week.burnout),
            _value(week.sleep_hours, " h"),
            _value(week.work_hours) if found.logs_shifts else "—",
        )
    console.print(table)
    for signal in found.signals:
        console.print(f"• {signal.message}")
    if found.signals:
        console.print("An observation, not a diagnosis. Support lines: medpath support")


@wellbeing_app.command("delete-all")
def delete_all(
    user: User,
    yes: Annotated[bool, typer.Option("--yes", help="Confirm: delete every check-in of the user, with their notes.")] = False,
) -> None:
    """Delete every check-in of a user in one step (asks unless --yes)."""
    django_setup()
    quiet_logs()
    from medpath.wellbeing.services import checkins_delete_all

    owner = user_or_exit(user)
    if not yes and not typer.confirm(f"Delete every check-in of {user}? This cannot be undone."):
        raise typer.Exit(1)
    deleted = checkins_delete_all(user=owner)
    console.print(f"{deleted} check-in{'s' if deleted != 1 else ''} deleted.")


def support(
    country: Annotated[
        str, typer.Option("--country", help="ISO 3166-1 code: US, GB, CA or AU; every country when left out.")
    ] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print what GET /api/v1/wellbeing/support answers.")] = False,
) -> None:
    """Crisis and support lines per country, with their sources and the day each was last verified."""
    django_setup()
    quiet_logs()
    from medpath.wellbeing.schemas import support_out
    from medpath.wording import day

    found = support_out(country)
    if found is None:
        console.print(f"MedPath lists no support lines for {country!r} yet.")
        raise typer.Exit(1)
    if as_json:
        sys.stdout.write(json.dumps(found.model_dump(mode="json"), indent=2) + "\n")
        return
    console.print("If you are in immediate danger, call your local emergency number.")
    for item in found.countries:
        table = Table(title=item.country_name)
        for column in ("line", "for whom", "reach", "hours", "verified"):
            table.add_column(column)
        for line in item.resources:
            reach = ", ".join(
                part
                for part in (f"call {line.phone}" if line.phone else "", f"text {line.text}" if line.text else "", line.web or "")
                if part
            )
            table.add_row(line.name, line.for_whom, reach, line.hours, f"{day(line.verified_on)} ({line.confidence})")
        console.print(table)


def register(app: typer.Typer) -> None:
    """Add this pillar's commands to the root ``medpath`` command."""
    app.add_typer(wellbeing_app, name="wellbeing")
    app.command("support")(support)
