"""One reader for every spreadsheet import (CSV or XLSX): rows as dicts keyed by the importer's field names, each
with the physical lines it spans. Pure: no Django; the bytes come in, rows or every problem go out.

An importer declares its fields (``Field``: name, label, required, aliases). The reader matches the file's header
to them (case, spaces, ``_`` and ``-`` do not matter; a label or an alias matches too), or follows an explicit
mapping {file column: field name} the caller passes. Problems are ``RowProblem(line, field label, message)``;
line 0 means the file as a whole (a file that is not UTF-8 has no line to name).

CSV: UTF-8 (a byte-order mark is dropped), comma, semicolon or tab (read from the header line); a quoted cell may
span lines, and a record is numbered by the first physical line it starts on (``csv.reader.line_num`` before and
after each record). XLSX: the first sheet unless one is named; merged cells and formulas are refused (a merged
range or a formula's cached value cannot be trusted to say what each row holds); dates and numbers become the text
the importers parse (ISO dates, ``2.5``). Fully empty rows are skipped. Size, rows and columns are bounded
(``Limits``: settings, not facts).
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from medpath.rows import FORMULA_STARTS, RowProblem, RowsRejected

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and other Office 97 files)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Limits:
    """How much one import may hold. Settings, not facts: a year of shifts or a career of CE is far smaller."""

    max_bytes: int = 5 * 1024 * 1024
    max_rows: int = 5_000
    max_columns: int = 60
    max_unzipped_bytes: int = 50 * 1024 * 1024  # an XLSX is a zip: bound what it unpacks to before opening it


LIMITS = Limits()


@dataclass(frozen=True)
class Field:
    """A column an importer reads: its name (the key in each row), the label people see, and other headers that
    mean the same."""

    name: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class Record:
    """One row of the file: values by field name (stripped text; "" for an empty cell) and its physical lines."""

    line: int
    last_line: int
    values: dict[str, str]

    @property
    def lines(self) -> str:
        """“line 4”, or “lines 4–5” for a record a quoted cell spread over two lines."""
        return f"line {self.line}" if self.last_line == self.line else f"lines {self.line}–{self.last_line}"

    def get(self, name: str) -> str:
        """The value of field ``name`` ("" when the file has no such column)."""
        return self.values.get(name, "")

    def problem(self, label: str, message: str) -> RowProblem:
        """A problem in this record, at its first line (the message says “lines 4–5” when it spans more)."""
        return RowProblem(self.line, label, message if self.last_line == self.line else f"{message} ({self.lines})")


@dataclass(frozen=True)
class Grid:
    """A file opened, before its columns are matched: the header as written and the raw rows."""

    kind: str  # "csv" or "xlsx"
    sheet: str  # the sheet read ("" for CSV)
    sheets: tuple[str, ...]
    header: tuple[str, ...]
    header_line: int
    rows: list[tuple[int, int, list[str]]]  # first line, last line, cells


@dataclass(frozen=True)
class Table:
    """A file read for one importer: its records, and how its columns were matched."""

    kind: str
    sheet: str
    header: tuple[str, ...]
    used: dict[str, str]  # file column → field name
    ignored: tuple[str, ...]  # file columns no field reads
    records: list[Record] = field(default_factory=list)

    @property
    def where(self) -> str:
        """What was read, in words: “CSV file” or “sheet “Log” of the workbook”."""
        return "CSV file" if self.kind == "csv" else f"sheet “{self.sheet}” of the workbook"


class TableRejected(RowsRejected):
    """The file was refused; nothing was read. ``problems`` lists every problem, in line order."""

    summary = "{count} problem(s) in the file"


def normal(name: str) -> str:
    """A header as matched: case, spaces, ``_`` and ``-`` do not matter."""
    return " ".join(name.replace("_", " ").replace("-", " ").split()).casefold()


def file_kind(data: bytes, filename: str = "") -> str:
    """``xlsx`` or ``csv`` from the content (a zip is a workbook); a file named .xlsx that is no zip, or an old .xls,
    is refused with what to do."""
    name = filename.lower()
    if data.startswith(_ZIP_MAGIC):
        return "xlsx"
    if data.startswith(_OLE_MAGIC) or name.endswith(".xls"):
        raise TableRejected(
            [RowProblem(0, "file", "this is an old Excel file (.xls): save it as .xlsx (Excel Workbook) or CSV UTF-8")]
        )
    if name.endswith((".xlsx", ".xlsm")):
        raise TableRejected(
            [RowProblem(0, "file", "this file is named .xlsx but is not an Excel workbook: save it again as .xlsx or CSV")]
        )
    return "csv"


def open_grid(data: bytes | str, *, filename: str = "", sheet: str = "", limits: Limits = LIMITS) -> Grid:
    """The header and raw rows of a CSV or XLSX file (``str`` is CSV text), bounded by ``limits``."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if len(data) > limits.max_bytes:
        raise TableRejected(
            [RowProblem(0, "file", f"the file is larger than {_megabytes(limits.max_bytes)}; split it (by year, for instance)")]
        )
    if file_kind(data, filename) == "xlsx":
        return _xlsx_grid(data, sheet, limits)
    return _csv_grid(data, limits)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def _too_many_rows(line: int, limits: Limits) -> RowProblem:
    return RowProblem(line, "file", f"more than {limits.max_rows:,} rows; split the file (by year, for instance)")


