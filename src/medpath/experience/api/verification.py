"""JSON API of verification: requests to supervisors, their answers, and withdrawal."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from medpath.accounts.requests import signed_in_user
from medpath.bounds import ApiId
from medpath.experience import services
from medpath.experience.models import VerificationItem, VerificationRequest
from medpath.experience.schemas import VerificationIn, VerificationItemOut, VerificationOut
from medpath.experience.selectors import request_items, verification_requests

router = Router()  # mounted by the package's router, whose tag it takes


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
    return [_verification_out(row, list(row.items.all())) for row in verification_requests(user)]


@router.post("/experience/verifications", response={201: VerificationOut}, summary="Ask a supervisor to verify entries")
def verification_create(request: HttpRequest, payload: VerificationIn) -> Status[VerificationOut]:
    """Create a single-use link for the supervisor (e-mailed when ``send``); the URL is in this answer only."""
    user = signed_in_user(request)
    sent = services.verification_request(user=user, request=request, **payload.model_dump())
    row = sent.request
    return Status(201, _verification_out(row, request_items(user, row), sent.url))


@router.delete("/experience/verifications/{int:request_id}", response={204: None}, summary="Withdraw a request")
def verification_withdraw(request: HttpRequest, request_id: ApiId) -> Status[None]:
    """Withdraw a request: its link stops working and its entries are no longer pending."""
    services.verification_withdraw(user=signed_in_user(request), pk=request_id, request=request)
    return Status(204, None)
