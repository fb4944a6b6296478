"""Reads of the soft-skills pillar that other parts of MedPath may use (the portfolio's CV): released feedback as
aggregate results only, and the person's reflections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from medpath.accounts.models import User
from medpath.skills.models import FeedbackRequest, Reflection
from medpath.skills.services.feedback import feedback_state, instrument_of
from medpath.usertime import user_zone


@dataclass(frozen=True)
class ReleasedStatement:
    """One statement's mean over everyone who scored it (None when nobody could)."""

    text: str
    mean: float | None
    rated: int


@dataclass(frozen=True)
class ReleasedFeedback:
    """A closed request whose results were released: never an answer, a comment or a role's group."""

    title: str
    closed_on: date
    answers: int
    statements: tuple[ReleasedStatement, ...]


def released_feedback(user: User) -> list[ReleasedFeedback]:
    """The user's released feedback results, latest first; open, withheld and too-small requests are left out."""
    found = []
    zone = user_zone(user)  # the day it closed is the person's day, as every date MedPath shows
    for sent in FeedbackRequest.objects.for_user(user).prefetch_related("raters").order_by("-closes_on", "-id"):
        state = feedback_state(user, sent)
        if state.state != "released" or state.result is None or state.result.overall is None:
            continue
        texts = {item.id: item.text for item in instrument_of(sent.instrument_id).items}
        found.append(
            ReleasedFeedback(
                title=sent.title,
                closed_on=sent.closes_on if sent.closed_at is None else sent.closed_at.astimezone(zone).date(),
                answers=state.result.answers,
                statements=tuple(
                    ReleasedStatement(texts[item.item_id], item.mean, item.rated) for item in state.result.overall.items
                ),
            )
        )
    return found


def reflections(user: User) -> list[Reflection]:
    """The user's reflections, latest first."""
    return list(Reflection.objects.for_user(user).order_by("-written_on", "-id"))
