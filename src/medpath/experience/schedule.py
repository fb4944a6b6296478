"""Reading a schedule CSV (the documented format) into shifts. Pure: shared by the CLI, the import page and the API."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime, time, timedelta, tzinfo

from medpath.bounds import RANGE_MESSAGE, year_in_range
from medpath.experience.workhours import KINDS, Shift
from medpath.rows import RowProblem, RowsRejected, sample_csv

REQUIRED = ("resident", "start", "end", "kind")
_PGYS = frozenset(str(year) for year in range(1, 13))
OPTIONAL = ("pgy", "rotation")
LOCAL_OPTIONAL = ("date",)  # only for local times (the app's import): the day, with times in start and end


_SAMPLE = (  # one resident's week, Chicago summer time (UTC-5), one shift of most kinds
    ("2025-07-07T07:00-05:00", "2025-07-07T19:00-05:00", "clinical"),
    ("2025-07-08T07:00-05:00", "2025-07-09T07:00-05:00", "in-house-call"),
    ("2025-07-09T07:00-05:00", "2025-07-09T10:00-05:00", "transition"),
    ("2025-07-10T08:00-05:00", "2025-07-10T12:00-05:00", "education"),
    ("2025-07-10T17:00-05:00", "2025-07-11T07:00-05:00", "home-call"),
    ("2025-07-10T22:00-05:00", "2025-07-10T23:30-05:00", "home-call-work"),
    ("2025-07-12T00:00-05:00", "2025-07-14T00:00-05:00", "leave"),
)


def schedule_sample_csv() -> str:
    """A small schedule that imports cleanly: the documented columns (with offsets), one resident's week."""
    rows = (
        {"resident": "Sample Resident", "start": start, "end": end, "kind": kind, "pgy": "2", "rotation": "Internal medicine"}
        for start, end, kind in _SAMPLE
    )
    return sample_csv((*REQUIRED, *OPTIONAL), rows)


class ScheduleRejected(RowsRejected):
    """The schedule could not be read; every problem is listed."""

    summary = "{count} problem(s) in the schedule"


