"""Reading a schedule (CSV or XLSX, the documented columns) into shifts, through the shared reader. Pure: shared by
the CLI, the import page and the API."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta, tzinfo

from medpath.bounds import RANGE_MESSAGE, year_in_range
from medpath.experience.workhours import KINDS, Shift
from medpath.rows import RowProblem, RowsRejected, sample_csv
from medpath.tabular import LIMITS, Field, Limits, TableRejected, read_table

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


# The stateless check (CLI, API) reads whole programmes' schedules: bounded only by what reaches it.
BATCH_LIMITS = Limits(max_bytes=2**40, max_rows=10**9, max_columns=60)


def _fields(zone: tzinfo | None) -> tuple[Field, ...]:
    return (
        *(Field(name, name, required=True) for name in REQUIRED),
        *(Field(name, name) for name in (*OPTIONAL, *(LOCAL_OPTIONAL if zone is not None else ()))),
    )


def _read_rows(
    data: str | bytes,
    mapping: Mapping[str, str] | None = None,
    keep: Callable[[str], bool] | None = None,
    zone: tzinfo | None = None,
    filename: str = "",
    limits: Limits = LIMITS,
) -> list[Shift]:
    """Shifts from a CSV or XLSX file (the shared reader, ``medpath.tabular``); ``mapping`` renames the file's
    columns to ours (e.g. {"Name": "resident"}).

    Every bad row is reported (its first physical line, and the column); nothing is returned unless all rows are
    good. Without ``zone`` every start and end needs its UTC offset (the documented format). With ``zone`` (the
    app's import, where the person says their times are local) times without an offset are read in that
    zone, and a ``date`` column may hold the day while start and end hold times ("07:00").
    ``keep``, given a resident label, says whether to read that row at all (a worker's share of a file).
    """
    try:
        table = read_table(data, _fields(zone), mapping=mapping, filename=filename, limits=limits)
    except TableRejected as rejected:
        raise ScheduleRejected(rejected.problems) from None
    kinds = frozenset(KINDS)
    shifts: list[Shift] = []
    problems: list[RowProblem] = []
    for record in table.records:
        line = record.line
        resident, kind = record.get("resident"), record.get("kind").lower()
        if keep is not None and not keep(resident):
            continue
        raw_start, raw_end = record.get("start"), record.get("end")
        if zone is None:
            start, end = _instant(raw_start), _instant(raw_end)
        else:
            day = record.get("date")
            start = _local(day, raw_start, zone)
            end = _local(day, raw_end, zone, after=start)
        pgy_text, rotation = record.get("pgy"), record.get("rotation")
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
        if not resident:
            problems.append(record.problem("resident", "empty"))
        for name, value, raw in (("start", start, raw_start), ("end", end, raw_end)):
            if value is None:
                expected = (
                    "an ISO date-time with its offset (2026-07-01T07:00-04:00)"
                    if zone is None
                    else "a date-time (2026-07-01T07:00) or, with a date column, a time (07:00)"
                ) + f", {RANGE_MESSAGE}"
                problems.append(record.problem(name, f"“{raw}” is not {expected}"))
        if kind not in kinds:
            problems.append(record.problem("kind", f"“{kind}” is not one of {', '.join(KINDS)}"))
        if pgy_text and pgy_text not in _PGYS:
            problems.append(record.problem("pgy", f"“{pgy_text}” is not a PGY year (1–12)"))
        if start and end and end == start:
            problems.append(
                record.problem(
                    "end",
                    f"start and end are the same time ({start:%H:%M}); for a 24-hour shift give the end with "
                    f"the next day's date ({(start + timedelta(days=1)):%Y-%m-%dT%H:%M})",
                )
            )
        elif start and end and end < start:
            problems.append(record.problem("end", "the shift ends before it starts"))
    if problems:
        raise ScheduleRejected(problems)
    return shifts


def read_schedule(
    data: str | bytes,
    mapping: Mapping[str, str] | None = None,
    keep: Callable[[str], bool] | None = None,
    zone: tzinfo | None = None,
    filename: str = "",
    limits: Limits = LIMITS,
) -> list[Shift]:
    """Shifts from a CSV (text or bytes) or XLSX file; ``mapping`` renames the file's columns to ours (e.g.
    {"Name": "resident"}).

    Every bad row is reported (line and column); nothing is returned unless all rows are good. See ``_read_rows``;
    a file the reader itself cannot read (not UTF-8, a field longer than the CSV limit, a NUL, a merged cell or a
    formula in a workbook) is refused with its line where it has one.
    """
    return _read_rows(data, mapping, keep, zone, filename, limits)
