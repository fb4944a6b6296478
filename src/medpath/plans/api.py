"""JSON API of the Education pillar: careers (with sources) and the caller's roadmap."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from medpath.accounts.models import User
from medpath.accounts.requests import signed_in_user
from medpath.catalog.loader import Catalog, UnknownCareerError
from medpath.catalog.schema import Career, Months, Source, Sourced
from medpath.plans import selectors, services
from medpath.plans.explorer import CareerFilters, explore, summarize
from medpath.plans.schemas import (
    BodyOut,
    CareerOut,
    CareerSummaryOut,
    DurationOut,
    FactOut,
    MilestoneIn,
    MilestoneOut,
    RoadmapOut,
    RoadmapTargetIn,
    RouteOut,
    SourceOut,
    SpecialtyOut,
    StageOut,
)

router = Router(tags=["careers and roadmap"])


def _source(known: Catalog, fact: Sourced) -> SourceOut:
    source: Source = known.source(fact.source)
    return SourceOut(id=source.id, title=source.title, url=str(source.url), year=source.year)


def _fact(known: Catalog, fact: Sourced | None, value: str | float | int, **extra: object) -> FactOut | None:
    if fact is None:
        return None
    return FactOut(value=value, confidence=fact.confidence, note=fact.note, source=_source(known, fact), **extra)  # type: ignore[arg-type]


def _duration(known: Catalog, months: Months | None) -> DurationOut | None:
    if months is None:
        return None
    return DurationOut(
        min=months.min,
        typical=months.typical,
        max=months.max,
        confidence=months.confidence,
        note=months.note,
        source=_source(known, months),
    )


def career_summary_out(known: Catalog, career: Career) -> CareerSummaryOut:
    """A career's headline facts, each with its source."""
    summary = summarize(career)
    return CareerSummaryOut(
        id=career.id,
        name=career.name,
        family=career.family,
        custom=career.custom,
        years_of_study=summary.years,
        median_pay=_fact(known, career.median_pay, career.median_pay.amount, unit="USD a year", year=career.median_pay.year)
        if career.median_pay
        else None,
        growth=_fact(known, career.growth, career.growth.percent, unit="percent", decade=career.growth.decade)
        if career.growth
        else None,
        entry_education=_fact(known, career.entry_education, career.entry_education.level) if career.entry_education else None,
    )


def career_out(known: Catalog, career: Career) -> CareerOut:
    """A career with its stages, routes, specialties and bodies, every fact sourced."""
    head = career_summary_out(known, career)
    return CareerOut(
        **head.model_dump(),
        summary=career.summary,
        aliases=list(career.aliases),
        soc_code=career.soc_code,
        bodies=[BodyOut(name=b.name, role=b.role, confidence=b.confidence, source=_source(known, b)) for b in career.bodies],
        stages=[
            StageOut(
                id=s.id,
                name=s.name,
                kind=s.kind,
                duration=_duration(known, s.duration),
                duration_from_specialty=s.duration_from_specialty,
                requires=[p.stage for p in s.requires],
            )
            for s in career.stages
        ],
        routes=[RouteOut(id=r.id, name=r.name, stages=list(r.stages)) for r in career.routes],
        specialties=[SpecialtyOut(id=s.id, name=s.name, residency=_duration(known, s.residency)) for s in career.specialties],  # type: ignore[arg-type]
    )


class CareerQuery(Schema):
    """Filters of the career list; unknown figures are returned apart."""

    search: str = ""
    family: str = ""
    max_years: float | None = None
    min_pay: int | None = None
    min_growth: float | None = None
    max_education: str = ""


class CareerListOut(Schema):
    """Careers matching the filters, and careers whose figures are unknown for them."""

    matches: list[CareerSummaryOut]
    unknown: list[CareerSummaryOut]


@router.get("/careers", response=CareerListOut, summary="List and filter careers")
def careers(request: HttpRequest, filters: Query[CareerQuery]) -> CareerListOut:
    """Careers with their headline facts and sources; filters never guess an unknown figure."""
    known = selectors.user_catalog(signed_in_user(request))
    result = explore(
        known.careers.values(),
        CareerFilters(
            text=filters.search,
            family=filters.family,
            max_years=filters.max_years,
            min_pay=filters.min_pay,
            min_growth=filters.min_growth,
            max_education=filters.max_education,
        ),
    )
    return CareerListOut(
        matches=[career_summary_out(known, s.career) for s in result.matches],
        unknown=[career_summary_out(known, s.career) for s, _ in result.unknown],
    )


