"""JSON API of goals and reflections. ``goals_out`` and ``reflections_out`` build the lists that the API answers
and that ``medpath skills goals --json`` and ``medpath skills reflections --json`` print."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from medpath.accounts.models import User
from medpath.accounts.requests import signed_in_user
from medpath.bounds import ApiDate, ApiId
from medpath.scoping import get_owned
from medpath.skills.models import Goal, Reflection
from medpath.skills.services import journal

router = Router()  # mounted by the package's router, whose tag it takes

CompetencyId = Annotated[str, Field(max_length=120)]
PRIVACY_CONFIRMED = "Send true to save text the privacy guard pointed at (answered 422 first)"


class GoalOut(Schema):
    """A goal with its due date, status and the competencies it works on."""

    id: int
    title: str
    detail: str
    due_on: date
    status: str = Field(description="open, done or dropped")
    completed_on: date | None
    framework_id: str
    competency_ids: list[str]
    feedback_request_id: int | None
    created_at: datetime


class GoalIn(Schema):
    """A goal to set, or a goal's new values (all of them)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "Ask one nurse for feedback after each night shift",
                    "due_on": "2100-01-31",
                    "detail": "Write down one thing to change after each answer.",
                    "framework_id": "acgme-core-competencies",
                    "competency_ids": ["interpersonal-and-communication-skills"],
                }
            ]
        },
    )

    title: str = Field(max_length=200)
    due_on: ApiDate = Field(description="A new goal is due today or later")
    detail: str = Field(default="", max_length=2000)
    competency_ids: list[CompetencyId] = Field(
        default_factory=list,
        max_length=journal.MAX_COMPETENCIES,
        description="Competency ids of the framework (the person's current one unless framework_id is given)",
    )
    framework_id: str = Field(default="", max_length=80, description="Empty: the goal's own, or the person's current one")
    feedback_request_id: ApiId | None = Field(default=None, description="The feedback request the goal answers")
    status: Literal["open", "done", "dropped"] = "open"
    privacy_confirmed: bool = Field(default=False, description=PRIVACY_CONFIRMED)


class ReflectionOut(Schema):
    """A private journal entry with the competencies and experience it is linked to."""

    id: int
    written_on: date
    title: str
    text: str
    framework_id: str
    competency_ids: list[str]
    experience_id: int | None
    created_at: datetime
    updated_at: datetime


class ReflectionIn(Schema):
    """A reflection to write, or a reflection's new values (all of them)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "A hard conversation about discharge",
                    "text": "I explained the plan too fast; next time I will ask what the family already knows first.",
                    "written_on": "2026-01-15",
                    "framework_id": "acgme-core-competencies",
                    "competency_ids": ["interpersonal-and-communication-skills"],
                }
            ]
        },
    )

    title: str = Field(max_length=200)
    text: str = Field(max_length=10_000)
    written_on: ApiDate | None = Field(default=None, description="Today when left out; never a later day")
    competency_ids: list[CompetencyId] = Field(
        default_factory=list,
        max_length=journal.MAX_COMPETENCIES,
        description="Competency ids of the framework (the person's current one unless framework_id is given)",
    )
    framework_id: str = Field(default="", max_length=80, description="Empty: the reflection's own, or the person's current one")
    experience_id: ApiId | None = Field(default=None, description="One of your experience entries")
    privacy_confirmed: bool = Field(default=False, description=PRIVACY_CONFIRMED)


def goal_out(goal: Goal) -> GoalOut:
    """One goal as the API answers it."""
    return GoalOut(
        id=goal.pk,
        title=goal.title,
        detail=goal.detail,
        due_on=goal.due_on,
        status=goal.status,
        completed_on=goal.completed_on,
        framework_id=goal.framework_id,
        competency_ids=list(goal.competency_ids),
        feedback_request_id=goal.feedback_request_id,
        created_at=goal.created_at,
    )


def goals_out(user: User) -> list[GoalOut]:
    """The user's goals, open ones first (the API's answer and the command's JSON)."""
    return [goal_out(goal) for goal in journal.goals(user)]


