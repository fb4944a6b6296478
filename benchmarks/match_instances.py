"""Synthetic Match instances with the NRMP's shape, for the engine's benchmark and for advisors who want to simulate.

Usage: .venv/bin/python benchmarks/match_instances.py [--applicants 45000] [--couples 1100] [--programs 6400]
       [--positions 41500] [--seed 1] [--out instance.json]

The defaults are the scale of the 2024 Main Residency Match: 44,853 active applicants, 6,395 programs and 41,503
positions (NRMP, "Results and Data: 2024 Main Residency Match", https://www.nrmp.org/topic/results/), rounded; about
1,100 couples is the figure issue 16 gives. The shape is made up, not measured; what it imitates:

- programs sit in cities inside regions, and some are far more popular than others (a Zipf-like weight);
- each applicant has a home region, ranks about 12 programs (between 1 and 30), chosen by popularity with a pull
  towards home, ordered by popularity plus their own taste;
- each program ranks about nine in ten of the applicants who ranked it, ordered by a common score plus its own taste;
- each couple shares a home region and a handful of cities; each partner ranks programs there, and the paired list
  puts pairs in the same city first, then pairs in the same region, then pairs where one partner goes unmatched.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from pathlib import Path

REGIONS = 9
CITIES_PER_REGION = 12


def _weighted_sample(rng: random.Random, items: list[int], weights: list[float], count: int) -> list[int]:
    """``count`` distinct items drawn by weight (Efraimidis–Spirakis keys)."""
    keyed = sorted(((rng.random() ** (1.0 / w), item) for item, w in zip(items, weights, strict=True)), reverse=True)
    return [item for _, item in keyed[:count]]


def generate(
    applicants: int = 45000, couples: int = 1100, programs: int = 6400, positions: int = 41500, seed: int = 1
) -> dict[str, object]:
    """An instance in the JSON format of docs/match.md."""
    rng = random.Random(seed)  # noqa: S311  (synthetic data)
    cities = REGIONS * CITIES_PER_REGION
    city_of = [rng.randrange(cities) for _ in range(programs)]
    popularity = [1.0 / (rank + 1) ** 0.6 for rank in range(programs)]
    rng.shuffle(popularity)
    # capacities: at least 1, skewed, summing to ``positions``
    raw = [rng.lognormvariate(0, 0.7) for _ in range(programs)]
    scale = (positions - programs) / sum(raw) if positions > programs else 0.0
    capacity = [1 + int(value * scale) for value in raw]
    for index in rng.sample(range(programs), max(0, positions - sum(capacity))):
        capacity[index] += 1
    by_region: list[list[int]] = [[] for _ in range(REGIONS)]
    for program, city in enumerate(city_of):
        by_region[city // CITIES_PER_REGION].append(program)
    everyone = list(range(programs))
    by_prestige = sorted(everyone, key=lambda p: -popularity[p])  # the most sought-after first

    def ranked(chosen: list[int]) -> list[int]:
        return sorted(chosen, key=lambda p: -(math.log(popularity[p]) + rng.gauss(0, 1.0)))

    def length() -> int:
        return max(1, min(30, round(rng.gauss(12, 4))))

    def interviews(quantile: float, region: int, count: int) -> list[int]:
        """Programs near the applicant's standing (stronger applicants interview at more sought-after
        programs), three times likelier at home."""
        chosen: set[int] = set()
        while len(chosen) < count:
            at = min(programs - 1, max(0, int(rng.gauss(quantile, 0.2) * programs)))
            program = by_prestige[at]
            if city_of[program] // CITIES_PER_REGION == region or rng.random() < 1 / 3:
                chosen.add(program)
        return list(chosen)

    names = [f"A{index:05d}" for index in range(applicants)]
    score = [rng.gauss(0, 1) for _ in range(applicants)]
    standing = sorted(range(applicants), key=lambda a: -score[a])
    quantile = [0.0] * applicants
    for place, applicant in enumerate(standing):
        quantile[applicant] = place / max(1, applicants - 1)
    lists: dict[str, list[int]] = {}
    couple_rows: list[dict[str, object]] = []
    ranked_by: list[list[int]] = [[] for _ in range(programs)]
    in_couples = min(couples, applicants // 2)
    for index in range(in_couples):
        first, second = 2 * index, 2 * index + 1
        region = rng.randrange(REGIONS)
        local = by_region[region] or everyone
        towns = sorted({city_of[p] for p in local})
        chosen_towns = set(rng.sample(towns, min(len(towns), rng.randint(2, 5))))
        pool = [p for p in local if city_of[p] in chosen_towns] or local
        weights = [popularity[p] for p in pool]
        partner_lists = []
        for member in (first, second):
            own = ranked(_weighted_sample(rng, pool, weights, min(len(pool), length())))
            partner_lists.append(own)
            for program in own:
                ranked_by[program].append(member)
        same_city: list[tuple[float, int, int]] = []
        same_region: list[tuple[float, int, int]] = []
        for i, p in enumerate(partner_lists[0]):
            for j, q in enumerate(partner_lists[1]):
                (same_city if city_of[p] == city_of[q] else same_region).append((i + j + rng.random(), p, q))
        pairs: list[list[str | None]] = [[names_p(p), names_p(q)] for _, p, q in sorted(same_city)]
        pairs += [[names_p(p), names_p(q)] for _, p, q in sorted(same_region)[:40]]
        pairs += [[names_p(p), None] for p in partner_lists[0][:3]] + [[None, names_p(q)] for q in partner_lists[1][:3]]
        couple_rows.append({"members": [names[first], names[second]], "ranks": pairs[:150]})
    for applicant in range(2 * in_couples, applicants):
        region = rng.randrange(REGIONS)
        chosen = ranked(interviews(quantile[applicant], region, min(length(), programs)))
        lists[names[applicant]] = chosen
        for program in chosen:
            ranked_by[program].append(applicant)
    program_lists: dict[str, list[str]] = {}
    for program in range(programs):
        kept = [a for a in ranked_by[program] if rng.random() < 0.9]
        kept.sort(key=lambda a: -(score[a] + rng.gauss(0, 0.5)))
        program_lists[names_p(program)] = [names[a] for a in kept]
    return {
        "applicants": {name: [names_p(p) for p in chosen] for name, chosen in lists.items()},
        "programs": program_lists,
        "capacities": {names_p(p): capacity[p] for p in range(programs)},
        "couples": couple_rows,
    }


def names_p(program: int) -> str:
    return f"P{program:04d}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--applicants", type=int, default=45000)
    parser.add_argument("--couples", type=int, default=1100)
    parser.add_argument("--programs", type=int, default=6400)
    parser.add_argument("--positions", type=int, default=41500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("instance.json"))
    args = parser.parse_args()
    instance = generate(args.applicants, args.couples, args.programs, args.positions, args.seed)
    args.out.write_text(json.dumps(instance), encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
