"""JSON API of memberships: their state (lapsed, renews soon, current) and "renewed until"."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from medpath.accounts.models import User
from medpath.accounts.requests import signed_in_user
from medpath.bounds import ApiDate, ApiId
from medpath.network import selectors
from medpath.network.models import Membership
from medpath.network.services import memberships as service
from medpath.scoping import get_owned
from medpath.usertime import user_today

router = Router()


class MembershipOut(Schema):
    """A membership with its renewal date, dues and state."""

    id: int
    association: str
    member_number: str
    level: str
    renews_on: date | None
    dues_amount: Decimal | None
    dues_currency: str
    notes: str
    state: str = Field(description="lapsed, renews soon, current or no renewal date")
    created_at: datetime


class MembershipIn(Schema):
    """A membership to add, or a membership's new values (all of them)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "association": "National Student Nurses' Association",
                    "member_number": "S-12345",
                    "level": "Student",
                    "renews_on": "2027-08-31",
                    "dues_amount": "40.00",
                    "dues_currency": "USD",
                }
            ]
        },
    )

    association: str = Field(max_length=200)
    member_number: str = Field(default="", max_length=80)
    level: str = Field(default="", max_length=80)
    renews_on: ApiDate | None = None
    dues_amount: Decimal | None = Field(default=None, ge=0, le=100_000, max_digits=9, decimal_places=2)
    dues_currency: str = Field(default="", max_length=3, description="An ISO 4217 code, e.g. USD (any case)")
    notes: str = Field(default="", max_length=2000)
    privacy_confirmed: bool = Field(default=False, description="Send true to save notes the privacy guard pointed at")


class MembershipRenewalIn(Schema):
    """The day a renewed membership now runs until."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"renewed_until": "2099-12-31"}]})

    renewed_until: ApiDate


def membership_out(row: Membership, today: date) -> MembershipOut:
    """One membership as the API answers it."""
    return MembershipOut(
        id=row.pk,
        association=row.association,
        member_number=row.member_number,
        level=row.level,
        renews_on=row.renews_on,
        dues_amount=row.dues_amount,
        dues_currency=row.dues_currency,
        notes=row.notes,
        state=selectors.membership_state(row, today),
        created_at=row.created_at,
    )


def memberships_out(user: User) -> list[MembershipOut]:
    """The user's memberships (the API's answer)."""
    today = user_today(user)
    return [membership_out(row, today) for row in selectors.memberships(user)]


@router.get("/network/memberships", response=list[MembershipOut], summary="Your memberships")
def memberships(request: HttpRequest) -> list[MembershipOut]:
    """Your association memberships, by association."""
    return memberships_out(signed_in_user(request))


@router.post("/network/memberships", response={201: MembershipOut}, summary="Add a membership")
def membership_create(request: HttpRequest, payload: MembershipIn) -> Status[MembershipOut]:
    """A new membership; its renewal date joins your reminders."""
    user = signed_in_user(request)
    return Status(201, membership_out(service.membership_save(user=user, **payload.model_dump()), user_today(user)))


@router.get("/network/memberships/{int:membership_id}", response=MembershipOut, summary="One membership")
def membership_detail(request: HttpRequest, membership_id: ApiId) -> MembershipOut:
    """One of your memberships."""
    user = signed_in_user(request)
    return membership_out(get_owned(Membership, user, pk=membership_id), user_today(user))


@router.put("/network/memberships/{int:membership_id}", response=MembershipOut, summary="Change a membership")
def membership_update(request: HttpRequest, membership_id: ApiId, payload: MembershipIn) -> MembershipOut:
    """Replace a membership's values."""
    user = signed_in_user(request)
    return membership_out(service.membership_save(user=user, pk=membership_id, **payload.model_dump()), user_today(user))


@router.post("/network/memberships/{int:membership_id}/renew", response=MembershipOut, summary="Record a renewal")
def membership_renew(request: HttpRequest, membership_id: ApiId, payload: MembershipRenewalIn) -> MembershipOut:
    """The membership now runs until the day given (later than its current renewal date)."""
    user = signed_in_user(request)
    return membership_out(
        service.membership_renew(user=user, pk=membership_id, renewed_until=payload.renewed_until), user_today(user)
    )


@router.delete("/network/memberships/{int:membership_id}", response={204: None}, summary="Delete a membership")
def membership_delete(request: HttpRequest, membership_id: ApiId) -> Status[None]:
    """Delete one of your memberships."""
    service.membership_delete(user=signed_in_user(request), pk=membership_id)
    return Status(204, None)
