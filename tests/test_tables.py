"""Every list as CSV and XLSX: the writers (typed cells, text never a formula, a header row) and each list page's
download — the owner's rows only, the page's filters kept, read back with the csv module and openpyxl."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from medpath.experience import services as experience
from medpath.experience.models import Shift
from medpath.learning import services as learning
from medpath.network.services import contacts as network_contacts
from medpath.network.services import events as network_events
from medpath.network.services import memberships as network_memberships
from medpath.skills.services import journal
from medpath.tables import Column, table_csv, table_xlsx

COLUMNS = (Column("Text", lambda row: row[0]), Column("Day", lambda row: row[1]), Column("Amount", lambda row: row[2]))


def _csv_rows(body: bytes) -> list[list[str]]:
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheets read UTF-8 accents right with the mark
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def _xlsx_rows(body: bytes) -> list[tuple[Any, ...]]:
    book = load_workbook(io.BytesIO(body))
    try:
        sheet = book.worksheets[0]
        return [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
    finally:
        book.close()


def test_the_writers_keep_types_and_never_write_a_formula() -> None:
    """A text starting with = stays text in both formats (CSV adds the apostrophe spreadsheets read as text);
    XLSX keeps dates as dates and amounts as numbers."""
    rows = [('=HYPERLINK("http://x")', date(2026, 3, 1), Decimal("1.50")), ("Ünïcode, with comma", None, None)]
    assert _csv_rows(table_csv(COLUMNS, rows)) == [
        ["Text", "Day", "Amount"],
        ['\'=HYPERLINK("http://x")', "2026-03-01", "1.50"],
        ["Ünïcode, with comma", "", ""],
    ]
    book = load_workbook(io.BytesIO(table_xlsx(COLUMNS, rows, sheet="Tests: [odd] name")))
    sheet = book.worksheets[0]
    assert sheet.title == "Tests   odd  name"
    assert [cell.data_type for cell in sheet[2]] == ["s", "d", "n"]
    assert sheet["A2"].value == '=HYPERLINK("http://x")'
    assert sheet["B2"].value == datetime(2026, 3, 1)
    assert sheet["C2"].value == 1.5
    book.close()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=30), max_size=8))
def test_any_text_reads_back_from_xlsx_as_written(texts: list[str]) -> None:
    """Whatever a person typed comes back from the XLSX as written, except what XML 1.0 cannot hold: control
    characters other than tab and line ends are dropped (openpyxl would refuse the whole file), and line ends come
    back as \n, as XML reads them."""
    rows = [(text, None, None) for text in texts]
    read = _xlsx_rows(table_xlsx(COLUMNS, rows, sheet="t"))[1:]
    kept = ["".join(c for c in text if ord(c) >= 32 or c in "\t\n\r") for text in texts]
    assert [row[0] or "" for row in read] == [text.replace("\r\n", "\n").replace("\r", "\n") for text in kept]


# Each list page's download


def _rich(user: Any, marker: str) -> None:
    experience.entry_save(user=user, kind="research", title=f"{marker} lab", started_on=date(2026, 5, 1), hours=Decimal(3))
    experience.entry_save(user=user, kind="shadowing", title=f"{marker} clinic", started_on=date(2026, 5, 2), hours=Decimal(4))
    start = datetime(2026, 5, 4, 12, tzinfo=UTC)
    Shift(owner=user, starts_at=start, ends_at=start + timedelta(hours=10), kind="clinical", rotation=f"{marker} ward").save()
    course = learning.ActivityInput(
        title=f"{marker} course", completed_on=date(2026, 4, 1), awards=[("contact_hours", Decimal("2.5"))]
    )
    learning.activity_create(user=user, data=course, privacy_confirmed=True)
    experience.procedure_save(user=user, procedure=f"{marker} central line", performed_on=date(2026, 5, 5), role="performed")
    journal.goal_save(user=user, title=f"{marker} goal", due_on=date(2027, 1, 1))
    network_contacts.contact_save(user=user, name=f"{marker} Mentor", tags=["mentor"], privacy_confirmed=True)
    network_contacts.contact_save(user=user, name=f"{marker} Colleague", privacy_confirmed=True)
    network_events.event_save(
        user=user, title=f"{marker} congress", starts_on=date(2026, 4, 1), ends_on=date(2026, 4, 2), privacy_confirmed=True
    )
    network_memberships.membership_save(
        user=user, association=f"{marker} society", renews_on=date(2027, 1, 1), privacy_confirmed=True
    )
    journal.reflection_save(
        user=user, title=f"{marker} reflection", text="=1+1 what I learned", written_on=date(2026, 5, 3), privacy_confirmed=True
    )


LISTS = [
    ("experience:entries", {}, "experiences", 2),
    ("experience:entries", {"kind": "research"}, "experiences", 1),  # the page's filter holds
    ("experience:shifts", {}, "shifts", 1),
    ("experience:procedures", {}, "procedures", 1),
    ("learning:activities", {}, "learning-activities", 1),
    ("skills:goals", {}, "goals", 1),
    ("skills:reflections", {}, "reflections", 1),
    ("network:contacts", {}, "contacts", 2),
    ("network:contacts", {"tag": "mentor"}, "contacts", 1),
    ("network:events", {}, "events", 1),
    ("network:memberships", {}, "memberships", 1),
]


@pytest.mark.parametrize(("route", "filters", "name", "count"), LISTS)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_each_list_downloads_the_owners_rows_only(alice, alice_client, charlie, route, filters, name, count, fmt) -> None:
    _rich(alice, "ALICE")
    _rich(charlie, "THEIRS")  # a marker that is no one's name (the privacy guard would ask about a name)
    page = alice_client.get(reverse(route), filters)
    assert f"format={fmt}" in page.content.decode()  # the page offers the download
    response = alice_client.get(reverse(route), filters | {"format": fmt})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(f'attachment; filename="medpath-{name}-')
    assert response["Cache-Control"] == "no-store"
    rows = _csv_rows(response.content) if fmt == "csv" else _xlsx_rows(response.content)
    body = repr(rows)
    assert len(rows) == 1 + count, rows
    assert "ALICE" in body
    assert "THEIRS" not in body