def reflection_out(reflection: Reflection) -> ReflectionOut:
    """One reflection as the API answers it."""
    return ReflectionOut(
        id=reflection.pk,
        written_on=reflection.written_on,
        title=reflection.title,
        text=reflection.text,
        framework_id=reflection.framework_id,
        competency_ids=list(reflection.competency_ids),
        experience_id=reflection.experience_id,
        created_at=reflection.created_at,
        updated_at=reflection.updated_at,
    )


def reflections_out(user: User) -> list[ReflectionOut]:
    """The user's reflections, newest first (the API's answer and the command's JSON)."""
    return [reflection_out(row) for row in journal.reflections(user)]


# Goals


@router.get("/skills/goals", response=list[GoalOut], summary="Your goals")
def goals(request: HttpRequest) -> list[GoalOut]:
    """Open goals first, soonest due first; then done and dropped ones."""
    return goals_out(signed_in_user(request))


@router.post("/skills/goals", response={201: GoalOut}, summary="Set a goal")
def goal_create(request: HttpRequest, payload: GoalIn) -> Status[GoalOut]:
    """A new goal, due today or later; open goals due within a month appear in the next actions."""
    goal = journal.goal_save(user=signed_in_user(request), **payload.model_dump())
    return Status(201, goal_out(goal))


@router.get("/skills/goals/{int:goal_id}", response=GoalOut, summary="One goal")
def goal_detail(request: HttpRequest, goal_id: ApiId) -> GoalOut:
    """One of your goals."""
    return goal_out(get_owned(Goal, signed_in_user(request), pk=goal_id))


@router.put("/skills/goals/{int:goal_id}", response=GoalOut, summary="Change a goal")
def goal_update(request: HttpRequest, goal_id: ApiId, payload: GoalIn) -> GoalOut:
    """Replace a goal's values; status done records today as the day it was done."""
    return goal_out(journal.goal_save(user=signed_in_user(request), pk=goal_id, **payload.model_dump()))


@router.delete("/skills/goals/{int:goal_id}", response={204: None}, summary="Delete a goal")
def goal_delete(request: HttpRequest, goal_id: ApiId) -> Status[None]:
    """Delete one of your goals."""
    journal.goal_delete(user=signed_in_user(request), pk=goal_id)
    return Status(204, None)


# Reflections


@router.get("/skills/reflections", response=list[ReflectionOut], summary="Your reflections")
def reflections(request: HttpRequest) -> list[ReflectionOut]:
    """Your private journal, newest first."""
    return reflections_out(signed_in_user(request))


@router.post("/skills/reflections", response={201: ReflectionOut}, summary="Write a reflection")
def reflection_create(request: HttpRequest, payload: ReflectionIn) -> Status[ReflectionOut]:
    """A new reflection; text that may identify a patient is refused until sent with privacy_confirmed."""
    reflection = journal.reflection_save(user=signed_in_user(request), **payload.model_dump())
    return Status(201, reflection_out(reflection))


@router.get("/skills/reflections/{int:reflection_id}", response=ReflectionOut, summary="One reflection")
def reflection_detail(request: HttpRequest, reflection_id: ApiId) -> ReflectionOut:
    """One of your reflections."""
    return reflection_out(get_owned(Reflection, signed_in_user(request), pk=reflection_id))


@router.put("/skills/reflections/{int:reflection_id}", response=ReflectionOut, summary="Change a reflection")
def reflection_update(request: HttpRequest, reflection_id: ApiId, payload: ReflectionIn) -> ReflectionOut:
    """Replace a reflection's values."""
    return reflection_out(journal.reflection_save(user=signed_in_user(request), pk=reflection_id, **payload.model_dump()))


@router.delete("/skills/reflections/{int:reflection_id}", response={204: None}, summary="Delete a reflection")
def reflection_delete(request: HttpRequest, reflection_id: ApiId) -> Status[None]:
    """Delete one of your reflections."""
    journal.reflection_delete(user=signed_in_user(request), pk=reflection_id)
    return Status(204, None)
