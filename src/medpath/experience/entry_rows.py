"""The experience log's spreadsheet import, the pure half: its columns (as the entry form labels them) and the
reading of one row into the values ``entry_save`` takes. No Django; the service checks the rest."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Any

from medpath.rows import RowProblem, sample_csv
from medpath.tabular import Field, Record, normal

FIELDS = (
    Field(
        "kind",
        "Kind",
        True,
        ("type", "experience type", "category"),
        "the kind as the entry form names it (Shadowing), or its id",
    ),
    Field("title", "Role or title", True, ("title", "role", "position", "experience name", "activity"), "ED scribe"),
    Field("organization", "Organization", False, ("organisation", "employer", "institution", "org")),
    Field("setting", "Setting", False, ("care setting",), "inpatient, outpatient, emergency, … or the setting's name"),
    Field("specialty", "Specialty", False, ("speciality", "department")),
    Field("started_on", "Date (first day)", True, ("date", "start date", "first day", "from", "start")),
    Field("ended_on", "Last day", False, ("end date", "to", "end", "until")),
    Field("start_time", "Start time", False, ("time from",), "07:00"),
    Field("end_time", "End time", False, ("time to",), "19:00"),
    Field("hours", "Hours", False, ("total hours", "completed hours", "hrs"), "4.5; empty when times are given"),
    Field("supervisor_name", "Supervisor's name", False, ("supervisor", "contact name", "contact")),
    Field(
        "supervisor_email",
        "Supervisor's e-mail",
        False,
        ("supervisor email", "supervisor e-mail", "contact email", "contact e-mail"),
    ),
    Field("description", "Description", False, ("details", "what you did")),
    Field("reflection", "Reflection", False, ("what you learned",)),
    Field("tags", "Tags", False, ("tag", "keywords"), "comma- or semicolon-separated"),
)
LABELS = {one.name: one.label for one in FIELDS}
_TEXT = ("title", "organization", "specialty", "supervisor_name", "supervisor_email", "description", "reflection")

SAMPLE_ROWS = (
    {
        "kind": "shadowing",
        "title": "Shadowing a cardiologist",
        "organization": "Example General Hospital",
        "setting": "outpatient",
        "specialty": "Cardiology",
        "started_on": "2025-03-03",
        "start_time": "08:00",
        "end_time": "12:30",
        "supervisor_name": "Dr. Ana Ruiz",
        "supervisor_email": "ana.ruiz@example.org",
        "tags": "cardiology",
    },
    {
        "kind": "clinical_volunteering",
        "title": "Hospice volunteer",
        "organization": "Example Hospice",
        "setting": "hospice",
        "started_on": "2025-06-01",
        "ended_on": "2025-08-31",
        "hours": "60",
        "description": "Weekly visits: reading, companionship, helping families with errands.",
        "tags": "volunteering; end of life",
    },
)


def entries_sample_csv() -> str:
    """A small experience log that imports cleanly: every column the import reads, two entries."""
    return sample_csv([one.name for one in FIELDS], SAMPLE_ROWS)


def _choice(raw: str, choices: list[tuple[str, str]]) -> str | None:
    """A choice given by its id or its name, in any case (“Shadowing / clinical observation” or “shadowing”)."""
    wanted = normal(raw)
    for value, label in choices:
        if wanted in {normal(value), normal(label), normal(label.split(" (")[0]), normal(label.split(" /")[0])}:
            return value
    return None


def entry_values(
    record: Record, kinds: list[tuple[str, str]], settings: list[tuple[str, str]]
) -> tuple[dict[str, Any], list[RowProblem]]:
    """The keyword arguments of ``entry_save`` one row gives, and a problem for each value that cannot be read
    (its field left out, so the service does not report it again)."""
    values: dict[str, Any] = {name: record.get(name) for name in _TEXT if name in record.values}
    problems: list[RowProblem] = []
    kind = _choice(record.get("kind"), kinds)
    if kind is None:
        listed = ", ".join(label for _, label in kinds)
        problems.append(record.problem(LABELS["kind"], f"“{record.get('kind')}” is not a kind of experience ({listed})"))
    else:
        values["kind"] = kind
    if record.get("setting"):
        setting = _choice(record.get("setting"), settings)
        if setting is None:
            listed = ", ".join(label for _, label in settings)
            problems.append(record.problem(LABELS["setting"], f"“{record.get('setting')}” is not a setting ({listed})"))
        else:
            values["setting"] = setting
    for name in ("started_on", "ended_on"):
        raw = record.get(name)
        if not raw:
            if name == "started_on":
                problems.append(record.problem(LABELS[name], "give the first day (YYYY-MM-DD)"))
            continue
        try:
            values[name] = date.fromisoformat(raw[:10] if raw[10:] in ("", "T00:00", "T00:00:00") else raw)
        except ValueError:
            problems.append(record.problem(LABELS[name], f"“{raw}” is not a date (use YYYY-MM-DD)"))
    for name in ("start_time", "end_time"):
        raw = record.get(name)
        if raw:
            try:
                values[name] = time.fromisoformat(raw if len(raw) > 4 else raw.zfill(5))
            except ValueError:
                problems.append(record.problem(LABELS[name], f"“{raw}” is not a time (use HH:MM, 07:30)"))
    raw_hours = record.get("hours")
    if raw_hours:
        try:
            hours = Decimal(raw_hours.replace(",", "."))
        except InvalidOperation:
            hours = None
        if hours is None or not hours.is_finite() or hours <= 0:
            problems.append(record.problem(LABELS["hours"], f"“{raw_hours}” is not a number of hours above 0"))
        else:
            values["hours"] = hours
    if "tags" in record.values:
        values["tags"] = [tag for tag in record.get("tags").replace(";", ",").split(",") if tag.strip()]
    return values, problems
