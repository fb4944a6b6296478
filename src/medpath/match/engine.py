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

MAX_ROUNDS = 50  # rounds of re-entry for blocking pairs in one entry order
ORDERS = 5  # entry orders tried (with couples) before the engine says it found no stable matching
STALL_ROUNDS = 5  # an entry order is given up after this many rounds without fewer blocking pairs
RETRY_WHEN_AT_MOST = 10  # other entry orders are tried only when the first left this many blocking pairs or fewer


@dataclass
class Result:
    """The matching (each applicant's program id or UNMATCHED), whether it is stable, and how it was reached."""

    matching: list[int]
    blocking: list[Blocking]
    rounds: int
    proposals: int
    seconds: float
    cycle: bool = False
    orders: int = 1  # entry orders tried in all
    stats: dict[str, object] = field(default_factory=dict)

    @property
    def stable(self) -> bool:
        return not self.blocking


class _Engine:
    """One run of the algorithm over an instance, in one entry order."""

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
        # The singles each program turned away or let go, best first: the only ones a freed position can go to.
        self.turned: list[list[tuple[int, int]]] = [[] for _ in instance.programs]  # (rank, applicant)
        self.next_ticket = 1
        self.position = [0] * count  # a single's next list position
        self.pair_position = [0] * len(instance.couples)  # a couple's next pair
        self.stack: list[int] = []  # applicant ids, and couples as -(index + 1)
        self.on_stack = [False] * count  # singles waiting on the stack
        self.freed: list[int] = []  # programs with a position freed by a withdrawal, to offer again
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
        rank, _, applicant = heappop(self._clean(program))
        self.assigned[applicant] = UNMATCHED
        self.held[program] -= 1
        if self.couple_of[applicant] < 0:
            heappush(self.turned[program], (-rank, applicant))
        return applicant

    def _withdraw(self, applicant: int, refill: bool = True) -> int:
        """Take the applicant out of their program (its id, or UNMATCHED); the freed position is offered again
        (``_refill``) once the current step is done."""
        program = self.assigned[applicant]
        if program != UNMATCHED:
            self.assigned[applicant] = UNMATCHED  # its heap entry goes stale
            self.held[program] -= 1
            if refill:
                self.freed.append(program)
        return program

    def _push(self, applicant: int) -> None:
        if not self.on_stack[applicant]:
            self.on_stack[applicant] = True
            self.stack.append(applicant)

    def _refill(self, program: int) -> None:
        """The program may have a free position, or hold someone it ranks below singles it turned away (after a
        couple's move). Those singles, best first, move up to it while it takes them and they still want it; each
        keeps their position until the program has taken them. Positions they leave are offered in turn (through
        ``freed``, never by recursion)."""
        turned = self.turned[program]
        capacity = self.capacity[program]
        while turned:
            full = self.held[program] >= capacity
            rank, applicant = turned[0]
            if full and rank >= self._worst_rank(program):
                return
            heappop(turned)
            if self.assigned[applicant] == program:
                continue
            wanted = self.lists[applicant].index(program)
            if wanted >= self.position[applicant]:
                continue  # placed as well or better now, or about to propose here itself
            if self.on_stack[applicant]:
                self.position[applicant] = wanted  # waiting already: it proposes from here
                continue
            self._withdraw(applicant)
            self.position[applicant] = wanted
            if full:
                bumped = self._let_go(program)
                self._hold(program, applicant, rank)
                self._displaced(bumped)
            else:
                self._hold(program, applicant, rank)

    def _displaced(self, applicant: int) -> None:
        couple = self.couple_of[applicant]
        if couple < 0:
            self.position[applicant] += 1
            self._push(applicant)
        else:
            for member in self.members[couple]:
                self._withdraw(member)
            self.pair_position[couple] += 1
            self.stack.append(-(couple + 1))

    def _after_bumps(self, bumped: list[int]) -> None:
        couples_out: set[int] = set()  # both partners of one couple may be let go: it re-enters once
        for applicant in bumped:
            other = self.couple_of[applicant]
            if other >= 0:
                if other in couples_out:
                    continue
                couples_out.add(other)
            self._displaced(applicant)

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
                heappush(self.turned[program], (rank, applicant))
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
        popped = [heappop(self._clean(program)) for _ in range(over)]
        fits = all(worst < -entry[0] for entry in popped)
        for entry in popped:
            heappush(self.heaps[program], entry)
        return over if fits else None

    def _place(self, couple: int, pair: tuple[int, int], *, staying: bool) -> bool:
        """Place the couple at ``pair`` if each program takes its partner(s), letting go whom they must. With
        ``staying``, partners still hold their places while the programs choose (the checker's rule); a partner
        already at a program of the pair stays there."""
        members = self.members[couple]
        plan: list[tuple[int, list[tuple[int, int]]]] = []  # (program, [(member, rank)] arriving)
        for program in {p for p in pair if p != UNMATCHED}:
            sent = [(m, self.ranks[program].get(m)) for m, p in zip(members, pair, strict=True) if p == program]
            if any(rank is None for _, rank in sent):
                return False
            arriving = [(m, r) for m, r in sent if r is not None and self.assigned[m] != program]
            if not arriving:
                continue
            kept = [r for m, r in sent if r is not None and self.assigned[m] == program]
            if self._room_for(program, [r for _, r in arriving], max(kept) if kept else None) is None:
                return False
            plan.append((program, arriving))
        left = [self._withdraw(m, refill=False) for m, p in zip(members, pair, strict=True) if self.assigned[m] != p]
        bumped: list[int] = []
        for program, arriving in plan:
            # after the partners left, fewer may have to go than the choice above counted; never more
            over = self.held[program] + len(arriving) - self.capacity[program]
            bumped.extend(self._let_go(program) for _ in range(max(0, over)))
            for member, rank in arriving:
                self._hold(program, member, rank)
        self._after_bumps(bumped)
        if staying:
            self.freed.extend(p for p in left if p != UNMATCHED)
            self.freed.extend(program for program, _ in plan)
        return True

    def _couple(self, couple: int) -> None:
        pairs = self.pairs[couple]
        position = self.pair_position[couple]
        while position < len(pairs):
            self.proposals += 1
            if self._place(couple, pairs[position], staying=False):
                self.pair_position[couple] = position
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
            self._withdraw(applicant)
            bumped = [self._let_go(program) for _ in range(room)]
            self._hold(program, applicant, rank)
            self.position[applicant] = block.position - 1
            self._after_bumps(bumped)
        elif block.couple is not None and self._place(block.couple, self.pairs[block.couple][block.position - 1], staying=True):
            self.pair_position[block.couple] = block.position - 1
        self.run_stack()

    def run_stack(self) -> None:
        stack = self.stack
        while stack or self.freed:
            if self.freed:
                self._refill(self.freed.pop())
                continue
            entry = stack.pop()
            if entry >= 0:
                self.on_stack[entry] = False
                if self.assigned[entry] == UNMATCHED:
                    self._single(entry)
            else:
                couple = -entry - 1
                if all(self.assigned[m] == UNMATCHED for m in self.members[couple]):
                    self._couple(couple)


