"""The shape of catalog YAML, checked when the catalog loads.

Every fact carries a source (a key into ``data/sources/*.yaml``: title, URL, year) and a
confidence. Durations are ranges in months. Nothing here imports Django.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints, field_validator, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)]
Confidence = Literal["high", "medium", "low"]

StageKind = Literal[
    "degree",
    "certificate_program",
    "prerequisite_coursework",
    "admission_exam",
    "licensing_exam",
    "certification_exam",
    "supervised_training",
    "work_experience",
    "licence",
    "certification",
    "maintenance",
]
# The typical entry-level education categories of the BLS Occupational Outlook Handbook.
EducationLevel = Literal[
    "High school diploma or equivalent",
    "Postsecondary nondegree award",
    "Some college, no degree",
    "Associate's degree",
    "Bachelor's degree",
    "Master's degree",
    "Doctoral or professional degree",
]
STAGE_KINDS: tuple[str, ...] = get_args(StageKind)
# How each kind of stage reads on a page.
STAGE_KIND_LABELS: dict[str, str] = {
    "degree": "Degree",
    "certificate_program": "Certificate program",
    "prerequisite_coursework": "Prerequisite coursework",
    "admission_exam": "Admission exam",
    "licensing_exam": "Licensing exam",
    "certification_exam": "Certification exam",
    "supervised_training": "Supervised training",
    "work_experience": "Work experience",
    "licence": "Licence",
    "certification": "Certification",
    "maintenance": "Maintenance",
}
# The typical entry-level education categories of the BLS Occupational Outlook Handbook, lowest first.
EDUCATION_LEVELS: tuple[str, ...] = get_args(EducationLevel)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """Where a fact comes from."""

    id: Slug
    title: str = Field(min_length=3)
    url: HttpUrl
    year: int = Field(ge=1990, le=2100)
    publisher: str = ""

    @field_validator("url")
    @classmethod
    def _not_internal(cls, url: HttpUrl) -> HttpUrl:
        if "shared/reference" in str(url):
            raise ValueError("cite the primary source, not the team's research notes")
        return url


class Sourced(_Strict):
    """A fact's provenance: a source key, a confidence, and an optional caveat."""

    source: Slug
    confidence: Confidence
    note: str = ""


class Months(Sourced):
    """A duration range in months: shortest, typical, longest."""

    min: float = Field(ge=0)
    typical: float = Field(ge=0)
    max: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Months:
        if not self.min <= self.typical <= self.max:
            raise ValueError(f"durations must satisfy min <= typical <= max (got {self.min}, {self.typical}, {self.max})")
        return self


class MedianPay(Sourced):
    """Median annual pay in a stated year."""

    amount: int = Field(gt=0)
    currency: Literal["USD"] = "USD"
    year: int = Field(ge=1990, le=2100)
    region: str = "United States"


_DECADE = re.compile(r"^(\d{4})[-–](\d{2}|\d{4})$")


class Growth(Sourced):
    """Projected change in employment over a stated decade, e.g. 2024-34."""

    percent: float = Field(ge=-100, le=1000)
    decade: str
    region: str = "United States"

    @field_validator("decade")
    @classmethod
    def _decade(cls, value: str) -> str:
        match = _DECADE.match(value)
        if not match:
            raise ValueError("write the projection decade as 2024-34")
        start, end = int(match.group(1)), int(match.group(2))
        end = end if end > 99 else start // 100 * 100 + end
        if end - start != 10:
            raise ValueError("a projection decade spans ten years, e.g. 2024-34")
        return f"{start}-{str(end)[-2:]}"


class EntryEducation(Sourced):
    """Typical entry-level education (BLS category)."""

    level: EducationLevel


class Body(Sourced):
    """An exam, licensing, certifying or accrediting organisation."""

    name: str
    role: Literal["exam", "licensing", "certification", "accreditation"]
    url: HttpUrl | None = None


class Prerequisite(_Strict):
    """A stage that must come first: ``after`` its end (plus a lag) or ``during`` it, from a point after its start.

    A non-zero offset is a fact about the world (Step 1 is taken after year two) and needs a source.
    """

    stage: Slug
    mode: Literal["after", "during"] = "after"
    offset_months: float = Field(default=0, ge=0)
    source: Slug | None = None
    confidence: Confidence | None = None

    @model_validator(mode="after")
    def _sourced_offset(self) -> Prerequisite:
        if self.offset_months and (self.source is None or self.confidence is None):
            raise ValueError(f"an offset of {self.offset_months:g} months after {self.stage!r} needs a source and a confidence")
        return self


class CalendarStart(_Strict):
    """A stage that begins on an academic or training calendar (residency on 1 July).

    A month (and day) is a fact and needs a source and a confidence. Without a month the
    catalog says only that the stage starts at an academic year's start, and ``note`` says
    what is unknown; the planner then starts it right after what comes before.
    """

    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    source: Slug | None = None
    confidence: Confidence | None = None
    note: str = ""

    @model_validator(mode="after")
    def _sourced_or_said_unknown(self) -> CalendarStart:
        if self.month is None:
            if self.day is not None:
                raise ValueError("a day needs its month")
            if not self.note:
                raise ValueError("without a month, say in note what is unknown (e.g. 'month not in catalog')")
            return self
        if self.source is None or self.confidence is None:
            raise ValueError(f"a start in month {self.month} is a fact: give its source and confidence")
        try:
            date(2001, self.month, self.day or 1)  # 2001: not a leap year, so 29 February is refused
        except ValueError:
            raise ValueError(f"month {self.month} has no day {self.day}") from None
        return self


