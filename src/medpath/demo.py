"""Demo data: a few people at different stages, for trying MedPath out.

Pillar apps extend the demo by registering a function that fills in records for
the demo users (``register_demo_filler``); ``demo_load`` is idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

DEMO_PASSWORD = "medpath-demo-2026"


@dataclass(frozen=True)
class DemoPerson:
    """One demo login."""

    email: str
    full_name: str
    career_stage: str
    time_zone: str
    country: str
    region: str
    about: str


DEMO_PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson("premed@demo.medpath.test", "Priya Shah", "pre_health", "America/Chicago", "US", "US-IL", "pre-med student"),
    DemoPerson(
        "nursing@demo.medpath.test", "Marcus Lee", "nursing_student", "America/Los_Angeles", "US", "US-CA", "nursing student"
    ),
    DemoPerson(
        "tech@demo.medpath.test",
        "Ana Torres",
        "technician",
        "America/New_York",
        "US",
        "US-FL",
        "practising radiologic technologist",
    ),
    DemoPerson(
        "resident@demo.medpath.test",
        "Sam Okafor",
        "resident",
        "America/New_York",
        "US",
        "US-NY",
        "general surgery resident (PGY-2)",
    ),
)

Filler = Callable[[dict[str, object]], None]
_FILLERS: list[Filler] = []


def register_demo_filler(filler: Filler) -> None:
    """Add records of a pillar to the demo users (called with email -> user)."""
    if filler not in _FILLERS:
        _FILLERS.append(filler)


def demo_load() -> list[DemoPerson]:
    """Create the demo users (password DEMO_PASSWORD) and their records; safe to run twice."""
    from medpath.accounts.models import User

    users: dict[str, object] = {}
    with transaction.atomic():
        for person in DEMO_PEOPLE:
            user = User.objects.filter(email=person.email).first()
            if user is None:
                user = User.objects.create_user(
                    person.email,
                    DEMO_PASSWORD,
                    full_name=person.full_name,
                    career_stage=person.career_stage,
                    time_zone=person.time_zone,
                    country=person.country,
                    region=person.region,
                )
            users[person.email] = user
        for filler in _FILLERS:
            filler(users)
    return list(DEMO_PEOPLE)


def demo_present() -> bool:
    """Whether the demo users exist in this database."""
    from medpath.accounts.models import User

    return User.objects.filter(email__in=[p.email for p in DEMO_PEOPLE]).exists()
