"""The Match commands: ``medpath match run`` matches an instance file (no account or database needed)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from medpath.commandline import console, errors

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
    if firsts:
        table.add_row("singles matched at", firsts)
    table.add_row("stable", "yes" if result.stable else f"no: {len(result.blocking):,} blocking pairs")
    table.add_row("seconds", f"{result.seconds:.2f}")
    console.print(table)
    if not result.stable:
        errors.print(
            "No stable matching was found"
            + (" (the re-entry of blocking pairs went in a cycle)" if result.cycle else "")
            + "; --json lists the blocking pairs. With couples a stable matching need not exist."
        )
