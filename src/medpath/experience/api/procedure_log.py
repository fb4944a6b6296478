"""JSON API of the procedure and case log: cases, progress against case minimums, the user's own targets."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from medpath.accounts.requests import signed_in_user
from medpath.bounds import ApiId
from medpath.catalog.loader import catalog
from medpath.experience import services
from medpath.experience.models import ProcedureEntry
from medpath.experience.schemas import (
    CategoryOut,
    MinimumsOut,
    ProcedureIn,
    ProcedureOut,
    ProcedureTargetIn,
    ProcedureTargetOut,
    ProgressOut,
)
from medpath.experience.selectors import minimums_progress, procedure_cases, procedure_target_progress
from medpath.scoping import get_owned

router = Router()  # mounted by the package's router, whose tag it takes


@router.get("/experience/procedures", response=list[ProcedureOut], summary="Your procedure and case log")
def procedures(request: HttpRequest) -> list[ProcedureOut]:
    """Every procedure, newest first."""
    return [ProcedureOut.model_validate(row, from_attributes=True) for row in procedure_cases(signed_in_user(request))]


@router.post("/experience/procedures", response={201: ProcedureOut}, summary="Log a procedure")
def procedure_create(request: HttpRequest, payload: ProcedureIn) -> Status[ProcedureOut]:
    """Log a procedure; ``category`` is set-id:category-id from GET /experience/procedures/progress."""
    values = payload.model_dump(exclude={"privacy_confirmed"})
    row = services.procedure_save(user=signed_in_user(request), privacy_confirmed=payload.privacy_confirmed, **values)
    return Status(201, ProcedureOut.model_validate(row, from_attributes=True))


@router.put("/experience/procedures/{int:procedure_id}", response=ProcedureOut, summary="Change a procedure")
def procedure_update(request: HttpRequest, procedure_id: ApiId, payload: ProcedureIn) -> ProcedureOut:
    """Replace a procedure's fields (the same checks as logging one)."""
    user = signed_in_user(request)
    row = get_owned(ProcedureEntry, user, pk=procedure_id)
    values = payload.model_dump(exclude={"privacy_confirmed"})
    saved = services.procedure_save(user=user, entry=row, privacy_confirmed=payload.privacy_confirmed, **values)
    return ProcedureOut.model_validate(saved, from_attributes=True)


@router.delete("/experience/procedures/{int:procedure_id}", response={204: None}, summary="Delete a procedure")
def procedure_delete(request: HttpRequest, procedure_id: ApiId) -> Status[None]:
    """Delete one of your procedures."""
    services.procedure_delete(user=signed_in_user(request), pk=procedure_id)
    return Status(204, None)


@router.get("/experience/procedures/progress", response=ProgressOut, summary="Progress against case minimums")
def procedure_progress(request: HttpRequest) -> ProgressOut:
    """Every catalog set of case minimums, per category, and your own targets."""
    user = signed_in_user(request)
    cases = procedure_cases(user)
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
    counted = next(p.counted for p in procedure_target_progress(user, procedure_cases(user)) if p.target.pk == row.pk)
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
def procedure_target_delete(request: HttpRequest, target_id: ApiId) -> Status[None]:
    """Delete one of your procedure targets."""
    services.procedure_target_delete(user=signed_in_user(request), pk=target_id)
    return Status(204, None)
