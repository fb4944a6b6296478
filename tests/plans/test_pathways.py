"""From catalog careers to planner stages (pure)."""

from datetime import date, timedelta

import pytest

from medpath.catalog.loader import catalog
from medpath.plans.pathways import pathway, position_at, typical_years_of_education
from medpath.plans.roadmap import PlanError, months_to_days


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


def test_position_follows_prerequisites() -> None:
    """Everything a stage needs after it is done; nothing after it is."""
    path = pathway(catalog().career("physician"), "md", "pediatrics")
    position = position_at(path, "residency", date(2026, 7, 1))
    assert {"bachelors", "mcat", "md-school", "usmle-step-1", "usmle-step-2-ck"} <= position.done
    assert "usmle-step-3" not in position.done
    assert position.under_way == {"residency": date(2026, 7, 1)}
    with pytest.raises(PlanError, match="not on the route"):
        position_at(path, "do-school", date(2026, 7, 1))


def test_position_during_a_degree_keeps_the_degree_under_way() -> None:
    """A second-year student at USMLE Step 1 is still in medical school, which began 22 months earlier."""
    path = pathway(catalog().career("physician"), "md", "pediatrics")
    position = position_at(path, "usmle-step-1", date(2026, 7, 1))
    assert "md-school" not in position.done
    assert position.under_way["md-school"] == date(2026, 7, 1) - timedelta(days=months_to_days(22))
    assert {"bachelors", "mcat"} <= position.done


def test_exam_without_sourced_duration_uses_a_labelled_allowance() -> None:
    """Exams without a sourced length are flagged as planning assumptions."""
    path = pathway(catalog().career("physician"), "md", "pediatrics")
    step1 = next(stage for stage in path.stages if stage.id == "usmle-step-1")
    assert step1.assumed_duration
    assert not next(stage for stage in path.stages if stage.id == "md-school").assumed_duration


def test_typical_years_of_education_is_derived() -> None:
    """Years of study come from the degree stages of the shortest route."""
    assert typical_years_of_education(catalog().career("physician")) == 8.0
