"""The ACGME rules, one function each, over one resident's timeline; ``RULES`` fixes the report's order. Pure."""

from __future__ import annotations

import math
from collections.abc import Callable

from medpath.experience.workhours.model import EXTRA_TIME, HOUR, Finding, Limits, Report, Settings
from medpath.experience.workhours.timeline import Timeline, file_runs


def _handover_hint(core: float, total: float, limits: Limits) -> str:
    """When a continuous period breaks the rule only because its last hours are recorded as clinical work
    (a 28-hour call row), say that handover or education hours belong in a separate transition shift."""
    excess = core - limits.continuous_hours
    if excess <= 1e-9 or total > limits.continuous_hours + limits.extra_hours + 1e-9:
        return ""  # within the clinical limit, or too long in all: recording it differently cannot help
    return (
        f"If the last {round(excess, 2):g} h were handing over patients (transitions of care) or education, record them as a "
        f"separate transition shift (or education): up to {limits.extra_hours:g} h of those are allowed after "
        f"{limits.continuous_hours:g} h of continuous clinical work, and this period would then keep the rule."
    )


# ---- the rules ----------------------------------------------------------------------------------------------


def _weekly_80(timeline: Timeline, limits: Limits, settings: Settings, report: Report) -> None:
    """weekly-80: at most 80 hours a week, averaged over each window (a warning from ``near_limit_share`` of it)."""
    over: list[tuple[tuple[int, int], float]] = []
    near: list[tuple[tuple[int, int], float]] = []
    weekly_limit = limits.weekly_hours + 1e-9
    near_limit = settings.near_limit_share * limits.weekly_hours
    for start, stop, effective in timeline.windows:
        average = (timeline.prefix_hours[stop] - timeline.prefix_hours[start]) * 7 / effective
        if average > weekly_limit:
            over.append(((start, stop), round(average, 2)))
        elif average >= near_limit:
            near.append(((start, stop), round(average, 2)))
    detail = "hours per week, averaged over the window"
    file_runs(timeline, report, "weekly-80", over, "violation", detail, lambda _: limits.weekly_hours, limits)
    file_runs(timeline, report, "weekly-80", near, "warning", "close to the limit", lambda _: limits.weekly_hours, limits)


