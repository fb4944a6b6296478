"""The shape of hands-on experience data: hour targets (data/experience/*.yaml) and case minimums
(data/procedures/*.yaml). Nothing here imports Django."""

from __future__ import annotations

from datetime import date
from typing import Literal, get_args

from pydantic import Field, model_validator

from medpath.catalog.schema import Confidence, Slug, Sourced, _Strict

ExperienceKind = Literal[
    "clinical_work",
    "shadowing",
    "clinical_volunteering",
    "nonclinical_volunteering",
    "research",
    "clerkship",
    "residency_shift",
    "teaching",
    "leadership",
    "other",
]
EXPERIENCE_KINDS: tuple[str, ...] = get_args(ExperienceKind)

ProcedureRole = Literal["observed", "assisted", "performed", "supervised"]
PROCEDURE_ROLES: tuple[str, ...] = get_args(ProcedureRole)


class HourTarget(Sourced):
    """Hours of some kinds of experience a program asks for (a requirement) or applicants typically have."""

    id: Slug
    name: str = Field(min_length=3)
    applies_to: str = Field(min_length=3, description="Who asks for it: a named program, a profession's bodies")
    basis: Literal["requirement", "typical"]
    kinds: list[ExperienceKind] = Field(min_length=1)
    hours: float = Field(gt=0, le=10_000)
    careers: list[Slug] = Field(default_factory=list)
    last_verified: date


class HourTargetFile(_Strict):
    """An experience/*.yaml file."""

    hour_targets: list[HourTarget] = Field(min_length=1)


class CaseCategory(_Strict):
    """A defined category with its minimum; cases logged under a child count toward its parents too."""

    id: Slug
    name: str
    minimum: int = Field(ge=1, le=5000)
    parent: Slug | None = None
    roles: list[ProcedureRole] = Field(min_length=1)
    counts: Literal["category", "all_cases"] = Field(
        default="category", description="category: cases logged under it or its children; all_cases: every case of the set"
    )
    chief_year_only: bool = False
    note: str = ""


class CaseMinimums(_Strict):
    """A specialty's case-log minimums, with the source and how confident we are in the copy."""

    id: Slug
    name: str
    specialty: str
    effective: str
    last_verified: date
    source: Slug
    confidence: Confidence
    note: str = ""
    categories: list[CaseCategory] = Field(min_length=1)

    @model_validator(mode="after")
    def _parents_exist(self) -> CaseMinimums:
        ids = [category.id for category in self.categories]
        if len(ids) != len(set(ids)):
            raise ValueError("category ids must be unique")
        parents = {category.id: category.parent for category in self.categories}
        for category in self.categories:
            if category.parent is not None and category.parent not in ids:
                raise ValueError(f"category {category.id!r} names an unknown parent {category.parent!r}")
            seen, cursor = {category.id}, category.parent
            while cursor is not None:
                if cursor in seen:
                    raise ValueError(f"category {category.id!r} is its own ancestor (through {cursor!r})")
                seen.add(cursor)
                cursor = parents.get(cursor)
        return self


class CaseMinimumsFile(_Strict):
    """A procedures/*.yaml file."""

    case_minimums: CaseMinimums
