"""Reads for the Education pillar, each scoped to one user."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AnonymousUser

from medpath.accounts.models import User
from medpath.catalog.loader import Catalog, catalog
from medpath.catalog.schema import Career, Source
from medpath.plans.models import CustomCareer, Milestone, Roadmap
from medpath.plans.pathways import Pathway, pathway, position_at
from medpath.plans.roadmap import Plan, PlanError, PlanOptions, build_plan
from medpath.usertime import user_today


def user_career_ids(user: User | AnonymousUser) -> list[str]:
    """The careers the user's roadmap aims at (other pillars offer their targets for these first)."""
    return list(Roadmap.objects.for_user(user).values_list("career_id", flat=True))


def custom_careers(user: User | AnonymousUser) -> list[CustomCareer]:
    """The user's private careers."""
    return list(CustomCareer.objects.for_user(user).order_by("name"))


_PARSED: OrderedDict[tuple[int, str, str], tuple[Career, list[Source]]] = OrderedDict()
_PARSED_MAX = 4096


def parsed_row(row: CustomCareer) -> tuple[Career, list[Source]]:
    """A private career and its sources, validated once per process (rows never change after import)."""
    key = (row.pk, row.career_id, row.created_at.isoformat())
    hit = _PARSED.get(key)
    if hit is not None:
        _PARSED.move_to_end(key)
        return hit
    parsed = (
        Career.model_validate(row.document["career"]),
        [Source.model_validate(item) for item in row.document.get("sources", [])],
    )
    _PARSED[key] = parsed
    if len(_PARSED) > _PARSED_MAX:
        _PARSED.popitem(last=False)
    return parsed


def user_catalog(user: User | AnonymousUser, rows: list[CustomCareer] | None = None) -> Catalog:
    """The shipped catalog plus the user's private careers (one query, or none for a visitor)."""
    if not user.is_authenticated:
        return catalog()
    rows = custom_careers(user) if rows is None else rows
    parsed = [parsed_row(row) for row in rows]
    return catalog().with_careers([career for career, _ in parsed], [source for _, sources in parsed for source in sources])


def career_for(user: User, career_id: str) -> Career:
    """One career: from the shipped catalog, or else the user's own (at most one query).

    Pages about a single career parse only that one, not all of the user's careers.
    """
    shipped = catalog()
    if career_id in shipped.careers:
        return shipped.careers[career_id]
    return career_and_sources(user, career_id)[0]


def career_and_sources(user: User | AnonymousUser, career_id: str) -> tuple[Career, dict[str, Source]]:
    """One career (shipped first, then the user's own) with the sources its facts may cite."""
    shipped = catalog()
    if career_id in shipped.careers:
        return shipped.careers[career_id], shipped.sources
    row = CustomCareer.objects.for_user(user).filter(career_id=career_id).first()
    if row is None:
        shipped.career(career_id)  # raises UnknownCareerError with suggestions
    assert row is not None
    career, own = parsed_row(row)
    return career, {**shipped.sources, **{source.id: source for source in own}}


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
    position = position_at(path, roadmap.current_stage_id, roadmap.start_date) if roadmap.current_stage_id else None
    done = position.done - set(completed) if position else frozenset()
    # A stage under way that is marked done keeps its start (the planner then shows it from that start to the day
    # it was done, not as the done day minus its full length).
    under_way = {k: v for k, v in position.under_way.items() if k not in fixed} if position else {}
    ends = roadmap.current_stage_ends_on
    current = roadmap.current_stage_id
    expected_end = {current: ends} if ends and current in under_way and current not in completed else {}
    has_gap = bool(roadmap.gap_after_stage_id and roadmap.gap_months)
    return PlanOptions(
        start=roadmap.start_date,
        today=today,
        completed=completed,
        done_before_start=frozenset(done),
        under_way=under_way,
        expected_end=expected_end,
        fixed=fixed,
        part_time_factor=float(roadmap.part_time_factor) if roadmap.part_time else 1.0,
        gap_after=roadmap.gap_after_stage_id if has_gap else None,
        gap_months=float(roadmap.gap_months) if has_gap else 0.0,
    )


def roadmap_view(user: User) -> RoadmapView | None:
    """The user's roadmap and plan, or None when no target is set yet (three queries at most)."""
    roadmap = Roadmap.objects.for_user(user).first()
    if roadmap is None:
        return None
    career = career_for(user, roadmap.career_id)
    milestones = {m.stage_id: m for m in Milestone.objects.for_user(user).filter(roadmap=roadmap, career_id=roadmap.career_id)}
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
]
