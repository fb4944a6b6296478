"""JSON API of multi-source feedback (the requester's side; raters answer on their link's page).

The answers say exactly what the pages say: while a request is open, how many answered; once closed, the
released results or nothing. No operation returns raters' links, their state, or anything per answer.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from medpath.accounts.models import User
from medpath.accounts.requests import signed_in_user
from medpath.bounds import ApiDate, ApiId
from medpath.scoping import get_owned
from medpath.skills.models import FeedbackRequest
from medpath.skills.results import GroupView, competency_results, results_view
from medpath.skills.services import feedback as services

router = Router()


class FeedbackRaterIn(Schema):
    """A colleague to ask: e-mail and role (peer, nurse, supervisor, staff, other; never a patient)."""

    email: str = Field(max_length=254)
    role: Literal["peer", "nurse", "supervisor", "staff", "other"]


class FeedbackRequestIn(Schema):
    """A request for anonymous feedback from at least as many colleagues as results need."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "title": "Medicine wards, autumn",
                    "closes_on": "2026-12-20",
                    "raters": [
                        {"email": "nurse.one@example.org", "role": "nurse"},
                        {"email": "peer.two@example.org", "role": "peer"},
                        {"email": "attending@example.org", "role": "supervisor"},
                    ],
                }
            ]
        }
    )

    title: str = Field(max_length=120)
    closes_on: ApiDate | None = None
    raters: list[FeedbackRaterIn] = Field(max_length=services.MAX_RATERS)


class FeedbackRaterOut(Schema):
    """A colleague asked (whether they answered is never told)."""

    email: str
    role: str


class FeedbackItemOut(Schema):
    """One statement's results in one group."""

    statement: str
    text: str
    counts: list[int] = Field(description="How many chose 1, 2, 3, 4 and 5")
    cannot_assess: int
    mean: float | None
    withheld: bool = Field(description="Too few scored it in this group (or by subtraction) for its scores to be shown")


class FeedbackGroupOut(Schema):
    """Everyone (``all``) or one role with enough answers to be shown."""

    group: str
    answers: int
    items: list[FeedbackItemOut]


class FeedbackCompetencyOut(Schema):
    """A competency's colleagues' mean beside the latest self-rating (different scales)."""

    competency: str
    feedback_mean: float | None
    ratings: int
    self_level: int | None


class FeedbackResultsOut(Schema):
    """Released results: overall, the roles that may be shown, by competency, comments in random order."""

    overall: FeedbackGroupOut
    by_role: list[FeedbackGroupOut]
    by_competency: list[FeedbackCompetencyOut]
    comments: list[str]


class FeedbackRequestOut(Schema):
    """A request as its owner may see it."""

    id: int
    title: str
    instrument_id: str
    framework_id: str
    closes_on: date
    state: Literal["open", "released", "withheld"]
    answers: int = Field(description="How many answered (never who)")
    minimum_answers: int
    raters: list[FeedbackRaterOut]
    results: FeedbackResultsOut | None = None


class FeedbackSentOut(FeedbackRequestOut):
    """A new request and how many e-mails went out."""

    emailed: int
    not_emailed: int


