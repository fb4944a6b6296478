"""The Soft-skills card on the dashboard: the framework, the latest self-assessment, feedback and goals."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from medpath.catalog.loader import catalog
from medpath.dashboard import Card, NextAction
from medpath.skills.models import FeedbackRequest, Goal, GoalStatus, SelfAssessment
from medpath.skills.services.assessment import chosen_framework_id
from medpath.wording import count, day


def skills_card(user: Any) -> Card:
    """Where the person stands: last self-assessment, an open feedback request's answers, goals due."""
    url = reverse("skills:overview")
    framework = catalog().frameworks[chosen_framework_id(user)]
    latest = SelfAssessment.objects.for_user(user).order_by("-assessed_on").first()
    goals = list(Goal.objects.for_user(user).filter(status=GoalStatus.OPEN).order_by("due_on")[:2])
    open_requests = [row for row in FeedbackRequest.objects.for_user(user).filter(closed_at__isnull=True) if not row.is_closed()]
    if latest is None and not goals and not open_requests:
        return Card(
            "skills",
            "Soft skills",
            f"Rate yourself against {framework.name}, ask colleagues for anonymous feedback, and set goals.",
            [
                NextAction("Rate yourself", reverse("skills:assess")),
                NextAction("Ask colleagues for feedback", reverse("skills:feedback_new")),
            ],
            url,
        )
    parts = []
    if latest is not None:
        parts.append(f"Last self-assessment {day(latest.assessed_on)}.")
    actions = []
    for sent in open_requests:
        parts.append(f"“{sent.title}”: {count(sent.answers, 'answer')} so far, open until {day(sent.closes_on)}.")
    for goal in goals:
        actions.append(NextAction(goal.title, reverse("skills:goal_edit", args=[goal.pk]), f"due {day(goal.due_on)}"))
    if not goals:
        actions.append(NextAction("Set a goal", reverse("skills:goal_new")))
    return Card("skills", "Soft skills", " ".join(parts) or f"Working against {framework.name}.", actions, url)
