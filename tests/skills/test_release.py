"""The release rules of feedback results, against an independent oracle: every group a reader can form from what
is shown (the total, each shown role, and the total minus any union of shown roles) holds 0 or at least 3
answers; results appear only with enough answers; comments are kept in a uniformly random order."""

from __future__ import annotations

import random
from collections import Counter
from itertools import chain, combinations

from hypothesis import given
from hypothesis import strategies as st

from medpath.skills.release import insert_at_random, release, shown_roles

ROLES = ["peer", "nurse", "supervisor", "staff", "other"]
ITEMS = ["a", "b"]


def tally_of(per_role: dict[str, int]) -> dict[str, dict[str, list[int]]]:
    """Counters where each role's answers all gave 3 on statement a and "cannot assess" on b."""
    return {
        "a": {role: [0, 0, 0, count, 0, 0] for role, count in per_role.items()},
        "b": {role: [count, 0, 0, 0, 0, 0] for role, count in per_role.items()},
    }


def oracle_safe(per_role: dict[str, int], shown: list[str]) -> bool:
    """Brute force over every subset of shown roles, written apart from the module's own check."""
    total = sum(per_role.values())
    groups = [per_role[r] for r in shown]
    subsets = chain.from_iterable(combinations(shown, k) for k in range(1, len(shown) + 1))
    groups += [total - sum(per_role[r] for r in subset) for subset in subsets]
    return all(size == 0 or size >= 3 for size in groups)


per_role_counts = st.dictionaries(st.sampled_from(ROLES), st.integers(min_value=1, max_value=9), min_size=1)


@given(per_role_counts)
def test_no_group_of_one_or_two_can_be_found_by_subtraction(per_role: dict[str, int]) -> None:
    shown = shown_roles(per_role)
    assert oracle_safe(per_role, shown)
    assert all(per_role[role] >= 3 for role in shown)
    total = sum(per_role.values())
    for role in shown:  # the issue's own rule follows
        remainder = total - per_role[role]
        assert remainder == 0 or remainder >= 3


@given(per_role_counts)
def test_shows_a_role_whenever_the_simple_rule_and_the_oracle_allow_it_alone(per_role: dict[str, int]) -> None:
    """Not needlessly silent: if some single role could be shown safely, at least one role is shown."""
    total = sum(per_role.values())
    safe_alone = [r for r, n in per_role.items() if n >= 3 and (total - n == 0 or total - n >= 3)]
    if safe_alone and len(per_role) > 1:
        assert shown_roles(per_role)


def test_two_shown_roles_would_leave_one_rater_alone_so_one_is_folded_back() -> None:
    per_role = {"nurse": 3, "peer": 4, "supervisor": 1}
    # The per-role rule alone would show nurses (remainder 5) and peers (remainder 4), leaving the one
    # supervisor as total - nurses - peers.
    assert shown_roles(per_role) == ["peer"]
    assert oracle_safe(per_role, ["peer"])
    assert not oracle_safe(per_role, ["nurse", "peer"])


def test_a_role_whose_remainder_is_one_or_two_is_not_shown() -> None:
    assert shown_roles({"nurse": 5, "peer": 2}) == []
    assert shown_roles({"nurse": 5, "peer": 3}) == ["nurse", "peer"]
    assert shown_roles({"nurse": 4}) == ["nurse"]


@given(per_role_counts, st.integers(min_value=3, max_value=12))
def test_nothing_is_released_below_the_minimum(per_role: dict[str, int], minimum: int) -> None:
    result = release(tally_of(per_role), ITEMS, minimum)
    total = sum(per_role.values())
    assert result.released is (total >= minimum)
    if not result.released:
        assert result.overall is None
        assert result.by_role == ()
    else:
        assert result.overall is not None
        assert result.overall.answers == total
        assert result.overall.items[0].counts == (0, 0, total, 0, 0)
        assert result.overall.items[1].cannot_assess == total
        assert result.overall.items[1].mean is None
        assert oracle_safe(per_role, [group.key for group in result.by_role])


def test_a_minimum_below_three_is_raised_to_three() -> None:
    assert not release(tally_of({"nurse": 2}), ITEMS, 1).released
    assert release(tally_of({"nurse": 3}), ITEMS, 1).released


def test_one_role_gives_no_breakdown_that_would_repeat_the_overall() -> None:
    result = release(tally_of({"nurse": 6}), ITEMS, 3)
    assert result.released
    assert result.by_role == ()


def test_means_count_only_those_who_could_assess() -> None:
    tally = {"a": {"nurse": [2, 1, 0, 0, 0, 2]}, "b": {"nurse": [0, 0, 0, 5, 0, 0]}}
    result = release(tally, ITEMS, 3)
    assert result.overall is not None
    item = result.overall.items[0]
    assert (item.rated, item.cannot_assess) == (3, 2)
    assert item.mean == (1 * 1 + 5 * 2) / 3


def test_comments_are_kept_in_a_uniformly_random_order() -> None:
    """Three comments inserted in the order A, B, C: every one of the six orders is about equally likely, so
    the kept order says nothing about which answer came first."""
    rng = random.Random(20261205)
    seen: Counter[tuple[str, ...]] = Counter()
    trials = 6000
    for _ in range(trials):
        kept: list[str] = []
        for text in "ABC":
            insert_at_random(kept, text, lambda n: rng.randrange(n))
        seen[tuple(kept)] += 1
    assert len(seen) == 6
    for order, times in seen.items():
        assert abs(times - trials / 6) < 150, (order, times)  # about 5 standard deviations
