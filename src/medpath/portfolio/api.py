"""JSON API of the portfolio: publications and awards, the CV in each format, the FHIR Practitioner, and the
combined calendar link."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from medpath.accounts.models import User
from medpath.accounts.requests import signed_in_user
from medpath.bounds import EARLIEST_YEAR, LATEST_YEAR, ApiDate, ApiId
from medpath.portfolio import cv, selectors, services
from medpath.portfolio.calendar import FEED_PILLARS
from medpath.portfolio.fhir import practitioner_json
from medpath.portfolio.files import cv_file, download
from medpath.portfolio.models import Award, Publication, PublicationKind
from medpath.scoping import get_owned

router = Router(tags=["portfolio"])

PublicationKindName = Literal["journal_article", "abstract", "book_chapter", "poster", "oral_presentation", "other"]


class PublicationOut(Schema):
    """A publication, abstract, poster or talk."""

    id: int
    kind: str = Field(description=", ".join(PublicationKind.values))
    title: str
    authors: str
    venue: str
    year: int
    published_on: date | None
    doi: str
    url: str
    abstract: str
    created_at: datetime


class PublicationIn(Schema):
    """A publication to add, or a publication's new values (all of them)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "kind": "poster",
                    "title": "Early mobilisation after laparoscopic cholecystectomy",
                    "authors": "Rivera A, Park E",
                    "venue": "State Surgical Society annual meeting",
                    "year": 2026,
                    "published_on": "2026-04-18",
                    "doi": "",
                    "url": "",
                }
            ]
        },
    )

    kind: PublicationKindName = "journal_article"
    title: str = Field(min_length=1, max_length=300)
    authors: str = Field(default="", max_length=1000)
    venue: str = Field(default="", max_length=300)
    year: int = Field(ge=EARLIEST_YEAR, le=LATEST_YEAR)
    published_on: ApiDate | None = None
    doi: str = Field(default="", max_length=200, description="For example 10.1000/xyz123")
    url: str = Field(default="", max_length=500, description="A web address (https://…), or empty")
    abstract: str = Field(default="", max_length=5000)
    privacy_confirmed: bool = Field(default=False, description="Send true to save text the privacy guard pointed at")


class AwardOut(Schema):
    """An award, honour or scholarship."""

    id: int
    title: str
    awarder: str
    awarded_on: date
    summary: str
    created_at: datetime


class AwardIn(Schema):
    """An award to add, or an award's new values (all of them)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"title": "Resident teaching award", "awarder": "Department of Surgery", "awarded_on": "2026-06-20"}]
        },
    )

    title: str = Field(min_length=1, max_length=300)
    awarder: str = Field(default="", max_length=300)
    awarded_on: ApiDate
    summary: str = Field(default="", max_length=2000)
    privacy_confirmed: bool = Field(default=False, description="Send true to save text the privacy guard pointed at")


class CvQuery(Schema):
    """Which file, and which sections in which order (else the saved choice)."""

    format: Literal["pdf", "md", "json"] = Field(default="json", description="pdf, md (Markdown) or json (JSON Resume)")
    sections: str = Field(default="", max_length=400, description="Section ids separated by commas: " + ", ".join(cv.SECTIONS))


class CvChoiceOut(Schema):
    """The sections a CV shows, in order, every section there is, and when a CV was last made."""

    sections: list[str]
    available: dict[str, str]
    generated_at: datetime | None


class CvChoiceIn(Schema):
    """The sections to show, in order."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"sections": ["education", "experience", "awards"]}]}
    )

    sections: list[str] = Field(max_length=20)


