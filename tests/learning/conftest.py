"""Fixtures of the learning pillar tests: Alice is a California RN on 10 Jan 2027."""

from datetime import date
from decimal import Decimal

import pytest

from medpath.learning import services


@pytest.fixture(autouse=True)
def _frozen_today(time_machine):
    """Every test here runs on 10 Jan 2027, 15:00 UTC (before any session is made)."""
    time_machine.move_to("2027-01-10 15:00:00+00:00", tick=False)


@pytest.fixture
def ca_licence(alice):
    """Alice's California RN licence, second renewal, expiring 31 Jan 2028."""
    return services.credential_save(
        user=alice,
        kind="licence",
        name="California RN licence",
        issuer="California BRN",
        jurisdiction="US-CA",
        expires_on=date(2028, 1, 31),
        requirement_set_id="ca-rn-licence",
        renewal_number=2,
    )


def hours(alice, title: str, amount: str, day: date = date(2026, 6, 1), *topics: str, credit_type: str = "contact_hours"):
    """Record an activity for Alice."""
    return services.activity_create(
        user=alice,
        data=services.ActivityInput(title=title, completed_on=day, awards=[(credit_type, Decimal(amount))], topics=list(topics)),
    )
