"""The soft-skills pillar's next actions: goals due, a self-assessment not renewed for six months, a feedback
request to close or results to turn into goals."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.urls import reverse

from medpath.next_actions import Action, by_days
from medpath.skills.models import FeedbackRequest, Goal, GoalStatus, SelfAssessment
from medpath.wording import day

REASSESS_AFTER = timedelta(days=182)  # MedPath's rhythm, like the Milestones' semiannual reports (docs/skills.md)
GOAL_HORIZON_DAYS = 30


def skills_actions(user: Any, today: date) -> list[Action]:
    """Open goals due within a month (or overdue), a self-assessment to renew, feedback to read."""
    found = []
    for goal in Goal.objects.for_user(user).filter(status=GoalStatus.OPEN, due_on__lte=today + timedelta(days=GOAL_HORIZON_DAYS)):
        days = (goal.due_on - today).days
        found.append(
            Action(
                f"skills:goal:{goal.pk}",
                "skills",
                f"Goal: {goal.title}",
                # the dashboard shows the date beside the reason: the reason does not repeat it
                "Its date has passed: mark it done, or move its date." if days < 0 else "Mark it done when you reach it.",
                by_days(days),
                goal.due_on,
                reverse("skills:goal_edit", args=[goal.pk]),
            )
        )
    latest = SelfAssessment.objects.for_user(user).order_by("-assessed_on").values_list("assessed_on", flat=True).first()
    if latest is None or today - latest >= REASSESS_AFTER:
        found.append(
            Action(
                "skills:self-assessment",
                "skills",
                "Rate yourself on your competencies" if latest is None else "Renew your self-assessment",
                "A few minutes against your program's framework; the history shows how you grow."
                if latest is None
                else f"Your last one was on {day(latest)}; a new one shows the change.",
                "low",
                None,
                reverse("skills:assess"),
            )
        )
    recent: list[FeedbackRequest] = list(
        FeedbackRequest.objects.for_user(user)
        .filter(withheld=False, closes_on__gte=today - timedelta(days=60))
        .exclude(pk__in=Goal.objects.for_user(user).filter(feedback_request__isnull=False).values("feedback_request_id"))
        .order_by("-closes_on")[:3]
    )
    for sent in recent:
        if not sent.is_closed() or sent.answers < sent.minimum_answers:
            continue
        found.append(
            Action(
                f"skills:feedback:{sent.pk}:goals",
                "skills",
                f"Read your feedback and set a goal: {sent.title}",
                f"{sent.answers} colleagues answered. Turn what you read into one or two specific goals.",
                "medium",
                None,
                reverse("skills:feedback_detail", args=[sent.pk]),
            )
        )
    return found
