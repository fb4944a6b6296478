"""What a closed feedback request may show, decided from its counters alone (no Django).

The rules (docs/skills.md says why):

* Nothing is shown unless at least ``minimum`` answers (never fewer than 3) came in before it closed.
* Results by rater role are shown for a set of roles chosen so that every group a reader can form from what is
  shown -- each shown role, and everyone minus any union of shown roles -- holds no answers or at least 3.
  A role needs 3 answers to be shown; if the answers outside the shown roles would be 1 or 2 (found by
  subtraction from the total), the smallest shown roles are folded back in until they are 0 or at least 3.
  This implies the issue's rule (a shown role's remainder is 0 or at least 3) and also covers two shown roles
  whose sum leaves one rater alone. With a higher threshold, role groups need that many too.
* Per statement the same holds for those who *scored* it (not "cannot assess"): its scores are shown in a group
  only when every group a reader can form holds 0 or at least 3 scores of it; otherwise they are withheld in
  the role groups, and -- when fewer than 3 scored it at all -- everywhere. So "cannot assess" answers cannot
  leave one person's score standing alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

SMALLEST_GROUP = 3
CANNOT_ASSESS = 0  # counters: index 0 is "cannot assess", 1-5 the scale points
Tally = Mapping[str, Mapping[str, Sequence[int]]]  # statement id -> role -> six counters


@dataclass(frozen=True)
class ItemResult:
    """One statement's answers within a group."""

    item_id: str
    counts: tuple[int, ...]  # scale points 1..5 (all 0 when withheld)
    cannot_assess: int
    withheld: bool = False  # too few scored it here (or by subtraction) to show their scores

    @property
    def rated(self) -> int:
        """How many gave a score (not "cannot assess")."""
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        """The mean score, or None when nobody could assess it."""
        if not self.rated:
            return None
        return sum(point * count for point, count in zip(range(1, 6), self.counts, strict=True)) / self.rated


@dataclass(frozen=True)
class GroupResult:
    """The answers of a group of raters (everyone, or one role)."""

    key: str  # "all" or a role
    answers: int
    items: tuple[ItemResult, ...]


def role_answers(tally: Tally) -> dict[str, int]:
    """Answers per role: every answer scores (or cannot assess) every statement, so any statement's counters
    sum to its role's answers."""
    first = next(iter(tally.values()), {})
    return {role: sum(counters) for role, counters in first.items() if sum(counters)}


def shown_roles(per_role: Mapping[str, int], smallest: int = SMALLEST_GROUP) -> list[str]:
    """The roles whose results can be shown without any group of 1 or 2 being found by subtraction."""
    total = sum(per_role.values())
    shown = sorted((role for role, count in per_role.items() if count >= smallest), key=lambda r: (per_role[r], r))
    while shown:
        hidden = total - sum(per_role[role] for role in shown)
        if hidden == 0 or hidden >= smallest:
            break
        shown.pop(0)  # fold the smallest shown role back in with the hidden ones
    return sorted(shown)


def derivable_group_sizes(per_role: Mapping[str, int], shown: Sequence[str]) -> list[int]:
    """The sizes of every group a reader can compute from the total and the shown roles (the check ``release``
    makes before showing anything): each shown role, and the total minus each union of shown roles."""
    total = sum(per_role.values())
    sizes = [per_role[role] for role in shown]
    for size in range(1, len(shown) + 1):
        for chosen in combinations(shown, size):
            sizes.append(total - sum(per_role[role] for role in chosen))
    return sizes


def _scored(tally: Tally, item_id: str) -> dict[str, int]:
    """Per role, how many scored the statement (not "cannot assess")."""
    return {role: sum(counters[1:]) for role, counters in tally.get(item_id, {}).items()}


def _group(
    key: str, tally: Tally, roles: Sequence[str], item_ids: Sequence[str], answers: int, withheld: set[str]
) -> GroupResult:
    items = []
    for item_id in item_ids:
        sums = [0] * 6
        for role in roles:
            for index, count in enumerate(tally.get(item_id, {}).get(role, (0,) * 6)):
                sums[index] += count
        if item_id in withheld:
            items.append(ItemResult(item_id, (0,) * 5, sums[CANNOT_ASSESS], withheld=True))
        else:
            items.append(ItemResult(item_id, tuple(sums[1:]), sums[CANNOT_ASSESS]))
    return GroupResult(key, answers, tuple(items))


@dataclass(frozen=True)
class Release:
    """What a closed request shows: nothing (``released`` False) or the overall group and the safe role groups."""

    released: bool
    answers: int
    overall: GroupResult | None
    by_role: tuple[GroupResult, ...]


def release(tally: Tally, item_ids: Sequence[str], minimum: int) -> Release:
    """The results of a closed request, within the rules above."""
    minimum = max(minimum, SMALLEST_GROUP)
    per_role = role_answers({item_ids[0]: tally.get(item_ids[0], {})}) if item_ids else {}
    answers = sum(per_role.values())
    if answers < minimum:
        return Release(False, answers, None, ())
    smallest = minimum  # role groups need as many answers as the whole request does
    overall_withheld = {item_id for item_id in item_ids if 0 < sum(_scored(tally, item_id).values()) < smallest}
    overall = _group("all", tally, sorted(per_role), item_ids, answers, overall_withheld)
    shown = shown_roles(per_role, smallest)
    if len(shown) == 1 and per_role[shown[0]] == answers:
        shown = []  # one role gave every answer: its breakdown would repeat the overall results
    sizes = derivable_group_sizes(per_role, shown)
    if any(0 < size < smallest for size in sizes):  # cannot happen by construction; never show if it did
        shown = []
    role_withheld = set(overall_withheld)
    for item_id in item_ids:
        scored = _scored(tally, item_id)
        if any(0 < size < smallest for size in derivable_group_sizes(scored, shown)):
            role_withheld.add(item_id)
    by_role = tuple(_group(role, tally, [role], item_ids, per_role[role], role_withheld) for role in shown)
    return Release(True, answers, overall, by_role)


def insert_at_random(kept: list[str], text: str, below: Callable[[int], int]) -> None:
    """Put ``text`` at a uniformly chosen place in ``kept`` (``below(n)`` gives 0..n-1, e.g. ``secrets.randbelow``).
    Inserting each new comment so makes the stored order a uniformly random permutation of the answers' order,
    so the order in which comments are kept tells nothing about who answered first."""
    kept.insert(below(len(kept) + 1), text)
