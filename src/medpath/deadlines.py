"""Deadlines and the daily reminder run: a platform registry every pillar plugs into.

A pillar registers a source of ``Deadline``s (a credential's expiry, a booked exam, a
verification link about to lapse) and, when it sends something of its own each day,
a reminder job. ``medpath remind`` runs every job once; the calendar feed, the
dashboard and the e-mail reminders read every source. The platform imports no pillar:
pillars register from their AppConfig.ready.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Deadline:
    """Something due on a date, with a stable key."""

    key: str
    title: str
    due: date
    detail: str = ""


DeadlineSource = Callable[[Any, date], list[Deadline]]
_SOURCES: list[DeadlineSource] = []


def register_deadlines(source: DeadlineSource) -> None:
    """Let a pillar add its deadlines to reminders, the dashboard and the calendar feed."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def deadlines_for(user: Any, today: date) -> list[Deadline]:
    """Every deadline of every pillar, soonest first."""
    found = [deadline for source in _SOURCES for deadline in source(user, today)]
    return sorted(found, key=lambda d: (d.due, d.title))


@dataclass(frozen=True)
class ReminderJob:
    """Something the daily run does: ``run(dry_run)`` returns how many it sent (or would send)."""

    name: str
    run: Callable[[bool], int]
    done: str  # "{count} reminder(s) sent or recorded"
    due: str  # "{count} reminder(s) due"


_JOBS: dict[str, ReminderJob] = {}


def register_reminder_job(name: str, run: Callable[[bool], int], *, done: str, due: str) -> None:
    """Add a job to ``medpath remind`` (once per name; the order of registration is the order of the run)."""
    _JOBS.setdefault(name, ReminderJob(name, run, done, due))


def run_reminder_jobs(*, dry_run: bool = False) -> list[str]:
    """Run every job once; one line per job saying how many it sent (or, on a dry run, would send)."""
    lines = []
    for job in _JOBS.values():
        count = job.run(dry_run)
        lines.append((job.due if dry_run else job.done).format(count=count))
    return lines
