"""From catalog careers to planner stages (pure)."""

import pytest

from medpath.catalog.loader import catalog
from medpath.plans.pathways import pathway, stages_before, typical_years_of_education
from medpath.plans.roadmap import PlanError


def test_default_route_is_the_first() -> None:
    """Without a route the career's first route is used."""
    career = catalog().career("registered-nurse")
    assert pathway(career).route.id == career.routes[0].id


def test_unknown_route_lists_the_real_ones() -> None:
    """A route the career lacks is named, with the routes it has."""
    with pytest.raises(PlanError, match="no route 'xyz'; its routes are"):
        pathway(catalog().career("registered-nurse"), "xyz")


def test_residency_needs_a_specialty() -> None:
    """A physician plan asks for a specialty, and refuses an unknown one."""
    physician = catalog().career("physician")
    with pytest.raises(PlanError, match="choose a specialty"):
        pathway(physician, "md")
    with pytest.raises(PlanError, match="no specialty 'astrology'"):
        pathway(physician, "md", "astrology")
    surgery = pathway(physician, "md", "general-surgery")
    residency = next(stage for stage in surgery.stages if stage.id == "residency")
    assert residency.typical_months == 60


def test_stages_before_follows_prerequisites() -> None:
    """Everything a stage needs, transitively, counts as done before it."""
    path = pathway(catalog().career("physician"), "md", "pediatrics")
    before = stages_before(path, "residency")
    assert {"bachelors", "mcat", "md-school", "usmle-step-1", "usmle-step-2-ck"} <= before
    assert "usmle-step-3" not in before
    with pytest.raises(PlanError, match="not on the route"):
        stages_before(path, "do-school")


def test_exam_without_sourced_duration_uses_a_labelled_allowance() -> None:
    """Exams without a sourced length are flagged as planning assumptions."""
    path = pathway(catalog().career("physician"), "md", "pediatrics")
    step1 = next(stage for stage in path.stages if stage.id == "usmle-step-1")
    assert step1.assumed_duration
    assert not next(stage for stage in path.stages if stage.id == "md-school").assumed_duration


def test_typical_years_of_education_is_derived() -> None:
    """Years of study come from the degree stages of the shortest route."""
    assert typical_years_of_education(catalog().career("physician")) == 8.0
