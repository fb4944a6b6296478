"""Writes for the Education pillar: the target career, milestones and private careers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from medpath.accounts.models import User
from medpath.catalog.loader import CatalogError, UnknownCareerError, citations, parse_custom_careers
from medpath.plans.assumptions import DEFAULT_PART_TIME_FACTOR
from medpath.plans.models import CustomCareer, Milestone, Roadmap
from medpath.plans.pathways import Pathway, pathway
from medpath.plans.roadmap import PlanError, build_plan
from medpath.plans.selectors import career_for, custom_careers, plan_options, user_catalog
from medpath.scoping import get_owned, one_at_a_time_per_user
from medpath.usertime import user_today
from medpath.wording import day


@dataclass(frozen=True)
class Target:
    """What the person aims for and how they plan to get there."""

    career_id: str
    route_id: str = ""
    specialty_id: str = ""
    current_stage_id: str = ""
    start_date: date | None = None
    current_stage_ends_on: date | None = None
    part_time: bool = False
    part_time_factor: Decimal = Decimal(str(DEFAULT_PART_TIME_FACTOR))
    gap_after_stage_id: str = ""
    gap_months: int = 0


@one_at_a_time_per_user  # never beside another change of target, a milestone, or deleting the career aimed at
def roadmap_set_target(*, user: User, target: Target) -> Roadmap:
    """Create or change the user's roadmap after checking it can be planned; nothing is saved otherwise."""
    try:
        career = career_for(user, target.career_id)
    except UnknownCareerError as error:
        raise ValidationError({"career_id": str(error)}) from None
    routes = [route.id for route in career.routes]
    if target.route_id and target.route_id not in routes:
        raise ValidationError(
            {"route_id": f"{career.name} has no route “{target.route_id}”; its routes are {', '.join(routes)}."}
        )
    try:
        path = pathway(career, target.route_id or None, target.specialty_id or None)
    except PlanError as error:  # the route is known to exist: what is left is the specialty
        raise ValidationError({"specialty_id": str(error)}) from None
    on_route = [stage.id for stage in path.stages]
    for field, stage_id in (("current_stage_id", target.current_stage_id), ("gap_after_stage_id", target.gap_after_stage_id)):
        if stage_id and stage_id not in on_route:
            raise ValidationError({field: f"“{stage_id}” is not a stage of the route {path.route.name}."})
    today = user_today(user)
    _check_date("start_date", target.start_date)
    _check_stage_end(target.current_stage_id, target.start_date or today, target.current_stage_ends_on, today)
    with transaction.atomic():
        roadmap = Roadmap.objects.for_user(user).select_for_update().first() or Roadmap(owner=user)
        roadmap.career_id = career.id
        roadmap.route_id = path.route.id
        roadmap.specialty_id = path.specialty.id if path.specialty else ""
        roadmap.current_stage_id = target.current_stage_id
        roadmap.start_date = target.start_date or today
        roadmap.current_stage_ends_on = target.current_stage_ends_on
        roadmap.part_time = target.part_time
        roadmap.part_time_factor = target.part_time_factor
        roadmap.gap_after_stage_id = target.gap_after_stage_id if target.gap_months else ""
        roadmap.gap_months = target.gap_months if target.gap_after_stage_id else 0
        roadmap.full_clean()
        milestones = (
            {m.stage_id: m for m in Milestone.objects.for_user(user).filter(roadmap=roadmap, career_id=career.id)}
            if roadmap.pk
            else {}
        )
        try:
            build_plan(path.stages, plan_options(roadmap, path, milestones, today))
        except PlanError as error:
            raise ValidationError({"start_date": str(error)}) from None
        roadmap.save()
    return roadmap


MAX_CUSTOM_CAREERS = 100

# Dates a person may enter: wide enough for any career, narrow enough to plan with.
FIRST_DATE = date(1950, 1, 1)
LAST_DATE = date(2100, 12, 31)


def _check_date(field: str, value: date | None) -> None:
    if value is not None and not FIRST_DATE <= value <= LAST_DATE:
        raise ValidationError({field: f"Enter a date between {FIRST_DATE.year} and {LAST_DATE.year}."})


def _check_stage_end(stage_id: str, started: date, ends_on: date | None, today: date) -> None:
    """An expected end belongs to a stage under way, lies ahead, and comes after the stage's start."""
    if ends_on is None:
        return
    field = "current_stage_ends_on"
    _check_date(field, ends_on)
    if not stage_id:
        raise ValidationError({field: "Choose the stage under way first; only it can have an expected end."})
    if ends_on < today:
        raise ValidationError({field: f"{day(ends_on)} has passed; mark the stage done with its date instead."})
    if ends_on <= started:
        raise ValidationError({field: f"The stage started on {day(started)}; its end must come after that."})


@one_at_a_time_per_user  # the plan is checked against every milestone: none may change meanwhile
def roadmap_set_stage_dates(*, user: User, started_on: date | None, ends_on: date | None) -> Roadmap:
    """Say when the stage under way started (None: keep it) and when it should end (None: its full length)."""
    today = user_today(user)
    _check_date("started_on", started_on)
    if started_on is not None and started_on > today:
        raise ValidationError({"started_on": f"{day(started_on)} is in the future; a stage under way has started."})
    with transaction.atomic():
        roadmap: Roadmap | None = Roadmap.objects.for_user(user).select_for_update().first()
        if roadmap is None:
            raise Http404("No roadmap yet: choose a target career first.")
        if not roadmap.current_stage_id:
            raise ValidationError({"ends_on": "Your roadmap has no stage under way; set one under “Change target”."})
        roadmap.start_date = started_on or roadmap.start_date
        try:
            _check_stage_end(roadmap.current_stage_id, roadmap.start_date, ends_on, today)
        except ValidationError as error:
            raise ValidationError({"ends_on": error.message_dict["current_stage_ends_on"]}) from None
        roadmap.current_stage_ends_on = ends_on
        roadmap.full_clean()
        career = career_for(user, roadmap.career_id)
        path = pathway(career, roadmap.route_id, roadmap.specialty_id or None)
        milestones = {m.stage_id: m for m in Milestone.objects.for_user(user).filter(roadmap=roadmap, career_id=career.id)}
        try:
            build_plan(path.stages, plan_options(roadmap, path, milestones, today))
        except PlanError as error:
            raise ValidationError({"ends_on": str(error)}) from None
        roadmap.save()
    return roadmap


