"""The Match commands: ``medpath match run`` matches an instance file (no account or database needed); ``lists``,
``new-list``, ``add`` and ``show`` keep a person's rank lists, with the advisor's checks."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from medpath.commandline import console, django_setup, errors, quiet_logs, user_or_exit

match_app = typer.Typer(help="The residency Match: simulate a match of an instance file.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the Match commands to the root ``medpath`` command."""
    app.add_typer(match_app, name="match")


@match_app.command("run")
def run(
    instance_file: Annotated[Path, typer.Argument(metavar="INSTANCE.json", help="The instance (format: docs/match.md).")],
    seed: Annotated[int, typer.Option("--seed", help="Order of entry of singles and couples (same seed, same result).")] = 0,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the matching, stability, blocking pairs, seconds and statistics.")
    ] = False,
) -> None:
    """Match an instance with couples (deferred acceptance, applicants proposing) and check the result's stability."""
    from medpath.match.engine import answer, solve
    from medpath.match.instance import MAX_BYTES, InstanceError, loads

    try:
        if instance_file.stat().st_size > MAX_BYTES:
            raise InstanceError([f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB"])
        instance = loads(instance_file.read_bytes())
    except OSError as error:
        errors.print(f"Cannot read {instance_file}: {error.strerror or error}")
        raise typer.Exit(2) from None
    except InstanceError as error:
        errors.print(f"{instance_file} cannot be matched; nothing was run:")
        for line in error.errors[:50]:
            errors.print(f"  - {line}", markup=False, highlight=False)
        if len(error.errors) > 50:
            errors.print(f"  … and {len(error.errors) - 50} more")
        raise typer.Exit(2) from None
    result = solve(instance, seed=seed)
    if as_json:
        sys.stdout.write(json.dumps(answer(instance, result), ensure_ascii=False) + "\n")
        return
    stats = result.stats
    table = Table("", "", show_header=False)
    table.add_row("applicants", f"{stats['applicants']:,}")
    table.add_row("matched", f"{stats['matched']:,} ({float(str(stats['matched_share'])):.1%})")
    table.add_row("positions filled", f"{stats['positions_filled']:,} of {stats['positions']:,}")
    if instance.couples:
        table.add_row("couples with both matched", f"{stats['couples_both_matched']:,} of {stats['couples']:,}")
    by_rank = stats["singles_by_rank"]
    assert isinstance(by_rank, dict)
    firsts = ", ".join(f"#{rank}: {count:,}" for rank, count in list(by_rank.items())[:5])
    if len(by_rank) > 5:
        firsts += ", … (--json has them all)"
    if firsts:
        table.add_row("singles matched at", firsts)
    count = len(result.blocking)
    table.add_row("stable", "yes" if result.stable else f"no: {count:,} blocking pair{'s' if count != 1 else ''}")
    table.add_row("seconds", f"{result.seconds:.2f}")
    console.print(table)
    if not result.stable:
        errors.print(
            "No stable matching was found"
            + (" (the re-entry of blocking pairs went in a cycle)" if result.cycle else "")
            + "; --json lists the blocking pairs. With couples a stable matching need not exist."
        )


User = Annotated[str, typer.Option("--user", help="The account's e-mail address.")]


def _refused(error: Exception) -> typer.Exit:
    from django.core.exceptions import ValidationError

    if isinstance(error, ValidationError):
        for field, messages in error.message_dict.items():
            errors.print(f"--{field.replace('_', '-')}: {' '.join(messages)}", markup=False, highlight=False)
    else:
        errors.print(str(error), markup=False, highlight=False)
    return typer.Exit(1)


@match_app.command("lists")
def lists(
    user: User,
    as_json: Annotated[bool, typer.Option("--json", help="Print what GET /api/v1/match/lists answers.")] = False,
) -> None:
    """A user's rank order lists."""
    django_setup()
    quiet_logs()
    from medpath.match.api import list_out
    from medpath.match.selectors import rank_lists

    found = [list_out(rank_list) for rank_list in rank_lists(user_or_exit(user))]
    if as_json:
        sys.stdout.write(json.dumps([row.model_dump(mode="json") for row in found], indent=2) + "\n")
        return
    if not found:
        console.print(f"{user} has no rank list yet.")
    for row in found:
        console.print(f"{row.id}  {row.season}  {row.title}", markup=False, highlight=False)


@match_app.command("new-list")
def new_list(
    user: User,
    title: Annotated[str, typer.Option("--title", help="A title for you, e.g. 2027 Main Match.")],
    season: Annotated[int, typer.Option("--season", help="The Match year, e.g. 2027.")],
    applicant_type: Annotated[
        str, typer.Option("--applicant-type", help="us-md-senior, us-do-senior, us-img, non-us-img or other.")
    ] = "other",
) -> None:
    """Start an empty rank list."""
    django_setup()
    quiet_logs()
    from django.core.exceptions import ValidationError

    from medpath.match.services import list_create

    try:
        made = list_create(user=user_or_exit(user), title=title, season=season, applicant_type=applicant_type)
    except ValidationError as error:
        raise _refused(error) from None
    console.print(f"Rank list {made.pk} ({made.season}) started.")


@match_app.command("add")
def add(
    list_id: Annotated[int, typer.Argument(help="The list's id (see `medpath match lists`).")],
    user: User,
    name: Annotated[str, typer.Option("--name", help="The program, e.g. City General Internal Medicine.")],
    specialty: Annotated[str, typer.Option("--specialty", help="Its specialty (counts contiguous ranks).")] = "",
    city: Annotated[str, typer.Option("--city", help="Its city.")] = "",
    region: Annotated[str, typer.Option("--region", help="Its state or region (a couple's distance bands).")] = "",
    left_off: Annotated[bool, typer.Option("--left-off", help="Keep it on the page but not on the list.")] = False,
) -> None:
    """Add a program at the end of a rank list."""
    django_setup()
    quiet_logs()
    from django.core.exceptions import ValidationError
    from django.http import Http404

    from medpath.match.services import program_add

    owner = user_or_exit(user)
    try:
        program = program_add(
            user=owner, list_id=list_id, name=name, specialty=specialty, city=city, region=region, ranked=not left_off
        )
    except Http404:
        errors.print(f"{owner.email} has no rank list {list_id}.", markup=False, highlight=False)
        raise typer.Exit(1) from None
    except ValidationError as error:
        raise _refused(error) from None
    where = f"ranked {program.position}" if program.ranked else "left off the list"
    console.print(f"Program {program.pk} added ({where}).", markup=False, highlight=False)


@match_app.command("show")
def show(
    list_id: Annotated[int, typer.Argument(help="The list's id (see `medpath match lists`).")],
    user: User,
    as_json: Annotated[bool, typer.Option("--json", help="Print what GET /api/v1/match/lists/{id} answers.")] = False,
) -> None:
    """A rank list in order, with the advisor's checks and the NRMP sentences they rest on."""
    django_setup()
    quiet_logs()
    from django.http import Http404

    from medpath.match.api import list_detail_out
    from medpath.match.models import RankList
    from medpath.scoping import get_owned

    owner = user_or_exit(user)
    try:
        detail = list_detail_out(owner, get_owned(RankList, owner, pk=list_id))
    except Http404:
        errors.print(f"{owner.email} has no rank list {list_id}.", markup=False, highlight=False)
        raise typer.Exit(1) from None
    if as_json:
        sys.stdout.write(json.dumps(detail.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n")
        return
    console.print(f"{detail.title} ({detail.season} Match)", markup=False, highlight=False)
    for program in detail.programs:
        rank = f"{program.position:>3}." if program.position else "  –  (left off)"
        place = ", ".join(part for part in (program.specialty, program.city) if part)
        console.print(f"{rank} {program.name}" + (f"  [{place}]" if place else ""), markup=False, highlight=False)
    for item in detail.report.advice:
        marker = "!" if item.level == "warning" else "-"
        console.print(f"{marker} {item.message}", markup=False, highlight=False)
        if item.quote:
            console.print(f'    "{item.quote}" ({item.source_url})', markup=False, highlight=False)
    for missing in detail.report.missing:
        console.print(f"  not in MedPath: {missing}", markup=False, highlight=False)


@match_app.command("couples")
def couples(
    user: User,
    as_json: Annotated[bool, typer.Option("--json", help="Print what GET /api/v1/match/couples answers.")] = False,
) -> None:
    """The couples a user is a partner of."""
    django_setup()
    quiet_logs()
    from medpath.match.api import couple_out
    from medpath.match.selectors import couples as couples_of

    owner = user_or_exit(user)
    found = [couple_out(owner, couple) for couple in couples_of(owner)]
    if as_json:
        sys.stdout.write(json.dumps([row.model_dump(mode="json") for row in found], indent=2) + "\n")
        return
    if not found:
        console.print(f"{user} is in no couple yet.")
    for row in found:
        partner = row.partner or "(invitation not accepted yet)"
        console.print(f"{row.id}  with {partner}  policy {row.policy}", markup=False, highlight=False)


@match_app.command("paired")
def paired(
    couple_id: Annotated[int, typer.Argument(help="The couple's id (see `medpath match couples`).")],
    user: User,
    as_json: Annotated[bool, typer.Option("--json", help="Print what GET /api/v1/match/couples/{id} answers.")] = False,
) -> None:
    """A couple's paired rank list, first choice first (No Match where a partner goes unmatched)."""
    django_setup()
    quiet_logs()
    from django.http import Http404

    from medpath.match.api import couple_detail_out
    from medpath.match.selectors import couple_for

    owner = user_or_exit(user)
    try:
        detail = couple_detail_out(owner, couple_for(owner, couple_id))
    except Http404:
        errors.print(f"{owner.email} is in no couple {couple_id}.", markup=False, highlight=False)
        raise typer.Exit(1) from None
    if as_json:
        sys.stdout.write(json.dumps(detail.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n")
        return
    console.print(f"Paired list {detail.id}: {detail.first.name} and {detail.second.name}", markup=False, highlight=False)
    for pair in detail.pairs:
        first, second = pair.first or "No Match", pair.second or "No Match"
        console.print(f"{pair.position:>4}. {first}  |  {second}", markup=False, highlight=False)
    for problem in detail.problems:
        errors.print(problem, markup=False, highlight=False)
