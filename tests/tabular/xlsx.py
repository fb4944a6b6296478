"""XLSX fixtures built in the test (no binary files committed)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import openpyxl


def workbook(
    rows: Sequence[Sequence[object]],
    *,
    title: str = "Sheet1",
    merge: str = "",
    more: dict[str, Sequence[Sequence[object]]] | None = None,
) -> bytes:
    """The bytes of a workbook whose first sheet holds ``rows`` (``merge`` merges a range such as "A3:A4")."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    if merge:
        sheet.merge_cells(merge)
    for name, extra in (more or {}).items():
        other = book.create_sheet(name)
        for row in extra:
            other.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
