"""The Education pillar's next actions: a stage booked soon, and — for students only — choosing a target."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from medpath.next_actions import Action, by_days
from medpath.plans.models import Roadmap
from medpath.plans.reminders import booked_stages
from medpath.wording import day

STUDENTS = {"pre_health", "nursing_student", "medical_student", "allied_student"}


def plans_actions(user: Any, today: date) -> list[Action]:
    """Booked exams and stages within three months; a student without a target career is asked to choose one
    (a practising nurse or physician is not)."""
    found = [
        Action(
            deadline.key,
            "education",
            deadline.title,
            f"Booked for {day(deadline.due)}: prepare, or move the date on your roadmap.",
            by_days((deadline.due - today).days),
            deadline.due,
            reverse("plans:roadmap"),
        )
        for deadline in booked_stages(user, today)
        if (deadline.due - today).days <= 90
    ]
    if getattr(user, "career_stage", "") in STUDENTS and not Roadmap.objects.for_user(user).exists():
        found.append(
            Action(
                "plans:choose-target",
                "education",
                "Choose the career you are aiming for",
                "MedPath then plans your route with dates: degrees, exams, training and licence.",
                "low",
                None,
                reverse("plans:target"),
            )
        )
    return found
