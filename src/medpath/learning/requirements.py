"""The renewal-requirements engine: is a credential's renewal rule set met, and why. Pure: no Django, no I/O.

A requirement set has a cycle, a unit (contact hours, AMA PRA Category 1 credits,
MOC points …), conversions and multipliers into that unit, and rules:

- ``total``: credits needed per cycle;
- ``minimum``: credits of a category or topic, inside the total or on top of it;
- ``cap``: at most this much of some credits counts (per cycle, or per calendar year);
- ``completion``: something done rather than credited (an exam, a self-assessment).

Rules can apply only to some holders (prescribers, APRNs, direct patient care),
follow their own cadence (every cycle, one time, every Nth renewal, the first N
renewals) and look back over their own window (a 2-year rule inside a 10-year one).

Counting (docs/learning.md, "How credits are counted"):

- **One course counts once.** An activity's awards (50 AMA PRA Category 1 credits and
  50 AAPA Category 1 CME; 2.0 contact hours and 0.2 CEU) are alternative measures of
  the same learning. Within one set an activity counts as one piece: the amount of one
  award the set accepts, after conversion; it serves every rule that any of its
  accepted awards serves. When its accepted awards disagree (3 credits and 2 contact
  hours), the smaller counts and the evaluation says so. Dual credit across
  *different* sets (a licence and a board certification) is untouched: each set
  counts the activity once.
- Every credit unit counts toward the total and toward at most one minimum (unless a
  minimum ``overlaps``); caps bound what counts.
- **The allocation is optimal and order-free.** Among all allocations the engine
  takes one with the least summed shortfall (what the minimums and the total still
  miss, added up), so an allocation that meets every rule is found whenever one
  exists and adding an activity never raises the shortfall. It is a min-cost flow
  (successive shortest paths) on a small network: awards are grouped by what they are
  eligible for, so the network stays a dozen nodes whatever the number of
  activities. Activities are put in a canonical order first, so the verdict, every
  rule's figures and the allocation shown do not depend on the order they came in.
"""

from __future__ import annotations

import calendar
import math
import operator
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Literal

from medpath.wording import ordinal

Status = Literal["met", "on-track", "at-risk", "unmet", "lapsed", "exempt"]
STATUS_ORDER: dict[str, int] = {"met": 4, "on-track": 3, "at-risk": 2, "unmet": 1}
SCALE = 100  # amounts are counted in hundredths of a unit, so flows are exact integers
# A planning setting, not a rule: a one-off requirement (a renewal course, an exam) counts as
# on track until this many days before its deadline.
COMPLETION_LEAD_DAYS = 90


class RequirementError(ValueError):
    """A rule set or an evaluation request that cannot be evaluated; the message says why."""


@dataclass(frozen=True)
class CreditAward:
    """One kind of credit an activity awards (2.0 ANCC contact hours; 0.2 CEU)."""

    credit_type: str
    amount: float


@dataclass(frozen=True)
class Activity:
    """A learning activity with its completion date, credit awards and topics."""

    id: str
    title: str
    completed_on: date
    awards: tuple[CreditAward, ...] = ()
    topics: frozenset[str] = frozenset()
    format: str = ""


@dataclass(frozen=True)
class Filter:
    """Which credits a rule looks at; an empty set means 'any'."""

    credit_types: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    formats: frozenset[str] = frozenset()
    exclude_formats: frozenset[str] = frozenset()

    def matches(self, activity: Activity, credit_type: str) -> bool:
        """Whether this award of this activity is one the rule looks at."""
        if not (self.credit_types or self.topics or self.formats or self.exclude_formats):
            return True
        if self.credit_types and credit_type not in self.credit_types:
            return False
        if self.topics and not (self.topics & activity.topics):
            return False
        if self.formats and activity.format not in self.formats:
            return False
        return not (self.exclude_formats and activity.format in self.exclude_formats)


@dataclass(frozen=True)
class Rule:
    """One requirement of a set."""

    id: str
    label: str
    kind: Literal["total", "minimum", "cap", "completion"]
    amount: float
    filter: Filter = Filter()
    counts_toward_total: bool = True
    cadence: Literal["every_cycle", "one_time", "every_nth_renewal", "first_n_renewals"] = "every_cycle"
    cadence_n: int = 0
    applies_if: Mapping[str, bool] = field(default_factory=dict)
    exempt_if: Mapping[str, bool] = field(default_factory=dict)
    window_months: int | None = None
    per_year: bool = False
    overlaps: bool = False  # a minimum that may count credit another minimum also counts (a credit category vs a topic)


