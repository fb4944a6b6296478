"""Fixtures of the experience tests: Alice (Chicago) logs experience; Charlie is the outsider."""

from datetime import date, time
from decimal import Decimal

import pytest

from medpath.experience import services


@pytest.fixture(autouse=True)
def _frozen_today(time_machine):
    """Every test here runs on 25 Nov 2026, 15:00 UTC."""
    time_machine.move_to("2026-11-25 15:00:00+00:00", tick=False)


@pytest.fixture
def shadowing(alice):
    """Alice shadowed Dr. Ruiz 08:00-13:00 on 2 Nov 2026."""
    return services.entry_save(
        user=alice,
        kind="shadowing",
        title="Shadowing a family physician",
        started_on=date(2026, 11, 2),
        start_time=time(8),
        end_time=time(13),
        supervisor_name="Dr. Elena Ruiz",
        supervisor_email="eruiz@clinic.example.org",
    )


def entry(alice, kind: str = "clinical_work", hours: str = "10", day: date = date(2026, 10, 1), **values):
    """Log an entry for Alice with given hours."""
    return services.entry_save(
        user=alice, kind=kind, title=values.pop("title", "Scribe"), started_on=day, hours=Decimal(hours), **values
    )
