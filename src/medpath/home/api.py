"""JSON API of the dashboard: the ranked next actions, and snoozing or dismissing one."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from medpath.accounts.requests import signed_in_user
from medpath.home import services
from medpath.home.schemas import ActionsOut, actions_out
from medpath.home.selectors import next_actions

router = Router(tags=["dashboard"])


class SnoozeIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"key": "learning:credential:1:renewal", "until": "2027-01-15"}]})
    key: str = Field(max_length=200)
    until: date


class DismissIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"key": "learning:credential:1:renewal"}]})
    key: str = Field(max_length=200)


@router.get("/actions", response=ActionsOut, summary="What to do next, most consequential first")
def actions(request: HttpRequest) -> ActionsOut:
    """Every pillar's next actions, less what you snoozed or dismissed; ranked by consequence, then due date."""
    return actions_out(next_actions(signed_in_user(request)))


@router.post("/actions/snooze", response=ActionsOut, summary="Snooze an action until a date")
def snooze(request: HttpRequest, payload: SnoozeIn) -> ActionsOut:
    """Hide an action until ``until`` (at most a year ahead); it comes back sooner if its reason changes. 404 for an
    action you do not have; the answer is the list as it now stands."""
    user = signed_in_user(request)
    services.action_snooze(user=user, key=payload.key, until=payload.until)
    return actions_out(next_actions(user))


@router.post("/actions/dismiss", response=ActionsOut, summary="Dismiss an action")
def dismiss(request: HttpRequest, payload: DismissIn) -> ActionsOut:
    """Hide an action until its reason changes (a new deadline, a new violation); the answer is the new list."""
    user = signed_in_user(request)
    services.action_dismiss(user=user, key=payload.key)
    return actions_out(next_actions(user))
