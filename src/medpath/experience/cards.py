"""The Hands-on experience card on the dashboard: hours against targets, verifications waiting, work-hour status."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse

from medpath.dashboard import Card, NextAction
from medpath.experience.actions import totals, work_hour_report
from medpath.experience.models import ExperienceEntry, Verification
from medpath.experience.selectors import lapsed_entry_ids, target_progress
from medpath.wording import amount, count, day


def experience_card(user: Any) -> Card:
    """Targets closest to done, supervisors still to answer, and the work-hour rules' state."""
    url = reverse("experience:overview")
    entries = ExperienceEntry.objects.for_user(user)
    has_shifts = work_hour_report(user) is not None
    has_entries = entries.exists()
    if not has_entries and not has_shifts:
        return Card(
            "experience",
            "Hands-on experience",
            "Log clinical hours, shadowing and procedures, have supervisors verify them, and check resident work hours.",
            [
                NextAction("Log an experience", reverse("experience:entry_new")),
                NextAction("Enter shifts", reverse("experience:hours")),
            ],
            url=url,
        )
    parts: list[str] = []
    actions: list[NextAction] = []
    summary = totals(user)
    if summary.total:
        parts.append(f"{amount(summary.total)} hours logged, {amount(summary.verified)} verified.")
    for progress in sorted(target_progress(user, summary), key=lambda p: p.share)[:2]:
        if not progress.met:
            actions.append(
                NextAction(
                    f"{amount(progress.missing)} h to go: {progress.target.label}",
                    reverse("experience:targets"),
                    due=f"by {day(progress.target.due_on)}" if progress.target.due_on else "",
                )
            )
    lapsed = lapsed_entry_ids(user)
    pending = entries.filter(verification=Verification.PENDING).exclude(pk__in=lapsed).count()
    if pending:
        parts.append(f"{count(pending, 'entry', 'entries')} waiting for a supervisor.")
    # Entries whose link lapsed show as not verified: they may be asked again, as the entry list says.
    to_ask = entries.filter(Q(verification=Verification.UNVERIFIED) | Q(pk__in=lapsed)).exclude(supervisor_email="").count()
    if to_ask:
        actions.append(
            NextAction(
                f"Ask for verification of {count(to_ask, 'entry', 'entries')}",
                reverse("experience:entries") + "?verification=unverified",
            )
        )
    report = work_hour_report(user)
    if report is not None:
        if report.violations:
            parts.append(f"Work hours: {count(len(report.violations), 'violation')} in the last eight weeks.")
            actions.insert(0, NextAction("See the work-hour violations", reverse("experience:hours_report")))
        else:
            parts.append("Work hours: every ACGME rule holds over the last eight weeks.")
    return Card("experience", "Hands-on experience", " ".join(parts) or "Your experience log.", actions, url=url)
