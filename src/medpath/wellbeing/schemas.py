"""Schemas of the resilience pillar's API. ``trend_out`` and ``support_out`` build the answers that the API gives
and that ``medpath wellbeing trend --json`` and ``medpath support --json`` print (one function each)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema
from pydantic import ConfigDict

from medpath.accounts.models import User
from medpath.bounds import ApiDate, ApiWhole
from medpath.catalog.loader import catalog
from medpath.catalog.wellbeing_schema import SupportFile
from medpath.wellbeing import selectors
from medpath.wellbeing.models import NOTE_LENGTH, CheckIn

PRIVACY_CONFIRMED = "Send true to save a note the privacy guard pointed at (answered 422 first)"


class CheckInOut(Schema):
    """One day's check-in (the person's own; never shared)."""

    id: int
    day: date
    mood: ApiWhole = Field(description="1 (very low) to 5 (very good)")
    energy: ApiWhole = Field(description="1 (exhausted) to 5 (full of energy)")
    stress: ApiWhole = Field(description="1 (none) to 5 (extreme)")
    burnout: ApiWhole = Field(description="The single-item burnout measure's answer, 1 to 5")
    sleep_hours: float
    note: str
    saved_at: datetime


class CheckInIn(Schema):
    """A day's check-in; saving again on the same day replaces it."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"mood": 3, "energy": 2, "stress": 4, "burnout": 2, "sleep_hours": 6.5, "day": "2026-01-15", "note": ""}]
        },
    )

    mood: ApiWhole = Field(description="1 (very low) to 5 (very good)")
    energy: ApiWhole = Field(description="1 (exhausted) to 5 (full of energy)")
    stress: ApiWhole = Field(description="1 (none) to 5 (extreme)")
    burnout: ApiWhole = Field(
        description="The single-item burnout measure's answer, 1 to 5 (GET /wellbeing/support lists the texts)"
    )
    sleep_hours: Decimal = Field(description="0 to 24, in half hours")  # the service checks, in its own words
    day: ApiDate | None = Field(default=None, description="Today when left out; never a later day")
    note: str = Field(default="", max_length=NOTE_LENGTH, description="Private; seen by you alone")
    privacy_confirmed: bool = Field(default=False, description=PRIVACY_CONFIRMED)


class CheckInsDeleted(Schema):
    """How many check-ins were deleted."""

    deleted: int


class WellbeingWeekOut(Schema):
    """One week's averages (null without a check-in) and logged work hours (null when no shifts are logged)."""

    week_of: date
    checkins: int
    mood: float | None
    energy: float | None
    stress: float | None
    burnout: float | None
    sleep_hours: float | None
    work_hours: float | None


class WellbeingSignalOut(Schema):
    """An observation from the person's own check-ins, not a diagnosis."""

    key: str
    message: str
    reasons: list[str]


class WellbeingTrendOut(Schema):
    """The last twelve weeks, oldest first, and the signals they show today."""

    weeks: list[WellbeingWeekOut]
    logs_shifts: bool
    signals: list[WellbeingSignalOut]


class SupportSourceOut(Schema):
    """A page a support resource's details were read on."""

    title: str
    url: str


class SupportResourceOut(Schema):
    """A crisis or support line with where it was verified and when."""

    id: str
    name: str
    kind: str = Field(description="crisis, profession or peer")
    for_whom: str
    region: str
    phone: str | None
    text: str | None
    web: str | None
    hours: str
    note: str
    source_title: str
    source_url: str
    also_sources: list[SupportSourceOut] = Field(description="Further pages a detail of the wording rests on")
    confidence: str
    verified_on: date


class SupportCountryOut(Schema):
    """One country's support resources, crisis lines first."""

    country: str
    country_name: str
    resources: list[SupportResourceOut]


class BurnoutMeasureOut(Schema):
    """The burnout question every check-in asks, with its published answers."""

    name: str
    question: str
    answers: dict[int, str]
    concern_from: int
    licence_note: str


class SupportOut(Schema):
    """Support resources per country and the measure the check-in uses."""

    countries: list[SupportCountryOut]
    measure: BurnoutMeasureOut


def checkin_out(row: CheckIn) -> CheckInOut:
    """One check-in as the API answers it."""
    return CheckInOut(
        id=row.pk,
        day=row.day,
        mood=row.mood,
        energy=row.energy,
        stress=row.stress,
        burnout=row.burnout,
        sleep_hours=float(row.sleep_hours),
        note=row.note,
        saved_at=row.saved_at,
    )


def trend_out(user: User, today: date | None = None) -> WellbeingTrendOut:
    """The trend and its signals (the API's answer and the command's JSON)."""
    seen = selectors.trend(user, today)
    found = selectors.signals_for(user, today, seen=seen)
    return WellbeingTrendOut(
        weeks=[WellbeingWeekOut(**vars(week)) for week in seen.weeks],
        logs_shifts=seen.logs_shifts,
        signals=[WellbeingSignalOut(key=signal.key, message=signal.message, reasons=list(signal.reasons)) for signal in found],
    )


def _country_out(country: SupportFile) -> SupportCountryOut:
    sources = catalog().sources
    return SupportCountryOut(
        country=country.country,
        country_name=country.country_name,
        resources=[
            SupportResourceOut(
                id=resource.id,
                name=resource.name,
                kind=resource.kind,
                for_whom=resource.for_whom,
                region=resource.region,
                phone=resource.phone,
                text=resource.text,
                web=str(resource.web) if resource.web else None,
                hours=resource.hours,
                note=resource.note,
                source_title=sources[resource.source].title,
                source_url=str(sources[resource.source].url),
                also_sources=[
                    SupportSourceOut(title=sources[key].title, url=str(sources[key].url)) for key in resource.also_sources
                ],
                confidence=resource.confidence,
                verified_on=resource.verified_on,
            )
            for resource in country.resources
        ],
    )


def support_out(country: str = "") -> SupportOut | None:
    """Every country's resources, or one country's (ISO code); None for a country the catalog does not hold."""
    if country:
        chosen = selectors.support_for(country)
        if chosen is None:
            return None
        countries = [chosen]
    else:
        countries = sorted(selectors.support_countries().values(), key=lambda item: item.country_name)
    measure = selectors.measure()
    return SupportOut(
        countries=[_country_out(item) for item in countries],
        measure=BurnoutMeasureOut(
            name=measure.name,
            question=measure.question,
            answers=measure.answers,
            concern_from=measure.concern_from,
            licence_note=measure.licence.note,
        ),
    )
