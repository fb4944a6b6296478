"""Every list as a spreadsheet: the rows a list page shows, written as CSV or XLSX for the person to keep.

A list view asks ``download_format(request)``; when the person asked for ``?format=csv`` or ``?format=xlsx`` it
answers with ``table_download``, giving the rows it would have shown (its filters included) instead of the page.

Cells are data, never formulas: in CSV a text that a spreadsheet would run (``=``, ``+``, ``-``, ``@`` …) gets the
leading apostrophe spreadsheets read as "text" (``rows.spreadsheet_safe``); in XLSX such a text is stored as a string
cell, so it shows exactly as written. Dates stay dates and numbers stay numbers in XLSX.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from medpath.rows import spreadsheet_safe

TableFormat = Literal["csv", "xlsx"]
FORMATS: tuple[TableFormat, ...] = ("csv", "xlsx")
CONTENT_TYPES: dict[TableFormat, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
DATE_FORMAT = "yyyy-mm-dd"
INSTANT_FORMAT = "yyyy-mm-dd hh:mm"


@dataclass(frozen=True)
class Column:
    """One column of a download: the header people read, and how to get the value from a row."""

    header: str
    value: Any  # a callable taking the row, returning str, int, Decimal, float, date, datetime, bool or None


def download_format(request: HttpRequest) -> TableFormat | None:
    """``csv`` or ``xlsx`` when the list was asked for as a file (``?format=``), else None (show the page)."""
    asked = request.GET.get("format", "")
    return "csv" if asked == "csv" else "xlsx" if asked == "xlsx" else None


def download_links(request: HttpRequest) -> list[tuple[str, str]]:
    """("CSV", url) and ("XLSX", url) for the page being shown, its filters kept."""
    links = []
    for fmt in FORMATS:
        query = request.GET.copy()
        query["format"] = fmt
        links.append((fmt.upper(), f"{request.path}?{query.urlencode()}"))
    return links


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(spreadsheet_safe(str(value)))


def table_csv(columns: Sequence[Column], rows: Iterable[Any]) -> bytes:
    """The rows as CSV: UTF-8 with a byte-order mark (so spreadsheets read accents right), a header line first."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([column.header for column in columns])
    for row in rows:
        writer.writerow([_cell_text(column.value(row)) for column in columns])
    return ("\ufeff" + out.getvalue()).encode()


def table_xlsx(columns: Sequence[Column], rows: Iterable[Any], *, sheet: str) -> bytes:
    """The rows as an XLSX workbook of one sheet: a bold header row, typed cells, text never read as a formula."""
    book = Workbook(write_only=True)
    page = book.create_sheet(title=_sheet_title(sheet))
    header = []
    for column in columns:
        cell = WriteOnlyCell(page, value=column.header)
        cell.font = Font(bold=True)
        header.append(cell)
    page.append(header)
    for row in rows:
        page.append([_xlsx_cell(page, column.value(row)) for column in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(page: Any, value: Any) -> Any:
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None)  # XLSX has no time zones: the instant as the page showed it
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters XML 1.0 cannot hold (openpyxl refuses them)
    cell = WriteOnlyCell(page, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # a text starting with "=" stays text
    elif isinstance(value, datetime):
        cell.number_format = INSTANT_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, Decimal):
        cell.value = float(value)  # hours and credits: a number a spreadsheet can sum
    return cell


def _sheet_title(name: str) -> str:
    # Excel: at most 31 characters, none of []:*?/\
    cleaned = "".join(" " if character in "[]:*?/\\" else character for character in name).strip()
    return (cleaned or "List")[:31]


def table_download(fmt: TableFormat, *, name: str, columns: Sequence[Column], rows: Iterable[Any], today: date) -> HttpResponse:
    """A download of the rows, named ``medpath-<name>-<today>.<fmt>``; private to the person (no-store)."""
    body = table_csv(columns, rows) if fmt == "csv" else table_xlsx(columns, rows, sheet=name)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="medpath-{name}-{today.isoformat()}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
