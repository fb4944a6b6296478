"""The Education card on the dashboard: progress and the next milestone."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from medpath.catalog.loader import UnknownCareerError
from medpath.dashboard import Card, NextAction
from medpath.plans.roadmap import PlanError
from medpath.plans.selectors import roadmap_view
from medpath.wording import day, month


def education_card(user: Any) -> Card:
    """Where the user stands on their roadmap."""
    url = reverse("plans:roadmap")
    try:
        view = roadmap_view(user)
    except (UnknownCareerError, PlanError):
        return Card(
            "education",
            "Education",
            "Your roadmap needs attention.",
            [NextAction("Choose your target again", reverse("plans:target"))],
            url,
        )
    if view is None:
        return Card(
            "education",
            "Education",
            "Choose the career you aim for and get a dated roadmap.",
            [
                NextAction("Choose a target career", reverse("plans:target")),
                NextAction("Explore careers", reverse("plans:career_list")),
            ],
            url,
        )
    plan = view.plan
    summary = f"{view.pathway.career.name}: {view.progress_percent}% done, typically finished {month(plan.typical_finish)}."
    actions = []
    upcoming = plan.next_milestone()
    if upcoming is not None:
        when = upcoming.fixed_on or upcoming.typical_end
        label = "booked for" if upcoming.fixed_on else "typically by"
        actions.append(NextAction(f"Next: {upcoming.name}", url, f"{label} {day(when)}"))
    return Card("education", "Education", summary, actions, url)


def profile_target(user: Any) -> dict[str, object]:
    """The target career shown on the profile page: the roadmap, and the name of the stage the person is at."""
    try:
        view = roadmap_view(user)
    except (UnknownCareerError, PlanError):
        view = None
    if view is None:
        return {"target": None}
    names = {stage.id: stage.name for stage in view.pathway.stages}
    return {"target": view, "current_stage_name": names.get(view.roadmap.current_stage_id, "")}
