"""Checking a whole schedule file on every core: residents are shared out among forked workers.

Each worker reads the file itself but builds shifts only for its own residents
(chosen by a stable hash of the label), checks them, and sends back its report
or its problems; the parent merges them in the order a single process would give.
Small files, platforms without ``fork``, and ``workers=1`` run in this process.
Meant for the command line: inside a web server's worker, pass ``workers=1``
rather than forking the server process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import zlib
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from medpath.experience.schedule import BATCH_LIMITS, ScheduleRejected, read_schedule
from medpath.experience.workhours import Limits, Report, Settings, WorkHoursError, check
from medpath.rows import RowProblem

# Below this many bytes one process is faster than starting workers.
PARALLEL_FROM_BYTES = 2_000_000

_job: tuple[str, Mapping[str, str] | None, Limits, Settings] | None = None


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_text(
    text: str,
    mapping: Mapping[str, str] | None,
    limits: Limits,
    settings: Settings,
    workers: int | None = None,
) -> Report:
    """Read and check schedule CSV text. Raises ScheduleRejected (every bad row) or WorkHoursError."""
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(text) < PARALLEL_FROM_BYTES or "fork" not in multiprocessing.get_all_start_methods():
        with _no_cycle_collection():
            return check(read_schedule(text, mapping, limits=BATCH_LIMITS), limits, settings)
    global _job
    _job = (text, mapping, limits, settings)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            parts = list(pool.map(_check_share, [(share, workers) for share in range(workers)]))
    finally:
        _job = None
    problems = [problem for part in parts if isinstance(part, list) for problem in part]
    if problems:
        raise ScheduleRejected(sorted(problems, key=lambda p: (p.line, p.field)))
    failures = [part for part in parts if isinstance(part, WorkHoursError)]
    if failures:
        raise failures[0]
    return _merge([part for part in parts if isinstance(part, Report)])


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Hundreds of thousands of acyclic objects: collecting cycles meanwhile only costs time (about 6%)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _share_of(resident: str, workers: int) -> int:
    # Rows without a resident go to worker 0, which reports them.
    return zlib.crc32(resident.encode()) % workers if resident else 0


def _check_share(task: tuple[int, int]) -> Report | list[RowProblem] | WorkHoursError:
    share, workers = task
    assert _job is not None, "workers are forked from check_text"
    text, mapping, limits, settings = _job
    gc.disable()  # the worker exits when done; its many small objects hold no cycles
    try:
        owned: dict[str, bool] = {}  # each resident's share computed once, not once per row

        def keep(resident: str) -> bool:
            mine = owned.get(resident)
            if mine is None:
                mine = owned[resident] = _share_of(resident, workers) == share
            return mine

        shifts = read_schedule(text, mapping, keep=keep, limits=BATCH_LIMITS)
    except ScheduleRejected as rejected:
        return rejected.problems
    try:
        return check(shifts, limits, settings)
    except WorkHoursError as error:
        return error


def _merge(parts: list[Report]) -> Report:
    """One report from the workers', ordered by resident as a single process orders it."""
    merged = Report(window_mode=parts[0].window_mode)
    for part in parts:
        merged.violations += part.violations
        merged.advisories += part.advisories
        merged.warnings += part.warnings
        merged.weekly_hours.update(part.weekly_hours)
    for findings in (merged.violations, merged.advisories, merged.warnings):
        findings.sort(key=lambda finding: finding.resident)  # stable: each resident's order is kept
    merged.weekly_hours = dict(sorted(merged.weekly_hours.items()))
    every = [note for part in parts for note in part.notes]
    general = [note for note in dict.fromkeys(every) if all(note in part.notes for part in parts)]
    personal = sorted(note for note in dict.fromkeys(every) if note not in general)
    merged.notes = personal + general
    return merged
