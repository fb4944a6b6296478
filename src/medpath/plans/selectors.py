"""Reads for the Education pillar, each scoped to one user."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from medpath.accounts.models import User
from medpath.catalog.loader import Catalog, catalog
from medpath.catalog.schema import Career, Source
from medpath.plans.models import CustomCareer, Milestone, Roadmap
from medpath.plans.pathways import Pathway, pathway, stages_before
from medpath.plans.roadmap import Plan, PlanError, PlanOptions, build_plan


def user_today(user: User) -> date:
    """Today's date where the user lives."""
    try:
        zone = zoneinfo.ZoneInfo(user.time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return timezone.localdate(timezone=zone)


def custom_careers(user: User | AnonymousUser) -> list[CustomCareer]:
    """The user's private careers."""
    return list(CustomCareer.objects.for_user(user).order_by("name"))


def user_catalog(user: User | AnonymousUser, rows: list[CustomCareer] | None = None) -> Catalog:
    """The shipped catalog plus the user's private careers (one query, or none for a visitor)."""
    if not user.is_authenticated:
        return catalog()
    rows = custom_careers(user) if rows is None else rows
    careers = [Career.model_validate(row.document["career"]) for row in rows]
    sources = [Source.model_validate(item) for row in rows for item in row.document.get("sources", [])]
    return catalog().with_careers(careers, sources)


def career_for(user: User, career_id: str) -> Career:
    """One career: from the shipped catalog, or else the user's own (at most one query).

    Pages about a single career parse only that one, not all of the user's careers.
    """
    shipped = catalog()
    if career_id in shipped.careers:
        return shipped.careers[career_id]
    row = CustomCareer.objects.for_user(user).filter(career_id=career_id).first()
    if row is None:
        return shipped.career(career_id)  # raises UnknownCareerError with suggestions
    return Career.model_validate(row.document["career"])


@dataclass(frozen=True)
class RoadmapView:
    """A roadmap with its pathway and the plan computed from the person's milestones."""

    roadmap: Roadmap
    pathway: Pathway
    plan: Plan
    milestones: dict[str, Milestone]
    today: date

    @property
    def progress_percent(self) -> int:
        """Share of milestones done."""
        total = len(self.plan.milestones)
        return round(100 * self.plan.done_count / total) if total else 0


def plan_options(roadmap: Roadmap, path: Pathway, milestones: dict[str, Milestone], today: date) -> PlanOptions:
    """The planner's options from a roadmap's settings and its milestones."""
    on_route = {stage.id for stage in path.stages}
    completed = {m.stage_id: m.completed_on for m in milestones.values() if m.completed_on and m.stage_id in on_route}
    fixed = {
        m.stage_id: m.booked_for for m in milestones.values() if m.booked_for and not m.completed_on and m.stage_id in on_route
    }
    done_before = stages_before(path, roadmap.current_stage_id) if roadmap.current_stage_id else frozenset()
    return PlanOptions(
        start=roadmap.start_date,
        today=today,
        completed=completed,
        done_before_start=frozenset(done_before - set(completed)),
        fixed=fixed,
        part_time_factor=float(roadmap.part_time_factor) if roadmap.part_time else 1.0,
        gap_after=roadmap.gap_after_stage_id or None if roadmap.gap_months else None,
        gap_months=float(roadmap.gap_months) if roadmap.gap_after_stage_id else 0.0,
    )


def roadmap_view(user: User) -> RoadmapView | None:
    """The user's roadmap and plan, or None when no target is set yet (three queries at most)."""
    roadmap = Roadmap.objects.for_user(user).first()
    if roadmap is None:
        return None
    career = career_for(user, roadmap.career_id)
    milestones = {m.stage_id: m for m in Milestone.objects.for_user(user).filter(roadmap=roadmap)}
    today = user_today(user)
    path = pathway(career, roadmap.route_id, roadmap.specialty_id or None)
    plan = build_plan(path.stages, plan_options(roadmap, path, milestones, today))
    return RoadmapView(roadmap=roadmap, pathway=path, plan=plan, milestones=milestones, today=today)


__all__ = [
    "PlanError",
    "RoadmapView",
    "career_for",
    "custom_careers",
    "plan_options",
    "roadmap_view",
    "user_catalog",
    "user_today",
]
