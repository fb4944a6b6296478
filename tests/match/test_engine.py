"""The matching engine against the independent stability checker, a brute-force search of tiny instances and a
reference implementation (the ``matching`` package) on singles."""

from __future__ import annotations

import itertools
import random
import warnings
from typing import Any

import pytest

from medpath.match.engine import answer, solve
from medpath.match.instance import UNMATCHED, Instance, parse
from medpath.match.stability import blocking_pairs, problems
from tests.match.instances import consistent_singles, random_instance


def _stable_exists(instance: Instance) -> bool:
    """Brute force: does any valid matching of this tiny instance have no blocking pair?"""
    units: list[tuple[str, int, list[Any]]] = []
    for applicant, choices in enumerate(instance.lists):
        if instance.couple_of[applicant] < 0:
            units.append(("single", applicant, [UNMATCHED, *choices]))
    for index, couple in enumerate(instance.couples):
        units.append(("couple", index, [(UNMATCHED, UNMATCHED), *couple.pairs]))
    for choice in itertools.product(*(options for _, _, options in units)):
        matching = [UNMATCHED] * len(instance.applicants)
        for (kind, who, _), picked in zip(units, choice, strict=True):
            if kind == "single":
                matching[who] = picked
            else:
                first, second = instance.couples[who].members
                matching[first], matching[second] = picked
        if not problems(instance, matching) and not blocking_pairs(instance, matching, first_only=True):
            return True
    return False


def test_every_result_is_valid_and_its_verdict_is_the_checkers() -> None:
    rng = random.Random(11)
    unstable = 0
    for seed in range(1500):
        instance = parse(
            random_instance(rng, applicants=rng.randint(1, 14), programs=rng.randint(1, 6), couples=rng.randint(0, 4))
        )
        result = solve(instance, seed=seed)
        assert problems(instance, result.matching) == []
        assert result.stable == (blocking_pairs(instance, result.matching) == [])
        unstable += not result.stable
    assert unstable < 1500 * 0.05  # couples make some instances unsolvable, not most


def test_when_it_finds_no_stable_matching_one_rarely_exists() -> None:
    """On instances small enough to search every matching, an unstable answer almost always means there was no
    stable one. Not always: Roth-Peranson is a heuristic with couples (a review found seed orders that cycle while a
    stable matching exists); retrying other entry orders brought the share of such misses from about 9% to about
    5% of unstable answers in 100,000 random instances. This holds it there."""
    rng = random.Random(3)
    unstable = missed = 0
    for seed in range(20000):
        instance = parse(
            random_instance(rng, applicants=rng.randint(2, 9), programs=rng.randint(1, 4), couples=rng.randint(1, 3))
        )
        result = solve(instance, seed=seed)
        if not result.stable:
            unstable += 1
            missed += _stable_exists(instance)
    assert unstable >= 10  # the search met instances without a stable matching, so the bound below means something
    assert missed <= 0.08 * unstable


