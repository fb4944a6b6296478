"""The stability checker against the definition in docs/match.md, read literally: each program picks its best
``capacity`` from a pool, by sorting (no counting shortcuts), on random valid matchings."""

from __future__ import annotations

import random

from medpath.match.instance import UNMATCHED, Instance, parse
from medpath.match.stability import blocking_pairs, problems
from tests.match.instances import random_instance

NOT_RANKED = 10**9


def _picks(instance: Instance, program: int, pool: set[int]) -> set[int]:
    """Whom ``program`` keeps from ``pool``: its best ``capacity`` (people it does not rank come last)."""
    ordered = sorted(pool, key=lambda person: (instance.ranks[program].get(person, NOT_RANKED), person))
    return set(ordered[: instance.capacities[program]])


def _by_definition(instance: Instance, matching: list[int]) -> set[tuple[int | None, int | None, int]]:
    holds: list[set[int]] = [set() for _ in instance.programs]
    for person, program in enumerate(matching):
        if program != UNMATCHED:
            holds[program].add(person)
    found: set[tuple[int | None, int | None, int]] = set()
    for person, choices in enumerate(instance.lists):
        if instance.couple_of[person] >= 0:
            continue
        for position, program in enumerate(choices, start=1):
            if program == matching[person]:
                break
            if person in instance.ranks[program] and person in _picks(instance, program, holds[program] | {person}):
                found.add((person, None, position))
    for index, couple in enumerate(instance.couples):
        now = (matching[couple.members[0]], matching[couple.members[1]])
        for position, pair in enumerate(couple.pairs, start=1):
            if pair == now:
                break
            takes = True
            for program in {p for p in pair if p != UNMATCHED}:
                sent = {m for m, p in zip(couple.members, pair, strict=True) if p == program}
                if all(matching[m] == program for m in sent):
                    continue
                if any(m not in instance.ranks[program] for m in sent) or not sent <= _picks(
                    instance, program, holds[program] | sent
                ):
                    takes = False
                    break
            if takes:
                found.add((None, index, position))
    return found


def _random_matching(rng: random.Random, instance: Instance) -> list[int]:
    matching = [UNMATCHED] * len(instance.applicants)
    for person, choices in enumerate(instance.lists):
        if instance.couple_of[person] < 0 and choices and rng.random() < 0.7:
            matching[person] = rng.choice(choices)
    for couple in instance.couples:
        if couple.pairs and rng.random() < 0.7:
            matching[couple.members[0]], matching[couple.members[1]] = rng.choice(couple.pairs)
    return matching


def test_the_checker_agrees_with_the_definition() -> None:
    rng = random.Random(21)
    compared = 0
    for _ in range(1500):
        instance = parse(
            random_instance(rng, applicants=rng.randint(1, 10), programs=rng.randint(1, 4), couples=rng.randint(0, 4))
        )
        for _ in range(10):
            matching = _random_matching(rng, instance)
            if problems(instance, matching):
                continue
            compared += 1
            got = {(b.applicant, b.couple, b.position) for b in blocking_pairs(instance, matching)}
            assert got == _by_definition(instance, matching), (instance, matching)
    assert compared > 4000