@router.get("/careers/compare", response=list[CareerOut], summary="Compare two or three careers")
def careers_compare(request: HttpRequest, ids: Query[list[str]]) -> list[CareerOut]:
    """Two or three careers in full, side by side."""
    if not 2 <= len(ids) <= 3:
        raise HttpError(422, "Give two or three career ids, e.g. ?ids=registered-nurse&ids=physician-assistant")
    known = selectors.user_catalog(signed_in_user(request))
    try:
        return [career_out(known, known.career(career_id)) for career_id in ids]
    except UnknownCareerError as error:
        raise HttpError(404, str(error)) from None


@router.get("/careers/{career_id}", response=CareerOut, summary="One career")
def career_detail(request: HttpRequest, career_id: str) -> CareerOut:
    """A career with every fact and its source."""
    known = selectors.user_catalog(signed_in_user(request))
    try:
        return career_out(known, known.career(career_id))
    except UnknownCareerError as error:
        raise HttpError(404, str(error)) from None


def _roadmap_out(view: selectors.RoadmapView) -> RoadmapOut:
    road = view.roadmap
    return RoadmapOut(
        career_id=road.career_id,
        route_id=road.route_id,
        specialty_id=road.specialty_id,
        current_stage_id=road.current_stage_id,
        start_date=road.start_date,
        current_stage_ends_on=road.current_stage_ends_on,
        part_time=road.part_time,
        part_time_factor=road.part_time_factor,
        gap_after_stage_id=road.gap_after_stage_id,
        gap_months=road.gap_months,
        typical_finish=view.plan.typical_finish,
        earliest_finish=view.plan.earliest_finish,
        remaining_days=view.plan.remaining_days,
        progress_percent=view.progress_percent,
        critical_path=list(view.plan.critical_path),
        warnings=list(view.plan.warnings),
        milestones=[
            MilestoneOut(
                id=m.id,
                name=m.name,
                kind=m.kind,
                status=m.status,
                earliest_start=m.earliest_start,
                earliest_end=m.earliest_end,
                typical_start=m.typical_start,
                typical_end=m.typical_end,
                completed_on=m.completed_on,
                booked_for=m.fixed_on,
                critical=m.critical,
                slack_days=m.slack_days,
                assumed_duration=m.assumed_duration,
                wait_days=m.wait_days,
                start_note=m.start_note,
            )
            for m in view.plan.milestones
        ],
    )


def _current(user: User) -> RoadmapOut:
    view = selectors.roadmap_view(user)
    if view is None:
        raise Http404("no roadmap")
    return _roadmap_out(view)


@router.get("/roadmap", response=RoadmapOut, summary="Your roadmap")
def roadmap(request: HttpRequest) -> RoadmapOut:
    """The caller's roadmap with its dated plan (404 until a target is set)."""
    return _current(signed_in_user(request))


def _save_target(request: HttpRequest, payload: RoadmapTargetIn) -> RoadmapOut:
    user = signed_in_user(request)
    services.roadmap_set_target(user=user, target=services.Target(**payload.model_dump()))
    return _current(user)


@router.put("/roadmap", response=RoadmapOut, summary="Set your target and plan")
def roadmap_put(request: HttpRequest, payload: RoadmapTargetIn) -> RoadmapOut:
    """Create or replace the roadmap's target and settings; invalid choices answer 422 naming the field."""
    return _save_target(request, payload)


@router.patch("/roadmap/milestones/{stage_id}", response=RoadmapOut, summary="Mark done, book or reopen a milestone")
def milestone_patch(request: HttpRequest, stage_id: str, payload: MilestoneIn) -> RoadmapOut:
    """Mark done today (done: true) or on a real date, book a date, or reopen; the plan recomputes."""
    user = signed_in_user(request)
    if payload.completed_on is None and payload.booked_for is None and not payload.reopen and not payload.done:
        raise ValidationError({"completed_on": "Give done: true, completed_on, booked_for, or reopen: true."})
    services.milestone_update(
        user=user,
        stage_id=stage_id,
        completed_on=payload.completed_on,
        booked_for=payload.booked_for,
        reopen=payload.reopen,
        done_today=payload.done,
    )
    return _current(user)


@router.get("/me/target", response=RoadmapOut, summary="Your target career")
def target_get(request: HttpRequest) -> RoadmapOut:
    """The profile's target career (the same as the roadmap)."""
    return _current(signed_in_user(request))


@router.put("/me/target", response=RoadmapOut, summary="Set your target career")
def target_put(request: HttpRequest, payload: RoadmapTargetIn) -> RoadmapOut:
    """Set the profile's target career, route and specialty."""
    return _save_target(request, payload)
