"""JSON API of hour targets: the ones followed, with progress, and the catalog's programmes' figures."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from medpath.accounts.requests import signed_in_user
from medpath.bounds import ApiId
from medpath.catalog.loader import catalog
from medpath.experience import services
from medpath.experience.schemas import HourTargetOut, TargetIn, TargetOut
from medpath.experience.selectors import TargetProgress, target_progress

router = Router()  # mounted by the package's router, whose tag it takes


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
def target_delete(request: HttpRequest, target_id: ApiId) -> Status[None]:
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