@dataclass(frozen=True)
class Conversion:
    """Credits of one type counted as another: 1 CEU = 10 contact hours."""

    from_type: str
    to_type: str
    factor: float


@dataclass(frozen=True)
class Multiplier:
    """Some credits count more (self-assessment +50%), optionally only the first ``limit`` of them per cycle."""

    factor: float
    filter: Filter
    limit: float | None = None


@dataclass(frozen=True)
class RequirementSet:
    """The renewal rules of one licence or certification."""

    id: str
    name: str
    unit: str
    cycle_months: int
    rules: tuple[Rule, ...]
    accepted_types: frozenset[str] = frozenset()
    conversions: tuple[Conversion, ...] = ()
    multipliers: tuple[Multiplier, ...] = ()
    rounding_step: float = 0.0
    grace_days: int = 0
    end_of_month: bool = False
    exempt_if: Mapping[str, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class Cycle:
    """One renewal cycle of a credential: its dates and which renewal it ends in."""

    start: date
    end: date
    renewal_number: int = 1


@dataclass(frozen=True)
class RuleResult:
    """A rule's verdict with its reasons."""

    id: str
    label: str
    kind: str
    applies: bool
    required: float
    counted: float
    missing: float
    met: bool
    on_pace: bool
    allocation: tuple[tuple[str, float], ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Evaluation:
    """The status of one credential's renewal, explained rule by rule."""

    set_id: str
    status: Status
    deadline: date
    days_left: int
    elapsed_share: float
    rules: tuple[RuleResult, ...]
    used_flow: bool
    notes: tuple[str, ...] = ()

    def rule(self, rule_id: str) -> RuleResult:
        """The result of one rule."""
        return next(result for result in self.rules if result.id == rule_id)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the month's end."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def deadline_of(rule_set: RequirementSet, cycle: Cycle) -> date:
    """The cycle's last day, moved to the end of its month where the set says so."""
    if rule_set.end_of_month:
        return date(cycle.end.year, cycle.end.month, calendar.monthrange(cycle.end.year, cycle.end.month)[1])
    return cycle.end


def _holds(conditions: Mapping[str, bool], facts: Mapping[str, bool]) -> bool:
    return all(facts.get(name, False) == wanted for name, wanted in conditions.items())


def _applies(rule: Rule, cycle: Cycle, facts: Mapping[str, bool]) -> tuple[bool, str]:
    if rule.applies_if and not _holds(rule.applies_if, facts):
        return False, "does not apply to you"
    if rule.exempt_if and _holds(rule.exempt_if, facts):
        return False, "you are exempt"
    if rule.cadence == "every_nth_renewal" and cycle.renewal_number % max(rule.cadence_n, 1) != 0:
        return False, f"due every {ordinal(rule.cadence_n)} renewal, not this one"
    if rule.cadence == "first_n_renewals" and cycle.renewal_number > rule.cadence_n:
        return False, "only for the first " + ("renewal" if rule.cadence_n == 1 else f"{rule.cadence_n} renewals")
    return True, ""


@dataclass
class _Piece:
    activity: Activity
    credit_types: frozenset[str]  # the set's types its accepted awards count as (after conversion)
    amount: int  # hundredths of the set's unit: one award's worth, never the sum of several
    pool: int | None = None  # the bonus of a multiplier with a limit (its index): shared, so the engine places it

    def serves(self, rule: Rule, start: date) -> bool:
        """Whether any accepted award of the activity is one ``rule`` looks at, inside the rule's window."""
        if self.activity.completed_on < start:
            return False
        matches = rule.filter.matches
        for credit_type in self.credit_types:  # noqa: SIM110 (a loop, not any(): it runs for every piece and rule)
            if matches(self.activity, credit_type):
                return True
        return False


def _content_key(activity: Activity) -> tuple[object, ...]:
    return (
        tuple(sorted(activity.topics)),
        tuple(sorted((award.credit_type, award.amount) for award in activity.awards)),
        activity.id,
    )


_SORT_KEY = operator.attrgetter("completed_on", "title", "format")


def canonical_order(activities: Sequence[Activity]) -> list[Activity]:
    """Activities in an order that depends only on what they are: date, title and format, then (for the
    rare ties) topics, awards and id."""
    ordered = sorted(activities, key=_SORT_KEY)
    if len({_SORT_KEY(activity) for activity in ordered}) == len(ordered):
        return ordered  # no ties: the usual case
    start = 0
    for index in range(1, len(ordered) + 1):
        if index == len(ordered) or (ordered[index].completed_on, ordered[index].title, ordered[index].format) != (
            ordered[start].completed_on,
            ordered[start].title,
            ordered[start].format,
        ):
            if index - start > 1:
                ordered[start:index] = sorted(ordered[start:index], key=_content_key)
            start = index
    return ordered


def _pieces(rule_set: RequirementSet, activities: Sequence[Activity], first: date, last: date) -> tuple[list[_Piece], list[str]]:
    """One piece per activity in [first, last] that the set accepts: one award's credit in the set's unit,
    multiplied and rounded; and a note for each activity whose accepted awards disagree.

    A multiplier with a limit ("the first 20 PI-CME credits count double") does not go to whichever
    activities come first: each matching activity gets a bonus piece, and the allocation places at most
    the limit's worth of bonus where it helps most (a shared pool, like a cap), so adding an activity
    never takes a bonus away from a rule it was meeting."""
    conversions: dict[str, tuple[str, float]] = {}
    accepted = rule_set.accepted_types or frozenset({rule_set.unit})
    for conversion in rule_set.conversions:
        if conversion.to_type in accepted and conversion.from_type not in conversions:
            conversions[conversion.from_type] = (conversion.to_type, conversion.factor)
    step = round(rule_set.rounding_step * SCALE)
    multipliers = rule_set.multipliers
    pieces, notes = [], []
    for activity in activities:  # canonical order: "the first N credits" of a multiplier are well defined
        if not first <= activity.completed_on <= last:
            continue
        measures: list[tuple[float, str]] = []
        for award in activity.awards:
            if award.credit_type in accepted:
                measures.append((award.amount, award.credit_type))
            elif award.credit_type in conversions:
                to_type, factor = conversions[award.credit_type]
                measures.append((award.amount * factor, to_type))
        if not measures:
            continue
        if len(measures) == 1:  # the usual case
            amount, credit_type = measures[0]
            types = frozenset((credit_type,))
        else:
            amount, credit_type = min(measures)  # the awards measure one learning: the smaller is the safe count
            types = frozenset(t for _, t in measures)
            if len({round(value * SCALE) for value, _ in measures}) > 1:
                notes.append(
                    f"“{activity.title}”: its awards give different amounts in {rule_set.unit.replace('_', ' ')} "
                    f"({', '.join(f'{value:g}' for value, _ in sorted(set(measures)))}); the smallest counts, once."
                )
        bonuses: list[tuple[int, float]] = []
        for index, multiplier in enumerate(multipliers):
            if any(multiplier.filter.matches(activity, accepted_type) for accepted_type in types):  # as rules see it
                if multiplier.limit is None:
                    amount *= multiplier.factor
                else:
                    bonuses.append((index, min(amount, multiplier.limit) * (multiplier.factor - 1)))
        scaled = round(amount * SCALE)
        if step:
            scaled -= scaled % step
        if scaled > 0:
            pieces.append(_Piece(activity, types, scaled))
        for pool, bonus in bonuses:
            scaled = round(bonus * SCALE)
            if step:
                scaled -= scaled % step
            if scaled > 0:
                pieces.append(_Piece(activity, types, scaled, pool))
    return pieces, notes


def _pools(rule_set: RequirementSet) -> dict[str, int]:
    """The most bonus each multiplier with a limit can add, in hundredths, by pool name."""
    return {
        f"pool{index}": round(multiplier.limit * (multiplier.factor - 1) * SCALE)
        for index, multiplier in enumerate(rule_set.multipliers)
        if multiplier.limit is not None
    }


def _group(piece: _Piece, caps: list[Rule], starts: Mapping[str, date]) -> tuple[str, int | None] | None:
    """The cap group a piece falls in: a rule's cap, its multiplier's bonus pool, or none."""
    if piece.pool is not None:
        return (f"pool{piece.pool}", None)
    cap = next((c for c in caps if piece.serves(c, starts[c.id])), None)
    return None if cap is None else (cap.id, piece.activity.completed_on.year if cap.per_year else None)


def _uncounted(piece: _Piece, caps: list[Rule], starts: Mapping[str, date]) -> bool:
    """A bonus that a cap also limits is not counted: a piece has one group, and leaving it out only counts less."""
    return piece.pool is not None and any(piece.serves(c, starts[c.id]) for c in caps)


# What a group of pieces may serve: (cap group, eligible minimums, counts toward the total).
_ClassKey = tuple[tuple[str, int | None] | None, tuple[str, ...], bool]


@dataclass
class _Allocation:
    counted: dict[str, int]  # per minimum rule, and "general" (toward the total only)
    shares: dict[str, list[tuple[str, int]]]  # rule id -> (activity id, hundredths)
    used_flow: bool
    toward_total: int = 0  # general credit plus credit in minimums inside the total that the total itself accepts
    total_shares: list[tuple[str, int]] = field(default_factory=list)


INFINITE = 10**15
MAX_SEARCHED_SPLITS = 2


class _Network:
    """A small flow network for min-cost flow by successive shortest paths (Bellman-Ford, so negative costs
    are fine). Edges are kept in insertion order, which the caller makes canonical: same input, same flow."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.edges: list[list[int]] = []  # [head, capacity left, cost, reverse edge]
        self.out: list[list[int]] = []

    def node(self, name: str) -> int:
        if name not in self.index:
            self.index[name] = len(self.out)
            self.out.append([])
        return self.index[name]

    def edge(self, tail: str, head: str, capacity: int, cost: int = 0) -> int:
        """Add an edge; returns its id (its flow is the capacity its reverse edge has gained)."""
        a, b = self.node(tail), self.node(head)
        self.edges.append([b, capacity, cost, len(self.edges) + 1])
        self.out[a].append(len(self.edges) - 1)
        self.edges.append([a, 0, -cost, len(self.edges) - 1])
        self.out[b].append(len(self.edges) - 1)
        return len(self.edges) - 2

    def flow(self, edge_id: int) -> int:
        return self.edges[self.edges[edge_id][3]][1]

    def cost(self) -> int:
        """The cost of the flow so far (forward edges only: a reverse edge's flow is its twin's)."""
        return sum(self.edges[i][2] * self.flow(i) for i in range(0, len(self.edges), 2))

    def augment(self, source: str, sink: str, *, up_to_cost: int) -> None:
        """Push flow along cheapest paths while a path costs at most ``up_to_cost`` per unit."""
        s, t = self.index[source], self.index[sink]
        while True:
            distance = [INFINITE] * len(self.out)
            via = [-1] * len(self.out)
            distance[s] = 0
            queue, queued = [s], [False] * len(self.out)
            queued[s] = True
            while queue:
                node = queue.pop(0)
                queued[node] = False
                for edge_id in self.out[node]:
                    head, capacity, cost, _ = self.edges[edge_id]
                    if capacity > 0 and distance[node] + cost < distance[head]:
                        distance[head] = distance[node] + cost
                        via[head] = edge_id
                        if not queued[head]:
                            queued[head] = True
                            queue.append(head)
            if distance[t] > up_to_cost:
                return
            push, node = INFINITE, t
            while node != s:
                edge_id = via[node]
                push = min(push, self.edges[edge_id][1])
                node = self.edges[self.edges[edge_id][3]][0]
            node = t
            while node != s:
                edge_id = via[node]
                self.edges[edge_id][1] -= push
                self.edges[self.edges[edge_id][3]][1] += push
                node = self.edges[self.edges[edge_id][3]][0]


def _allocate(
    minimums: list[Rule],
    total: Rule | None,
    caps: list[Rule],
    pieces: list[_Piece],
    starts: Mapping[str, date],
    pools: Mapping[str, int],
) -> _Allocation:
    """Assign credit to the minimums and the total, within the caps, with the least summed shortfall.

    The shortfall is what each minimum misses plus what the total misses; credit in a minimum inside
    the total counts toward the total too when the total itself accepts it (not credit from before the
    total's window, which a longer-window minimum may still count). Then every other countable credit
    is added to the total, so an audit sees all of it. In the plain case (no caps or bonus pools, no
    credit eligible for two minimums) filling each minimum first with credit that cannot count toward
    the total, then the total, is already optimal.
    """
    need = {rule.id: round(rule.amount * SCALE) for rule in minimums}
    classes: dict[_ClassKey, list[_Piece]] = defaultdict(list)
    for piece in pieces:
        key = _classify(piece, minimums, total, caps, starts)
        if key is not None:
            classes[key].append(piece)
    amounts = {key: sum(p.amount for p in members) for key, members in classes.items()}
    simple = not caps and not pools and all(len(key[1]) <= 1 for key in classes)
    flows: dict[_ClassKey, dict[str, int]] = {key: {} for key in classes}
    if simple:
        left = dict(need)
        remaining = dict(amounts)
        for key in sorted(amounts, key=lambda k: k[2]):  # credit that cannot count toward the total first
            if key[1]:
                give = min(remaining[key], left[key[1][0]])
                if give:
                    flows[key][key[1][0]] = give
                    left[key[1][0]] -= give
                    remaining[key] -= give
        for key, amount in remaining.items():
            if key[2] and amount:
                flows[key]["general"] = amount
    else:
        limits = {**{cap.id: round(cap.amount * SCALE) for cap in caps}, **pools}
        flows = _optimal_flows(minimums, total, limits, amounts)
    inside = {rule.id for rule in minimums if rule.counts_toward_total}
    allocation = _Allocation(counted=defaultdict(int), shares=defaultdict(list), used_flow=not simple)
    for key, targets in flows.items():
        members = iter(classes[key])
        current: _Piece | None = None
        left_in_piece = 0
        for target, value in targets.items():
            allocation.counted[target] += value
            toward_total = target == "general" or (target in inside and key[2])
            allocation.toward_total += value if toward_total else 0
            while value:
                if not left_in_piece:
                    current = next(members)
                    left_in_piece = current.amount
                assert current is not None
                give = min(value, left_in_piece)
                allocation.shares[target].append((current.activity.id, give))
                if toward_total:
                    allocation.total_shares.append((current.activity.id, give))
                value -= give
                left_in_piece -= give
    return allocation


def _classify(
    piece: _Piece, minimums: list[Rule], total: Rule | None, caps: list[Rule], starts: Mapping[str, date]
) -> _ClassKey | None:
    """What a piece may serve: its cap group, the minimums it is eligible for, whether it counts toward the total
    (None when it serves nothing, or is a bonus a cap also limits)."""
    cap = next((c for c in caps if piece.serves(c, starts[c.id])), None) if caps else None
    if piece.pool is not None:
        if cap is not None:
            return None  # see _uncounted
        group: tuple[str, int | None] | None = (f"pool{piece.pool}", None)
    else:
        group = None if cap is None else (cap.id, piece.activity.completed_on.year if cap.per_year else None)
    eligible = tuple(rule.id for rule in minimums if piece.serves(rule, starts[rule.id]))
    to_total = total is not None and piece.serves(total, starts[total.id])
    return (group, eligible, to_total) if eligible or to_total else None


def _optimal_flows(
    minimums: list[Rule], total: Rule | None, limits: Mapping[str, int], amounts: Mapping[_ClassKey, int]
) -> dict[_ClassKey, dict[str, int]]:
    """The allocation with the least summed shortfall (see ``_solve``).

    A minimum inside the total may also count credit the total does not accept (from before the total's
    window): its requirement is then split between credit that counts toward the total and credit that
    does not, and the split that gives the most is searched for. The best value is concave in each split
    (a linear program's value in its right-hand side), so a ternary search over each finds it exactly.
    """
    mixed = [
        rule.id
        for rule in minimums
        if total is not None and rule.counts_toward_total and any(rule.id in key[1] and not key[2] for key in amounts)
    ]
    need = {rule.id: round(rule.amount * SCALE) for rule in minimums}
    # The search is exact for up to two such minimums (a rule set of one's own could hold more, and each more
    # multiplies the work): any further one counts only credit the total accepts, which can only count less.
    searched, limited = mixed[:MAX_SEARCHED_SPLITS], {rule_id: 0 for rule_id in mixed[MAX_SEARCHED_SPLITS:]}

    def best(split: dict[str, int], rest: list[str]) -> tuple[int, dict[_ClassKey, dict[str, int]]]:
        if not rest:
            return _solve(minimums, total, limits, amounts, split)
        rule_id, later = rest[0], rest[1:]
        low, high = 0, need[rule_id]
        tried: dict[int, tuple[int, dict[_ClassKey, dict[str, int]]]] = {}

        def value(share: int) -> int:
            if share not in tried:
                tried[share] = best({**split, rule_id: share}, later)
            return tried[share][0]

        while high - low > 2:
            one, two = low + (high - low) // 3, high - (high - low) // 3
            if value(one) < value(two):  # costs: lower is better
                high = two
            elif value(one) > value(two):
                low = one
            else:
                low, high = one, two
        chosen = min(range(low, high + 1), key=lambda share: (value(share), share))
        return tried[chosen]

    return best(limited, searched)[1]


def _solve(
    minimums: list[Rule],
    total: Rule | None,
    limits: Mapping[str, int],
    amounts: Mapping[_ClassKey, int],
    split: Mapping[str, int],
) -> tuple[int, dict[_ClassKey, dict[str, int]]]:
    """Min-cost flow: a unit that fills a minimum earns 1, one that fills the total earns 1 (a unit in a
    minimum inside the total earns both, when the total accepts it); the cheapest flow is the least summed
    shortfall. ``split`` gives, for a minimum inside the total, how much of it credit the total does not
    accept may fill. Returns the cost and the flows.

    Among allocations with that least shortfall, the one that fills the minimums most is taken (a
    minimum's unit earns ``weight + 1``, the total's ``weight``, with ``weight`` larger than the number of
    minimums, the most minimum credit one unit of flow can trade), as minimums are the harder rules.
    """
    weight = len(minimums) + 1
    network = _Network()
    network.node("source")
    names = {key: f"class{index}" for index, key in enumerate(amounts)}
    for key, amount in amounts.items():
        group = key[0]
        if group is None:
            network.edge("source", names[key], amount)
        else:
            if f"cap:{group}" not in network.index:
                network.edge("source", f"cap:{group}", limits[group[0]])
            network.edge(f"cap:{group}", names[key], amount)
    network.node("sink")
    for rule in minimums:
        required = round(rule.amount * SCALE)
        aside = split.get(rule.id, 0)
        network.edge(f"min:{rule.id}", f"met:{rule.id}", required - aside, -(weight + 1))
        network.edge(f"met:{rule.id}", "sink", INFINITE)
        if total is not None and rule.counts_toward_total:
            network.edge(f"met:{rule.id}", "total", INFINITE)
        if rule.id in split:  # the part that credit outside the total's reach may fill: it never reaches the total
            network.edge(f"outside:{rule.id}", f"metout:{rule.id}", aside, -(weight + 1))
            network.edge(f"metout:{rule.id}", "sink", INFINITE)
    to_minimum: dict[tuple[_ClassKey, str], list[int]] = defaultdict(list)
    to_total: dict[_ClassKey, int] = {}
    for key in amounts:
        for rule_id in key[1]:
            if rule_id in split and not key[2]:
                to_minimum[(key, rule_id)].append(network.edge(names[key], f"outside:{rule_id}", INFINITE))
            else:
                to_minimum[(key, rule_id)].append(network.edge(names[key], f"min:{rule_id}", INFINITE))
        if key[2]:
            to_total[key] = network.edge(names[key], "total", INFINITE)
    if total is not None:
        network.edge("total", "sink", round(total.amount * SCALE), -weight)
    network.augment("source", "sink", up_to_cost=-1)  # every unit that lowers the shortfall
    cost = network.cost()
    if total is not None:
        network.edge("total", "sink", INFINITE)  # then whatever else counts toward the total, at no cost
        network.augment("source", "sink", up_to_cost=0)
    flows: dict[_ClassKey, dict[str, int]] = {key: {} for key in amounts}
    for (key, rule_id), edge_ids in to_minimum.items():
        value = sum(network.flow(edge_id) for edge_id in edge_ids)
        if value:
            flows[key][rule_id] = value
    for key, edge_id in to_total.items():
        if network.flow(edge_id):
            flows[key]["general"] = network.flow(edge_id)
    return cost, flows


def _countable_total(
    total: Rule, caps: list[Rule], pieces: list[_Piece], starts: Mapping[str, date], pools: Mapping[str, int]
) -> int:
    """Everything in the rule's window that may count toward it, after caps and bonus limits (it may exceed
    the requirement)."""
    free = 0
    grouped: dict[tuple[str, int | None], int] = defaultdict(int)
    limits = {**{cap.id: round(cap.amount * SCALE) for cap in caps}, **pools}
    for piece in pieces:
        if not piece.serves(total, starts[total.id]):
            continue
        if _uncounted(piece, caps, starts):
            continue
        group = _group(piece, caps, starts)
        if group is None:
            free += piece.amount
        else:
            grouped[group] += piece.amount
    return free + sum(min(amount, limits[key[0]]) for key, amount in grouped.items())


def _share(shares: Sequence[tuple[str, int]]) -> tuple[tuple[str, float], ...]:
    merged: dict[str, int] = defaultdict(int)
    for activity_id, amount in shares:
        merged[activity_id] += amount
    return tuple((activity_id, amount / SCALE) for activity_id, amount in merged.items())


def evaluate(
    rule_set: RequirementSet,
    cycle: Cycle,
    activities: Sequence[Activity],
    *,
    today: date,
    facts: Mapping[str, bool] | None = None,
    expires: date | None = None,
) -> Evaluation:
    """The renewal status of one credential for one cycle, with every rule's counted, required and missing amounts."""
    if cycle.end < cycle.start:
        raise RequirementError("the cycle ends before it starts")
    # "first_renewal" is known from the cycle itself.
    facts = {**(facts or {}), "first_renewal": cycle.renewal_number == 1}
    deadline = deadline_of(rule_set, cycle)
    span = max((deadline - cycle.start).days, 1)
    elapsed = min(max((today - cycle.start).days / span, 0.0), 1.0)
    notes: list[str] = []
    if rule_set.exempt_if and _holds(rule_set.exempt_if, facts):
        return Evaluation(
            rule_set.id, "exempt", deadline, (deadline - today).days, elapsed, (), False, ("You are exempt from this set.",)
        )

    applicable: list[tuple[Rule, bool, str]] = [(rule, *_applies(rule, cycle, facts)) for rule in rule_set.rules]
    active = [rule for rule, ok, _ in applicable if ok]
    starts = {rule.id: _window_start(rule, cycle, deadline) for rule in rule_set.rules}
    # Pace is judged over each rule's own window (a 2-year rule inside a 5-year cycle).
    shares = {rule.id: _elapsed(max(starts[rule.id], cycle.start), deadline, today) for rule in rule_set.rules}
    earliest = min((starts[rule.id] for rule in active), default=cycle.start)
    activities = canonical_order(activities)  # the same verdict and allocation whatever order they came in
    pieces, disagreements = _pieces(rule_set, activities, earliest, deadline)
    notes.extend(disagreements)
    # A course two caps could limit (a joint course whose awards each match one) counts under the tighter:
    # the caps are tried from the smallest limit, whatever their order in the file.
    caps = sorted((rule for rule in active if rule.kind == "cap"), key=lambda rule: (rule.amount, rule.id))
    totals = [rule for rule in active if rule.kind == "total"]
    main_total = next((rule for rule in totals if not rule.window_months), totals[0] if totals else None)
    minimums = [rule for rule in active if rule.kind == "minimum" and not rule.overlaps]
    results: dict[str, RuleResult] = {}
    # One allocation for every window, so a credit never serves two minimums across windows.
    pools = _pools(rule_set)
    allocation = _allocate(minimums, main_total, caps, pieces, starts, pools)
    for rule in minimums:
        results[rule.id] = _result(
            rule,
            round(rule.amount * SCALE),
            allocation.counted.get(rule.id, 0),
            allocation.shares.get(rule.id, []),
            shares[rule.id],
        )
    if main_total is not None:
        required = round(main_total.amount * SCALE)
        # Every credit counted is listed (not only the first that reach the requirement), so an audit sees them all.
        results[main_total.id] = _result(
            main_total, required, allocation.toward_total, allocation.total_shares, shares[main_total.id]
        )
    for rule in active:
        if rule.kind in {"minimum", "total"} and rule.id not in results:
            # An overlapping minimum, or a nested total: checked on its own, sharing credit with the others.
            required = round(rule.amount * SCALE)
            got = _countable_total(rule, caps, pieces, starts, pools)
            matching = [(p.activity.id, p.amount) for p in pieces if p.serves(rule, starts[rule.id])]
            results[rule.id] = _result(rule, required, got, matching, shares[rule.id])
        elif rule.kind == "cap":
            results[rule.id] = RuleResult(
                rule.id, rule.label, "cap", True, rule.amount, 0.0, 0.0, True, True, note="a limit on what counts"
            )
        elif rule.kind == "completion":
            done = [a for a in activities if starts[rule.id] <= a.completed_on <= deadline and _completes(rule, a)]
            count = float(len(done))
            lead = (deadline - today).days > COMPLETION_LEAD_DAYS
            results[rule.id] = RuleResult(
                rule.id,
                rule.label,
                "completion",
                True,
                rule.amount,
                count,
                max(0.0, rule.amount - count),
                count >= rule.amount,
                count >= rule.amount or lead,
                tuple((a.id, 1.0) for a in done),
            )
    for rule, ok, reason in applicable:
        if not ok:
            results[rule.id] = RuleResult(rule.id, rule.label, rule.kind, False, rule.amount, 0.0, 0.0, True, True, note=reason)
    flow_rules = [*minimums, *([main_total] if main_total is not None else [])]
    behind = [rule for rule in flow_rules if not (results[rule.id].met or results[rule.id].on_pace)]
    if behind and today <= deadline and _pace_possible(flow_rules, main_total, caps, pieces, starts, pools, shares):
        # Another allocation keeps every rule on pace (the one shown fills the requirements best, which can
        # leave a rule behind pace when credit could serve either of two): being on pace is judged by whether
        # one exists, so adding an activity never turns on-track into at-risk.
        for rule in behind:
            results[rule.id] = replace(results[rule.id], on_pace=True)
    used_flow = allocation.used_flow
    ordered = tuple(results[rule.id] for rule in rule_set.rules)
    if expires is not None and rule_set.end_of_month:
        expires = date(expires.year, expires.month, calendar.monthrange(expires.year, expires.month)[1])
    status = _status(ordered, today, deadline, expires, rule_set.grace_days)
    if rule_set.grace_days and status == "unmet" and today <= deadline + timedelta(days=rule_set.grace_days):
        notes.append(f"Grace period: {rule_set.grace_days} days after the deadline.")
    return Evaluation(rule_set.id, status, deadline, (deadline - today).days, round(elapsed, 4), ordered, used_flow, tuple(notes))


def _pace_possible(
    flow_rules: Sequence[Rule],
    total: Rule | None,
    caps: list[Rule],
    pieces: list[_Piece],
    starts: Mapping[str, date],
    pools: Mapping[str, int],
    shares: Mapping[str, float],
) -> bool:
    """Whether one allocation gives every minimum and the total at least its elapsed share (the pace): the
    same least-shortfall allocation, asked for the paced amounts instead, misses nothing exactly when one does."""
    paced = {rule.id: _pace_target(round(rule.amount * SCALE), shares[rule.id]) for rule in flow_rules}
    for rule in flow_rules:  # quick refusal: a rule whose matching credit, all of it, falls short of its pace
        if sum(p.amount for p in pieces if p.serves(rule, starts[rule.id])) < paced[rule.id]:
            return False
    minimums = [replace(rule, amount=paced[rule.id] / SCALE) for rule in flow_rules if rule is not total]
    paced_total = replace(total, amount=paced[total.id] / SCALE) if total is not None else None
    allocation = _allocate(minimums, paced_total, caps, pieces, starts, pools)
    enough = all(allocation.counted.get(rule.id, 0) >= paced[rule.id] for rule in minimums)
    return enough and (paced_total is None or allocation.toward_total >= paced[paced_total.id])


def _pace_target(required: int, elapsed: float) -> int:
    """The least whole number of hundredths that is on pace (the test ``_result`` applies)."""
    target = math.ceil(elapsed * required - 1e-9)
    return max(0, min(required, target))


def _window_start(rule: Rule, cycle: Cycle, deadline: date) -> date:
    """The first day whose activities a rule counts."""
    if rule.cadence == "one_time":
        return date(1900, 1, 1)
    if rule.window_months:
        return add_months(deadline, -rule.window_months) + timedelta(days=1)
    return cycle.start


def _elapsed(start: date, deadline: date, today: date) -> float:
    span = max((deadline - start).days, 1)
    return min(max((today - start).days / span, 0.0), 1.0)


def _completes(rule: Rule, activity: Activity) -> bool:
    """Whether an activity is what a completion rule asks for (the same filter, credits of any accepted type)."""
    wanted = rule.filter
    if wanted.topics and not (wanted.topics & activity.topics):
        return False
    if wanted.formats and activity.format not in wanted.formats:
        return False
    if wanted.exclude_formats and activity.format in wanted.exclude_formats:
        return False
    return not wanted.credit_types or any(award.credit_type in wanted.credit_types for award in activity.awards)


def _result(rule: Rule, required: int, counted: int, shares: Sequence[tuple[str, int]], elapsed: float) -> RuleResult:
    missing = max(0, required - counted)
    return RuleResult(
        id=rule.id,
        label=rule.label,
        kind=rule.kind,
        applies=True,
        required=required / SCALE,
        counted=counted / SCALE,
        missing=missing / SCALE,
        met=missing == 0,
        on_pace=counted >= elapsed * required - 1e-9,
        allocation=_share(shares),
    )


def _status(rules: Sequence[RuleResult], today: date, deadline: date, expires: date | None, grace: int) -> Status:
    if expires is not None and today > expires + timedelta(days=grace):
        return "lapsed"
    active = [rule for rule in rules if rule.applies and rule.kind != "cap"]
    if all(rule.met for rule in active):
        return "met"
    if today > deadline:
        return "unmet"
    if all(rule.met or rule.on_pace for rule in active):
        return "on-track"
    return "at-risk"


def status_rank(status: str) -> int:
    """met > on-track > at-risk > unmet, for comparing results."""
    return STATUS_ORDER.get(status, 0)