def _too_many_columns(line: int, count: int, limits: Limits) -> RowProblem:
    return RowProblem(line, "file", f"{count} columns; at most {limits.max_columns} can be read: delete the columns not needed")


# ---- CSV -----------------------------------------------------------------------------------------------------


def delimiter(text: str) -> str:
    """Comma, or the semicolon or tab of the header line when it has one of those and no comma (spreadsheet
    exports in many locales use semicolons)."""
    header = _LINE_BREAK.split(text, maxsplit=1)[0]
    if "," in header:
        return ","
    return max(";\t", key=header.count) if (";" in header or "\t" in header) else ","


def _csv_grid(data: bytes, limits: Limits) -> Grid:
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))  # text, in the wrong encoding: the UTF-8 advice below fits
    if data.startswith(b"%PDF") or (b"\x00" in data[:4096] and not utf16):
        raise TableRejected([RowProblem(0, "file", "this is not a spreadsheet: choose a CSV file or an Excel workbook (.xlsx)")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableRejected(
            [
                RowProblem(
                    0, "file", "the file is not UTF-8 text: save it as “CSV UTF-8” (or as an Excel workbook) and upload it again"
                )
            ]
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    header: list[str] | None = None
    header_line = 1
    rows: list[tuple[int, int, list[str]]] = []
    before = 0
    try:
        for cells in reader:
            first, last = before + 1, reader.line_num
            before = last
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header, header_line = cells, first
                if len(header) > limits.max_columns:
                    raise TableRejected([_too_many_columns(first, len(header), limits)])
                continue
            if len(rows) >= limits.max_rows:
                raise TableRejected([_too_many_rows(first, limits)])
            rows.append((first, last, cells))
    except csv.Error as error:
        raise TableRejected([RowProblem(before + 1, "file", f"this is not a CSV file MedPath can read ({error})")]) from None
    if header is None:
        raise TableRejected([RowProblem(1, "header", "the file is empty")])
    return Grid("csv", "", (), tuple(name.strip() for name in header), header_line, rows)


# ---- XLSX ----------------------------------------------------------------------------------------------------


def _not_a_workbook(detail: str = "") -> TableRejected:
    return TableRejected(
        [RowProblem(0, "file", "this is not an Excel workbook (.xlsx) MedPath can read" + (f" ({detail})" if detail else ""))]
    )


def _xlsx_grid(data: bytes, sheet: str, limits: Limits) -> Grid:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _not_a_workbook("a damaged zip") from None
    if "xl/workbook.xml" not in names:
        raise _not_a_workbook("a zip file, but no workbook inside")
    if unpacked > limits.max_unzipped_bytes:
        raise TableRejected(
            [RowProblem(0, "file", f"the workbook unpacks to more than {_megabytes(limits.max_unzipped_bytes)}; split it")]
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it does not read
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError, OSError, EOFError):
        raise _not_a_workbook() from None
    except Exception as error:  # a malformed part can raise anything from the XML layer
        raise _not_a_workbook(type(error).__name__) from None
    try:
        return _sheet_grid(book, sheet, limits)
    finally:
        book.close()


def _sheet_grid(book: object, sheet: str, limits: Limits) -> Grid:
    from openpyxl.workbook.workbook import Workbook

    assert isinstance(book, Workbook)
    sheets = tuple(ws.title for ws in book.worksheets)
    if not sheets:
        raise _not_a_workbook("it has no sheet")
    if sheet and sheet not in sheets:
        listed = ", ".join(f"“{name}”" for name in sheets)
        raise TableRejected([RowProblem(0, "sheet", f"the workbook has no sheet “{sheet}”; its sheets are {listed}")])
    ws = book[sheet] if sheet else book.worksheets[0]
    if ws.max_column > limits.max_columns:
        raise TableRejected([_too_many_columns(1, ws.max_column, limits)])
    if ws.max_row - 1 > limits.max_rows:
        raise TableRejected(
            [
                RowProblem(
                    limits.max_rows + 2,
                    "file",
                    f"the sheet reaches row {ws.max_row:,} (formatted empty rows count too); at most {limits.max_rows:,} "
                    "rows can be read: delete the rows below your data, or split the sheet",
                )
            ]
        )
    problems: list[RowProblem] = []
    header: list[str] | None = None
    header_line = 1
    rows: list[tuple[int, int, list[str]]] = []
    for cells in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column):
        if not cells:
            continue
        number = int(cells[0].row or 0)
        texts: list[str] = []
        for cell in cells:
            if cell.data_type == "f":
                at = int(cell.column or 1) - 1
                column = header[at] if header is not None and at < len(header) else ""
                problems.append(
                    RowProblem(
                        number,
                        column or "cell",
                        f"cell {cell.coordinate} holds a formula: copy the sheet and paste values only, then upload again",
                    )
                )
                texts.append("")
                continue
            texts.append(cell_text(cell.value))
        if not any(text.strip() for text in texts):
            continue
        if header is None:
            header, header_line = texts, number
            continue
        rows.append((number, number, texts))
    header = header or []
    for merged in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        column = header[merged.min_col - 1] if merged.min_col - 1 < len(header) else ""
        problems.append(
            RowProblem(
                merged.min_row,
                column or "cells",
                f"cells {merged.coord} are merged: unmerge them and give each row its own value, then upload again",
            )
        )
    if problems:
        raise TableRejected(sorted(problems, key=lambda p: p.line))
    if not header:
        raise TableRejected([RowProblem(1, "header", f"the sheet “{ws.title}” is empty")])
    return Grid("xlsx", ws.title, sheets, tuple(name.strip() for name in header), header_line, rows)


def cell_text(value: object) -> str:
    """A spreadsheet value as the text an importer parses: a date as ISO (2025-03-01), a date and time as
    2025-03-01T07:00, a time as 07:00, a duration as hours, a number without a needless ``.0``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.time() == time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(timespec="minutes" if value.second == 0 and value.microsecond == 0 else "seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="minutes" if value.second == 0 and value.microsecond == 0 else "seconds")
    if isinstance(value, timedelta):
        return _number(value.total_seconds() / 3600)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return _number(float(value))
    return str(value)


def _number(value: float) -> str:
    if value.is_integer():
        return str(int(value))
    return repr(round(value, 10))


# ---- columns -------------------------------------------------------------------------------------------------


def auto_mapping(header: Sequence[str], fields: Sequence[Field]) -> dict[str, str]:
    """{file column: field name} for each column whose header names a field (by name, label or alias); the first
    column to claim a field wins."""
    keys: dict[str, str] = {}
    for one in fields:
        for key in (one.name, one.label, *one.aliases):
            keys.setdefault(normal(key), one.name)
    found: dict[str, str] = {}
    for column in header:
        target = keys.get(normal(column))
        if target and column not in found and target not in found.values():
            found[column] = target
    return found


def column_mapping(
    header: Sequence[str], fields: Sequence[Field], mapping: Mapping[str, str] | None = None, header_line: int = 1
) -> dict[str, str]:
    """{file column: field name}: ``mapping`` for the columns it names (a field name, or "" to skip a column), the
    automatic match for the others. A mapping naming a column the file lacks or a field the importer does not read,
    two columns read as one field, or a required field no column gives, is refused (one problem each)."""
    names = {one.name for one in fields}
    labels = {one.name: one.label for one in fields}
    by_normal = {normal(column): column for column in header}
    problems: list[RowProblem] = []
    explicit: dict[str, str] = {}
    for source, target in (mapping or {}).items():
        target = target.strip()
        column = by_normal.get(normal(source))
        if target and target not in names:
            known = ", ".join(one.name for one in fields)
            problems.append(RowProblem(header_line, "mapping", f"{target} is not a column MedPath reads ({known})"))
        elif column is None:
            listed = ", ".join(c for c in header if c) or "none"
            problems.append(RowProblem(header_line, "mapping", f"the file has no column “{source}” (found: {listed})"))
        else:
            explicit[column] = target
    if problems:
        raise TableRejected(problems)
    chosen = {column: target for column, target in explicit.items() if target}
    taken = set(chosen.values())
    for column, target in auto_mapping([c for c in header if c not in explicit], fields).items():
        if target not in taken:
            chosen[column] = target
            taken.add(target)
    seen: dict[str, str] = {}
    for column, target in chosen.items():
        if target in seen:
            problems.append(
                RowProblem(
                    header_line, labels[target], f"two columns are read as {labels[target]}: “{seen[target]}” and “{column}”"
                )
            )
        seen[target] = column
    missing = [one for one in fields if one.required and one.name not in seen]
    if missing:
        listed = ", ".join(c for c in header if c) or "none"
        needed = ", ".join(one.label for one in missing)
        problems.append(
            RowProblem(
                header_line,
                ", ".join(one.label for one in missing),
                f"missing column(s): {needed}; found: {listed} (name a column so, or map one of yours to it)",
            )
        )
    if problems:
        raise TableRejected(problems)
    return chosen


def _as_written(cell: str) -> str:
    """A cell's text, stripped, without the apostrophe MedPath's own CSV downloads put before text that a
    spreadsheet would take for a formula (``rows.spreadsheet_safe``): “'+1 555 0100” imports back as “+1 555 0100”."""
    text = cell.strip()
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _one_name_per_column(grid: Grid) -> None:
    """Two columns whose headers read the same cannot be told apart (on the columns step, in a mapping): refused."""
    first: dict[str, str] = {}
    for column in grid.header:
        if not column:
            continue
        key = normal(column)
        if key in first:
            raise TableRejected(
                [RowProblem(grid.header_line, column, f"two columns are named “{first[key]}”: rename one of them")]
            )
        first[key] = column


def read_table(
    data: bytes | str,
    fields: Sequence[Field],
    *,
    mapping: Mapping[str, str] | None = None,
    filename: str = "",
    sheet: str = "",
    limits: Limits = LIMITS,
) -> Table:
    """Every non-empty row of a CSV or XLSX file as a ``Record`` keyed by field name; ``TableRejected`` lists what
    is wrong with the file itself (the importer checks the values)."""
    grid = open_grid(data, filename=filename, sheet=sheet, limits=limits)
    _one_name_per_column(grid)
    used = column_mapping(grid.header, fields, mapping, grid.header_line)
    positions = [(index, used[column]) for index, column in enumerate(grid.header) if column in used]
    width = len(grid.header)
    spilled = [
        RowProblem(
            first,
            "row",
            f"this row has {len(cells)} cells but the header names {width} columns: put text holding a comma in "
            "quotes, or give the extra column a header",
        )
        for first, _last, cells in grid.rows
        if any(cell.strip() for cell in cells[width:])
    ]
    if spilled:
        raise TableRejected(spilled)
    records = [
        Record(first, last, {name: _as_written(cells[index] if index < len(cells) else "") for index, name in positions})
        for first, last, cells in grid.rows
    ]
    ignored = tuple(column for column in grid.header if column and column not in used)
    return Table(grid.kind, grid.sheet, grid.header, used, ignored, records)
