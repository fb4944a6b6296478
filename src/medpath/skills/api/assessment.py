"""JSON API for frameworks and self-assessment: the catalog's frameworks, the one a person works against, their
self-assessments and profile over time, and their own level descriptors (imported as CSV or YAML text)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from medpath.accounts.models import User
from medpath.accounts.requests import signed_in_user
from medpath.bounds import ApiDate, ApiId
from medpath.catalog.framework_schema import Framework, self_rating_levels
from medpath.catalog.loader import catalog
from medpath.skills.models import SelfAssessment
from medpath.skills.services.assessment import (
    assessment_delete,
    assessment_save,
    assessments_with_ratings,
    chosen_framework_id,
    descriptors_for,
    descriptors_import,
    framework_choose,
    framework_of,
    history,
    own_descriptors,
    rateable,
)

router = Router()


class SkillsLevelOut(Schema):
    """A level of the scale a person rates themselves on."""

    number: int
    label: str
    graduation_target: bool


class SkillsCompetencyOut(Schema):
    """A competency, or a subcompetency with its ``parent``; ``rateable`` when a person rates it directly."""

    id: str
    name: str
    parent: str | None
    rateable: bool


class SkillsLicenceOut(Schema):
    """What of the framework MedPath ships, and why."""

    bundled: str
    note: str


class SkillsFrameworkOut(Schema):
    """A competency framework from the catalog. ``levels`` is the self-rating scale: the framework's own levels where
    ``has_levels``, else MedPath's general 1-5 scale."""

    id: str
    name: str
    issuer: str
    version: str
    licence: SkillsLicenceOut
    has_levels: bool
    levels: list[SkillsLevelOut]
    competencies: list[SkillsCompetencyOut]


def framework_out(framework: Framework) -> SkillsFrameworkOut:
    """A framework as the API and ``medpath skills frameworks --json`` show it."""
    target = framework.graduation_target()
    rated = set(rateable(framework))
    return SkillsFrameworkOut(
        id=framework.id,
        name=framework.name,
        issuer=framework.issuer,
        version=framework.version,
        licence=SkillsLicenceOut(bundled=framework.licence.bundled, note=framework.licence.note),
        has_levels=bool(framework.levels),
        levels=[
            SkillsLevelOut(number=number, label=label, graduation_target=target is not None and target.number == number)
            for number, label in self_rating_levels(framework).items()
        ],
        competencies=[
            SkillsCompetencyOut(id=c.id, name=c.name, parent=c.parent, rateable=c.id in rated) for c in framework.competencies
        ],
    )


def frameworks_out() -> list[SkillsFrameworkOut]:
    """Every framework of the catalog, in the catalog's order."""
    return [framework_out(framework) for framework in catalog().frameworks.values()]


@router.get("/skills/frameworks", response=list[SkillsFrameworkOut], summary="Competency frameworks")
def frameworks(request: HttpRequest) -> list[SkillsFrameworkOut]:
    """Every framework you can work against, with its issuer, version, licence, levels and competencies."""
    signed_in_user(request)
    return frameworks_out()


@router.get("/skills/frameworks/{framework_id}", response=SkillsFrameworkOut, summary="One competency framework")
def framework_detail(request: HttpRequest, framework_id: str) -> SkillsFrameworkOut:
    """One framework by its id (404 when the catalog has none)."""
    signed_in_user(request)
    framework = catalog().frameworks.get(framework_id)
    if framework is None:
        raise Http404
    return framework_out(framework)


