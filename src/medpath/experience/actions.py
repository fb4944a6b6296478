"""The Hands-on experience pillar's next actions: work-hour rules broken or near their limit, verification
links about to lapse, entries to send for verification, targets due soon."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from medpath.experience.models import ExperienceEntry, Shift, Verification
from medpath.experience.reminders import SUPERVISOR_REMINDER_DAYS, waiting_requests
from medpath.experience.selectors import target_progress, user_totals
from medpath.experience.shifts import user_report
from medpath.experience.workhours import Report
from medpath.next_actions import Action, Severity, by_days
from medpath.usertime import user_today
from medpath.wording import amount, day

RECENT_DAYS = 28  # work-hour findings this recent are worth acting on (a setting: the averaging window)


def work_hour_report(user: Any) -> Report | None:
    """The user's work-hour report over the last eight weeks (None without shifts): enough for every rolling
    four-week window that ends in the last four; the report page checks everything. Computed once per request:
    the card and the actions share it, so five years of shifts do not slow the dashboard."""
    if not hasattr(user, "_medpath_workhours"):
        since = user_today(user) - timedelta(days=2 * RECENT_DAYS)
        user._medpath_workhours = user_report(user, since=since)[0] if Shift.objects.for_user(user).exists() else None
    report: Report | None = user._medpath_workhours
    return report


def totals(user: Any) -> Any:
    """The user's hour totals, computed once per request (the card and the actions share them)."""
    if not hasattr(user, "_medpath_totals"):
        user._medpath_totals = user_totals(user)
    return user._medpath_totals


def experience_actions(user: Any, today: date) -> list[Action]:
    """Candidates of the experience pillar; a resident's work-hour actions weigh one level more."""
    found = _work_hours(user, today) + _verifications(user, today) + _targets(user, today)
    return found


def _finding_day(moment: datetime | date) -> date:
    return timezone.localtime(moment).date() if isinstance(moment, datetime) else moment


def _work_hours(user: Any, today: date) -> list[Action]:
    report = work_hour_report(user)
    if report is None:
        return []
    from medpath.experience.views import rule_labels

    labels = rule_labels()
    resident = getattr(user, "career_stage", "") == "resident"
    url = reverse("experience:hours_report")
    since = today - timedelta(days=RECENT_DAYS)
    found: list[Action] = []
    near: Severity = "high" if resident else "medium"  # a resident sees work hours first
    for findings, kind in ((report.violations, "broken"), (report.warnings, "near")):
        latest: dict[str, Any] = {}
        for finding in findings:
            if _finding_day(finding.end) >= since and (
                finding.rule not in latest or _finding_day(finding.end) > _finding_day(latest[finding.rule].end)
            ):
                latest[finding.rule] = finding
        for rule, finding in latest.items():
            level: Severity = "critical" if kind == "broken" else near
            ended = _finding_day(finding.end)
            title = "A work-hour rule was broken" if kind == "broken" else "Work hours near a limit"
            found.append(
                Action(
                    f"workhours:{kind}:{rule}",
                    "experience",
                    title,
                    f"{labels.get(rule, rule)}: {amount(finding.value)} against a limit of {amount(finding.limit)}, "
                    f"up to {day(ended)}.",
                    level,
                    None,
                    url,
                    fingerprint=f"{rule}|{ended.isoformat()}|{finding.value:g}",
                )
            )
    return found


def _verifications(user: Any, today: date) -> list[Action]:
    found: list[Action] = []
    for sent in waiting_requests(user):
        expires = timezone.localdate(sent.link.expires_at)
        days = (expires - today).days
        if days <= SUPERVISOR_REMINDER_DAYS:
            found.append(
                Action(
                    f"verification:{sent.pk}:expires",
                    "experience",
                    "A verification link you sent is about to lapse",
                    f"{sent.supervisor_name or sent.supervisor_email} has not answered; the link ends "
                    f"{day(expires)}. Remind them, or withdraw it and ask again.",
                    "high" if days <= 3 else "medium",
                    expires,
                    reverse("experience:verifications"),
                )
            )
    to_ask = (
        ExperienceEntry.objects.for_user(user).filter(verification=Verification.UNVERIFIED).exclude(supervisor_email="").count()
    )
    if to_ask:
        found.append(
            Action(
                "verification:ask",
                "experience",
                f"Ask for verification of {to_ask} entr{'ies' if to_ask > 1 else 'y'}",
                "Verified hours count where programs ask for them; your supervisors answer through a link.",
                "low",
                None,
                reverse("experience:entries") + "?verification=unverified",
                fingerprint=str(to_ask),
            )
        )
    return found


def _targets(user: Any, today: date) -> list[Action]:
    found: list[Action] = []
    for progress in target_progress(user, totals(user)):
        due = progress.target.due_on
        if progress.met or due is None or (due - today).days > 180:
            continue
        found.append(
            Action(
                f"target:{progress.target.pk}",
                "experience",
                f"{amount(progress.missing)} hours to go: {progress.target.label}",
                f"{progress.share:.0%} of {amount(progress.target.hours)} hours reached; due {day(due)}.",
                by_days((due - today).days, overdue="high"),
                due,
                reverse("experience:targets"),
                fingerprint=f"{due.isoformat()}|{progress.target.hours}",
            )
        )
    return found