class PortfolioCalendarIn(Schema):
    """The parts of MedPath one calendar link shows."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"pillars": ["learning", "network"]}]})

    pillars: list[str] = Field(max_length=10, description="Any of " + ", ".join(FEED_PILLARS))


class PortfolioCalendarOut(Schema):
    """A new calendar link: the URL is shown this once."""

    id: int
    url: str
    pillars: list[str]
    expires_at: datetime


def publication_out(row: Publication) -> PublicationOut:
    """One publication as the API answers it."""
    return PublicationOut(
        id=row.pk,
        kind=row.kind,
        title=row.title,
        authors=row.authors,
        venue=row.venue,
        year=row.year,
        published_on=row.published_on,
        doi=row.doi,
        url=row.url,
        abstract=row.abstract,
        created_at=row.created_at,
    )


def award_out(row: Award) -> AwardOut:
    """One award as the API answers it."""
    return AwardOut(
        id=row.pk, title=row.title, awarder=row.awarder, awarded_on=row.awarded_on, summary=row.summary, created_at=row.created_at
    )


def publications_out(user: User) -> list[PublicationOut]:
    """The user's publications (the API's answer and ``medpath portfolio publications --json``)."""
    return [publication_out(row) for row in selectors.publications(user)]


def awards_out(user: User) -> list[AwardOut]:
    """The user's awards (the API's answer and ``medpath portfolio awards --json``)."""
    return [award_out(row) for row in selectors.awards(user)]


@router.get("/portfolio/publications", response=list[PublicationOut], summary="Your publications")
def publications(request: HttpRequest) -> list[PublicationOut]:
    """Your publications, abstracts, posters and talks, latest first."""
    return publications_out(signed_in_user(request))


@router.post("/portfolio/publications", response={201: PublicationOut}, summary="Add a publication")
def publication_create(request: HttpRequest, payload: PublicationIn) -> Status[PublicationOut]:
    """A new publication."""
    return Status(201, publication_out(services.publication_save(user=signed_in_user(request), **payload.model_dump())))


@router.get("/portfolio/publications/{int:publication_id}", response=PublicationOut, summary="One publication")
def publication_detail(request: HttpRequest, publication_id: ApiId) -> PublicationOut:
    """One of your publications."""
    return publication_out(get_owned(Publication, signed_in_user(request), pk=publication_id))


@router.put("/portfolio/publications/{int:publication_id}", response=PublicationOut, summary="Change a publication")
def publication_update(request: HttpRequest, publication_id: ApiId, payload: PublicationIn) -> PublicationOut:
    """Replace a publication's values."""
    return publication_out(services.publication_save(user=signed_in_user(request), pk=publication_id, **payload.model_dump()))


@router.delete("/portfolio/publications/{int:publication_id}", response={204: None}, summary="Delete a publication")
def publication_delete(request: HttpRequest, publication_id: ApiId) -> Status[None]:
    """Delete one of your publications."""
    services.publication_delete(user=signed_in_user(request), pk=publication_id)
    return Status(204, None)


@router.get("/portfolio/awards", response=list[AwardOut], summary="Your awards")
def awards(request: HttpRequest) -> list[AwardOut]:
    """Your awards and honours, latest first."""
    return awards_out(signed_in_user(request))


@router.post("/portfolio/awards", response={201: AwardOut}, summary="Add an award")
def award_create(request: HttpRequest, payload: AwardIn) -> Status[AwardOut]:
    """A new award."""
    return Status(201, award_out(services.award_save(user=signed_in_user(request), **payload.model_dump())))


@router.get("/portfolio/awards/{int:award_id}", response=AwardOut, summary="One award")
def award_detail(request: HttpRequest, award_id: ApiId) -> AwardOut:
    """One of your awards."""
    return award_out(get_owned(Award, signed_in_user(request), pk=award_id))


@router.put("/portfolio/awards/{int:award_id}", response=AwardOut, summary="Change an award")
def award_update(request: HttpRequest, award_id: ApiId, payload: AwardIn) -> AwardOut:
    """Replace an award's values."""
    return award_out(services.award_save(user=signed_in_user(request), pk=award_id, **payload.model_dump()))


