"""ACGME clinical and educational work hours: which rules a schedule keeps, and where it does not. Pure.

The limits are catalog data (``catalog/data/workhours/acgme.yaml``, with their
sources); the choices that are not facts — the gap that still counts as
"continuous", how leave enters an average, rolling or rotation windows, when to
warn near a limit — are labelled ``Settings``. Times are aware datetimes:
elapsed hours are real time, also across daylight-saving changes; a shift's
calendar day is its local date. Findings carry the rule, the resident, the window,
the value and the limit; a run of overlapping violating windows is reported once
with its worst value.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import timezone

from medpath.experience.workhours.model import (
    COUNTED,
    EXTRA_TIME,
    HOUR,
    KINDS,
    LONGEST_SHIFT,
    Finding,
    Kind,
    LeaveHandling,
    Limits,
    Report,
    Settings,
    Severity,
    Shift,
    WeekTotal,
    Window,
    WorkHoursError,
)
from medpath.experience.workhours.rules import RULES
from medpath.experience.workhours.timeline import (
    build_timeline,
    fixed_offset,
    no_overlaps,
    validate,
    validate_each,
    weekly_totals,
)

__all__ = [
    "COUNTED",
    "EXTRA_TIME",
    "HOUR",
    "KINDS",
    "LONGEST_SHIFT",
    "RULES",
    "Finding",
    "Kind",
    "LeaveHandling",
    "Limits",
    "Report",
    "Settings",
    "Severity",
    "Shift",
    "WeekTotal",
    "Window",
    "WorkHoursError",
    "check",
    "validate",
]


def check(shifts: Sequence[Shift], limits: Limits | None = None, settings: Settings | None = None) -> Report:
    """Check every resident's schedule against the seven rules."""
    limits = limits or Limits()
    settings = settings or Settings()
    validate_each(shifts)
    # Fixed UTC offsets from here on: Python subtracts two times of one ZoneInfo as wall-clock times,
    # which would make a night across a daylight-saving change 12 hours instead of 11.
    shifts = [
        s
        if type(s.start.tzinfo) is timezone and type(s.end.tzinfo) is timezone
        else replace(s, start=fixed_offset(s.start), end=fixed_offset(s.end))
        for s in shifts
    ]
    report = Report(window_mode="rotation" if settings.window == "rotation" else "rolling 28-day")
    by_resident: dict[str, list[Shift]] = defaultdict(list)
    for shift in shifts:
        by_resident[shift.resident].append(shift)
    rotation_missing = False
    for resident in sorted(by_resident):
        own = sorted(by_resident[resident], key=lambda s: s.start)
        no_overlaps(resident, own)
        rotation_missing |= settings.window == "rotation" and not any(s.rotation for s in own)
        check_resident(resident, own, limits, settings, report)
    if rotation_missing:
        report.notes.append(
            "Rotation averaging was asked for, but some residents have no rotation column: rolling windows were used for them."
        )
    report.notes.append(
        f"Averaging: {report.window_mode} windows; leave is "
        + ("left out of the average (hours and weeks)" if settings.leave == "omit" else "counted as zero hours")
        + f"; periods less than {settings.continuity_gap_hours:g} h apart count as continuous."
    )
    return report


def check_resident(resident: str, own: list[Shift], limits: Limits, settings: Settings, report: Report) -> None:
    """Check one resident's schedule (sorted by start) against every rule, each over the same timeline."""
    timeline = build_timeline(resident, own, limits, settings)
    for rule in RULES:
        rule(timeline, limits, settings, report)
    report.weekly_hours[resident] = weekly_totals(timeline, limits.window_days)
