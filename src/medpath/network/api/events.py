"""JSON API of events and the credits they gave ("count these credits" makes one continuing-learning activity)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from medpath.accounts.models import User
from medpath.accounts.requests import signed_in_user
from medpath.bounds import MAX_ID, ApiDate, ApiId, ApiWhole
from medpath.network import selectors
from medpath.network.models import Event
from medpath.network.services import events as service
from medpath.scoping import get_owned

router = Router()

PRIVACY_CONFIRMED = "Send true to save text the privacy guard pointed at (answered 422 first)"


class NetworkEventOut(Schema):
    """An event, the contacts linked to it, its credits and the learning activity they became."""

    id: int
    kind: str = Field(description="conference, workshop, grand_rounds, interview or other")
    title: str
    starts_on: date
    ends_on: date
    place: str
    role: str = Field(description="attendee, presenter, poster or organizer")
    presentation_title: str
    contact_ids: list[int]
    credit_amount: Decimal | None
    credit_type: str
    activity_id: int | None = Field(
        description="The continuing-learning activity its credits became; null again once that activity is deleted"
    )
    notes: str
    created_at: datetime


class NetworkEventIn(Schema):
    """An event to record, or an event's new values (all of them)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "kind": "conference",
                    "title": "ACS Clinical Congress",
                    "starts_on": "2026-10-04",
                    "ends_on": "2026-10-07",
                    "place": "Chicago",
                    "role": "poster",
                    "presentation_title": "Early mobility after colectomy",
                    "credit_amount": "12.5",
                    "credit_type": "ama_pra_cat1",
                }
            ]
        },
    )

    kind: Literal["conference", "workshop", "grand_rounds", "interview", "other"] = "conference"
    title: str = Field(max_length=300)
    starts_on: ApiDate
    ends_on: ApiDate | None = Field(default=None, description="The start day when left out; never before it")
    place: str = Field(default="", max_length=200)
    role: Literal["attendee", "presenter", "poster", "organizer"] = "attendee"
    presentation_title: str = Field(default="", max_length=300)
    contact_ids: list[Annotated[ApiWhole, Field(ge=1, le=MAX_ID)]] = Field(
        default_factory=list, max_length=service.MAX_LINKED_CONTACTS, description="Your own contacts"
    )
    credit_amount: Decimal | None = Field(default=None, gt=0, le=200, max_digits=6, decimal_places=2)
    credit_type: str = Field(default="", max_length=40, description="A credit type of the catalog, e.g. ama_pra_cat1")
    notes: str = Field(default="", max_length=2000)
    privacy_confirmed: bool = Field(default=False, description=PRIVACY_CONFIRMED)


class CountedCreditsOut(Schema):
    """The activity an event's credits became, and whether it was made now."""

    event_id: int
    activity_id: int
    created: bool


def event_out(event: Event, activity_id: int | None) -> NetworkEventOut:
    """One event as the API answers it, with the activity its credits became while that exists."""
    return NetworkEventOut(
        id=event.pk,
        kind=event.kind,
        title=event.title,
        starts_on=event.starts_on,
        ends_on=event.ends_on,
        place=event.place,
        role=event.role,
        presentation_title=event.presentation_title,
        contact_ids=sorted(row.pk for row in event.contacts.all()),
        credit_amount=event.credit_amount,
        credit_type=event.credit_type,
        activity_id=activity_id,
        notes=event.notes,
        created_at=event.created_at,
    )


def _one(user: User, event: Event) -> NetworkEventOut:
    return event_out(event, selectors.counted_activities(user, [event]).get(event.pk))


@router.get("/network/events", response=list[NetworkEventOut], summary="Your events")
def events(request: HttpRequest) -> list[NetworkEventOut]:
    """Your events, latest first."""
    user = signed_in_user(request)
    rows = selectors.events(user)
    counted = selectors.counted_activities(user, rows)
    return [event_out(row, counted.get(row.pk)) for row in rows]


@router.post("/network/events", response={201: NetworkEventOut}, summary="Record an event")
def event_create(request: HttpRequest, payload: NetworkEventIn) -> Status[NetworkEventOut]:
    """A new event; one ending before it starts is refused."""
    user = signed_in_user(request)
    return Status(201, _one(user, service.event_save(user=user, **payload.model_dump())))


@router.get("/network/events/{int:event_id}", response=NetworkEventOut, summary="One event")
def event_detail(request: HttpRequest, event_id: ApiId) -> NetworkEventOut:
    """One of your events."""
    user = signed_in_user(request)
    return _one(user, get_owned(Event, user, pk=event_id))


@router.put("/network/events/{int:event_id}", response=NetworkEventOut, summary="Change an event")
def event_update(request: HttpRequest, event_id: ApiId, payload: NetworkEventIn) -> NetworkEventOut:
    """Replace an event's values; counted credits stay as they are (422 for new ones: change the activity)."""
    user = signed_in_user(request)
    return _one(user, service.event_save(user=user, pk=event_id, **payload.model_dump()))


@router.delete("/network/events/{int:event_id}", response={204: None}, summary="Delete an event")
def event_delete(request: HttpRequest, event_id: ApiId) -> Status[None]:
    """Delete one of your events (an activity its credits became stays)."""
    service.event_delete(user=signed_in_user(request), pk=event_id)
    return Status(204, None)


@router.post("/network/events/{int:event_id}/count-credits", response=CountedCreditsOut, summary="Count an event's credits")
def event_count_credits(request: HttpRequest, event_id: ApiId) -> CountedCreditsOut:
    """Make the event's credits a continuing-learning activity, once; a second call answers the same activity."""
    event, activity_id, created = service.event_count_credits(user=signed_in_user(request), pk=event_id)
    return CountedCreditsOut(event_id=event.pk, activity_id=activity_id, created=created)
