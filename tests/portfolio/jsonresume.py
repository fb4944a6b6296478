# ruff: noqa: N815  (the JSON Resume field names are camelCase)
"""An independent statement of the JSON Resume fields MedPath emits, written from the field names the schema
documents (https://jsonresume.org/schema: basics, work, volunteer, education, awards, certificates, publications,
skills, meta), not copied from its schema file. Standard objects forbid unknown keys except the documented
``x-medpath`` extension, so a misspelt field fails; every date is checked as ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD,
the schema's ``iso8601`` form)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _iso_date(value: str) -> str:
    if not _ISO.match(value):
        raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(part) for part in value.split("-")] + [1, 1]
    date(parts[0], parts[1], parts[2])  # a real day (raises for 2026-02-30)
    return value


IsoDate = Annotated[str, AfterValidator(_iso_date)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    x_medpath: dict[str, Any] | None = Field(default=None, alias="x-medpath")


class Basics(_Strict):
    name: str = Field(min_length=1)
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Work(_Strict):
    name: str | None = None
    position: str | None = None
    startDate: IsoDate | None = None
    endDate: IsoDate | None = None
    summary: str | None = None
    highlights: list[str] = []


class Volunteer(_Strict):
    organization: str | None = None
    position: str | None = None
    startDate: IsoDate | None = None
    endDate: IsoDate | None = None
    summary: str | None = None
    highlights: list[str] = []


class Education(_Strict):
    area: str | None = None
    studyType: str | None = None
    endDate: IsoDate | None = None


class AwardItem(_Strict):
    title: str
    date: IsoDate | None = None
    awarder: str | None = None
    summary: str | None = None


class Certificate(_Strict):
    name: str
    date: IsoDate | None = None
    issuer: str | None = None


class PublicationItem(_Strict):
    name: str
    publisher: str | None = None
    releaseDate: IsoDate | None = None
    url: HttpUrl | None = None


class Skill(_Strict):
    name: str
    level: str | None = None
    keywords: list[str] = []


class Meta(_Strict):
    lastModified: IsoDate | None = None


class Resume(_Strict):
    basics: Basics
    work: list[Work] = []
    volunteer: list[Volunteer] = []
    education: list[Education] = []
    awards: list[AwardItem] = []
    certificates: list[Certificate] = []
    publications: list[PublicationItem] = []
    skills: list[Skill] = []
    meta: Meta | None = None
