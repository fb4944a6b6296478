"""The matching engine: applicant-proposing deferred acceptance with couples, in the manner of Roth and Peranson
(1999). Pure and deterministic for a seed.

How it decides the points the 1999 paper leaves open (docs/match.md says the same in plain words):

- **Order.** Singles enter first, in an order shuffled by the seed, and are matched by deferred acceptance to the
  end. Couples then enter one at a time, in an order shuffled by the seed; after each, everyone it displaced is
  processed before the next couple enters.
- **Re-entry of the displaced.** A displaced applicant goes on a stack (last in, first out) and proposes from the
  next program on their list; a displaced partner's couple withdraws the other partner (freeing that position) and
  proposes from its next pair.
- **A couple ranking one program for both partners** needs two positions there: the program takes both only if
  both are among its best ``capacity`` of those it holds and the two; it then lets go of its lowest-ranked
  applicants to make room.
- **Instabilities.** A withdrawn partner frees a position that an applicant rejected earlier may now want. When
  the stack is empty the independent checker (``stability``) looks for blocking pairs; each applicant or couple in
  one withdraws and proposes again from its best blocking program or pair. This repeats until nothing blocks, for
  at most ``MAX_ROUNDS`` rounds, and stops early when a matching repeats (a cycle). If the last matching still has
  blocking pairs, the answer says the matching is not stable and lists them: stable matchings with couples need
  not exist.
- **Randomisation** is only the entry order above (``random.Random(seed)``); with singles only the result is the
  applicant-optimal stable matching whatever the seed.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass, field
from heapq import heappop, heappush
from typing import Any

from medpath.match.instance import UNMATCHED, Instance
from medpath.match.stability import Blocking, blocking_pairs

MAX_ROUNDS = 50  # rounds of re-entry for blocking pairs before the engine gives up (and says so)


@dataclass
class Result:
    """The matching (each applicant's program id or UNMATCHED), whether it is stable, and how it was reached."""

    matching: list[int]
    blocking: list[Blocking]
    rounds: int
    proposals: int
    seconds: float
    cycle: bool = False
    stats: dict[str, object] = field(default_factory=dict)

    @property
    def stable(self) -> bool:
        return not self.blocking


class _Engine:
    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.capacity = list(instance.capacities)
        self.ranks = instance.ranks
        self.lists = instance.lists
        self.pairs = [couple.pairs for couple in instance.couples]
        self.members = [couple.members for couple in instance.couples]
        self.couple_of = instance.couple_of
        count = len(instance.applicants)
        self.assigned = [UNMATCHED] * count
        self.ticket = [0] * count  # which heap entry is an applicant's live one
        self.held = [0] * len(instance.programs)
        self.heaps: list[list[tuple[int, int, int]]] = [[] for _ in instance.programs]  # (-rank, ticket, applicant)
        self.next_ticket = 1
        self.position = [0] * count  # a single's next list position
        self.pair_position = [0] * len(instance.couples)  # a couple's next pair
        self.stack: list[int] = []  # applicant ids, and couples as -(index + 1)
        self.proposals = 0

    # --- a program's held applicants ---
    def _hold(self, program: int, applicant: int, rank: int) -> None:
        ticket = self.next_ticket
        self.next_ticket += 1
        self.ticket[applicant] = ticket
        self.assigned[applicant] = program
        self.held[program] += 1
        heappush(self.heaps[program], (-rank, ticket, applicant))

    def _clean(self, program: int) -> list[tuple[int, int, int]]:
        heap = self.heaps[program]
        while heap:
            _, ticket, applicant = heap[0]
            if self.assigned[applicant] == program and self.ticket[applicant] == ticket:
                break
            heappop(heap)
        return heap

    def _worst_rank(self, program: int) -> int:
        return -self._clean(program)[0][0]

    def _let_go(self, program: int) -> int:
        """Release the program's lowest-ranked applicant; their id."""
        _, _, applicant = heappop(self._clean(program))
        self.assigned[applicant] = UNMATCHED
        self.held[program] -= 1
        return applicant

    def _withdraw(self, applicant: int, refill: bool = True) -> int:
        """Take the applicant out of their program (its id, or UNMATCHED), and offer the freed position."""
        program = self.assigned[applicant]
        if program != UNMATCHED:
            self.assigned[applicant] = UNMATCHED  # its heap entry goes stale
            self.held[program] -= 1
            if refill:
                self._refill(program)
        return program

    def _refill(self, program: int) -> None:
        """After a withdrawal or a couple's move, the program may have a free position or hold someone it ranks
        below singles it turned away. Those singles, in the program's order, move up to it while it takes them;
        each keeps their position until the program has taken them."""
        capacity = self.capacity[program]
        for applicant, rank in self.ranks[program].items():  # in the program's order
            full = self.held[program] >= capacity
            if full and rank >= self._worst_rank(program):
                return
            if self.assigned[applicant] == program or self.couple_of[applicant] >= 0:
                continue
            try:
                wanted = self.lists[applicant].index(program)
            except ValueError:
                continue
            if wanted >= self.position[applicant]:
                continue
            if self.assigned[applicant] == UNMATCHED and applicant in self.stack:
                continue  # it will propose here itself
            old = self._withdraw(applicant, refill=False)
            self.position[applicant] = wanted
            if full:
                bumped = self._let_go(program)
                self._hold(program, applicant, rank)
                self._displaced(bumped)
            else:
                self._hold(program, applicant, rank)
            if old != UNMATCHED:
                self._refill(old)

    def _displaced(self, applicant: int) -> None:
        couple = self.couple_of[applicant]
        if couple < 0:
            self.position[applicant] += 1
            self.stack.append(applicant)
        else:
            for member in self.members[couple]:
                self._withdraw(member)
            self.pair_position[couple] += 1
            self.stack.append(-(couple + 1))

    # --- proposals ---
    def _single(self, applicant: int) -> None:
        choices = self.lists[applicant]
        position = self.position[applicant]
        while position < len(choices):
            program = choices[position]
            self.proposals += 1
            rank = self.ranks[program].get(applicant)
            if rank is not None and self.capacity[program] > 0:
                if self.held[program] < self.capacity[program]:
                    self.position[applicant] = position
                    self._hold(program, applicant, rank)
                    return
                if rank < self._worst_rank(program):
                    self.position[applicant] = position
                    bumped = self._let_go(program)
                    self._hold(program, applicant, rank)
                    self._displaced(bumped)
                    return
            position += 1
        self.position[applicant] = position

    def _room_for(self, program: int, ranks: list[int], worst: int | None = None) -> int | None:
        """How many the program must let go to take applicants of these ranks (keeping, when ``worst`` is given, a
        partner already there of that rank or better); None when it would not take them."""
        capacity = self.capacity[program]
        if len(ranks) > capacity:
            return None
        over = self.held[program] + len(ranks) - capacity
        if over <= 0:
            return 0
        worst = max(ranks) if worst is None else max(worst, *ranks)
        heap = self._clean(program)
        if over == 1:
            return 1 if worst < -heap[0][0] else None
        # two to let go: both of the program's two lowest must rank below the newcomers
        popped = [heappop(self._clean(program)) for _ in range(over)]
        fits = all(worst < -entry[0] for entry in popped)
        for entry in popped:
            heappush(self.heaps[program], entry)
        return over if fits else None

    def _couple(self, couple: int) -> None:
        pairs = self.pairs[couple]
        members = self.members[couple]
        position = self.pair_position[couple]
        while position < len(pairs):
            pair = pairs[position]
            self.proposals += 1
            plan: list[tuple[int, list[tuple[int, int]], int]] = []  # (program, [(member, rank)], to let go)
            ok = True
            for program in (pair[0], pair[1]) if pair[0] != pair[1] else (pair[0],):
                if program == UNMATCHED:
                    continue
                sent = [(m, self.ranks[program].get(m)) for m, p in zip(members, pair, strict=True) if p == program]
                if any(rank is None for _, rank in sent):
                    ok = False
                    break
                ranks = [rank for _, rank in sent if rank is not None]
                room = self._room_for(program, ranks)
                if room is None:
                    ok = False
                    break
                plan.append((program, [(m, r) for m, r in sent if r is not None], room))
            if ok:
                self.pair_position[couple] = position
                bumped: list[int] = []
                for program, sent_ranks, room in plan:
                    bumped.extend(self._let_go(program) for _ in range(room))
                    for member, rank in sent_ranks:
                        self._hold(program, member, rank)
                couples_out: set[int] = set()  # both partners of one couple may be let go: it re-enters once
                for applicant in bumped:
                    other = self.couple_of[applicant]
                    if other >= 0:
                        if other in couples_out:
                            continue
                        couples_out.add(other)
                    self._displaced(applicant)
                return
            position += 1
        self.pair_position[couple] = position

    def repair(self, block: Blocking) -> None:
        """Move a blocking single or couple to the program or pair that blocks, if it would still take them; they keep
        what they hold until then, so a move never leaves anyone worse off. The positions left are offered again."""
        if block.applicant is not None:
            applicant = block.applicant
            program = self.lists[applicant][block.position - 1]
            rank = self.ranks[program][applicant]
            room = self._room_for(program, [rank])
            if room is None:
                return
            left = [self._withdraw(applicant, refill=False)]
            bumped = [self._let_go(program) for _ in range(room)]
            self._hold(program, applicant, rank)
            self.position[applicant] = block.position - 1
            self._after_move(left, bumped, {program})
            return
        if block.couple is None:
            return
        couple = block.couple
        members = self.members[couple]
        pair = self.pairs[couple][block.position - 1]
        plan: list[tuple[int, list[tuple[int, int]], int]] = []
        for program in {p for p in pair if p != UNMATCHED}:
            sent = [(m, self.ranks[program].get(m)) for m, p in zip(members, pair, strict=True) if p == program]
            if any(rank is None for _, rank in sent):
                return
            new = [(m, r) for m, r in sent if r is not None and self.assigned[m] != program]
            if not new:
                continue
            kept = [r for m, r in sent if r is not None and self.assigned[m] == program]
            room = self._room_for(program, [r for _, r in new], max(kept) if kept else None)
            if room is None:
                return
            plan.append((program, new, room))
        left = [self._withdraw(m, refill=False) for m, p in zip(members, pair, strict=True) if self.assigned[m] != p]
        let_go: list[int] = []
        for program, new, room in plan:
            let_go.extend(self._let_go(program) for _ in range(room))
            for member, rank in new:
                self._hold(program, member, rank)
        self.pair_position[couple] = block.position - 1
        self._after_move(left, let_go, {program for program, _, _ in plan})

    def _after_move(self, left: list[int], bumped: list[int], moved_to: set[int]) -> None:
        couples_out: set[int] = set()
        for applicant in bumped:
            other = self.couple_of[applicant]
            if other >= 0:
                if other in couples_out:
                    continue
                couples_out.add(other)
            self._displaced(applicant)
        for program in set(left) | moved_to:
            if program != UNMATCHED:
                self._refill(program)
        self.run_stack()

    def run_stack(self) -> None:
        stack = self.stack
        while stack:
            entry = stack.pop()
            if entry >= 0:
                if self.assigned[entry] == UNMATCHED:
                    self._single(entry)
            else:
                couple = -entry - 1
                if all(self.assigned[m] == UNMATCHED for m in self.members[couple]):
                    self._couple(couple)


def solve(instance: Instance, seed: int = 0, max_rounds: int = MAX_ROUNDS) -> Result:
    """Match ``instance``; deterministic for ``seed``."""
    began = time.perf_counter()
    engine = _Engine(instance)
    rng = random.Random(seed)  # noqa: S311  (an order of entry, not a secret)
    singles = [a for a in range(len(instance.applicants)) if instance.couple_of[a] < 0]
    rng.shuffle(singles)
    couples = list(range(len(instance.couples)))
    rng.shuffle(couples)
    engine.stack.extend(reversed(singles))
    engine.run_stack()
    for couple in couples:
        engine.stack.append(-(couple + 1))
        engine.run_stack()

    rounds = 0
    seen: set[int] = set()
    cycle = False
    blocking = blocking_pairs(instance, engine.assigned, first_only=True)
    while blocking and rounds < max_rounds:
        state = hash(tuple(engine.assigned))
        if state in seen:
            cycle = True
            break
        seen.add(state)
        rounds += 1
        for block in blocking:
            engine.repair(block)
        engine.run_stack()
        blocking = blocking_pairs(instance, engine.assigned, first_only=True)
    if blocking:
        blocking = blocking_pairs(instance, engine.assigned)
    result = Result(
        matching=engine.assigned,
        blocking=blocking,
        rounds=rounds,
        proposals=engine.proposals,
        seconds=time.perf_counter() - began,
        cycle=cycle,
    )
    result.stats = statistics(instance, result.matching)
    return result


def statistics(instance: Instance, matching: list[int]) -> dict[str, object]:
    """Matched share, where on their lists people matched, couples matched together, positions filled."""
    count = len(instance.applicants)
    matched = sum(1 for program in matching if program != UNMATCHED)
    by_rank: Counter[int] = Counter()
    for applicant, choices in enumerate(instance.lists):
        if instance.couple_of[applicant] < 0 and matching[applicant] != UNMATCHED:
            by_rank[choices.index(matching[applicant]) + 1] += 1
    by_pair: Counter[int] = Counter()
    together = 0
    for couple in instance.couples:
        pair = (matching[couple.members[0]], matching[couple.members[1]])
        if pair in couple.pairs:
            by_pair[couple.pairs.index(pair) + 1] += 1
        if UNMATCHED not in pair:
            together += 1
    positions = instance.positions
    return {
        "applicants": count,
        "matched": matched,
        "matched_share": round(matched / count, 4) if count else 0.0,
        "positions": positions,
        "positions_filled": matched,
        "filled_share": round(matched / positions, 4) if positions else 0.0,
        "singles_by_rank": {str(rank): by_rank[rank] for rank in sorted(by_rank)},
        "couples": len(instance.couples),
        "couples_by_pair_rank": {str(rank): by_pair[rank] for rank in sorted(by_pair)},
        "couples_both_matched": together,
    }


def answer(instance: Instance, result: Result) -> dict[str, Any]:
    """The JSON answer: the matching by name, stability, blocking pairs, seconds and statistics."""
    names = instance.applicants
    programs = instance.programs
    blocking = [
        {
            "applicant": names[block.applicant] if block.applicant is not None else None,
            "couple": list(names[m] for m in instance.couples[block.couple].members) if block.couple is not None else None,
            "rank": block.position,
            "programs": [programs[p] if p != UNMATCHED else None for p in block.programs],
        }
        for block in result.blocking
    ]
    return {
        "matching": {names[a]: (programs[p] if p != UNMATCHED else None) for a, p in enumerate(result.matching)},
        "stable": result.stable,
        "blocking_pairs": len(result.blocking),
        "blocking": blocking,
        "seconds": round(result.seconds, 4),
        "rounds": result.rounds,
        "cycle": result.cycle,
        "proposals": result.proposals,
        "statistics": result.stats,
    }
