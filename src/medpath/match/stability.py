"""The independent stability checker: is a matching valid, and which pairs block it? Pure.

It shares nothing with the engine but the instance. Definitions (Roth and Peranson 1999; Kojima, Pathak and Roth
2013 for couples):

- A single applicant and a program **block** when the applicant ranks the program above their match (or is
  unmatched and ranks it), and the program ranks the applicant and has a free position or holds someone it ranks
  lower.
- A couple and a pair of programs **block** when the couple ranks the pair above its current pair, and each program
  of the pair either already holds that partner or would take them: from the applicants it holds (a partner who
  would leave it included: the program chooses before anyone leaves) plus the partners the pair sends it, the
  program would keep the partners among its best ``capacity``. When both partners go to one program, it must take
  both.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from medpath.match.instance import UNMATCHED, Instance


@dataclass(frozen=True)
class Blocking:
    """A blocking pair: a single applicant and a program, or a couple and the pair it ranks (positions are 1-based)."""

    applicant: int | None  # a single applicant's id
    couple: int | None  # a couple's index
    position: int  # the rank (1-based) of the blocking program or pair on the applicant's or couple's list
    programs: tuple[int, ...]


def problems(instance: Instance, matching: list[int]) -> list[str]:
    """Why ``matching`` (each applicant's program id or UNMATCHED) is not a valid matching at all."""
    found: list[str] = []
    held = [0] * len(instance.programs)
    for applicant, program in enumerate(matching):
        if program == UNMATCHED:
            continue
        held[program] += 1
        name = instance.applicants[applicant]
        if applicant not in instance.ranks[program]:
            found.append(f"{name} is matched to {instance.programs[program]}, which does not rank them")
        if instance.couple_of[applicant] < 0 and program not in instance.lists[applicant]:
            found.append(f"{name} is matched to {instance.programs[program]}, which they do not rank")
    for index, couple in enumerate(instance.couples):
        pair = (matching[couple.members[0]], matching[couple.members[1]])
        if pair != (UNMATCHED, UNMATCHED) and pair not in couple.pairs:
            found.append(f"couple {index + 1} is matched to a pair it does not rank")
    for program, count in enumerate(held):
        if count > instance.capacities[program]:
            found.append(f"{instance.programs[program]} holds {count} for {instance.capacities[program]} positions")
    return found


def blocking_pairs(instance: Instance, matching: list[int], *, first_only: bool = False) -> list[Blocking]:
    """Every pair that blocks ``matching`` (with ``first_only``, each applicant's or couple's best one only)."""
    held_ranks: list[list[int]] = [[] for _ in instance.programs]
    for applicant, program in enumerate(matching):
        if program != UNMATCHED:
            held_ranks[program].append(instance.ranks[program].get(applicant, len(instance.ranks[program])))
    for ranks in held_ranks:
        ranks.sort()

    def better_held(program: int, rank: int) -> int:
        return bisect_left(held_ranks[program], rank)

    found: list[Blocking] = []
    for applicant, choices in enumerate(instance.lists):
        if instance.couple_of[applicant] >= 0:
            continue
        current = matching[applicant]
        for position, program in enumerate(choices):
            if program == current:
                break
            rank = instance.ranks[program].get(applicant)
            if rank is None:
                continue
            if better_held(program, rank) + 1 <= instance.capacities[program]:
                found.append(Blocking(applicant, None, position + 1, (program,)))
                if first_only:
                    break

    for index, couple in enumerate(instance.couples):
        first, second = couple.members
        now = (matching[first], matching[second])
        for position, pair in enumerate(couple.pairs):
            if pair == now:
                break
            if _couple_would_get(instance, couple.members, pair, now, better_held):
                found.append(Blocking(None, index, position + 1, pair))
                if first_only:
                    break
    return found


def _couple_would_get(
    instance: Instance,
    members: tuple[int, int],
    pair: tuple[int, int],
    now: tuple[int, int],
    better_held: Callable[[int, int], int],
) -> bool:
    """Would each program of ``pair`` take (or keep) its partner(s)?"""
    first, second = pair
    if first != UNMATCHED and first == second:
        return _both_at_one(instance, members, first, now, better_held)
    for member, program, at in ((members[0], first, now[0]), (members[1], second, now[1])):
        if program in (UNMATCHED, at):
            continue  # unmatched, or already there: the program keeps them
        rank = instance.ranks[program].get(member)
        if rank is None or better_held(program, rank) + 1 > instance.capacities[program]:
            return False
    return True


def _both_at_one(
    instance: Instance, members: tuple[int, int], program: int, now: tuple[int, int], better_held: Callable[[int, int], int]
) -> bool:
    """Would ``program`` take both partners (keeping one already there)?"""
    first, second = (instance.ranks[program].get(member) for member in members)
    if first is None or second is None:
        return False
    if now[0] == program and now[1] == program:
        return True
    worst = max(first, second)
    better = better_held(program, worst)
    for rank, at in ((first, now[0]), (second, now[1])):
        if at == program and rank < worst:
            better -= 1  # a partner sent here who is here already is counted once
    return better + 2 <= instance.capacities[program]