class FrameworkChoiceIn(Schema):
    """The framework to work against from now on."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"framework_id": "qsen"}]})

    framework_id: str = Field(max_length=80)


@router.get("/skills/framework", response=SkillsFrameworkOut, summary="The framework you work against")
def chosen_framework(request: HttpRequest) -> SkillsFrameworkOut:
    """The framework you chose, or the usual one for your career stage until you choose."""
    return framework_out(catalog().frameworks[chosen_framework_id(signed_in_user(request))])


@router.put("/skills/framework", response=SkillsFrameworkOut, summary="Choose the framework you work against")
def choose_framework(request: HttpRequest, payload: FrameworkChoiceIn) -> SkillsFrameworkOut:
    """Work against another framework; earlier self-assessments keep theirs. An unknown id answers 422."""
    return framework_out(framework_choose(user=signed_in_user(request), framework_id=payload.framework_id))


class SelfAssessmentIn(Schema):
    """A self-assessment: a level (1-5) per competency id; a competency left out or null is not rated this time."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "framework_id": "qsen",
                    "assessed_on": "2026-12-01",
                    "ratings": {"safety": 3},
                    "note": "",
                    "privacy_confirmed": False,
                }
            ]
        },
    )

    framework_id: str = Field(max_length=80)
    assessed_on: ApiDate | None = Field(default=None, description="Today (in your time zone) when left out")
    ratings: dict[str, int | None] = Field(description="Competency id -> level 1-5 (or null: not rated this time)")
    note: str = Field(default="", description="Up to 2,000 characters; checked for patient identifiers")
    privacy_confirmed: bool = Field(default=False, description="Send true to save a note the privacy guard pointed at")


class SelfAssessmentOut(Schema):
    """A saved self-assessment with its ratings."""

    id: int
    framework_id: str
    assessed_on: date
    note: str
    ratings: dict[str, int]


def _assessment_out(row: SelfAssessment) -> SelfAssessmentOut:
    return SelfAssessmentOut(
        id=row.pk,
        framework_id=row.framework_id,
        assessed_on=row.assessed_on,
        note=row.note,
        ratings={rating.competency_id: rating.level for rating in row.ratings.all()},
    )


@router.get("/skills/assessments", response=list[SelfAssessmentOut], summary="Your self-assessments")
def assessments(request: HttpRequest) -> list[SelfAssessmentOut]:
    """Every self-assessment, newest first, in whatever framework it was made."""
    return [_assessment_out(row) for row in assessments_with_ratings(signed_in_user(request))]


@router.post("/skills/assessments", response={201: SelfAssessmentOut}, summary="Save a self-assessment")
def assessment_create(request: HttpRequest, payload: SelfAssessmentIn) -> Status[SelfAssessmentOut]:
    """Save (or replace) the day's self-assessment in a framework, all or nothing: a level outside the scale, a
    competency the framework does not have or a day after today answers 422 naming ``ratings.<competency>``."""
    user = signed_in_user(request)
    try:
        row = assessment_save(
            user=user,
            framework_id=payload.framework_id,
            ratings=payload.ratings,
            assessed_on=payload.assessed_on,
            note=payload.note,
            privacy_confirmed=payload.privacy_confirmed,
        )
    except ValidationError as error:
        raise _api_fields(error) from None
    return Status(201, _assessment_out(row))


def _api_fields(error: ValidationError) -> ValidationError:
    """The service names a rating's field as the page's form does (``rating_<id>``); the API body has
    ``ratings.<id>``, and "rate at least one" is about ``ratings``."""
    if not hasattr(error, "error_dict"):
        return error
    renamed: dict[str, list[str]] = {}
    for name, messages in error.message_dict.items():
        if name.startswith("rating_"):
            name = f"ratings.{name.removeprefix('rating_')}"
        elif name == "__all__":
            name = "ratings"
        renamed.setdefault(name, []).extend(messages)
    return ValidationError(renamed)


@router.delete("/skills/assessments/{int:assessment_id}", response={204: None}, summary="Delete a self-assessment")
def assessment_remove(request: HttpRequest, assessment_id: ApiId) -> Status[None]:
    """Delete one of your self-assessments with its ratings."""
    assessment_delete(user=signed_in_user(request), pk=assessment_id)
    return Status(204, None)


class ProfilePointOut(Schema):
    """A competency's level on one day."""

    assessed_on: date
    level: int


class ProfileCompetencyOut(Schema):
    """A rateable competency: its latest self-rating (null until rated), your descriptor of that level, its history."""

    id: str
    name: str
    parent: str | None
    latest_level: int | None
    latest_label: str | None
    latest_on: date | None
    descriptor: str | None
    points: list[ProfilePointOut]


