"""The dashboard's registry: one card per pillar, each with a status and next actions, and what pillars add
to the profile page. Platform: pillars register here from their AppConfig.ready; until a pillar exists its card
says what it will hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.dispatch import Signal

from medpath.next_actions import Action


@dataclass(frozen=True)
class NextAction:
    """One thing to do, with its due date when it has one."""

    text: str
    url: str = ""
    due: str = ""


@dataclass(frozen=True)
class Card:
    """A pillar's summary on the dashboard."""

    pillar: str
    title: str
    summary: str
    actions: list[NextAction] = field(default_factory=list)
    url: str = ""
    available: bool = True


PILLARS: tuple[tuple[str, str, str], ...] = (
    ("education", "Education", "Your target career and a dated roadmap to it."),
    ("experience", "Hands-on experience", "Clinical hours, shadowing, procedures and work hours."),
    ("learning", "Continuous learning", "CE/CME, licences and certifications, and what each renewal needs."),
    ("skills", "Soft skills", "Competencies, feedback, goals and reflections."),
    ("network", "Network", "Mentors and contacts, follow-ups and memberships."),
    ("ethics", "Ethics and integrity", "Mandatory trainings and when they are due."),
    ("wellbeing", "Adaptability and resilience", "Short private check-ins, seen by you alone."),
)

CardBuilder = Callable[[Any], Card]
_BUILDERS: dict[str, CardBuilder] = {}


def register_card(pillar: str, builder: CardBuilder) -> None:
    """Let a pillar app supply its card (call from its AppConfig.ready)."""
    if pillar not in {key for key, _, _ in PILLARS}:
        raise ValueError(f"unknown pillar {pillar!r}")
    _BUILDERS[pillar] = builder


# Cards that are not a pillar (the portfolio composes them all): shown after the pillars, in registration order.
_EXTRA_BUILDERS: dict[str, CardBuilder] = {}


def register_extra_card(key: str, builder: CardBuilder) -> None:
    """Let an app that is not a pillar add a card after the pillars' (call from its AppConfig.ready)."""
    if key in {pillar for pillar, _, _ in PILLARS}:
        raise ValueError(f"{key!r} is a pillar: use register_card")
    _EXTRA_BUILDERS[key] = builder


def dashboard_cards(user: Any) -> list[Card]:
    """The cards in the pillars' order, then the extra cards."""
    cards = []
    for key, title, summary in PILLARS:
        builder = _BUILDERS.get(key)
        cards.append(builder(user) if builder else Card(pillar=key, title=title, summary=summary, available=False))
    cards += [builder(user) for builder in _EXTRA_BUILDERS.values()]
    return cards


ProfileSection = Callable[[Any], dict[str, Any]]
_PROFILE_SECTIONS: list[ProfileSection] = []


def register_profile_section(builder: ProfileSection) -> None:
    """Let a pillar add to the profile page's context (the Education pillar shows the target career)."""
    if builder not in _PROFILE_SECTIONS:
        _PROFILE_SECTIONS.append(builder)


def profile_context(user: Any) -> dict[str, Any]:
    """What every pillar adds to the profile page."""
    context: dict[str, Any] = {}
    for builder in _PROFILE_SECTIONS:
        context.update(builder(user))
    return context


ActionSource = Callable[[Any, date], list[Action]]
_ACTION_SOURCES: list[ActionSource] = []


def register_actions(source: ActionSource) -> None:
    """Let a pillar offer candidate next actions (call from its AppConfig.ready)."""
    if source not in _ACTION_SOURCES:
        _ACTION_SOURCES.append(source)


def candidate_actions(user: Any, today: date) -> list[Action]:
    """Every pillar's candidates for this user, unranked (see ``next_actions.rank``)."""
    return [action for source in _ACTION_SOURCES for action in source(user, today)]


# Sent with ``user`` and ``key_prefix`` when a pillar deletes what its actions were about (all check-ins): the
# dashboard forgets the person's snoozes and dismissals of those actions too, so not even a choice remains.
action_choices_forgotten = Signal()


def forget_action_choices(user: Any, key_prefix: str) -> None:
    """Drop the person's snoozes and dismissals of every action whose key starts with ``key_prefix``."""
    action_choices_forgotten.send(sender=None, user=user, key_prefix=key_prefix)
