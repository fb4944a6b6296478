"""JSON API of application drafts: create, pick records into them, edit entries, mark ready, and the export."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from medpath.accounts.models import User
from medpath.accounts.requests import signed_in_user
from medpath.applications import selectors, services
from medpath.applications.models import ApplicationDraft, ApplicationEntry
from medpath.applications.schemas import (
    ApplicationDraftChangeIn,
    ApplicationDraftDetailOut,
    ApplicationDraftIn,
    ApplicationDraftOut,
    ApplicationEntryIn,
    ApplicationEntryOut,
    ApplicationExportOut,
    ApplicationPickIn,
    ApplicationRangeOut,
    ApplicationReadyIn,
    export_out,
)
from medpath.bounds import ApiId
from medpath.scoping import get_owned

router = Router(tags=["applications"])


def draft_out(draft: ApplicationDraft) -> ApplicationDraftOut:
    """A draft as the API answers it."""
    return ApplicationDraftOut(id=draft.pk, format=draft.format, season=draft.season, title=draft.title, ready=draft.ready)


def drafts_out(user: User) -> list[ApplicationDraftOut]:
    """The user's drafts (the API's and ``medpath applications list --json``'s answer)."""
    return [draft_out(draft) for draft in selectors.drafts(user)]


def _entry_out(entry: ApplicationEntry, problems: list[str]) -> ApplicationEntryOut:
    spans = [span for span in entry.ranges if isinstance(span, dict)] if isinstance(entry.ranges, list) else []
    return ApplicationEntryOut(
        id=entry.pk,
        position=entry.position,
        source_kind=entry.source_kind,
        source_id=entry.source_id,
        type_id=entry.type_id,
        title=entry.title,
        organization=entry.organization,
        location=entry.location,
        ranges=[ApplicationRangeOut(start=s.get("start"), end=s.get("end"), hours=s.get("hours")) for s in spans],
        frequency=entry.frequency,
        setting=entry.setting,
        focus_area=entry.focus_area,
        key_characteristic=entry.key_characteristic,
        description=entry.description,
        most_meaningful=entry.most_meaningful,
        most_meaningful_text=entry.most_meaningful_text,
        problems=problems,
    )


def draft_detail_out(user: User, draft: ApplicationDraft) -> ApplicationDraftDetailOut:
    """A draft with its entries and problems."""
    entries = selectors.draft_entries(user, draft)
    checked = selectors.verdict(draft, entries)
    return ApplicationDraftDetailOut(
        **draft_out(draft).model_dump(),
        entries=[_entry_out(entry, [p.message for p in checked.for_entry(i)]) for i, entry in enumerate(entries)],
        problems=[p.message for p in checked.for_draft()],
    )


def entry_out(user: User, entry: ApplicationEntry) -> ApplicationEntryOut:
    """One entry with its problems."""
    entries = selectors.draft_entries(user, entry.draft)
    checked = selectors.verdict(entry.draft, entries)
    index = next(i for i, other in enumerate(entries) if other.pk == entry.pk)
    return _entry_out(entry, [p.message for p in checked.for_entry(index)])


def export_of(user: User, draft_id: int) -> ApplicationExportOut:
    """A draft ready to paste (the API's and ``medpath applications export --json``'s answer)."""
    return export_out(selectors.draft_export(user, get_owned(ApplicationDraft, user, pk=draft_id)))


@router.get("/applications/drafts", response=list[ApplicationDraftOut], summary="Your application drafts")
def drafts(request: HttpRequest) -> list[ApplicationDraftOut]:
    """Your AMCAS and ERAS drafts, newest first."""
    return drafts_out(signed_in_user(request))


@router.post("/applications/drafts", response={201: ApplicationDraftOut}, summary="Start a draft")
def draft_create(request: HttpRequest, payload: ApplicationDraftIn) -> Status[ApplicationDraftOut]:
    """A new, empty draft."""
    return Status(201, draft_out(services.draft_create(user=signed_in_user(request), **payload.model_dump())))


@router.get("/applications/drafts/{int:draft_id}", response=ApplicationDraftDetailOut, summary="One draft")
def draft_detail(request: HttpRequest, draft_id: ApiId) -> ApplicationDraftDetailOut:
    """A draft with its entries and what stops it from being ready."""
    user = signed_in_user(request)
    return draft_detail_out(user, get_owned(ApplicationDraft, user, pk=draft_id))


@router.put("/applications/drafts/{int:draft_id}", response=ApplicationDraftOut, summary="Change a draft")
def draft_update(request: HttpRequest, draft_id: ApiId, payload: ApplicationDraftChangeIn) -> ApplicationDraftOut:
    """A draft's season and title (its format stays)."""
    return draft_out(services.draft_update(user=signed_in_user(request), pk=draft_id, **payload.model_dump()))


@router.delete("/applications/drafts/{int:draft_id}", response={204: None}, summary="Delete a draft")
def draft_delete(request: HttpRequest, draft_id: ApiId) -> Status[None]:
    """Delete a draft; the records its entries came from stay."""
    services.draft_delete(user=signed_in_user(request), pk=draft_id)
    return Status(204, None)


@router.post("/applications/drafts/{int:draft_id}/entries", response={201: ApplicationEntryOut}, summary="Pick a record")
def entry_pick(request: HttpRequest, draft_id: ApiId, payload: ApplicationPickIn) -> Status[ApplicationEntryOut]:
    """Copy one of your records into the draft (typed by the default mapping), or start an empty entry."""
    user = signed_in_user(request)
    entry = services.entry_pick(user=user, draft_id=draft_id, **payload.model_dump())
    return Status(201, entry_out(user, entry))


@router.put("/applications/entries/{int:entry_id}", response=ApplicationEntryOut, summary="Change an entry")
def entry_update(request: HttpRequest, entry_id: ApiId, payload: ApplicationEntryIn) -> ApplicationEntryOut:
    """Replace an entry's values; text over a limit is saved and listed in ``problems``."""
    user = signed_in_user(request)
    values = payload.model_dump()
    values["ranges"] = [span.model_dump() for span in payload.ranges]
    return entry_out(user, services.entry_save(user=user, pk=entry_id, **values))


@router.delete("/applications/entries/{int:entry_id}", response={204: None}, summary="Remove an entry")
def entry_delete(request: HttpRequest, entry_id: ApiId) -> Status[None]:
    """Remove an entry from its draft; its record stays."""
    services.entry_delete(user=signed_in_user(request), pk=entry_id)
    return Status(204, None)


@router.post("/applications/drafts/{int:draft_id}/ready", response=ApplicationDraftOut, summary="Mark ready or not")
def draft_ready(request: HttpRequest, draft_id: ApiId, payload: ApplicationReadyIn) -> ApplicationDraftOut:
    """Mark the draft ready to paste (422 listing every problem while anything is over a limit), or not ready."""
    return draft_out(services.draft_mark_ready(user=signed_in_user(request), pk=draft_id, ready=payload.ready))


@router.get("/applications/drafts/{int:draft_id}/export", response=ApplicationExportOut, summary="Ready to paste")
def draft_export(request: HttpRequest, draft_id: ApiId) -> ApplicationExportOut:
    """The draft's entries, field by field in the application's order, with counts against the limits."""
    return export_of(signed_in_user(request), draft_id)