def test_singles_get_the_applicant_optimal_stable_matching_of_the_reference() -> None:
    from matching.games import HospitalResident

    rng = random.Random(5)
    for seed in range(400):
        data = consistent_singles(rng, applicants=rng.randint(1, 20), programs=rng.randint(1, 7))
        ours = solve(parse(data), seed=seed)
        instance = parse(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            game = HospitalResident.create_from_dictionaries(data["applicants"], data["programs"], data["capacities"])
            reference = game.solve(optimal="resident")
        expected = {resident.name: hospital.name for hospital, residents in reference.items() for resident in residents}
        got = {instance.applicants[a]: instance.programs[p] for a, p in enumerate(ours.matching) if p != UNMATCHED}
        assert got == expected
        assert ours.stable


def test_same_seed_same_result_and_singles_do_not_depend_on_it() -> None:
    rng = random.Random(8)
    data = random_instance(rng, applicants=40, programs=8, couples=6)
    instance = parse(data)
    assert solve(instance, seed=4).matching == solve(instance, seed=4).matching
    singles = consistent_singles(rng, applicants=60, programs=9)
    assert solve(parse(singles), seed=1).matching == solve(parse(singles), seed=99).matching


def test_a_couple_ranking_one_program_for_both_needs_two_positions() -> None:
    data: dict[str, Any] = {
        "applicants": {"s": ["P"]},
        "programs": {"P": ["a", "s", "b"], "Q": ["a", "b"]},
        "capacities": {"P": 2, "Q": 2},
        "couples": [{"members": ["a", "b"], "ranks": [["P", "P"], ["Q", "Q"]]}],
    }
    result = solve(parse(data))
    # P would have to drop s (whom it ranks above b) to take both: the couple goes to Q together
    assert answer(parse(data), result)["matching"] == {"s": "P", "a": "Q", "b": "Q"}
    assert result.stable
    data["capacities"]["P"] = 3
    assert answer(parse(data), solve(parse(data)))["matching"] == {"s": "P", "a": "P", "b": "P"}


def test_a_partner_left_unmatched_where_the_couple_says() -> None:
    data = {
        "applicants": {},
        "programs": {"P": ["a"], "Q": ["a"]},
        "capacities": {"P": 1, "Q": 1},
        "couples": [{"members": ["a", "b"], "ranks": [["P", "Q"], ["P", None]]}],
    }
    assert answer(parse(data), solve(parse(data)))["matching"] == {"a": "P", "b": None}


def test_a_displaced_partner_takes_the_couple_down_its_list() -> None:
    # the couple holds (P, Q); the single x, whom Q prefers, displaces b; the couple then takes (R, S)
    data = {
        "applicants": {"x": ["Q"]},
        "programs": {"P": ["a"], "Q": ["x", "b"], "R": ["a"], "S": ["b"]},
        "capacities": {"P": 1, "Q": 1, "R": 1, "S": 1},
        "couples": [{"members": ["a", "b"], "ranks": [["P", "Q"], ["R", "S"]]}],
    }
    for seed in range(6):
        result = solve(parse(data), seed=seed)
        assert answer(parse(data), result)["matching"] == {"x": "Q", "a": "R", "b": "S"}
        assert result.stable


def test_an_instance_without_a_stable_matching_is_reported_with_its_blocking_pairs() -> None:
    # One couple, one single, two programs of one position (after Roth 1984): every matching is blocked.
    # (H1, H2) for the couple leaves s to block with H1; s at H2 lets the couple block; s at H1 or unmatched
    # lets s block with H2.
    data = {
        "applicants": {"s": ["H2", "H1"]},
        "programs": {"H1": ["s", "m1"], "H2": ["m2", "s"]},
        "capacities": {"H1": 1, "H2": 1},
        "couples": [{"members": ["m1", "m2"], "ranks": [["H1", "H2"]]}],
    }
    instance = parse(data)
    assert not _stable_exists(instance)
    for seed in range(4):
        result = solve(instance, seed=seed)
        body = answer(instance, result)
        assert body["stable"] is False
        assert body["blocking_pairs"] == len(body["blocking"]) >= 1
        assert problems(instance, result.matching) == []


@pytest.mark.parametrize(
    "data",
    [
        {"applicants": {}, "programs": {}, "capacities": {}},
        {"applicants": {"a": []}, "programs": {"P": []}, "capacities": {"P": 0}},
        {"applicants": {"a": ["P"]}, "programs": {"P": ["a"]}, "capacities": {"P": 0}},
        {"applicants": {"a": ["P"]}, "programs": {"P": []}, "capacities": {"P": 5}},
        {"programs": {"P": ["a", "b"]}, "capacities": {"P": 1}, "couples": [{"members": ["a", "b"], "ranks": [["P", "P"]]}]},
        {"programs": {"P": ["a"]}, "capacities": {"P": 1}, "couples": [{"members": ["a", "b"], "ranks": []}]},
    ],
    ids=["empty", "nothing-ranked", "no-positions", "not-ranked-back", "one-seat-for-a-couple", "couple-no-pairs"],
)
def test_edge_cases_match_without_crashing(data: dict[str, object]) -> None:
    instance = parse(data)
    result = solve(instance)
    assert problems(instance, result.matching) == []
    assert result.stable


def test_statistics_count_ranks_and_couples() -> None:
    data = {
        "applicants": {"x": ["P", "Q"], "y": ["P", "Q"]},
        "programs": {"P": ["x", "y"], "Q": ["x", "y", "a"], "R": ["b"]},
        "capacities": {"P": 1, "Q": 2, "R": 1},
        "couples": [{"members": ["a", "b"], "ranks": [["Q", "R"]]}],
    }
    stats = solve(parse(data)).stats
    assert stats["singles_by_rank"] == {"1": 1, "2": 1}
    assert stats["couples_by_pair_rank"] == {"1": 1}
    assert stats["couples_both_matched"] == 1
    assert stats["matched"] == stats["positions_filled"] == 4
    assert stats["positions"] == 4


# Defects found by a fresh-eyes review (each test failed before its fix).


def test_a_couple_moving_into_the_place_its_partner_leaves_does_not_crash() -> None:
    """Repair: a partner leaves P1 as the other moves in; P1 must not let go someone it no longer holds."""
    data = {
        "applicants": {"A4": ["P0", "P1"]},
        "programs": {"P0": ["A3", "A4"], "P1": ["A4", "A2", "A3"]},
        "capacities": {"P0": 1, "P1": 1},
        "couples": [{"members": ["A2", "A3"], "ranks": [["P1", "P0"], [None, "P1"]]}],
    }
    instance = parse(data)
    for seed in range(4):
        result = solve(instance, seed=seed)
        assert problems(instance, result.matching) == []
        assert result.stable == (blocking_pairs(instance, result.matching) == [])


def _chain(length: int) -> dict[str, Any]:
    programs: dict[str, list[str]] = {"P0": ["c1", "s1"], "Q": [f"s{length}", "c2"]}
    applicants = {}
    for i in range(1, length + 1):
        applicants[f"s{i}"] = [f"P{i - 1}", f"P{i}" if i < length else "Q"]
        if i < length:
            programs[f"P{i}"] = [f"s{i}", f"s{i + 1}"]
    return {
        "applicants": applicants,
        "programs": programs,
        "capacities": dict.fromkeys(programs, 1),
        "couples": [{"members": ["c1", "c2"], "ranks": [["P0", "Q"]]}],
    }


def test_a_long_chain_of_freed_positions_does_not_exhaust_the_stack() -> None:
    """3,000 singles each moving up into the place the one before left: no recursion per link."""
    instance = parse(_chain(3000))
    result = solve(instance)
    assert problems(instance, result.matching) == []
    assert result.stable == (blocking_pairs(instance, result.matching) == [])


def test_an_unlucky_entry_order_is_retried_before_answering_unstable() -> None:
    """Two couples displacing each other: seed 0's order cycles, another order finds the stable matching."""
    data = {
        "applicants": {"A9": ["P1", "P4"]},
        "programs": {"P1": ["A2", "A0", "A9"], "P4": ["A9", "A3", "A1"]},
        "capacities": {"P1": 2, "P4": 1},
        "couples": [{"members": ["A0", "A1"], "ranks": [["P1", "P4"]]}, {"members": ["A2", "A3"], "ranks": [["P1", "P4"]]}],
    }
    instance = parse(data)
    assert _stable_exists(instance)
    for seed in range(4):
        assert solve(instance, seed=seed).stable
