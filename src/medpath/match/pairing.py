"""Two partners' rank lists combined into a couple's paired list, by a policy the couple chooses. Pure.

Each pair is (a program of the first partner or None, a program of the second partner or None); None means that
partner goes unmatched if the other matches there (NRMP's "No Match"). Within each band, pairs are ordered by the
sum of the two ranks (both partners' preferences weigh the same), ties going to the lead partner's preference.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Policy = Literal["same-city", "distance-bands", "first-leads", "second-leads"]
Unmatched = Literal["none", "after-first-band", "end"]
POLICIES: dict[str, str] = {
    "same-city": "Same city first",
    "distance-bands": "Same city, then region, then anywhere",
    "first-leads": "First partner's choices lead",
    "second-leads": "Second partner's choices lead",
}
UNMATCHED: dict[str, str] = {
    "none": "Never",
    "after-first-band": "After the same-city (or first) band",
    "end": "At the end",
}


@dataclass(frozen=True)
class Choice:
    """A ranked program of one partner: its id, rank (1 is the first choice) and where it is."""

    id: int
    rank: int
    city: str = ""
    region: str = ""


def _same(first: str, second: str) -> bool:
    return bool(first.strip()) and first.strip().casefold() == second.strip().casefold()


def paired_list(
    first: list[Choice],
    second: list[Choice],
    *,
    policy: Policy = "same-city",
    unmatched: Unmatched = "end",
    limit: int | None = None,
) -> tuple[list[tuple[int | None, int | None]], int]:
    """(the pairs in order, how many were cut by ``limit``)."""
    first = sorted(first, key=lambda c: c.rank)
    second = sorted(second, key=lambda c: c.rank)
    lead_second = policy == "second-leads"

    def band(a: Choice, b: Choice) -> int:
        if policy == "same-city":
            return 0 if _same(a.city, b.city) else 1
        if policy == "distance-bands":
            return 0 if _same(a.city, b.city) else 1 if _same(a.region, b.region) else 2
        return 0

    def order(a: Choice, b: Choice) -> tuple[int, ...]:
        if policy == "first-leads":
            return (a.rank, b.rank)
        if policy == "second-leads":
            return (b.rank, a.rank)
        return (band(a, b), a.rank + b.rank, b.rank if lead_second else a.rank)

    together = sorted(((a, b) for a in first for b in second), key=lambda pair: order(*pair))
    alone: list[tuple[int | None, int | None]] = []
    singles = [(c.rank, 0, c.id) for c in first] + [(c.rank, 1, c.id) for c in second]
    for _, side, program in sorted(singles, key=lambda item: (item[0], item[1] != (1 if lead_second else 0))):
        alone.append((program, None) if side == 0 else (None, program))
    pairs: list[tuple[int | None, int | None]] = [(a.id, b.id) for a, b in together]
    if unmatched == "end":
        pairs += alone
    elif unmatched == "after-first-band":
        banded = policy in {"same-city", "distance-bands"}
        first_band = sum(1 for a, b in together if order(a, b)[0] == 0) if banded else len(together)
        pairs = pairs[:first_band] + alone + pairs[first_band:]
    if limit is not None and len(pairs) > limit:
        return pairs[:limit], len(pairs) - limit
    return pairs, 0
