"""The Education pillar's deadlines: a stage booked for a date (an exam on 14 March) that is not done yet.

Registered with the platform's deadline registry, so booked exams get the 90/60/30/7-day
reminders, show on the calendar feed and reach the dashboard like every other deadline.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from medpath.catalog.loader import UnknownCareerError
from medpath.deadlines import Deadline, register_deadlines
from medpath.plans.models import Milestone
from medpath.plans.selectors import career_for


def booked_stages(user: Any, today: date) -> list[Deadline]:
    """Each booked, not yet completed stage of the user's target careers, from today on."""
    rows = Milestone.objects.for_user(user).filter(completed_on__isnull=True, booked_for__gte=today).order_by("booked_for")
    found = []
    names: dict[str, dict[str, str]] = {}
    for row in rows:
        if row.career_id not in names:
            try:
                names[row.career_id] = {stage.id: stage.name for stage in career_for(user, row.career_id).stages}
            except UnknownCareerError:  # a private career since deleted: its milestones wait, unnamed
                names[row.career_id] = {}
        assert row.booked_for is not None
        name = names[row.career_id].get(row.stage_id, row.stage_id.replace("-", " "))
        found.append(Deadline(f"plans:{row.pk}:booked:{row.booked_for}", f"{name} (booked)", row.booked_for))
    return found


register_deadlines(booked_stages)
