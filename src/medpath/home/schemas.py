"""API shapes of the dashboard: the ranked next actions (the CLI's ``medpath status --json`` prints the same)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ninja import Field, Schema

from medpath.next_actions import Action


class ActionOut(Schema):
    key: str
    pillar: str
    title: str
    reason: str
    due: date | None
    severity: str = Field(description="critical, high, medium or low")
    url: str


class ActionsOut(Schema):
    actions: list[ActionOut]


def actions_out(actions: Iterable[Action]) -> ActionsOut:
    """The one JSON shape of the ranked list, for the API and the CLI alike."""
    return ActionsOut.model_validate({"actions": [action.as_dict() for action in actions]})