class SkillsProfileOut(Schema):
    """Your profile in the framework you work against."""

    framework_id: str
    framework_name: str
    graduation_target: int | None
    levels: list[SkillsLevelOut]
    competencies: list[ProfileCompetencyOut]


def profile_out(user: User) -> SkillsProfileOut:
    """The profile as GET /skills/profile and ``medpath skills profile --json`` show it."""
    framework = catalog().frameworks[chosen_framework_id(user)]
    levels = self_rating_levels(framework)
    target = framework.graduation_target()
    own = descriptors_for(user, framework.id)
    parents = {competency.id: competency.parent for competency in framework.competencies}
    competencies = []
    for competency in history(user, framework):
        latest = competency.points[-1] if competency.points else None
        competencies.append(
            ProfileCompetencyOut(
                id=competency.competency_id,
                name=competency.name,
                parent=parents.get(competency.competency_id),
                latest_level=latest.level if latest else None,
                latest_label=levels.get(latest.level) if latest else None,
                latest_on=latest.assessed_on if latest else None,
                descriptor=own.get(competency.competency_id, {}).get(latest.level) if latest else None,
                points=[ProfilePointOut(assessed_on=point.assessed_on, level=point.level) for point in competency.points],
            )
        )
    return SkillsProfileOut(
        framework_id=framework.id,
        framework_name=framework.name,
        graduation_target=target.number if target else None,
        levels=[
            SkillsLevelOut(number=number, label=label, graduation_target=target is not None and target.number == number)
            for number, label in levels.items()
        ],
        competencies=competencies,
    )


@router.get("/skills/profile", response=SkillsProfileOut, summary="Your competency profile")
def profile(request: HttpRequest) -> SkillsProfileOut:
    """The latest self-rating of each competency of the framework you work against, and every earlier one."""
    return profile_out(signed_in_user(request))


class DescriptorOut(Schema):
    """Your words for one level of one competency."""

    competency_id: str
    level: int
    text: str


class DescriptorsOut(Schema):
    """Your descriptors for one framework."""

    framework_id: str
    descriptors: list[DescriptorOut]


class DescriptorsIn(Schema):
    """A descriptor file as text; it replaces your descriptors for the framework, all or nothing."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "framework_id": "qsen",
                    "format": "csv",
                    "text": "competency,level,descriptor\nsafety,1,Follows the checklists with reminders.\n",
                }
            ]
        },
    )

    framework_id: str = Field(max_length=80)
    format: Literal["csv", "yaml"]
    text: str = Field(description="CSV with columns competency,level,descriptor; or YAML with framework and descriptors")


def _descriptors_out(user: User, framework_id: str) -> DescriptorsOut:
    return DescriptorsOut(
        framework_id=framework_id,
        descriptors=[
            DescriptorOut(competency_id=row.competency_id, level=row.level, text=row.text)
            for row in own_descriptors(user, framework_id)
        ],
    )


@router.get("/skills/descriptors", response=DescriptorsOut, summary="Your level descriptors")
def descriptors(request: HttpRequest, framework_id: str = "") -> DescriptorsOut:
    """Your descriptors for ``framework_id`` (default: the framework you work against)."""
    user = signed_in_user(request)
    framework = framework_of(framework_id) if framework_id else catalog().frameworks[chosen_framework_id(user)]
    return _descriptors_out(user, framework.id)


@router.put("/skills/descriptors", response=DescriptorsOut, summary="Import your level descriptors")
def descriptors_replace(request: HttpRequest, payload: DescriptorsIn) -> DescriptorsOut:
    """Replace your descriptors for a framework with a CSV or YAML file's; every bad line answers 422 (``fields``
    keyed "line N"), and nothing is saved."""
    user = signed_in_user(request)
    descriptors_import(user=user, framework_id=payload.framework_id, text=payload.text, kind=payload.format)
    return _descriptors_out(user, framework_of(payload.framework_id).id)
