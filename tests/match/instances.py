"""Small random Match instances for the tests (independent of the benchmark's generator)."""

from __future__ import annotations

import random
from typing import Any


def random_instance(rng: random.Random, *, applicants: int, programs: int, couples: int, length: int = 4) -> dict[str, Any]:
    """Singles with lists of up to ``length`` programs, programs ranking a random share of everyone (some applicants
    who never ranked them too), capacities 0-3, couples with up to six pairs (some with one partner unmatched, some
    with both partners at one program)."""
    names_p = [f"P{i}" for i in range(programs)]
    names_a = [f"A{i}" for i in range(applicants)]
    couples = min(couples, applicants // 2)
    members, singles = names_a[: 2 * couples], names_a[2 * couples :]
    data: dict[str, Any] = {
        "applicants": {a: rng.sample(names_p, rng.randint(0, min(length, programs))) for a in singles},
        "programs": {},
        "capacities": {p: rng.randint(0, 3) for p in names_p},
        "couples": [],
    }
    for index in range(couples):
        pairs: list[list[str | None]] = []
        for _ in range(rng.randint(0, 6)):
            first = rng.choice([*names_p, None])
            second = first if first and rng.random() < 0.2 else rng.choice([*names_p, None])
            if (first is None and second is None) or [first, second] in pairs:
                continue
            pairs.append([first, second])
        data["couples"].append({"members": [members[2 * index], members[2 * index + 1]], "ranks": pairs})
    for program in names_p:
        ranked = [a for a in names_a if rng.random() < 0.7]
        rng.shuffle(ranked)
        data["programs"][program] = ranked
    return data


def consistent_singles(rng: random.Random, *, applicants: int, programs: int) -> dict[str, Any]:
    """Singles only, each program ranking exactly the applicants who rank it, every list non-empty (the shape the
    reference library accepts)."""
    names_p = [f"P{i}" for i in range(programs)]
    names_a = [f"A{i}" for i in range(applicants)]
    lists = {a: rng.sample(names_p, rng.randint(1, programs)) for a in names_a}
    ranked = {p: [a for a in names_a if p in lists[a]] for p in names_p}
    for order in ranked.values():
        rng.shuffle(order)
    ranked = {p: order for p, order in ranked.items() if order}
    lists = {a: [p for p in chosen if p in ranked] for a, chosen in lists.items()}
    return {
        "applicants": {a: chosen for a, chosen in lists.items() if chosen},
        "programs": ranked,
        "capacities": {p: rng.randint(1, 3) for p in ranked},
    }