def feedback_json(user: User, sent: FeedbackRequest) -> FeedbackRequestOut:
    """One request as the API and ``medpath skills feedback --json`` show it."""
    state = services.feedback_state(user, sent)
    results = None
    if state.state == "released":
        view = results_view(sent, state)
        assert state.result is not None

        def group(key: str, found: GroupView) -> FeedbackGroupOut:
            rows = found.rows
            return FeedbackGroupOut(
                group=key,
                answers=found.answers,
                items=[
                    FeedbackItemOut(
                        statement=row.result.item_id,
                        text=row.text,
                        counts=list(row.result.counts),
                        cannot_assess=row.result.cannot_assess,
                        mean=round(row.result.mean, 3) if row.result.mean is not None else None,
                        withheld=row.result.withheld,
                    )
                    for row in rows
                ],
            )

        results = FeedbackResultsOut(
            overall=group("all", view.overall),
            by_role=[group(g.key, v) for g, v in zip(state.result.by_role, view.by_role, strict=True)],
            by_competency=[
                FeedbackCompetencyOut(
                    competency=row.name,
                    feedback_mean=round(row.feedback_mean, 3) if row.feedback_mean is not None else None,
                    ratings=row.ratings,
                    self_level=row.self_level,
                )
                for row in competency_results(user, sent, state)
            ],
            comments=services.shuffled_comments(sent),
        )
    raters = sorted(sent.raters.all(), key=lambda rater: rater.email)  # prefetched when listed
    return FeedbackRequestOut(
        id=sent.pk,
        title=sent.title,
        instrument_id=sent.instrument_id,
        framework_id=sent.framework_id,
        closes_on=sent.closes_on,
        state=state.state,  # type: ignore[arg-type]
        answers=state.answers if state.state != "withheld" else 0,
        minimum_answers=sent.minimum_answers,
        raters=[FeedbackRaterOut(email=r.email, role=r.role) for r in raters],
        results=results,
    )


@router.get("/skills/feedback", response=list[FeedbackRequestOut], summary="Your feedback requests")
def feedback_list(request: HttpRequest) -> list[FeedbackRequestOut]:
    """Every request, newest first: open ones with how many answered, closed ones with their released results."""
    user = signed_in_user(request)
    return [feedback_json(user, row) for row in services.feedback_requests(user)]


@router.post("/skills/feedback", response={201: FeedbackSentOut}, summary="Ask colleagues for anonymous feedback")
def feedback_create(request: HttpRequest, payload: FeedbackRequestIn) -> Status[FeedbackSentOut]:
    """E-mail each colleague a single-use link (never returned: opening one would tell whether they answered)."""
    user = signed_in_user(request)
    sent = services.feedback_request_create(
        user=user,
        title=payload.title,
        closes_on=payload.closes_on,
        raters=[services.RaterIn(r.email, r.role) for r in payload.raters],
        request=request,
    )
    shown = feedback_json(user, sent.request)
    return Status(201, FeedbackSentOut(**shown.model_dump(), emailed=sent.emailed, not_emailed=sent.not_emailed))


@router.get("/skills/feedback/{int:request_id}", response=FeedbackRequestOut, summary="One feedback request")
def feedback_detail(request: HttpRequest, request_id: ApiId) -> FeedbackRequestOut:
    """While open: how many answered. Once closed: the released results, or none if too few answered."""
    user = signed_in_user(request)
    return feedback_json(user, get_owned(FeedbackRequest, user, pk=request_id))


@router.post("/skills/feedback/{int:request_id}/close", response=FeedbackRequestOut, summary="Close a feedback request")
def feedback_close(request: HttpRequest, request_id: ApiId) -> FeedbackRequestOut:
    """Close now: links stop working; results are released if enough answered, else the answers are discarded."""
    user = signed_in_user(request)
    return feedback_json(user, services.feedback_close(user=user, pk=request_id))


class FeedbackResentOut(Schema):
    """How many colleagues were e-mailed again (all of an open request's)."""

    emailed: int


@router.post("/skills/feedback/{int:request_id}/resend", response=FeedbackResentOut, summary="E-mail the links again")
def feedback_resend(request: HttpRequest, request_id: ApiId) -> FeedbackResentOut:
    """E-mail every colleague of an open request their link again."""
    return FeedbackResentOut(emailed=services.feedback_resend(user=signed_in_user(request), pk=request_id))


@router.delete("/skills/feedback/{int:request_id}", response={204: None}, summary="Delete a feedback request")
def feedback_delete(request: HttpRequest, request_id: ApiId) -> Status[None]:
    """Delete a request with its counters, comments, colleagues and links."""
    services.feedback_delete(user=signed_in_user(request), pk=request_id)
    return Status(204, None)