def _run(instance: Instance, rng: random.Random, max_rounds: int) -> Result:
    """One run in the entry order ``rng`` gives."""
    began = time.perf_counter()
    engine = _Engine(instance)
    singles = [a for a in range(len(instance.applicants)) if instance.couple_of[a] < 0]
    rng.shuffle(singles)
    couples = list(range(len(instance.couples)))
    rng.shuffle(couples)
    for applicant in reversed(singles):
        engine._push(applicant)
    engine.run_stack()
    for couple in couples:
        engine.stack.append(-(couple + 1))
        engine.run_stack()

    rounds = stalled = 0
    seen: set[int] = set()
    cycle = False
    blocking = blocking_pairs(instance, engine.assigned, first_only=True)
    fewest = len(blocking)
    while blocking and rounds < max_rounds and stalled < STALL_ROUNDS:
        state = hash(tuple(engine.assigned))
        if state in seen:
            cycle = True
            break
        seen.add(state)
        rounds += 1
        for block in blocking:
            engine.repair(block)
        blocking = blocking_pairs(instance, engine.assigned, first_only=True)
        stalled = 0 if len(blocking) < fewest else stalled + 1
        fewest = min(fewest, len(blocking))
    if blocking:
        blocking = blocking_pairs(instance, engine.assigned)
    return Result(
        matching=engine.assigned,
        blocking=blocking,
        rounds=rounds,
        proposals=engine.proposals,
        seconds=time.perf_counter() - began,
        cycle=cycle,
    )


def solve(instance: Instance, seed: int = 0, max_rounds: int = MAX_ROUNDS, orders: int = ORDERS) -> Result:
    """Match ``instance``; deterministic for ``seed``. When the first entry order ends with a few blocking pairs
    (at most ``RETRY_WHEN_AT_MOST``), up to ``orders`` orders in all are tried (each from the seed) and the first
    stable result is kept, else the one with the fewest blocking pairs. (With many blocking pairs, other orders
    were not seen to help and would only multiply the time.)"""
    began = time.perf_counter()
    best: Result | None = None
    proposals = tried = 0
    for attempt in range(orders if instance.couples else 1):
        rng = random.Random(seed if attempt == 0 else f"{seed}:{attempt}")  # noqa: S311  (an order, not a secret)
        result = _run(instance, rng, max_rounds)
        proposals += result.proposals
        tried += 1
        if best is None or len(result.blocking) < len(best.blocking):
            best = result
        if result.stable or len(best.blocking) > RETRY_WHEN_AT_MOST:
            break
    assert best is not None
    best.proposals, best.orders = proposals, tried
    best.seconds = time.perf_counter() - began
    best.stats = statistics(instance, best.matching)
    return best


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
        "orders": result.orders,
        "proposals": result.proposals,
        "statistics": result.stats,
    }
