"""Problems in the rows of an uploaded file, shared by every import (transcripts, schedules).

Imports are all-or-nothing: a reader collects a ``RowProblem`` for every bad row
and raises one ``RowsRejected`` (or a subclass naming the file's kind) with all of them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RowProblem:
    """A problem in one row of a file: its line number, the column and what is wrong (line 0: the whole file, as
    for a file that is not UTF-8 text)."""

    line: int
    field: str
    message: str

    @property
    def where(self) -> str:
        """“Line 4”, or “File” for a problem with the whole file."""
        return f"Line {self.line}" if self.line else "File"

    def __str__(self) -> str:
        return f"line {self.line}, {self.field}: {self.message}" if self.line else f"{self.field}: {self.message}"


class RowsRejected(Exception):
    """The file was refused; nothing was used. ``problems`` lists every bad row, in line order."""

    summary = "{count} problem(s) in the file"

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(self.summary.format(count=len(problems)))
        self.problems = problems


# A cell a spreadsheet would run as a formula starts with one of these (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text: a string that could start a formula gets a leading apostrophe
    (the convention spreadsheets read as "this is text"); other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def sample_csv(columns: Sequence[str], rows: Iterable[Mapping[str, str]]) -> str:
    """A sample file for an import: the importer's own header, then ``rows`` (a column a row leaves out is empty;
    a column the importer does not read is an error here, so a sample cannot drift from its parser)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), restval="", extrasaction="raise", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
