"""From a catalog career to the planner's stages. Pure: no Django."""

from __future__ import annotations

from dataclasses import dataclass

from medpath.catalog.schema import Career, Route, Specialty
from medpath.plans.assumptions import STAGE_ALLOWANCE_MONTHS
from medpath.plans.roadmap import PlanError, PlanPrerequisite, PlanStage

# Study slows down when done part-time; exams, licences and paid work do not.
STRETCHABLE_KINDS = frozenset({"degree", "prerequisite_coursework"})


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
            )
        )
    return Pathway(career=career, route=route, specialty=specialty, stages=tuple(stages))


def stages_before(path: Pathway, stage_id: str) -> frozenset[str]:
    """Every stage that must be done before ``stage_id`` (its prerequisites, transitively)."""
    by_id = {stage.id: stage for stage in path.stages}
    if stage_id not in by_id:
        raise PlanError(f"stage {stage_id!r} is not on the route {path.route.id!r}; its stages are {_choices(list(by_id))}")
    found: set[str] = set()
    todo = [stage_id]
    while todo:
        for prerequisite in by_id[todo.pop()].requires:
            if prerequisite.stage in by_id and prerequisite.stage not in found:
                found.add(prerequisite.stage)
                todo.append(prerequisite.stage)
    return frozenset(found)


def typical_years_of_education(career: Career) -> float | None:
    """Typical years of study on the career's shortest route (degrees and coursework only), derived from the stages."""
    by_id = {stage.id: stage for stage in career.stages}
    best: float | None = None
    for route in career.routes:
        months = 0.0
        for stage_id in route.stages:
            duration = by_id[stage_id].duration
            if by_id[stage_id].kind in STRETCHABLE_KINDS and duration is not None:
                months += duration.typical
        best = months if best is None else min(best, months)
    return None if best is None else round(best / 12, 1)
