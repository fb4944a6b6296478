"""Findings of a fresh-eyes review of the network pillar (each failed before its fix)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from medpath.dashboard import candidate_actions
from medpath.deadlines import deadlines_for
from medpath.network.selectors import contact_rows
from medpath.network.services import contacts, events, memberships
from medpath.usertime import user_today

PATIENT = "Pt John Smith, MRN 12345678"


def test_each_follow_up_cycle_and_each_renewal_has_its_own_reminder_key(alice: Any) -> None:
    today = user_today(alice)
    friend = contacts.contact_save(user=alice, name="Dr Ruiz", rhythm_days=30)
    member = memberships.membership_save(user=alice, association="ANA", renews_on=today + timedelta(days=20))
    contacts.interaction_save(user=alice, contact_id=friend.pk, occurred_on=today - timedelta(days=10))
    first = {d.key for d in deadlines_for(alice, today) if d.key.startswith("network:")}
    contacts.interaction_save(user=alice, contact_id=friend.pk, occurred_on=today)
    memberships.membership_save(user=alice, pk=member.pk, association="ANA", renews_on=today + timedelta(days=385))
    second = {d.key for d in deadlines_for(alice, today) if d.key.startswith("network:")}
    assert len(first) == len(second) == 2
    assert not first & second  # a new cycle is not "already reminded"


def test_a_rule_for_mentors_applies_to_a_contact_ticked_as_mentor(alice: Any) -> None:
    contacts.rule_save(user=alice, tag="mentor", rhythm_days=42)
    contacts.contact_save(user=alice, name="Dr Okafor", is_mentor=True)
    contacts.contact_save(user=alice, name="Classmate")
    rows = {row.contact.name: row for row in contact_rows(alice, today=user_today(alice))}
    assert rows["Dr Okafor"].follow_up.rhythm.days == 42
    assert rows["Classmate"].follow_up.rhythm.days is None


@pytest.mark.parametrize("field", ["presentation_title", "place"])
def test_an_events_presentation_title_and_place_pass_the_privacy_guard(alice: Any, field: str) -> None:
    title, place = (PATIENT, "") if field == "presentation_title" else ("", PATIENT)
    with pytest.raises(ValidationError) as refusal:
        events.event_save(
            user=alice, title="Regional meeting", starts_on=date(2026, 10, 1), presentation_title=title, place=place
        )
    assert field in refusal.value.message_dict
    events.event_save(
        user=alice,
        title="Regional meeting",
        starts_on=date(2026, 10, 1),
        presentation_title=title,
        place=place,
        privacy_confirmed=True,
    )


def test_a_follow_up_action_keeps_its_fingerprint_from_day_to_day(alice: Any) -> None:
    today = user_today(alice)
    friend = contacts.contact_save(user=alice, name="Dr Ruiz", rhythm_days=30)
    contacts.interaction_save(user=alice, contact_id=friend.pk, occurred_on=today - timedelta(days=29))

    def fingerprint(day: date) -> str:
        (action,) = [a for a in candidate_actions(alice, day) if a.key == f"network:follow-up:{friend.pk}"]
        return action.signature

    assert fingerprint(today) == fingerprint(today + timedelta(days=1))
