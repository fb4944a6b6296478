"""The portfolio's commands: ``medpath cv`` (the CV as PDF, Markdown or JSON Resume), ``medpath fhir`` (the FHIR
Practitioner of a person's credentials) and ``medpath portfolio publications | awards`` (``--json`` prints what the
API answers: one function builds both)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from medpath.commandline import console, django_setup, errors, quiet_logs, user_or_exit

portfolio_app = typer.Typer(help="Portfolio: publications and awards (the CV is `medpath cv`).", no_args_is_help=True)
User = Annotated[str, typer.Option("--user", help="The account's e-mail address.")]
Out = Annotated[Path | None, typer.Option("--out", help="Write the file here (else to standard output).")]


def _print_json(rows: list[dict[str, object]]) -> None:
    """Rows encoded as the API encodes them (Django's encoder: instants to the millisecond)."""
    from django.core.serializers.json import DjangoJSONEncoder

    sys.stdout.write(json.dumps(rows, indent=2, cls=DjangoJSONEncoder) + "\n")


def _write(body: bytes, out: Path | None) -> None:
    if out is None:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
        return
    out.write_bytes(body)
    errors.print(f"Wrote {out} ({len(body):,} bytes).")


def cv(
    user: User,
    file_format: Annotated[
        str, typer.Option("--format", metavar="FORMAT", help="pdf, md (Markdown) or json (JSON Resume).")
    ] = "pdf",
    out: Out = None,
    sections: Annotated[
        str, typer.Option("--sections", help="Section ids in order, separated by commas (else the saved choice).")
    ] = "",
) -> None:
    """A person's CV from their records; check-ins never, reflections and feedback only when named."""
    from medpath.portfolio.cv import SectionError, parse_sections

    if file_format not in {"pdf", "md", "json"}:
        errors.print("--format: pdf, md or json.")
        raise typer.Exit(2)
    try:
        chosen = parse_sections(sections.split(",")) if sections.strip() else None
    except SectionError as error:
        errors.print(f"--sections: {error}")
        raise typer.Exit(2) from None
    if file_format == "pdf" and out is None and sys.stdout.isatty():
        errors.print("A PDF is not text: give --out FILE.pdf.")
        raise typer.Exit(2)
    django_setup()
    quiet_logs()
    from medpath.portfolio import services
    from medpath.portfolio.files import cv_file

    owner = user_or_exit(user)
    body, _, _ = cv_file(owner, file_format, chosen)
    services.cv_generated(user=owner, file_format=file_format)
    _write(body, out)


def fhir(user: User, out: Out = None) -> None:
    """A person's licences and certifications as a FHIR R4B Practitioner (JSON, full licence numbers)."""
    django_setup()
    quiet_logs()
    from medpath.portfolio.fhir import practitioner_json
    from medpath.portfolio.selectors import fhir_practitioner

    _write((practitioner_json(fhir_practitioner(user_or_exit(user))) + "\n").encode(), out)


@portfolio_app.command("publications")
def publications(
    user: User,
    as_json: Annotated[bool, typer.Option("--json", help="Print what GET /api/v1/portfolio/publications answers.")] = False,
) -> None:
    """A person's publications, abstracts, posters and talks."""
    django_setup()
    quiet_logs()
    from medpath.portfolio.api import publications_out

    found = publications_out(user_or_exit(user))
    if as_json:
        _print_json([row.model_dump() for row in found])
        return
    if not found:
        console.print(f"{user} has no publications yet.")
        return
    table = Table(title=f"Publications of {user}")
    for column in ("year", "kind", "title", "where"):
        table.add_column(column)
    for row in found:
        table.add_row(str(row.year), row.kind.replace("_", " "), row.title, row.venue or "—")
    console.print(table)


@portfolio_app.command("awards")
def awards(
    user: User,
    as_json: Annotated[bool, typer.Option("--json", help="Print what GET /api/v1/portfolio/awards answers.")] = False,
) -> None:
    """A person's awards and honours."""
    django_setup()
    quiet_logs()
    from medpath.portfolio.api import awards_out
    from medpath.wording import day

    found = awards_out(user_or_exit(user))
    if as_json:
        _print_json([row.model_dump() for row in found])
        return
    if not found:
        console.print(f"{user} has no awards yet.")
        return
    table = Table(title=f"Awards of {user}")
    for column in ("awarded", "award", "given by"):
        table.add_column(column)
    for row in found:
        table.add_row(day(row.awarded_on), row.title, row.awarder or "—")
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add the portfolio's commands to the root ``medpath`` command."""
    app.add_typer(portfolio_app, name="portfolio")
    app.command("cv")(cv)
    app.command("fhir")(fhir)
