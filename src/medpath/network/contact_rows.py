"""Contacts from a spreadsheet, the pure half: the columns (as the contact form labels them) and one row read
into a ``ContactCard``. No Django; the service checks the card as it checks a vCard's."""

from __future__ import annotations

from medpath.network.vcards import FIELD_LABELS, ContactCard
from medpath.rows import RowProblem, sample_csv
from medpath.tabular import Field, Record

FIELDS = (
    Field("name", FIELD_LABELS["name"], True, ("full name", "contact", "person")),
    Field("role", FIELD_LABELS["role"], False, ("title", "job title", "position")),
    Field("organization", FIELD_LABELS["organization"], False, ("organisation", "company", "institution", "employer")),
    Field("email", FIELD_LABELS["email"], False, ("email", "email address", "e-mail address", "mail")),
    Field("phone", FIELD_LABELS["phone"], False, ("telephone", "mobile", "phone number")),
    Field("tags", FIELD_LABELS["tags"], False, ("tag", "groups", "categories"), "comma- or semicolon-separated"),
    Field("how_met", FIELD_LABELS["how_met"], False, ("how met", "met")),
    Field("notes", FIELD_LABELS["notes"], False, ("note", "comments")),
    Field("is_mentor", "Mentor", False, ("is mentor",), "yes or no"),
    Field("rhythm_days", FIELD_LABELS["rhythm_days"], False, ("rhythm", "follow up days"), "a number of days"),
)
LABELS = {one.name: one.label for one in FIELDS}
_YES = {"yes", "y", "true", "1", "x", "mentor"}
_NO = {"", "no", "n", "false", "0"}

SAMPLE_ROWS = (
    {
        "name": "Dr. Ana Ruiz",
        "role": "Attending, family medicine",
        "organization": "Example Community Clinic",
        "email": "ana.ruiz@example.org",
        "tags": "mentor; family medicine",
        "how_met": "Shadowing in 2025",
        "is_mentor": "yes",
        "rhythm_days": "42",
    },
    {"name": "Sam Lee", "role": "Charge nurse", "organization": "Example General Hospital", "phone": "+1 555 0100"},
)


def contacts_sample_csv() -> str:
    """A small contact list that imports cleanly: every column the import reads, two people."""
    return sample_csv([one.name for one in FIELDS], SAMPLE_ROWS)


def contact_card(record: Record) -> tuple[ContactCard, list[RowProblem]]:
    """A row as a contact card, and a problem for a value that cannot be read (mentor, follow-up days)."""
    problems: list[RowProblem] = []
    mentor = record.get("is_mentor").casefold()
    if mentor not in _YES | _NO:
        problems.append(record.problem(LABELS["is_mentor"], f"“{record.get('is_mentor')}” is not yes or no"))
    rhythm: int | None = None
    raw = record.get("rhythm_days")
    if raw:
        try:
            rhythm = int(raw)
        except ValueError:
            problems.append(record.problem(LABELS["rhythm_days"], f"“{raw}” is not a whole number of days"))
    card = ContactCard(
        name=record.get("name"),
        role=record.get("role"),
        organization=record.get("organization"),
        how_met=record.get("how_met"),
        email=record.get("email"),
        phone=record.get("phone"),
        tags=[tag for tag in record.get("tags").replace(";", ",").split(",") if tag.strip()],
        is_mentor=mentor in _YES,
        notes=record.get("notes"),
        rhythm_days=rhythm,
        line=record.line,
    )
    return card, problems
