"""JSON API of the resilience pillar: check-ins (list, save, delete one, delete all), the trend with its signals,
and the support resources. Every answer is the person's own; nothing here is reachable through a shared link."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field as NinjaField
from ninja import Query, Router, Schema, Status

from medpath.accounts.requests import signed_in_user
from medpath.bounds import ApiId
from medpath.wellbeing import selectors, services
from medpath.wellbeing.schemas import (
    CheckInIn,
    CheckInOut,
    CheckInsDeleted,
    SupportOut,
    WellbeingTrendOut,
    checkin_out,
    support_out,
    trend_out,
)

router = Router(tags=["resilience"])


class SupportQuery(Schema):
    """Which country's resources."""

    country: str = NinjaField(default="", max_length=2, description="ISO 3166-1 code (US, GB, CA, AU); empty: every country")


@router.get("/wellbeing/check-ins", response=list[CheckInOut], summary="Your check-ins")
def checkin_list(request: HttpRequest) -> list[CheckInOut]:
    """Your latest check-ins, newest first (about two months)."""
    return [checkin_out(row) for row in selectors.checkins(signed_in_user(request))]


@router.post("/wellbeing/check-ins", response={201: CheckInOut}, summary="Check in")
def checkin_create(request: HttpRequest, payload: CheckInIn) -> Status[CheckInOut]:
    """Save a day's check-in (today unless day is given), replacing that day's if there is one."""
    row = services.checkin_save(user=signed_in_user(request), **payload.model_dump())
    return Status(201, checkin_out(row))


@router.delete("/wellbeing/check-ins", response=CheckInsDeleted, summary="Delete all your check-ins")
def checkin_delete_all(request: HttpRequest) -> CheckInsDeleted:
    """Delete every check-in you saved, with their notes, in one step."""
    return CheckInsDeleted(deleted=services.checkins_delete_all(user=signed_in_user(request)))


@router.delete("/wellbeing/check-ins/{int:checkin_id}", response={204: None}, summary="Delete a check-in")
def checkin_delete(request: HttpRequest, checkin_id: ApiId) -> Status[None]:
    """Delete one of your check-ins."""
    services.checkin_delete(user=signed_in_user(request), pk=checkin_id)
    return Status(204, None)


@router.get("/wellbeing/trend", response=WellbeingTrendOut, summary="Your wellbeing trend and signals")
def trend(request: HttpRequest) -> WellbeingTrendOut:
    """Weekly averages of the last twelve weeks beside your logged work hours, and any signals (observations,
    never diagnoses)."""
    return trend_out(signed_in_user(request))


@router.get("/wellbeing/support", response=SupportOut, summary="Support lines")
def support(request: HttpRequest, query: Query[SupportQuery]) -> SupportOut:
    """Crisis and support lines per country, each with its source and the day it was last verified, and the
    burnout question's published answers."""
    signed_in_user(request)
    found = support_out(query.country)
    if found is None:
        known = ", ".join(sorted(selectors.support_countries()))
        raise ValidationError({"country": [f"MedPath lists no support lines for {query.country!r} yet; it lists {known}."]})
    return found