def _instant(raw: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return value if value.tzinfo is not None and year_in_range(value) else None


def _local(raw_date: str, raw: str, zone: tzinfo, after: datetime | None = None) -> datetime | None:
    """A local time where the person works: a full date-time, or a time on ``raw_date`` (an end before its
    start, ``after``, is the next day; an end equal to it stays equal, a bad row, never a silent 24 hours).
    An offset in the value wins over the zone."""
    try:
        if raw_date and ":" in raw and "T" not in raw and " " not in raw:
            hours, _, minutes = raw.partition(":")
            value = datetime.combine(date.fromisoformat(raw_date), time(int(hours), int(minutes[:2])))
            if after is not None and value.replace(tzinfo=after.tzinfo) < after:
                value += timedelta(days=1)
        else:
            value = datetime.fromisoformat(raw)
    except ValueError:
        return None
    if not year_in_range(value):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def _read_rows(
    text: str,
    mapping: Mapping[str, str] | None = None,
    keep: Callable[[str], bool] | None = None,
    zone: tzinfo | None = None,
) -> list[Shift]:
    """Shifts from CSV text; ``mapping`` renames the file's columns to ours (e.g. {"Name": "resident"}).

    Every bad row is reported (line and column); nothing is returned unless all rows are good.
    Without ``zone`` every start and end needs its UTC offset (the documented format). With ``zone`` (the
    app's import, where the person says their times are local) times without an offset are read in that
    zone, and a ``date`` column may hold the day while start and end hold times ("07:00").
    ``keep``, given a resident label, says whether to read that row at all (a worker's share of a file).
    """
    readable = (*REQUIRED, *OPTIONAL, *(LOCAL_OPTIONAL if zone is not None else ()))
    unknown = sorted({target for target in (mapping or {}).values() if target not in readable})
    if unknown:
        known = ", ".join(readable)
        raise ScheduleRejected([RowProblem(1, "mapping", f"{', '.join(unknown)} is not a column MedPath reads ({known})")])
    mapping = {source.strip().lower(): target for source, target in (mapping or {}).items()}
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    try:
        found = next(reader)
    except StopIteration:
        raise ScheduleRejected([RowProblem(1, "header", "the file is empty")]) from None
    header = [mapping.get(name.strip().lower(), name.strip().lower()) for name in found]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        listed = ", ".join(name.strip() for name in found if name.strip()) or "none"
        message = f"missing column(s); needed: {', '.join(REQUIRED)}; found: {listed} (map your names to ours)"
        raise ScheduleRejected([RowProblem(1, ", ".join(missing), message)])
    position = {name: header.index(name) for name in readable if name in header}
    at_resident, at_start, at_end, at_kind = (position[name] for name in REQUIRED)
    at_pgy, at_rotation, at_date = position.get("pgy"), position.get("rotation"), position.get("date")
    width = max(position.values()) + 1
    kinds = frozenset(KINDS)
    shifts: list[Shift] = []
    problems: list[RowProblem] = []
    for line, row in _numbered(reader):
        if len(row) < width:
            if not any(cell.strip() for cell in row):
                continue
            row = row + [""] * (width - len(row))
        resident, kind = row[at_resident].strip(), row[at_kind].strip().lower()
        if keep is not None and not keep(resident):
            continue
        if zone is None:
            start, end = _instant(row[at_start].strip()), _instant(row[at_end].strip())
        else:
            day = row[at_date].strip() if at_date is not None else ""
            start = _local(day, row[at_start].strip(), zone)
            end = _local(day, row[at_end].strip(), zone, after=start)
        pgy_text = row[at_pgy].strip() if at_pgy is not None else ""
        rotation = row[at_rotation].strip() if at_rotation is not None else ""
        if (
            resident
            and start is not None
            and end is not None
            and kind in kinds
            and end > start
            and (not pgy_text or pgy_text in _PGYS)
        ):
            shifts.append(Shift(resident, start, end, kind, int(pgy_text) if pgy_text else None, rotation, line))  # type: ignore[arg-type]
            continue
        if not any(cell.strip() for cell in row):
            continue
        if not resident:
            problems.append(RowProblem(line, "resident", "empty"))
        for name, value, raw in (("start", start, row[at_start]), ("end", end, row[at_end])):
            if value is None:
                expected = (
                    "an ISO date-time with its offset (2026-07-01T07:00-04:00)"
                    if zone is None
                    else "a date-time (2026-07-01T07:00) or, with a date column, a time (07:00)"
                ) + f", {RANGE_MESSAGE}"
                problems.append(RowProblem(line, name, f"“{raw.strip()}” is not {expected}"))
        if kind not in kinds:
            problems.append(RowProblem(line, "kind", f"“{kind}” is not one of {', '.join(KINDS)}"))
        if pgy_text and pgy_text not in _PGYS:
            problems.append(RowProblem(line, "pgy", f"“{pgy_text}” is not a PGY year (1–12)"))
        if start and end and end == start:
            problems.append(
                RowProblem(
                    line,
                    "end",
                    f"start and end are the same time ({start:%H:%M}); for a 24-hour shift give the end with "
                    f"the next day's date ({(start + timedelta(days=1)):%Y-%m-%dT%H:%M})",
                )
            )
        elif start and end and end < start:
            problems.append(RowProblem(line, "end", "the shift ends before it starts"))
    if problems:
        raise ScheduleRejected(problems)
    return shifts


def _delimiter(text: str) -> str:
    """Comma, or the semicolon or tab of the header line when it has one of those and no comma (spreadsheet
    exports in many locales use semicolons)."""
    header = text.split("\n", 1)[0]
    if "," in header:
        return ","
    return max(";\t", key=header.count) if (";" in header or "\t" in header) else ","


def _numbered(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    yield from enumerate(reader, start=2)


def read_schedule(
    text: str,
    mapping: Mapping[str, str] | None = None,
    keep: Callable[[str], bool] | None = None,
    zone: tzinfo | None = None,
) -> list[Shift]:
    """Shifts from CSV text; ``mapping`` renames the file's columns to ours (e.g. {"Name": "resident"}).

    Every bad row is reported (line and column); nothing is returned unless all rows are good. See ``_read_rows``;
    a file the CSV reader itself cannot read (a field longer than its limit, a NUL) is one problem on its line.
    """
    try:
        return _read_rows(text, mapping, keep, zone)
    except csv.Error as error:
        raise ScheduleRejected(
            [RowProblem(_line_of(error), "file", f"this is not a CSV file MedPath can read ({error})")]
        ) from None


def _line_of(error: csv.Error) -> int:
    found = re.search(r"line (\d+)", str(error))
    return int(found.group(1)) if found else 1
