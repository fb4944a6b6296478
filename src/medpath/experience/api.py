"""JSON API of the experience pillar: the log, totals, targets, verification, procedures, shifts and work hours."""

from __future__ import annotations

from datetime import UTC, date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import HttpError

from medpath.accounts.requests import signed_in_user
from medpath.catalog.loader import catalog
from medpath.experience import services, shifts
from medpath.experience.models import (
    ExperienceEntry,
    ExperienceKind,
    ProcedureEntry,
    Shift,
    Verification,
    VerificationItem,
    VerificationRequest,
)
from medpath.experience.schedule import read_schedule
from medpath.experience.schemas import (
    CategoryOut,
    EntryIn,
    EntryOut,
    HourTargetOut,
    MinimumsOut,
    ProcedureIn,
    ProcedureOut,
    ProcedureTargetIn,
    ProcedureTargetOut,
    ProgressOut,
    ScheduleIn,
    ShiftOut,
    ShiftsIn,
    TargetIn,
    TargetOut,
    TemplateOut,
    TemplateShiftsIn,
    TotalsOut,
    VerificationIn,
    VerificationItemOut,
    VerificationOut,
    WorkHourSettingsIO,
)
from medpath.experience.selectors import (
    TargetProgress,
    minimums_progress,
    procedure_target_progress,
    target_progress,
    user_totals,
)
from medpath.experience.standards import default_settings, limits, standard
from medpath.experience.workhours import Settings, WorkHoursError, check
from medpath.scoping import get_owned

router = Router(tags=["hands-on experience"])


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
    services.release_lapsed(user)
    rows = ExperienceEntry.objects.for_user(user)
    if kind:
        _one_of("kind", kind, ExperienceKind.values)
        rows = rows.filter(kind=kind)
    if verification:
        _one_of("verification", verification, Verification.values)
        rows = rows.filter(verification=verification)
    return [_entry_out(row) for row in rows]


@router.post("/experience/entries", response={201: EntryOut}, summary="Log an experience")
def entry_create(request: HttpRequest, payload: EntryIn) -> Status[EntryOut]:
    """Log an experience. Text that may identify a patient answers 422 until sent with ``privacy_confirmed``."""
    values = payload.model_dump(exclude={"privacy_confirmed", "unlock_verified"})
    row = services.entry_save(
        user=signed_in_user(request), privacy_confirmed=payload.privacy_confirmed, request=request, **values
    )
    return Status(201, _entry_out(row))


@router.get("/experience/entries/{int:entry_id}", response=EntryOut, summary="One entry")
def entry_detail(request: HttpRequest, entry_id: int) -> EntryOut:
    """One of your entries with its verification."""
    return _entry_out(get_owned(ExperienceEntry, signed_in_user(request), pk=entry_id))


@router.put("/experience/entries/{int:entry_id}", response=EntryOut, summary="Change an entry")
def entry_update(request: HttpRequest, entry_id: int, payload: EntryIn) -> EntryOut:
    """Replace an entry's fields. A verified entry answers 422 (``unlock_verified``) unless sent with
    ``"unlock_verified": true``; then its verified version is kept and the verification cleared."""
    user = signed_in_user(request)
    row = get_owned(ExperienceEntry, user, pk=entry_id)
    values = payload.model_dump(exclude={"privacy_confirmed"})
    saved = services.entry_save(user=user, entry=row, privacy_confirmed=payload.privacy_confirmed, request=request, **values)
    return _entry_out(saved)


@router.delete("/experience/entries/{int:entry_id}", response={204: None}, summary="Delete an entry")
def entry_delete(request: HttpRequest, entry_id: int) -> Status[None]:
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


# ---- targets ------------------------------------------------------------------------------------------------


def _target_out(progress: TargetProgress) -> TargetOut:
    row = progress.target
    return TargetOut(
        id=row.pk,
        label=row.label,
        kinds=list(row.kinds),
        hours=row.hours,
        catalog_id=row.catalog_id,
        due_on=row.due_on,
        verified_only=row.verified_only,
        counted=progress.counted,
        verified=progress.verified,
        missing=progress.missing,
        met=progress.met,
        basis=progress.spec.basis if progress.spec else "",
        source_url=str(progress.source.url) if progress.source else "",
        confidence=progress.spec.confidence if progress.spec else "",
    )


@router.get("/experience/targets", response=list[TargetOut], summary="Your hour targets with progress")
def targets(request: HttpRequest) -> list[TargetOut]:
    """Each target you follow with the hours counted toward it."""
    return [_target_out(p) for p in target_progress(signed_in_user(request))]