@router.delete("/portfolio/awards/{int:award_id}", response={204: None}, summary="Delete an award")
def award_delete(request: HttpRequest, award_id: ApiId) -> Status[None]:
    """Delete one of your awards."""
    services.award_delete(user=signed_in_user(request), pk=award_id)
    return Status(204, None)


def cv_choice_out(user: User) -> CvChoiceOut:
    """The saved CV choice (or the default) with every section there is."""
    choice = selectors.cv_choice(user)
    return CvChoiceOut(
        sections=selectors.chosen_sections(user, choice),
        available=dict(cv.SECTIONS),
        generated_at=choice.generated_at if choice else None,
    )


@router.get("/portfolio/cv/sections", response=CvChoiceOut, summary="Your CV's sections")
def cv_sections(request: HttpRequest) -> CvChoiceOut:
    """The sections your CV shows, in order (reflections and feedback only if you chose them)."""
    return cv_choice_out(signed_in_user(request))


@router.put("/portfolio/cv/sections", response=CvChoiceOut, summary="Choose your CV's sections")
def cv_sections_save(request: HttpRequest, payload: CvChoiceIn) -> CvChoiceOut:
    """Save the sections your CV shows, in order; an unknown section answers 422."""
    user = signed_in_user(request)
    services.cv_choice_save(user=user, sections=payload.sections)
    return cv_choice_out(user)


FILE_RESPONSES = {
    "200": {
        "description": "The file",
        "content": {
            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            "text/markdown": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "object", "description": "A JSON Resume document"}},
        },
    }
}


@router.get("/portfolio/cv", summary="Your CV as a file", openapi_extra={"responses": FILE_RESPONSES})
def cv_download(request: HttpRequest, query: Query[CvQuery]) -> HttpResponse:
    """Your CV as PDF, Markdown or JSON Resume, with the sections given (else your saved choice). Reading it records
    nothing; the page and the command note when a CV was last made."""
    from django.core.exceptions import ValidationError

    sections = [key for key in query.sections.split(",") if key.strip()] or None
    try:
        body, content_type, filename = cv_file(
            signed_in_user(request), query.format, cv.parse_sections(sections) if sections else None
        )
    except cv.SectionError as error:
        raise ValidationError({"sections": [str(error)]}) from None
    return download(body, content_type, filename)


@router.get(
    "/portfolio/fhir",
    summary="Your credentials as FHIR",
    openapi_extra={
        "responses": {
            "200": {
                "description": "A FHIR R4B Practitioner resource",
                "content": {"application/fhir+json": {"schema": {"type": "object"}}},
            }
        }
    },
)
def fhir(request: HttpRequest) -> HttpResponse:
    """Your licences and certifications as a FHIR R4B Practitioner with a qualification each."""
    return download(
        practitioner_json(selectors.fhir_practitioner(signed_in_user(request))), "application/fhir+json", "practitioner.json"
    )


@router.post("/portfolio/calendar-links", response={201: PortfolioCalendarOut}, summary="Create a combined calendar link")
def calendar_link_create(request: HttpRequest, payload: PortfolioCalendarIn) -> Status[PortfolioCalendarOut]:
    """A private calendar link of the pillars chosen (kept with the link); the URL is shown this once."""
    issued = services.calendar_link_issue(user=signed_in_user(request), pillars=payload.pillars, request=request)
    return Status(
        201,
        PortfolioCalendarOut(
            id=issued.link.pk, url=issued.url, pillars=issued.link.subject.split(","), expires_at=issued.link.expires_at
        ),
    )


@router.delete("/portfolio/calendar-links/{int:link_id}", response={204: None}, summary="Withdraw a combined calendar link")
def calendar_link_revoke(request: HttpRequest, link_id: ApiId) -> Status[None]:
    """Withdraw one of your combined calendar links: calendar apps holding it get nothing more."""
    services.calendar_link_revoke(user=signed_in_user(request), link_id=link_id, request=request)
    return Status(204, None)
