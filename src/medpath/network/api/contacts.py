"""JSON API of contacts, follow-up rules, interactions and vCards. ``contacts_out`` and ``follow_ups_out`` build
the lists that the API answers and that ``medpath network contacts --json`` and ``follow-ups --json`` print."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import ConfigDict

from medpath.accounts.models import User
from medpath.accounts.requests import signed_in_user
from medpath.bounds import ApiDate, ApiId, ApiWhole
from medpath.importing import SpreadsheetImportOut, api_import
from medpath.network import selectors
from medpath.network.followups import MAX_RHYTHM_DAYS
from medpath.network.models import Contact, FollowUpRule, Interaction
from medpath.network.services import contacts as service
from medpath.network.vcards import MAX_VCARD_BYTES, ContactCard, write_vcards
from medpath.scoping import get_owned
from medpath.usertime import user_today

router = Router()  # mounted by the package's router, whose tag it takes

PRIVACY_CONFIRMED = "Send true to save text the privacy guard pointed at (answered 422 first)"
Tag = Annotated[str, Field(max_length=60)]
RhythmDays = Annotated[ApiWhole, Field(ge=1, le=MAX_RHYTHM_DAYS)]  # a JSON number: true and "4" are refused
ChannelName = Literal["in_person", "call", "video", "email", "message", "other"]


class FollowUpOut(Schema):
    """A contact's next follow-up: the rhythm, why that rhythm, and the day it is due."""

    rhythm_days: int | None = Field(description="None: no rhythm (no own rhythm, no rule for its tags)")
    rhythm_reason: str = Field(description="“its own rhythm”, or the tag whose rule set it")
    counted_from: date = Field(description="The last interaction, or the day the contact was added")
    due_on: date | None
    days_left: int | None = Field(description="Negative: overdue")


class NetworkContactOut(Schema):
    """A contact or mentor with their tags, last contact and next follow-up."""

    id: int
    name: str
    role: str
    organization: str
    how_met: str
    email: str
    phone: str
    tags: list[str]
    is_mentor: bool
    notes: str
    rhythm_days: int | None = Field(description="The contact's own rhythm; None: its tags' rules decide")
    added_on: date
    last_contact: date | None
    follow_up: FollowUpOut


class NetworkContactIn(Schema):
    """A contact to add, or a contact's new values (all of them)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Dr. Ana Ruiz",
                    "role": "Attending surgeon",
                    "organization": "General Hospital",
                    "how_met": "My surgery rotation",
                    "email": "ana.ruiz@example.org",
                    "tags": ["mentor"],
                    "is_mentor": True,
                    "rhythm_days": 42,
                }
            ]
        },
    )

    name: str = Field(max_length=200)
    role: str = Field(default="", max_length=200)
    organization: str = Field(default="", max_length=200)
    how_met: str = Field(default="", max_length=300)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=40)
    tags: list[Tag] = Field(default_factory=list, max_length=20)
    is_mentor: bool = False
    notes: str = Field(default="", max_length=5000)
    rhythm_days: RhythmDays | None = Field(default=None, description="Days between follow-ups (1 to 1095); None: by tag")
    privacy_confirmed: bool = Field(default=False, description=PRIVACY_CONFIRMED)


class ContactFilters(Schema):
    """Filters of the contact list."""

    tag: str = Field(default="", max_length=60)
    mentor: bool | None = None
    quiet_days: int | None = Field(default=None, ge=0, le=36_500, description="Not contacted for at least this many days")
    sort: Literal["name", "last_contact", "next_follow_up"] = "name"


class InteractionOut(Schema):
    """A time the person was in touch with a contact."""

    id: int
    contact_id: int
    occurred_on: date
    channel: str
    notes: str
    created_at: datetime


class InteractionIn(Schema):
    """An interaction to log with one of your contacts."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"occurred_on": "2026-01-15", "channel": "in_person", "notes": "Coffee: talked about fellowships."}]
        },
    )

    occurred_on: ApiDate = Field(description="Today or earlier")
    channel: ChannelName = "in_person"
    notes: str = Field(default="", max_length=2000)
    privacy_confirmed: bool = Field(default=False, description=PRIVACY_CONFIRMED)


class FollowUpRuleOut(Schema):
    """The rhythm for every contact with a tag."""

    id: int
    tag: str
    rhythm_days: int


class FollowUpRuleIn(Schema):
    """A follow-up rule to set (it replaces the tag's earlier rule)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"tag": "mentor", "rhythm_days": 42}]})

    tag: str = Field(max_length=60)
    rhythm_days: RhythmDays


class VcardImportIn(Schema):
    """A vCard file's text to import (all or nothing), or to preview with dry_run."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"vcard": "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dr. Ana Ruiz\r\nCATEGORIES:mentor\r\nEND:VCARD\r\n", "dry_run": True}
            ]
        },
    )

    vcard: str = Field(max_length=MAX_VCARD_BYTES, description="The file's text (vCard 3.0 or 4.0), at most 2 MB and 1,000 cards")
    dry_run: bool = Field(default=False, description="Only say what would be added")
    privacy_confirmed: bool = Field(default=False, description="Send true to import notes the privacy guard pointed at")