@router.post("/experience/targets", response={201: TargetOut}, summary="Follow a target")
def target_create(request: HttpRequest, payload: TargetIn) -> Status[TargetOut]:
    """Follow a catalog target by ``catalog_id``, or set your own with label, kinds and hours."""
    user = signed_in_user(request)
    row = services.target_save(user=user, **payload.model_dump())
    return Status(201, next(_target_out(p) for p in target_progress(user) if p.target.pk == row.pk))


@router.delete("/experience/targets/{int:target_id}", response={204: None}, summary="Stop following a target")
def target_delete(request: HttpRequest, target_id: int) -> Status[None]:
    """Remove one of your targets."""
    services.target_delete(user=signed_in_user(request), pk=target_id)
    return Status(204, None)


@router.get("/experience/hour-targets", response=list[HourTargetOut], summary="Programs' hour figures (catalog)")
def hour_targets(request: HttpRequest, career: str = "") -> list[HourTargetOut]:
    """Stated requirements and typical figures, each with its source and confidence; filter by ``career``."""
    known = catalog()
    return [
        HourTargetOut(
            id=t.id,
            name=t.name,
            applies_to=t.applies_to,
            basis=t.basis,
            kinds=list(t.kinds),
            hours=t.hours,
            careers=list(t.careers),
            confidence=t.confidence,
            note=t.note,
            source_url=str(known.sources[t.source].url),
            last_verified=t.last_verified,
        )
        for t in known.hour_targets.values()
        if not career or career in t.careers
    ]


# ---- verification -------------------------------------------------------------------------------------------


def _verification_out(sent: VerificationRequest, items: list[VerificationItem], url: str = "") -> VerificationOut:
    return VerificationOut(
        id=sent.pk,
        supervisor_email=sent.supervisor_email,
        supervisor_name=sent.supervisor_name,
        created_at=sent.created_at,
        expires_at=sent.link.expires_at,
        state="answered" if sent.answered_at else sent.link.state(),
        answered_at=sent.answered_at,
        answered_by=sent.answered_by,
        items=[
            VerificationItemOut(
                entry_id=item.entry_id,
                revision=item.revision,
                decision=item.decision,
                comment=item.comment,
                decided_at=item.decided_at,
            )
            for item in items
        ],
        url=url,
    )


@router.get("/experience/verifications", response=list[VerificationOut], summary="Your verification requests")
def verifications(request: HttpRequest) -> list[VerificationOut]:
    """Each request with the supervisor's answer per entry."""
    user = signed_in_user(request)
    services.release_lapsed(user)
    rows = VerificationRequest.objects.for_user(user).select_related("link").prefetch_related("items")
    return [_verification_out(row, list(row.items.all())) for row in rows]


@router.post("/experience/verifications", response={201: VerificationOut}, summary="Ask a supervisor to verify entries")
def verification_create(request: HttpRequest, payload: VerificationIn) -> Status[VerificationOut]:
    """Create a single-use link for the supervisor (e-mailed when ``send``); the URL is in this answer only."""
    user = signed_in_user(request)
    sent = services.verification_request(user=user, request=request, **payload.model_dump())
    row = sent.request
    return Status(201, _verification_out(row, list(VerificationItem.objects.for_user(user).filter(request=row)), sent.url))


@router.delete("/experience/verifications/{int:request_id}", response={204: None}, summary="Withdraw a request")
def verification_withdraw(request: HttpRequest, request_id: int) -> Status[None]:
    """Withdraw a request: its link stops working and its entries are no longer pending."""
    services.verification_withdraw(user=signed_in_user(request), pk=request_id, request=request)
    return Status(204, None)


# ---- procedures ---------------------------------------------------------------------------------------------


@router.get("/experience/procedures", response=list[ProcedureOut], summary="Your procedure and case log")
def procedures(request: HttpRequest) -> list[ProcedureOut]:
    """Every procedure, newest first."""
    rows = ProcedureEntry.objects.for_user(signed_in_user(request))
    return [ProcedureOut.model_validate(row, from_attributes=True) for row in rows]


@router.post("/experience/procedures", response={201: ProcedureOut}, summary="Log a procedure")
def procedure_create(request: HttpRequest, payload: ProcedureIn) -> Status[ProcedureOut]:
    """Log a procedure; ``category`` is set-id:category-id from GET /experience/procedures/progress."""
    values = payload.model_dump(exclude={"privacy_confirmed"})
    row = services.procedure_save(user=signed_in_user(request), privacy_confirmed=payload.privacy_confirmed, **values)
    return Status(201, ProcedureOut.model_validate(row, from_attributes=True))


