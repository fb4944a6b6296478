"""JSON API of the experience log: entries and the totals by kind and period."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from medpath.accounts.requests import signed_in_user
from medpath.bounds import ApiId
from medpath.experience import services
from medpath.experience.models import ExperienceEntry, ExperienceKind, Verification
from medpath.experience.schemas import EntryIn, EntryOut, TotalsOut
from medpath.experience.selectors import entries_as_seen, entry_as_seen, user_totals
from medpath.importing import SpreadsheetImportOut, api_import
from medpath.scoping import get_owned

router = Router()  # mounted by the package's router, whose tag it takes


def _one_of(name: str, value: str, allowed: list[str] | set[str]) -> None:
    """A query or body choice outside ``allowed`` answers 422 naming the field, like every other bad field."""
    if value not in allowed:
        raise ValidationError({name: [f"“{value}” is not one of {', '.join(sorted(allowed))}."]})


def _entry_out(row: ExperienceEntry) -> EntryOut:
    return EntryOut.model_validate(row, from_attributes=True)


@router.get("/experience/entries", response=list[EntryOut], summary="Your experience log")
def entries(request: HttpRequest, kind: str = "", verification: str = "") -> list[EntryOut]:
    """Every entry, newest first; filter by ``kind`` and ``verification`` (unverified, pending, verified, declined)."""
    user = signed_in_user(request)
    if kind:
        _one_of("kind", kind, ExperienceKind.values)
    if verification:
        _one_of("verification", verification, Verification.values)
    return [_entry_out(row) for row in entries_as_seen(user, kind=kind, verification=verification)]


@router.post("/experience/entries", response={201: EntryOut}, summary="Log an experience")
def entry_create(request: HttpRequest, payload: EntryIn) -> Status[EntryOut]:
    """Log an experience. Text that may identify a patient answers 422 until sent with ``privacy_confirmed``."""
    values = payload.model_dump(exclude={"privacy_confirmed", "unlock_verified"})
    row = services.entry_save(
        user=signed_in_user(request), privacy_confirmed=payload.privacy_confirmed, request=request, **values
    )
    return Status(201, _entry_out(row))


@router.get("/experience/entries/{int:entry_id}", response=EntryOut, summary="One entry")
def entry_detail(request: HttpRequest, entry_id: ApiId) -> EntryOut:
    """One of your entries with its verification."""
    user = signed_in_user(request)
    return _entry_out(entry_as_seen(user, get_owned(ExperienceEntry, user, pk=entry_id)))


@router.put("/experience/entries/{int:entry_id}", response=EntryOut, summary="Change an entry")
def entry_update(request: HttpRequest, entry_id: ApiId, payload: EntryIn) -> EntryOut:
    """Replace an entry's fields. A verified entry answers 422 (``unlock_verified``) unless sent with
    ``"unlock_verified": true``; then its verified version is kept and the verification cleared."""
    user = signed_in_user(request)
    row = get_owned(ExperienceEntry, user, pk=entry_id)
    values = payload.model_dump(exclude={"privacy_confirmed"})
    saved = services.entry_save(user=user, entry=row, privacy_confirmed=payload.privacy_confirmed, request=request, **values)
    return _entry_out(saved)


@router.delete("/experience/entries/{int:entry_id}", response={204: None}, summary="Delete an entry")
def entry_delete(request: HttpRequest, entry_id: ApiId) -> Status[None]:
    """Delete one of your entries."""
    services.entry_delete(user=signed_in_user(request), pk=entry_id)
    return Status(204, None)


@router.get("/experience/totals", response=TotalsOut, summary="Hours by kind and period")
def totals(request: HttpRequest, period: str = "year") -> TotalsOut:
    """Hours of each kind per ``period`` (year or month), with the verified hours."""
    _one_of("period", period, {"year", "month"})
    summary = user_totals(signed_in_user(request), period)  # type: ignore[arg-type]
    return TotalsOut(
        period=summary.period,
        periods=summary.periods,
        by_kind=summary.by_kind,
        total_by_kind=summary.total_by_kind,
        verified_by_kind=summary.verified_by_kind,
        total=summary.total,
        verified=summary.verified,
    )


@router.post("/experience/entries/import", response=SpreadsheetImportOut, summary="Import experiences from CSV or XLSX")
def entries_import(
    request: HttpRequest,
    file: File[UploadedFile],
    dry_run: Form[bool] = False,
    mapping: Form[list[str]] = [],  # noqa: B006  (“File column=field”, repeated; ninja copies defaults)
    sheet: Form[str] = "",
    privacy_confirmed: Form[bool] = False,
) -> SpreadsheetImportOut:
    """All or nothing, as multipart/form-data: every bad row is answered (422) with its line and field; with
    dry_run, what would be added."""
    return api_import(
        request, services.entries_import, file, dry_run=dry_run, mapping=mapping, sheet=sheet, privacy_confirmed=privacy_confirmed
    )
