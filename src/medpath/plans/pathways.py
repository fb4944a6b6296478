"""From a catalog career to the planner's stages. Pure: no Django."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from medpath.catalog.schema import Career, Route, Specialty, Stage
from medpath.plans.assumptions import STAGE_ALLOWANCE_MONTHS
from medpath.plans.calendar_start import describe
from medpath.plans.roadmap import PlanError, PlanPrerequisite, PlanStage, months_to_days

# Study slows down when done part-time; exams, licences and paid work do not.
STRETCHABLE_KINDS = frozenset({"degree", "certificate_program", "prerequisite_coursework"})


@dataclass(frozen=True)
class Pathway:
    """A career, the chosen route (and specialty) and its stages for the planner."""

    career: Career
    route: Route
    specialty: Specialty | None
    stages: tuple[PlanStage, ...]


def _choices(ids: list[str]) -> str:
    return ", ".join(ids) if ids else "none"


def pathway(career: Career, route_id: str | None = None, specialty_id: str | None = None) -> Pathway:
    """The stages of ``career`` along a route; PlanError naming the route or specialty at fault."""
    routes = {route.id: route for route in career.routes}
    if route_id is None or route_id == "":
        route = career.routes[0]
    elif route_id in routes:
        route = routes[route_id]
    else:
        raise PlanError(f"{career.name} has no route {route_id!r}; its routes are {_choices(list(routes))}")
    by_id = {stage.id: stage for stage in career.stages}
    needs_specialty = any(by_id[stage_id].duration_from_specialty for stage_id in route.stages)
    specialties = {spec.id: spec for spec in career.specialties}
    specialty = None
    if specialty_id:
        if specialty_id not in specialties:
            raise PlanError(f"{career.name} has no specialty {specialty_id!r}; choose one of {_choices(sorted(specialties))}")
        specialty = specialties[specialty_id]
    elif needs_specialty:
        raise PlanError(
            f"choose a specialty for {career.name}: its residency length depends on it ({_choices(sorted(specialties))})"
        )
    stages = []
    for stage_id in route.stages:
        stage = by_id[stage_id]
        duration = specialty.residency if stage.duration_from_specialty and specialty else stage.duration
        if duration is not None:
            shortest, typical, assumed = duration.min, duration.typical, False
        else:  # an exam, licence or certification without a sourced duration
            shortest, typical = STAGE_ALLOWANCE_MONTHS[stage.kind]
            assumed = True
        starts_on, start_note = _calendar(stage)
        stages.append(
            PlanStage(
                id=stage.id,
                name=stage.name,
                kind=stage.kind,
                min_months=shortest,
                typical_months=typical,
                requires=tuple(PlanPrerequisite(p.stage, p.mode, p.offset_months) for p in stage.requires),
                stretchable=stage.kind in STRETCHABLE_KINDS,
                assumed_duration=assumed,
                starts_on=starts_on,
                start_note=start_note,
            )
        )
    return Pathway(career=career, route=route, specialty=specialty, stages=tuple(stages))


def _calendar(stage: Stage) -> tuple[tuple[int, int] | None, str]:
    """A stage's calendar start for the planner, and the words that explain it."""
    starts = stage.starts
    if starts is None:
        return None, ""
    if starts.month is None:
        return None, "starts at an academic year's start; the month is not in the catalog, so it follows the stage before"
    day = starts.day or 1
    words = f"starts on {describe(starts.month, day)} each year"
    if starts.day is None:
        words += " (the day is not in the catalog; the 1st is used)"
    return (starts.month, day), words


@dataclass(frozen=True)
class Position:
    """Where a person stands: stages already done, and stages under way since a date."""

    done: frozenset[str]
    under_way: dict[str, date]


def position_at(path: Pathway, stage_id: str, since: date) -> Position:
    """The position of someone for whom ``stage_id`` is under way on ``since``.

    Its 'after' prerequisites are done; a stage it runs *during* (medical school for
    USMLE Step 1) is under way too, started the offset earlier; everything those
    need is done.
    """
    by_id = {stage.id: stage for stage in path.stages}
    if stage_id not in by_id:
        raise PlanError(f"stage {stage_id!r} is not on the route {path.route.id!r}; its stages are {_choices(list(by_id))}")
    under_way = {stage_id: since}
    todo = [stage_id]
    while todo:
        child = todo.pop()
        for prerequisite in by_id[child].requires:
            if prerequisite.mode == "during" and prerequisite.stage in by_id and prerequisite.stage not in under_way:
                under_way[prerequisite.stage] = under_way[child] - timedelta(days=months_to_days(prerequisite.offset_months))
                todo.append(prerequisite.stage)
    done: set[str] = set()
    todo = list(under_way)
    while todo:
        current = todo.pop()
        for prerequisite in by_id[current].requires:
            running_alongside = current in under_way and prerequisite.mode == "during"
            if prerequisite.stage in by_id and not running_alongside and prerequisite.stage not in done | set(under_way):
                done.add(prerequisite.stage)
                todo.append(prerequisite.stage)
    return Position(done=frozenset(done), under_way=under_way)


def typical_years_of_education(career: Career) -> float | None:
    """Typical years of study on the career's main (first) route: its degrees, programs and coursework.

    The first route is the standard one; later routes may assume an earlier
    qualification (a one-year certificate for people already in health care).
    """
    by_id = {stage.id: stage for stage in career.stages}
    months = 0.0
    for stage_id in career.routes[0].stages:
        duration = by_id[stage_id].duration
        if by_id[stage_id].kind in STRETCHABLE_KINDS and duration is not None:
            months += duration.typical
    return round(months / 12, 1) if months else None
