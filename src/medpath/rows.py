"""Problems in the rows of an uploaded file, shared by every import (transcripts, schedules).

Imports are all-or-nothing: a reader collects a ``RowProblem`` for every bad row
and raises one ``RowsRejected`` (or a subclass naming the file's kind) with all of them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RowProblem:
    """A problem in one row of a file: its line number, the column and what is wrong."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.field}: {self.message}"


class RowsRejected(Exception):
    """The file was refused; nothing was used. ``problems`` lists every bad row, in line order."""

    summary = "{count} problem(s) in the file"

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(self.summary.format(count=len(problems)))
        self.problems = problems
