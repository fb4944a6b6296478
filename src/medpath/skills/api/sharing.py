"""JSON API of sharing with a mentor: the person's shares, making one (its URL answered once) and withdrawing one."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from medpath.accounts.requests import signed_in_user
from medpath.bounds import ApiId
from medpath.skills.models import MentorShare
from medpath.skills.services import sharing

router = Router()  # mounted by the package's router, whose tag it takes

Section = Literal["profile", "goals", "feedback", "reflections"]


def _default_sections() -> list[Section]:
    return [section for section in ("profile", "goals", "feedback", "reflections") if section in sharing.DEFAULT_SECTIONS]


class SkillsShareOut(Schema):
    """A snapshot shared with a mentor, and its link's state; ``url`` only in the answer that made it."""

    id: int
    mentor_label: str
    sections: list[str]
    created_at: datetime
    expires_at: datetime
    state: str = Field(description="active, expired or revoked")
    use_count: int = Field(description="How many times the mentor's link was opened")
    url: str = Field(default="", description="The mentor's link: only in the answer that made it, never again")


class SkillsShareIn(Schema):
    """What the mentor's snapshot holds and how long its link works."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"sections": ["profile", "goals"], "mentor_label": "Dr. Rivera", "days": 30}]},
    )

    sections: list[Section] = Field(
        default_factory=_default_sections,
        max_length=len(sharing.SECTIONS),
        description="profile and goals by default; feedback (released results) and reflections only when listed",
    )
    reflection_ids: list[ApiId] = Field(
        default_factory=list, max_length=200, description="The reflections to share (with 'reflections' in sections)"
    )
    mentor_label: str = Field(default="", max_length=120, description="Whom the link is for (the mentor does not see it)")
    days: int = Field(default=sharing.DEFAULT_SHARE_DAYS, description=f"1 to {sharing.MAX_SHARE_DAYS} days")


def share_out(share: MentorShare, url: str = "") -> SkillsShareOut:
    """One share as the API answers it."""
    return SkillsShareOut(
        id=share.pk,
        mentor_label=share.mentor_label,
        sections=list(share.sections),
        created_at=share.created_at,
        expires_at=share.link.expires_at,
        state=share.link.state(timezone.now()),
        use_count=share.link.use_count,
        url=url,
    )


@router.get("/skills/shares", response=list[SkillsShareOut], summary="Your snapshots shared with mentors")
def shares(request: HttpRequest) -> list[SkillsShareOut]:
    """Newest first, with each link's state (the links themselves are never shown again)."""
    return [share_out(share) for share in sharing.shares(signed_in_user(request))]


@router.post("/skills/shares", response={201: SkillsShareOut}, summary="Share a snapshot with a mentor")
def share_create(request: HttpRequest, payload: SkillsShareIn) -> Status[SkillsShareOut]:
    """Freeze the chosen sections and make a read-only link; its URL is in this answer only."""
    made = sharing.share_create(user=signed_in_user(request), request=request, **payload.model_dump())
    return Status(201, share_out(made.share, made.url))


@router.delete("/skills/shares/{int:share_id}", response={204: None}, summary="Withdraw a share")
def share_revoke(request: HttpRequest, share_id: ApiId) -> Status[None]:
    """The mentor's link stops opening at once."""
    sharing.share_revoke(user=signed_in_user(request), pk=share_id, request=request)
    return Status(204, None)