# Exams, licences and certifications may leave their duration out: the planner then
# uses a labelled planning allowance (plans/assumptions.py), never an invented fact.
ALLOWANCE_KINDS = frozenset({"admission_exam", "licensing_exam", "certification_exam", "licence", "certification"})


class Stage(_Strict):
    """One step on the way: a degree, an exam, training, a licence, a certification."""

    id: Slug
    name: str
    kind: StageKind
    summary: str = ""
    duration: Months | None = None
    duration_from_specialty: bool = False
    requires: list[Prerequisite] = Field(default_factory=list)
    starts: CalendarStart | None = None
    body: str = ""
    milestone: bool = True

    @field_validator("requires", mode="before")
    @classmethod
    def _short_form(cls, value: object) -> object:
        # "requires: [bsn]" is short for "requires: [{stage: bsn}]".
        if isinstance(value, list):
            return [{"stage": item} if isinstance(item, str) else item for item in value]
        return value

    @model_validator(mode="after")
    def _has_duration(self) -> Stage:
        if self.duration is None and not self.duration_from_specialty and self.kind not in ALLOWANCE_KINDS:
            raise ValueError("give a duration, or set duration_from_specialty for a residency")
        if self.duration is not None and self.duration_from_specialty:
            raise ValueError("give either a duration or duration_from_specialty, not both")
        return self


class Route(_Strict):
    """One way through a career's stages (MD or DO; ADN or BSN)."""

    id: Slug
    name: str
    summary: str = ""
    stages: list[Slug] = Field(min_length=1)


class Specialty(_Strict):
    """A specialty with the length of its residency."""

    id: Slug
    name: str
    residency: Months
    board: str = ""


CareerFamily = Literal[
    "physician",
    "nursing",
    "advanced-practice",
    "pharmacy",
    "therapy",
    "imaging",
    "laboratory",
    "emergency",
    "dental",
    "allied",
    "other",
]
CAREER_FAMILIES: tuple[str, ...] = get_args(CareerFamily)


class Career(_Strict):
    """A career with its stages, routes and labour-market facts."""

    id: Slug
    name: str
    family: CareerFamily
    summary: str
    aliases: list[str] = Field(default_factory=list)
    soc_code: str = ""
    entry_education: EntryEducation | None = None
    median_pay: MedianPay | None = None
    growth: Growth | None = None
    bodies: list[Body] = Field(default_factory=list)
    stages: list[Stage] = Field(min_length=1)
    routes: list[Route] = Field(min_length=1)
    specialties: list[Specialty] = Field(default_factory=list)
    related: list[Slug] = Field(default_factory=list)
    custom: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> Career:
        stage_ids = [stage.id for stage in self.stages]
        _unique(stage_ids, "stage")
        _unique([route.id for route in self.routes], "route")
        _unique([spec.id for spec in self.specialties], "specialty")
        known = set(stage_ids)
        by_id = {stage.id: stage for stage in self.stages}
        for stage in self.stages:
            for prerequisite in stage.requires:
                if prerequisite.stage not in known:
                    raise ValueError(f"stage {stage.id!r} requires unknown stage {prerequisite.stage!r}")
                if prerequisite.stage == stage.id:
                    raise ValueError(f"stage {stage.id!r} requires itself")
            if stage.duration_from_specialty and not self.specialties:
                raise ValueError(f"stage {stage.id!r} takes its length from a specialty, but the career lists none")
        for route in self.routes:
            _unique(route.stages, f"stage in route {route.id!r}")
            on_route = set(route.stages)
            for stage_id in route.stages:
                if stage_id not in known:
                    raise ValueError(f"route {route.id!r} names unknown stage {stage_id!r}")
                needs = [p.stage for p in by_id[stage_id].requires]
                if needs and not on_route.intersection(needs):
                    raise ValueError(
                        f"route {route.id!r}: stage {stage_id!r} requires one of {needs}, none of which is on the route"
                    )
            _acyclic(route, by_id)
        return self


def _unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"duplicate {what} id {item!r}")
        seen.add(item)


def _acyclic(route: Route, by_id: dict[str, Stage]) -> None:
    on_route = set(route.stages)
    state: dict[str, int] = {}

    def visit(stage_id: str, trail: tuple[str, ...]) -> None:
        if state.get(stage_id) == 2:
            return
        if state.get(stage_id) == 1:
            raise ValueError(f"route {route.id!r} has a prerequisite cycle: {' -> '.join((*trail, stage_id))}")
        state[stage_id] = 1
        for prerequisite in by_id[stage_id].requires:
            if prerequisite.stage in on_route:
                visit(prerequisite.stage, (*trail, stage_id))
        state[stage_id] = 2

    for stage_id in route.stages:
        visit(stage_id, ())


class SourceFile(_Strict):
    """A sources/*.yaml file: part of the registry every fact points into."""

    sources: list[Source]


class CareerFile(_Strict):
    """A careers/*.yaml file: one or more careers."""

    careers: list[Career] = Field(min_length=1)
