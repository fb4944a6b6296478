"""Fixtures of the Education pillar tests."""

from datetime import date

import pytest

from medpath.plans import services


@pytest.fixture(autouse=True)
def _frozen_today(time_machine):
    """Every test here runs on 10 Jan 2027, 15:00 UTC (before any session is made)."""
    time_machine.move_to("2027-01-10 15:00:00+00:00", tick=False)


@pytest.fixture
def alice_roadmap(alice):
    """Alice aims at RN by the BSN route, planned from 1 Sep 2026."""
    return services.roadmap_set_target(
        user=alice, target=services.Target(career_id="registered-nurse", route_id="bsn", start_date=date(2026, 9, 1))
    )
