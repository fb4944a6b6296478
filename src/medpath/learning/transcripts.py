"""Transcripts (CSV or XLSX, through the shared reader) and activity input, without Django: shared by the import
page, the CLI and the stateless check."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from medpath.rows import RowProblem, RowsRejected, sample_csv
from medpath.tabular import Field, Record, TableRejected, read_table


@dataclass
class ActivityInput:
    """An activity as entered: checked by ``activity_check`` before anything is saved."""

    title: str
    completed_on: date | None
    awards: list[tuple[str, Decimal]] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    format: str = "live"
    provider: str = ""
    accreditor: str = ""
    notes: str = ""
    keep_outside_cycles: bool = False


CSV_COLUMNS = (
    "title",
    "completed_on",
    "credit_type",
    "amount",
    "format",
    "topics",
    "provider",
    "accreditor",
    "notes",
    "credit_type_2",
    "amount_2",
)
REQUIRED_COLUMNS = ("title", "completed_on", "credit_type", "amount")


SAMPLE_ROWS = (
    {
        "title": "Implicit bias in patient care",
        "completed_on": "2025-03-01",
        "credit_type": "contact_hours",
        "amount": "1",
        "format": "live",
        "topics": "implicit-bias",
        "provider": "Example Hospital Nursing Education",
        "accreditor": "ANCC",
    },
    {
        "title": "Pain and opioid prescribing update",
        "completed_on": "2025-04-15",
        "credit_type": "contact_hours",
        "amount": "2.5",
        "format": "enduring",
        "topics": "pain-management;opioids",
        "provider": "Example CE Online",
        "notes": "Two kinds of credit: a second type and amount in credit_type_2 and amount_2",
        "credit_type_2": "ceu",
        "amount_2": "0.25",
    },
)


def transcript_sample_csv() -> str:
    """A small transcript that imports cleanly: every column the import reads, two activities."""
    return sample_csv(CSV_COLUMNS, SAMPLE_ROWS)


class ImportRejected(RowsRejected):
    """The import was refused; nothing was saved. ``problems`` lists every bad row."""

    summary = "{count} problem(s) in the transcript"


def _decimal(raw: str) -> Decimal | None:
    try:
        value = Decimal(raw.strip())
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


# Other headers that mean the same, as CE trackers and board transcripts write them.
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("activity", "activity title", "course", "course title", "name"),
    "completed_on": ("completed", "date completed", "completion date", "date"),
    "credit_type": ("type of credit", "credit kind", "credit category"),
    "amount": ("credits", "credit hours", "hours", "contact hours"),
    "provider": ("sponsor", "offered by", "organization"),
    "accreditor": ("accredited by", "accreditation"),
}
LABELS = {
    "title": "Title",
    "completed_on": "Completed on",
    "credit_type": "Credit type",
    "amount": "Credits",
    "format": "Format",
    "topics": "Topics",
    "provider": "Provider",
    "accreditor": "Accreditor",
    "notes": "Notes",
    "credit_type_2": "Second credit type",
    "amount_2": "Second credits",
}
FIELDS = tuple(
    Field(name, LABELS[name], required=name in REQUIRED_COLUMNS, aliases=ALIASES.get(name, ())) for name in CSV_COLUMNS
)


def parse_activities_csv(
    data: str | bytes, filename: str = "", sheet: str = "", mapping: Mapping[str, str] | None = None
) -> tuple[list[tuple[int, ActivityInput]], list[RowProblem]]:
    """Rows of a transcript (CSV text or bytes, or an XLSX file, through the shared reader) as activities, and
    every problem found with line and column (no database); a file the reader refuses is its problems.

    Without ``mapping`` every column must be one the import reads (a misspelt header is an error, not a silent
    gap); with one (the page's column step, ``--map``) the columns left out of it are not imported."""
    rows, problems, _where = read_activities(data, filename, sheet, mapping)
    return [(record.line, activity) for record, activity in rows], problems


def read_activities(
    data: str | bytes, filename: str = "", sheet: str = "", mapping: Mapping[str, str] | None = None
) -> tuple[list[tuple[Record, ActivityInput]], list[RowProblem], str]:
    """``parse_activities_csv`` with each row's record (its physical lines) and where the file was read."""
    try:
        table = read_table(data, FIELDS, mapping=mapping, filename=filename, sheet=sheet)
    except TableRejected as rejected:
        return [], rejected.problems, ""
    problems: list[RowProblem] = []
    if table.ignored and not mapping:
        problems.append(RowProblem(1, ", ".join(table.ignored), f"unknown column(s); known columns are {', '.join(CSV_COLUMNS)}"))
    rows: list[tuple[Record, ActivityInput]] = []
    for record in table.records:
        try:
            completed = date.fromisoformat(record.get("completed_on"))
        except ValueError:
            problems.append(record.problem("completed_on", f"“{record.get('completed_on')}” is not a date (use YYYY-MM-DD)"))
            completed = None
        awards: list[tuple[str, Decimal]] = []
        for type_key, amount_key in (("credit_type", "amount"), ("credit_type_2", "amount_2")):
            if not record.get(type_key) and not record.get(amount_key):
                continue
            amount = _decimal(record.get(amount_key))
            if amount is None:
                problems.append(record.problem(amount_key, f"“{record.get(amount_key)}” is not a number"))
                continue
            awards.append((record.get(type_key), amount))
        topics = [topic.strip() for topic in record.get("topics").split(";") if topic.strip()]
        rows.append(
            (
                record,
                ActivityInput(
                    title=record.get("title"),
                    completed_on=completed,
                    awards=awards,
                    topics=topics,
                    format=record.get("format") or "live",
                    provider=record.get("provider"),
                    accreditor=record.get("accreditor"),
                    notes=record.get("notes"),
                    keep_outside_cycles=True,
                ),
            )
        )
    if not rows and not problems:
        problems.append(RowProblem(2, "title", "the file has a header but no activities"))
    return rows, problems, table.where


def parse_rows(text: str | bytes, today: date) -> tuple[list[tuple[int, ActivityInput]], list[RowProblem]]:
    """The stateless check's reading of a CSV, with the same row checks as an import (no database)."""
    from medpath.catalog.loader import catalog

    rows, problems = parse_activities_csv(text)
    vocabulary = catalog().vocabulary
    types = vocabulary.credit_type_ids() if vocabulary else set()
    topics = vocabulary.topic_ids() if vocabulary else set()
    formats = vocabulary.format_ids() if vocabulary else set()
    for line, data in rows:
        if not data.title.strip():
            problems.append(RowProblem(line, "title", "give the activity's title"))
        if data.completed_on is not None and data.completed_on > today:
            problems.append(RowProblem(line, "completed_on", f"{data.completed_on.isoformat()} is in the future"))
        if formats and data.format not in formats:
            problems.append(RowProblem(line, "format", f"“{data.format}” is not a known format"))
        for topic in data.topics:
            if topics and topic not in topics:
                problems.append(RowProblem(line, "topics", f"“{topic}” is not a known topic"))
        for index, (credit_type, amount) in enumerate(data.awards):
            suffix = "" if index == 0 else f"_{index + 1}"
            if types and credit_type not in types:
                problems.append(RowProblem(line, f"credit_type{suffix}", f"“{credit_type}” is not a known credit type"))
            if amount <= 0 or amount > 200:
                problems.append(RowProblem(line, f"amount{suffix}", f"{amount} is not a plausible number of credits (0–200)"))
    return rows, sorted(problems, key=lambda p: (p.line, p.field))