class VcardContactOut(Schema):
    """A contact read from a vCard."""

    line: int
    name: str
    role: str
    organization: str
    how_met: str
    email: str
    tags: list[str]
    not_imported: list[str] = Field(
        description="Properties of the card MedPath does not keep, e.g. “another EMAIL”, “PHOTO”, “BDAY”"
    )


class VcardImportOut(Schema):
    """What an import added (or, on a dry run, would add), and the contacts already there."""

    dry_run: bool
    added: list[VcardContactOut]
    already_there: list[VcardContactOut] = Field(
        description="Cards skipped: each has the name and e-mail of one of your contacts (each contact matches one card)"
    )


def contact_out(row: selectors.ContactRow, today: date) -> NetworkContactOut:
    """One contact as the API answers it."""
    contact, due = row.contact, row.follow_up
    return NetworkContactOut(
        id=contact.pk,
        name=contact.name,
        role=contact.role,
        organization=contact.organization,
        how_met=contact.how_met,
        email=contact.email,
        phone=contact.phone,
        tags=row.tags,
        is_mentor=contact.is_mentor,
        notes=contact.notes,
        rhythm_days=contact.rhythm_days,
        added_on=contact.added_on,
        last_contact=row.last_contact,
        follow_up=FollowUpOut(
            rhythm_days=due.rhythm.days,
            rhythm_reason=due.rhythm.reason,
            counted_from=due.counted_from,
            due_on=due.due_on,
            days_left=due.days_left(today),
        ),
    )


def contacts_out(user: User, filters: ContactFilters | None = None) -> list[NetworkContactOut]:
    """The user's contacts (the API's answer and the command's JSON)."""
    today = user_today(user)
    chosen = (filters or ContactFilters()).model_dump()
    return [contact_out(row, today) for row in selectors.contact_rows(user, today=today, **chosen)]


def follow_ups_out(user: User, within_days: int = 0) -> list[NetworkContactOut]:
    """Contacts whose follow-up is due by today plus ``within_days``, most overdue first."""
    today = user_today(user)
    return [contact_out(row, today) for row in selectors.follow_ups_due(user, today, within_days=within_days)]


def _one(user: User, pk: int) -> NetworkContactOut:
    contact = get_owned(Contact, user, pk=pk)
    today = user_today(user)
    return contact_out(selectors.contact_row(user, contact, today), today)


def _interaction_out(row: Interaction) -> InteractionOut:
    return InteractionOut(
        id=row.pk,
        contact_id=row.contact_id,
        occurred_on=row.occurred_on,
        channel=row.channel,
        notes=row.notes,
        created_at=row.created_at,
    )


def _card_out(card: ContactCard) -> VcardContactOut:
    return VcardContactOut(
        line=card.line,
        name=card.name,
        role=card.role,
        organization=card.organization,
        how_met=card.how_met,
        email=card.email,
        tags=card.tags,
        not_imported=card.not_imported,
    )


@router.get("/network/contacts", response=list[NetworkContactOut], summary="Your contacts")
def contacts(request: HttpRequest, filters: Query[ContactFilters]) -> list[NetworkContactOut]:
    """Contacts with last contact and next follow-up; filter by tag, mentor, days without contact; sort."""
    return contacts_out(signed_in_user(request), filters)


@router.post("/network/contacts", response={201: NetworkContactOut}, summary="Add a contact")
def contact_create(request: HttpRequest, payload: NetworkContactIn) -> Status[NetworkContactOut]:
    """A new contact; notes that may identify a patient are refused until sent with privacy_confirmed."""
    user = signed_in_user(request)
    contact = service.contact_save(user=user, **payload.model_dump())
    return Status(201, _one(user, contact.pk))


@router.get("/network/contacts/{int:contact_id}", response=NetworkContactOut, summary="One contact")
def contact_detail(request: HttpRequest, contact_id: ApiId) -> NetworkContactOut:
    """One of your contacts with their next follow-up."""
    return _one(signed_in_user(request), contact_id)


@router.put("/network/contacts/{int:contact_id}", response=NetworkContactOut, summary="Change a contact")
def contact_update(request: HttpRequest, contact_id: ApiId, payload: NetworkContactIn) -> NetworkContactOut:
    """Replace a contact's values."""
    user = signed_in_user(request)
    service.contact_save(user=user, pk=contact_id, **payload.model_dump())
    return _one(user, contact_id)


@router.delete("/network/contacts/{int:contact_id}", response={204: None}, summary="Delete a contact")
def contact_delete(request: HttpRequest, contact_id: ApiId) -> Status[None]:
    """Delete one of your contacts and their interactions."""
    service.contact_delete(user=signed_in_user(request), pk=contact_id)
    return Status(204, None)


