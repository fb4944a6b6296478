"""Importing experience entries from a spreadsheet (CSV or XLSX): every row through ``entry_save``, all or none."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction

from medpath.accounts.models import User
from medpath.experience.entry_rows import FIELDS, LABELS, entry_values
from medpath.experience.models import ExperienceKind, Setting
from medpath.experience.services.log import entry_save
from medpath.importing import Preview, problems_of
from medpath.rows import RowProblem, RowsRejected
from medpath.tabular import read_table


class EntriesRejected(RowsRejected):
    """The experience file was refused; nothing was imported."""

    summary = "{count} problem(s) in the experience file"


class _CheckOnly(Exception):
    """Leaves the transaction of a dry run, undoing every row it saved to check it."""


def _summary(kind: str, title: str, day: object, hours: object) -> str:
    return f"{ExperienceKind(kind).label}: {title}, {day}, {hours} h"


def entries_import(
    *,
    user: User,
    data: bytes | str,
    filename: str = "",
    mapping: Mapping[str, str] | None = None,
    sheet: str = "",
    dry_run: bool = False,
    privacy_confirmed: bool = False,
) -> Preview:
    """Add the rows of a spreadsheet to the user's experience log, all or none. Each row is saved by the entry
    form's own service (the same checks, the privacy guard), inside one transaction that a dry run or any bad row
    rolls back; ``EntriesRejected`` lists every bad row with its line and field."""
    table = read_table(data, FIELDS, mapping=mapping, filename=filename, sheet=sheet)
    if not table.records:
        raise EntriesRejected([RowProblem(0, "file", f"{table.where} has a header but no entries")])
    problems: list[RowProblem] = []
    added: list[tuple[str, str]] = []
    kinds, settings = list(ExperienceKind.choices), list(Setting.choices)
    try:
        with transaction.atomic():
            for record in table.records:
                values, found = entry_values(record, kinds, settings)
                problems += found
                already = {problem.field for problem in found}
                try:
                    with transaction.atomic():
                        entry = entry_save(user=user, privacy_confirmed=privacy_confirmed, **values)
                except ValidationError as error:
                    problems += problems_of(error, LABELS, record, already)
                    continue
                if not found:
                    added.append((record.lines, _summary(entry.kind, entry.title, entry.started_on, entry.hours)))
            if problems:
                raise EntriesRejected(sorted(problems, key=lambda problem: problem.line))
            if dry_run:
                raise _CheckOnly
    except _CheckOnly:
        return Preview(added, applied=False, where=table.where)
    return Preview(added, applied=True, where=table.where)