@router.put("/experience/procedures/{int:procedure_id}", response=ProcedureOut, summary="Change a procedure")
def procedure_update(request: HttpRequest, procedure_id: int, payload: ProcedureIn) -> ProcedureOut:
    """Replace a procedure's fields (the same checks as logging one)."""
    user = signed_in_user(request)
    row = get_owned(ProcedureEntry, user, pk=procedure_id)
    values = payload.model_dump(exclude={"privacy_confirmed"})
    saved = services.procedure_save(user=user, entry=row, privacy_confirmed=payload.privacy_confirmed, **values)
    return ProcedureOut.model_validate(saved, from_attributes=True)


@router.delete("/experience/procedures/{int:procedure_id}", response={204: None}, summary="Delete a procedure")
def procedure_delete(request: HttpRequest, procedure_id: int) -> Status[None]:
    """Delete one of your procedures."""
    services.procedure_delete(user=signed_in_user(request), pk=procedure_id)
    return Status(204, None)


@router.get("/experience/procedures/progress", response=ProgressOut, summary="Progress against case minimums")
def procedure_progress(request: HttpRequest) -> ProgressOut:
    """Every catalog set of case minimums, per category, and your own targets."""
    user = signed_in_user(request)
    cases = list(ProcedureEntry.objects.for_user(user))
    known = catalog()
    minimums = [
        MinimumsOut(
            id=m.id,
            name=m.name,
            source_url=str(known.sources[m.source].url),
            confidence=m.confidence,
            categories=[
                CategoryOut(
                    id=f"{m.id}:{row.id}",
                    name=row.name,
                    minimum=row.minimum,
                    counted=row.counted,
                    missing=row.missing,
                    parent_depth=row.depth,
                )
                for row in minimums_progress(m, cases)
            ],
        )
        for m in known.case_minimums.values()
    ]
    own = [
        ProcedureTargetOut(
            id=p.target.pk,
            label=p.target.label,
            procedure=p.target.procedure,
            category=p.target.category,
            roles=list(p.target.roles),
            minimum=p.target.minimum,
            counted=p.counted,
        )
        for p in procedure_target_progress(user, cases)
    ]
    return ProgressOut(minimums=minimums, targets=own)


@router.post("/experience/procedure-targets", response={201: ProcedureTargetOut}, summary="Add a procedure target")
def procedure_target_create(request: HttpRequest, payload: ProcedureTargetIn) -> Status[ProcedureTargetOut]:
    """Your own count to reach, by procedure name or catalog category, in the given roles."""
    user = signed_in_user(request)
    row = services.procedure_target_save(user=user, **payload.model_dump())
    counted = next(
        p.counted for p in procedure_target_progress(user, list(ProcedureEntry.objects.for_user(user))) if p.target.pk == row.pk
    )
    return Status(
        201,
        ProcedureTargetOut(
            id=row.pk,
            label=row.label,
            procedure=row.procedure,
            category=row.category,
            roles=list(row.roles),
            minimum=row.minimum,
            counted=counted,
        ),
    )


@router.delete("/experience/procedure-targets/{int:target_id}", response={204: None}, summary="Delete a procedure target")
def procedure_target_delete(request: HttpRequest, target_id: int) -> Status[None]:
    """Delete one of your procedure targets."""
    services.procedure_target_delete(user=signed_in_user(request), pk=target_id)
    return Status(204, None)


# ---- shifts and work hours ----------------------------------------------------------------------------------


def _shift_out(row: Shift) -> ShiftOut:
    return ShiftOut(id=row.pk, start=row.starts_at, end=row.ends_at, kind=row.kind, rotation=row.rotation)


@router.get("/experience/shifts", response=list[ShiftOut], summary="Your shifts")
def shift_list(request: HttpRequest, since: date | None = None, until: date | None = None) -> list[ShiftOut]:
    """Shifts in time order, optionally those starting between ``since`` and ``until`` (UTC dates)."""
    rows = Shift.objects.for_user(signed_in_user(request))
    if since:
        rows = rows.filter(starts_at__date__gte=since)
    if until:
        rows = rows.filter(starts_at__date__lte=until)
    return [_shift_out(row) for row in rows]


@router.post("/experience/shifts", response={201: list[ShiftOut]}, summary="Add shifts")
def shift_create(request: HttpRequest, payload: ShiftsIn) -> Status[list[ShiftOut]]:
    """Add shifts (ISO 8601 with offsets), all or none: an overlapping or impossible one answers 422 and saves nothing."""
    user = signed_in_user(request)
    same = {
        f"shifts.{index}.end": [
            f"Start and end are the same time: {s.start.isoformat()}. A 24-hour shift ends the next day: give that end."
        ]
        for index, s in enumerate(payload.shifts)
        if s.start == s.end
    }
    if same:
        raise ValidationError(same)
    batch = [
        Shift(owner=user, starts_at=s.start.astimezone(UTC), ends_at=s.end.astimezone(UTC), kind=s.kind, rotation=s.rotation)
        for s in payload.shifts
    ]
    return Status(201, [_shift_out(row) for row in shifts.shifts_save(user, batch)])