@router.get("/network/contacts/{int:contact_id}/interactions", response=list[InteractionOut], summary="A contact's interactions")
def interactions(request: HttpRequest, contact_id: ApiId) -> list[InteractionOut]:
    """The interactions logged with one of your contacts, latest first."""
    user = signed_in_user(request)
    contact = get_owned(Contact, user, pk=contact_id)
    return [
        _interaction_out(row)
        for row in Interaction.objects.for_user(user).filter(contact=contact).order_by("-occurred_on", "-id")
    ]


@router.post("/network/contacts/{int:contact_id}/interactions", response={201: InteractionOut}, summary="Log an interaction")
def interaction_create(request: HttpRequest, contact_id: ApiId, payload: InteractionIn) -> Status[InteractionOut]:
    """Log a time you were in touch; the next follow-up counts from the latest one."""
    row = service.interaction_save(user=signed_in_user(request), contact_id=contact_id, **payload.model_dump())
    return Status(201, _interaction_out(row))


@router.delete("/network/interactions/{int:interaction_id}", response={204: None}, summary="Delete an interaction")
def interaction_delete(request: HttpRequest, interaction_id: ApiId) -> Status[None]:
    """Delete one logged interaction."""
    service.interaction_delete(user=signed_in_user(request), pk=interaction_id)
    return Status(204, None)


@router.get("/network/follow-ups", response=list[NetworkContactOut], summary="Follow-ups due")
def follow_ups(
    request: HttpRequest, within_days: Annotated[int, Query(ge=0, le=365, description="Also those due within this many days")] = 0
) -> list[NetworkContactOut]:
    """Contacts whose next follow-up is due (or within the days given), most overdue first."""
    return follow_ups_out(signed_in_user(request), within_days)


@router.get("/network/follow-up-rules", response=list[FollowUpRuleOut], summary="Your follow-up rules")
def rules(request: HttpRequest) -> list[FollowUpRuleOut]:
    """Your rhythm per tag."""
    rows = FollowUpRule.objects.for_user(signed_in_user(request)).order_by("tag")
    return [FollowUpRuleOut(id=row.pk, tag=row.tag, rhythm_days=row.rhythm_days) for row in rows]


@router.post("/network/follow-up-rules", response={201: FollowUpRuleOut}, summary="Set a follow-up rule")
def rule_create(request: HttpRequest, payload: FollowUpRuleIn) -> Status[FollowUpRuleOut]:
    """The rhythm for every contact with the tag (replacing the tag's earlier rule)."""
    row = service.rule_save(user=signed_in_user(request), **payload.model_dump())
    return Status(201, FollowUpRuleOut(id=row.pk, tag=row.tag, rhythm_days=row.rhythm_days))


@router.delete("/network/follow-up-rules/{int:rule_id}", response={204: None}, summary="Remove a follow-up rule")
def rule_delete(request: HttpRequest, rule_id: ApiId) -> Status[None]:
    """Remove one of your follow-up rules."""
    service.rule_delete(user=signed_in_user(request), pk=rule_id)
    return Status(204, None)


@router.post("/network/contacts/import", response=VcardImportOut, summary="Import contacts from vCards")
def vcard_import(request: HttpRequest, payload: VcardImportIn) -> VcardImportOut:
    """All or nothing: every bad card is answered (422) with its line; dry_run only says what would be added."""
    preview = service.vcards_import(
        user=signed_in_user(request),
        data=payload.vcard.encode(),
        dry_run=payload.dry_run,
        privacy_confirmed=payload.privacy_confirmed,
    )
    return VcardImportOut(
        dry_run=payload.dry_run,
        added=[_card_out(c) for c in preview.added],
        already_there=[_card_out(c) for c in preview.already_there],
    )


@router.post("/network/contacts/import-spreadsheet", response=SpreadsheetImportOut, summary="Import contacts from CSV or XLSX")
def contacts_import(
    request: HttpRequest,
    file: File[UploadedFile],
    dry_run: Form[bool] = False,
    mapping: Form[list[str]] = [],  # noqa: B006  (“File column=field”, repeated; ninja copies defaults)
    sheet: Form[str] = "",
    privacy_confirmed: Form[bool] = False,
) -> SpreadsheetImportOut:
    """All or nothing, as multipart/form-data: every bad row is answered (422) with its line and field; with
    dry_run, who would be added and who is already there."""
    return api_import(
        request,
        service.contacts_table_import,
        file,
        dry_run=dry_run,
        mapping=mapping,
        sheet=sheet,
        privacy_confirmed=privacy_confirmed,
    )


class VcardExportOut(Schema):
    """Contacts as one vCard 4.0 file's text."""

    count: int
    vcard: str


@router.get("/network/contacts/export", response=VcardExportOut, summary="Your contacts as vCard 4.0")
def vcard_export(request: HttpRequest, filters: Query[ContactFilters]) -> VcardExportOut:
    """The text of a vCard 4.0 file of your contacts (the list's filters apply)."""
    user = signed_in_user(request)
    rows = selectors.contact_rows(user, today=user_today(user), **filters.model_dump())
    return VcardExportOut(count=len(rows), vcard=write_vcards(service.contact_card(row.contact) for row in rows))