def _roadmap_and_path(user: User, stage_id: str) -> tuple[Roadmap, Pathway]:
    roadmap = Roadmap.objects.for_user(user).first()
    if roadmap is None:
        raise Http404("No roadmap yet: choose a target career first.")
    career = career_for(user, roadmap.career_id)
    path = pathway(career, roadmap.route_id, roadmap.specialty_id or None)
    if stage_id not in {stage.id for stage in path.stages}:
        raise ValidationError({"stage_id": f"“{stage_id}” is not a stage of your route ({path.route.name})."})
    return roadmap, path


@one_at_a_time_per_user  # "the plan must still work" is checked against every milestone: none may change meanwhile
def milestone_update(
    *,
    user: User,
    stage_id: str,
    completed_on: date | None = None,
    booked_for: date | None = None,
    reopen: bool = False,
    done_today: bool = False,
) -> Milestone | None:
    """Tick a stage done on a real date (or today, in the user's time zone), book it, or reopen it; the plan must still work."""
    roadmap, path = _roadmap_and_path(user, stage_id)
    today = user_today(user)
    if done_today:
        if completed_on is not None and completed_on != today:
            raise ValidationError({"completed_on": "Mark it done today, or give the date it was done: not both."})
        completed_on = today
    _check_date("completed_on", completed_on)
    _check_date("booked_for", booked_for)
    if completed_on is not None and completed_on > today:
        raise ValidationError({"completed_on": f"{day(completed_on)} is in the future; tick a stage once it is done."})
    if booked_for is not None and booked_for < today:
        raise ValidationError({"booked_for": f"{day(booked_for)} has passed; tick the stage done with its date instead."})
    with transaction.atomic():
        milestone = _save_milestone(user, roadmap, stage_id, completed_on, booked_for, reopen=reopen)
        mine = Milestone.objects.for_user(user).filter(roadmap=roadmap, career_id=roadmap.career_id)
        try:
            build_plan(path.stages, plan_options(roadmap, path, {m.stage_id: m for m in mine}, today))
        except PlanError as error:  # raising inside the block rolls the write back
            raise ValidationError({"booked_for" if booked_for else "completed_on": str(error)}) from None
    return milestone


def _save_milestone(
    user: User, roadmap: Roadmap, stage_id: str, completed_on: date | None, booked_for: date | None, *, reopen: bool
) -> Milestone | None:
    """Write one milestone (the caller holds the transaction)."""
    milestone = Milestone.objects.for_user(user).filter(roadmap=roadmap, career_id=roadmap.career_id, stage_id=stage_id).first()
    if reopen:
        if milestone is not None:
            milestone.delete()
        return None
    milestone = milestone or Milestone(owner=user, roadmap=roadmap, career_id=roadmap.career_id, stage_id=stage_id)
    if completed_on is not None:
        milestone.completed_on = completed_on
    if booked_for is not None:
        milestone.booked_for = booked_for
    if milestone.completed_on is None and milestone.booked_for is None:
        raise ValidationError({"completed_on": "Give the date it was done, or the date it is booked for."})
    milestone.full_clean()
    milestone.save()
    return milestone


@one_at_a_time_per_user  # the cap and the ids taken are read before writing
def custom_careers_import(*, user: User, text: str) -> list[CustomCareer]:
    """Add private careers from YAML; all or nothing, every problem named by entry and field."""
    existing = custom_careers(user)
    if len(existing) >= MAX_CUSTOM_CAREERS:
        raise ValidationError(
            {"document": f"You have {len(existing)} careers of your own, the most MedPath keeps; delete one first."}
        )
    known = user_catalog(user, existing)
    try:
        parsed = parse_custom_careers(text, sources=known.sources, taken=set(known.careers), label="your file")
    except CatalogError as error:
        raise ValidationError({"document": str(error)}) from None
    if len(existing) + len(parsed.careers) > MAX_CUSTOM_CAREERS:
        raise ValidationError({"document": f"This would make more than {MAX_CUSTOM_CAREERS} careers of your own."})
    rows = []
    with transaction.atomic():
        for career in parsed.careers:
            cited = {source_id for _, source_id in citations(career)}
            own = [s.model_dump(mode="json") for s in parsed.sources if s.id in cited]
            row = CustomCareer(
                owner=user,
                career_id=career.id,
                name=career.name,
                document={"career": career.model_dump(mode="json"), "sources": own},
            )
            row.full_clean()
            row.save()
            rows.append(row)
    return rows


@one_at_a_time_per_user  # "your roadmap aims at it" must still hold when the row goes
def custom_career_delete(*, user: User, pk: int) -> None:
    """Delete one of the user's private careers; refused while their roadmap aims at it."""
    row = get_owned(CustomCareer, user, pk=pk)
    if Roadmap.objects.for_user(user).filter(career_id=row.career_id).exists():
        raise ValidationError("Your roadmap aims at this career; choose another target before deleting it.")
    row.delete()
