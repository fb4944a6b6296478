"""The follow-up engine against an independent oracle: random interactions, a contact's own rhythm and the
person's rules per tag."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medpath.network.followups import MAX_RHYTHM_DAYS, follow_up, normal_tag, rhythm_of, rhythm_problem

TAGS = ["mentor", "former attending", "co-resident", "preceptor"]
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))
rhythm = st.integers(min_value=1, max_value=MAX_RHYTHM_DAYS)


def oracle(own: int | None, tags: list[str], rules: dict[str, int], added: date, interactions: list[date]) -> date | None:
    """Next due, recomputed plainly: own rhythm, else the smallest rule among the tags, from the latest contact."""
    candidates = [rules[t] for t in tags if t in rules]
    every = own if own is not None else (min(candidates) if candidates else None)
    if every is None:
        return None
    start = added
    for day in interactions:  # the latest interaction, found the long way
        if start is added or day > start:
            start = day
    return start + timedelta(days=every)


@given(
    own=st.none() | rhythm,
    tags=st.lists(st.sampled_from(TAGS), max_size=4),
    rules=st.dictionaries(st.sampled_from(TAGS), rhythm, max_size=4),
    added=days,
    interactions=st.lists(days, max_size=8),
)
def test_next_follow_up_matches_the_oracle(own, tags, rules, added, interactions) -> None:
    """Whatever the interactions, rhythm and rules, the engine's due date is the oracle's."""
    found = follow_up(
        own_days=own, tags=tags, rules=rules, added_on=added, last_contact=max(interactions) if interactions else None
    )
    assert found.due_on == oracle(own, tags, rules, added, interactions)


def test_the_contact_rhythm_wins_then_the_shortest_tag_rule() -> None:
    """Own rhythm first; with two tagged rules the shorter counts and is named; no rule, no rhythm."""
    rules = {"mentor": 42, "former attending": 182}
    assert rhythm_of(30, ["mentor"], rules).days == 30
    both = rhythm_of(None, ["Former  Attending", "mentor"], rules)
    assert (both.days, both.reason) == (42, "tag “mentor”")
    assert rhythm_of(None, ["colleague"], rules).days is None


def test_without_interactions_the_follow_up_counts_from_the_day_added() -> None:
    """A mentor added on 1 Mar with a 42-day rule is due on 12 Apr."""
    found = follow_up(own_days=None, tags=["mentor"], rules={"mentor": 42}, added_on=date(2026, 3, 1), last_contact=None)
    assert (found.counted_from, found.due_on, found.days_left(date(2026, 4, 10))) == (date(2026, 3, 1), date(2026, 4, 12), 2)


@pytest.mark.parametrize("days", [0, -1, MAX_RHYTHM_DAYS + 1, 10_000])
def test_a_rhythm_of_zero_negative_or_over_three_years_is_refused(days: int) -> None:
    """The message says the range."""
    assert "between 1 day and 1095 days" in rhythm_problem(days)


def test_tags_are_compared_in_one_form() -> None:
    assert normal_tag("  Former   ATTENDING ") == "former attending"
    assert rhythm_problem(None) == rhythm_problem(1) == rhythm_problem(MAX_RHYTHM_DAYS) == ""