def _one_day_off_in_7(timeline: Timeline, limits: Limits, settings: Settings, report: Report) -> None:
    """one-day-off-in-7: one free 24-hour period (no work, no home call) in every 7 days, averaged over each window."""
    short: list[tuple[tuple[int, int], float]] = []
    for start, stop, effective in timeline.windows:
        if effective >= limits.days_per_free_day:
            free = timeline.prefix_free[stop] - timeline.prefix_free[start]
            if free < math.floor(effective / limits.days_per_free_day + 1e-9):
                short.append(((start, stop), float(free)))
    detail = "free 24-hour periods (no work, no home call) in the window"
    file_runs(
        timeline, report, "one-day-off-in-7", short, "violation", detail, lambda n: float(n // limits.days_per_free_day), limits
    )


def _in_house_call_every_3rd(timeline: Timeline, limits: Limits, settings: Settings, report: Report) -> None:
    """in-house-call-every-3rd: in-house call no more often than every third night, averaged over each window."""
    frequent: list[tuple[tuple[int, int], float]] = []
    for start, stop, effective in timeline.windows:
        if effective >= limits.call_every_nth_night:
            count = timeline.prefix_calls[stop] - timeline.prefix_calls[start]
            if count > math.floor(effective / limits.call_every_nth_night + 1e-9):
                frequent.append(((start, stop), float(count)))
    file_runs(
        timeline,
        report,
        "in-house-call-every-3rd",
        frequent,
        "violation",
        "in-house calls in the window",
        lambda n: float(n // limits.call_every_nth_night),
        limits,
    )


def _continuous_24_plus_4(timeline: Timeline, limits: Limits, settings: Settings, report: Report) -> None:
    """continuous-24-plus-4: at most 24 hours of continuous scheduled clinical work, plus up to 4 hours of
    transitions of care or education."""
    for block_start, end, members in timeline.blocks:
        core = sum((s.end - s.start).total_seconds() for s in members if s.kind not in EXTRA_TIME) / HOUR
        total = (end - block_start).total_seconds() / HOUR
        if core > limits.continuous_hours + 1e-9 or total > limits.continuous_hours + limits.extra_hours + 1e-9:
            report.add(
                Finding(
                    "continuous-24-plus-4",
                    timeline.resident,
                    block_start,
                    end,
                    round(max(core, total), 2),
                    limits.continuous_hours + (limits.extra_hours if core <= limits.continuous_hours + 1e-9 else 0),
                    "violation",
                    f"{core:.1f} h of scheduled clinical work, {total:.1f} h in all",
                    _handover_hint(core, total, limits),
                )
            )


def _short_rest_after_call(rest: float, call: float, limits: Limits) -> bool:
    """Less than 14 hours free after a period holding 24 hours of in-house call."""
    return call >= limits.call_hours_for_rest - 1e-9 and rest < limits.rest_after_call_hours - 1e-9


def _rest_14_after_24(timeline: Timeline, limits: Limits, settings: Settings, report: Report) -> None:
    """rest-14-after-24: 14 hours free of work after 24 hours of in-house call."""
    for end, following, call in timeline.rests:
        rest = (following - end).total_seconds() / HOUR
        if _short_rest_after_call(rest, call, limits):
            report.add(
                Finding(
                    "rest-14-after-24",
                    timeline.resident,
                    end,
                    following,
                    round(rest, 2),
                    limits.rest_after_call_hours,
                    "violation",
                    "hours free after 24 hours of in-house call",
                )
            )


def _rest_8_between(timeline: Timeline, limits: Limits, settings: Settings, report: Report) -> None:
    """rest-8-between: 8 hours off between work periods should be had (an advisory; a short rest after 24 hours
    of in-house call is the rest-14-after-24 violation instead)."""
    for end, following, call in timeline.rests:
        rest = (following - end).total_seconds() / HOUR
        if rest < limits.rest_between_hours - 1e-9 and not _short_rest_after_call(rest, call, limits):
            report.add(
                Finding(
                    "rest-8-between",
                    timeline.resident,
                    end,
                    following,
                    round(rest, 2),
                    limits.rest_between_hours,
                    "advisory",
                    "hours off between work periods (a 'should')",
                )
            )


def _pgy1_moonlighting(timeline: Timeline, limits: Limits, settings: Settings, report: Report) -> None:
    """pgy1-moonlighting: PGY-1 residents may not moonlight (not evaluated, with a note, when the PGY is unknown)."""
    moonlighting = [s for s in timeline.own if s.kind == "moonlighting"]
    if not moonlighting:
        return
    pgys = {s.pgy for s in timeline.own if s.pgy is not None}
    if not pgys:
        report.notes.append(f"{timeline.resident}: PGY unknown, so the PGY-1 moonlighting rule was not evaluated.")
    for shift in moonlighting:
        if shift.pgy == 1 or (shift.pgy is None and pgys == {1}):
            report.add(
                Finding(
                    "pgy1-moonlighting",
                    timeline.resident,
                    shift.start,
                    shift.end,
                    round(shift.hours, 2),
                    0.0,
                    "violation",
                    "PGY-1 residents may not moonlight",
                )
            )


Rule = Callable[[Timeline, Limits, Settings, Report], None]
# In this order each resident's findings are listed (violations, advisories and warnings each keep it).
RULES: tuple[Rule, ...] = (
    _weekly_80,
    _one_day_off_in_7,
    _in_house_call_every_3rd,
    _continuous_24_plus_4,
    _rest_14_after_24,
    _rest_8_between,
    _pgy1_moonlighting,
)