@router.get("/experience/shift-templates", response=list[TemplateOut], summary="Shift templates")
def shift_templates(request: HttpRequest) -> list[TemplateOut]:
    """Your saved templates, then the built-in ones."""
    return [
        TemplateOut(name=t.name, start=t.start, end=t.end, kind=t.kind, rotation=t.rotation)
        for t in shifts.templates_for(signed_in_user(request))
    ]


@router.post("/experience/shifts/from-template", response={201: list[ShiftOut]}, summary="Add shifts from a template")
def shift_from_template(request: HttpRequest, payload: TemplateShiftsIn) -> Status[list[ShiftOut]]:
    """``repeat`` shifts of a template from ``first_day``, ``every`` days apart, in your time zone."""
    user = signed_in_user(request)
    found = next((t for t in shifts.templates_for(user) if t.name == payload.template), None)
    if found is None:
        raise HttpError(404, f"No shift template named {payload.template!r}")
    batch = shifts.from_template(user, found, payload.first_day, payload.repeat, every=payload.every, rotation=payload.rotation)
    return Status(201, [_shift_out(row) for row in shifts.shifts_save(user, batch)])


@router.delete("/experience/shifts/{int:shift_id}", response={204: None}, summary="Delete a shift")
def shift_delete(request: HttpRequest, shift_id: int) -> Status[None]:
    """Delete one of your shifts."""
    shifts.shift_delete(signed_in_user(request), shift_id)
    return Status(204, None)


@router.post("/experience/shifts/import", response={201: list[ShiftOut]}, summary="Import a schedule CSV")
def shift_import(request: HttpRequest, payload: ScheduleIn) -> Status[list[ShiftOut]]:
    """Import the documented CSV format into your shifts, all or nothing; every bad row answers 422 with its line."""
    saved = shifts.schedule_import(signed_in_user(request), payload.csv, payload.mapping, payload.resident, payload.local_times)
    return Status(201, [_shift_out(row) for row in saved])


@router.get("/experience/work-hours/report", response=dict[str, Any], summary="Your work-hour compliance report")
def work_hour_report(request: HttpRequest, since: date | None = None, until: date | None = None) -> dict[str, Any]:
    """Violations, advisories and near-limit warnings (rule, window, value, limit) and the weekly totals."""
    report, row = shifts.user_report(signed_in_user(request), since, until)
    body = report.as_dict()
    body["settings"] = WorkHourSettingsIO.model_validate(row, from_attributes=True).model_dump(mode="json")
    return body


@router.get("/experience/work-hours/settings", response=WorkHourSettingsIO, summary="Your work-hour settings")
def work_hour_settings(request: HttpRequest) -> WorkHourSettingsIO:
    """PGY, averaging window, leave handling and the continuity gap."""
    return WorkHourSettingsIO.model_validate(shifts.settings_for(signed_in_user(request)), from_attributes=True)


@router.put("/experience/work-hours/settings", response=WorkHourSettingsIO, summary="Change your work-hour settings")
def work_hour_settings_update(request: HttpRequest, payload: WorkHourSettingsIO) -> WorkHourSettingsIO:
    """Change how your schedule is checked."""
    row = shifts.settings_for(signed_in_user(request))
    for name, value in payload.model_dump().items():
        setattr(row, name, value)
    row.full_clean()
    row.save()
    return WorkHourSettingsIO.model_validate(row, from_attributes=True)


@router.post("/experience/work-hours/check", response=dict[str, Any], summary="Check a schedule CSV (nothing saved)")
def work_hour_check(request: HttpRequest, payload: ScheduleIn) -> dict[str, Any]:
    """The stateless check of ``medpath hours check``: the report of a CSV of any residents; nothing is stored."""
    _one_of("window", payload.window, {"rolling", "rotation"})
    if payload.leave:
        _one_of("leave", payload.leave, {"omit", "zero"})
    base = default_settings()
    chosen = Settings(
        continuity_gap_hours=base.continuity_gap_hours,
        leave=payload.leave or base.leave,  # type: ignore[arg-type]
        window=payload.window,  # type: ignore[arg-type]
    )
    rules = standard()
    try:
        body = check(read_schedule(payload.csv, payload.mapping), limits(), chosen).as_dict()
        body["standard"] = {"id": rules.id, "last_verified": rules.last_verified.isoformat()}
        return body
    except WorkHoursError as error:  # overlapping shifts: the message names both lines
        raise ValidationError({"csv": [str(error)]}) from None
