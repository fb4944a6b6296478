"""API models of application drafts (names start with Application, unique across the API)."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from medpath.applications.paste import PasteField
from medpath.applications.selectors import DraftExport
from medpath.bounds import ApiDate


class ApplicationDraftOut(Schema):
    """A draft of an AMCAS or ERAS experiences section."""

    id: int
    format: str = Field(description="amcas or eras")
    season: int
    title: str
    ready: bool


class ApplicationDraftIn(Schema):
    """A new draft."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"format": "amcas", "season": 2027, "title": "AMCAS 2027"}]}
    )

    format: Literal["amcas", "eras"]
    season: int = Field(ge=2020, le=2100)
    title: str = Field(min_length=1, max_length=200)


class ApplicationDraftChangeIn(Schema):
    """A draft's new season and title."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"season": 2027, "title": "AMCAS 2027, second draft"}]}
    )

    season: int = Field(ge=2020, le=2100)
    title: str = Field(min_length=1, max_length=200)


class ApplicationPickIn(Schema):
    """A record to copy into the draft: an experience entry, an event or a membership (by its id), or none."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"source_kind": "none"}]})

    source_kind: Literal["experience", "event", "membership", "none"]
    source_id: int | None = Field(default=None, ge=1, le=2**53)


class ApplicationRangeSchema(Schema):
    """A date range and the hours completed in it (AMCAS exports the hours; ERAS keeps them in MedPath only)."""

    model_config = ConfigDict(extra="forbid")

    start: ApiDate | None = None
    end: ApiDate | None = None
    hours: int | None = Field(default=None, ge=0, le=20_000)


class ApplicationEntryIn(Schema):
    """An entry's values (all of them). Text over the application's limit is saved and reported in ``problems``."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "type_id": "other",
                    "title": "Emergency department scribe",
                    "organization": "Mercy Hospital",
                    "ranges": [{"start": "2025-01-06", "end": "2025-12-19", "hours": 480}],
                    "description": "Documented histories and exams for four emergency physicians.",
                }
            ]
        },
    )

    type_id: str = Field(max_length=60, description="An experience type id of the draft's format (see the catalog)")
    title: str = Field(min_length=1, max_length=300)
    organization: str = Field(default="", max_length=200)
    location: str = Field(default="", max_length=200)
    ranges: list[ApplicationRangeSchema] = Field(default_factory=list, max_length=4)
    frequency: str = Field(default="", max_length=40)
    setting: str = Field(default="", max_length=60)
    focus_area: str = Field(default="", max_length=100)
    key_characteristic: str = Field(default="", max_length=100)
    description: str = Field(default="", max_length=5000)
    most_meaningful: bool = False
    most_meaningful_text: str = Field(default="", max_length=5000)
    privacy_confirmed: bool = Field(default=False, description="Send true to save text the privacy guard pointed at")


class ApplicationReadyIn(Schema):
    """Mark a draft ready to paste (refused while anything is over a limit) or not ready."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"ready": False}]})

    ready: bool


class ApplicationRangeOut(Schema):
    """A date range of an entry."""

    start: str | None
    end: str | None
    hours: int | None


class ApplicationEntryOut(Schema):
    """An entry of a draft, copied from a record and edited here."""

    id: int
    position: int
    source_kind: str
    source_id: int | None
    type_id: str
    title: str
    organization: str
    location: str
    ranges: list[ApplicationRangeOut]
    frequency: str
    setting: str
    focus_area: str
    key_characteristic: str
    description: str
    most_meaningful: bool
    most_meaningful_text: str
    problems: list[str] = Field(description="What stops this entry from being pasted as it is (e.g. characters over)")


class ApplicationDraftDetailOut(ApplicationDraftOut):
    """A draft with its entries and what stops it from being ready."""

    entries: list[ApplicationEntryOut]
    problems: list[str]


class ApplicationPasteFieldOut(Schema):
    """One field to paste: the application's label, the text, and its count when it has a limit."""

    key: str
    label: str
    value: str
    limit: int | None
    used: int | None
    over: str = Field(description="How far over the limit, in words; empty when within")


class ApplicationExportEntryOut(Schema):
    """One entry ready to paste, its fields in the application's order."""

    id: int
    number: int
    title: str
    fields: list[ApplicationPasteFieldOut]


class ApplicationExportOut(Schema):
    """A draft ready to paste: the same as the page, the download and ``medpath applications export --json``."""

    id: int
    format: str
    season: int
    title: str
    ready: bool
    heading: str
    entries: list[ApplicationExportEntryOut]
    problems: list[str]


def _field_out(field: PasteField) -> ApplicationPasteFieldOut:
    return ApplicationPasteFieldOut(
        key=field.key, label=field.label, value=field.value, limit=field.limit, used=field.used, over=field.over_message
    )


def export_out(export: DraftExport) -> ApplicationExportOut:
    """The export as the API and the command answer it."""
    draft = export.draft
    return ApplicationExportOut(
        id=draft.pk,
        format=draft.format,
        season=draft.season,
        title=draft.title,
        ready=draft.ready,
        heading=export.heading,
        entries=[
            ApplicationExportEntryOut(id=e.id, number=e.number, title=e.title, fields=[_field_out(f) for f in e.fields])
            for e in export.entries
        ],
        problems=export.problems,
    )
