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

Allocation: every credit unit counts toward the total and toward at most one
minimum (unless a minimum ``overlaps``); caps bound what counts. Minimums are
served first, then the total. When minimums compete for the same credits, or caps
interfere, the engine augments flows (Edmonds-Karp, in that priority order), so it
finds an allocation that meets every rule whenever one exists. Awards are grouped
by what they are eligible for, so the flow network stays small whatever the number
of activities. (networkx was tried first; it cannot resume from a flow, which the
priority order needs, and a 40-line solver on a dozen nodes is faster.)
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

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
        return False, f"due every {rule.cadence_n} renewals, not this one"
    if rule.cadence == "first_n_renewals" and cycle.renewal_number > rule.cadence_n:
        return False, f"only for the first {rule.cadence_n} renewals"
    return True, ""


@dataclass
class _Piece:
    activity: Activity
    credit_type: str
    amount: int  # hundredths of the set's unit


def _pieces(rule_set: RequirementSet, activities: Sequence[Activity], first: date, last: date) -> list[_Piece]:
    """Awards converted into the set's unit, multiplied and rounded, for activities in [first, last]."""
    conversions: dict[str, tuple[str, float]] = {}
    accepted = rule_set.accepted_types or frozenset({rule_set.unit})
    for conversion in rule_set.conversions:
        if conversion.to_type in accepted and conversion.from_type not in conversions:
            conversions[conversion.from_type] = (conversion.to_type, conversion.factor)
    step = round(rule_set.rounding_step * SCALE)
    multipliers = rule_set.multipliers
    used_limits: dict[int, float] = defaultdict(float)
    # Date order matters only where a multiplier counts "the first N credits".
    ordered = sorted(activities, key=lambda a: (a.completed_on, a.id)) if any(m.limit for m in multipliers) else activities
    pieces = []
    for activity in ordered:
        if not first <= activity.completed_on <= last:
            continue
        for award in activity.awards:
            if award.credit_type in accepted:
                credit_type, amount = award.credit_type, award.amount
            elif award.credit_type in conversions:
                credit_type, factor = conversions[award.credit_type]
                amount = award.amount * factor
            else:
                continue
            for index, multiplier in enumerate(multipliers):
                if multiplier.filter.matches(activity, credit_type):
                    base = amount
                    if multiplier.limit is not None:
                        base = min(amount, max(0.0, multiplier.limit - used_limits[index]))
                        used_limits[index] += base
                    amount += base * (multiplier.factor - 1)
            scaled = round(amount * SCALE)
            if step:
                scaled -= scaled % step
            if scaled > 0:
                pieces.append(_Piece(activity, credit_type, scaled))
    return pieces


# What a group of awards may serve: (cap group, eligible minimums, counts toward the total).
_ClassKey = tuple[tuple[str, int | None] | None, tuple[str, ...], bool]


@dataclass
class _Allocation:
    counted: dict[str, int]  # per minimum rule, and "total"
    shares: dict[str, list[tuple[str, int]]]  # rule id -> (activity id, hundredths)
    used_flow: bool


INFINITE = 10**15


def _augment(capacity: dict[str, dict[str, int]], flow: dict[str, dict[str, int]]) -> None:
    """Edmonds-Karp: push flow from "source" to "sink" along shortest augmenting paths until none is left.

    Starts from the given flow (a warm start), so later phases never undo what earlier ones routed into the sink.
    """
    while True:
        parent: dict[str, tuple[str, bool]] = {"source": ("", True)}
        queue = ["source"]
        for node in queue:
            if "sink" in parent:
                break
            for nxt, cap in capacity.get(node, {}).items():  # forward residual
                if nxt not in parent and cap - flow[node].get(nxt, 0) > 0:
                    parent[nxt] = (node, True)
                    queue.append(nxt)
            for prev, out in flow.items():  # backward residual
                if prev not in parent and out.get(node, 0) > 0 and prev != node:
                    parent[prev] = (node, False)
                    queue.append(prev)
        if "sink" not in parent:
            return
        path = []
        node = "sink"
        while node != "source":
            prev, forward = parent[node]
            path.append((prev, node, forward))
            node = prev
        push = min(capacity[a][b] - flow[a].get(b, 0) if forward else flow[b].get(a, 0) for a, b, forward in path)
        for a, b, forward in path:
            if forward:
                flow[a][b] = flow[a].get(b, 0) + push
            else:
                flow[b][a] -= push


def _allocate(
    minimums: list[Rule], total: Rule | None, caps: list[Rule], pieces: list[_Piece], starts: Mapping[str, date]
) -> _Allocation:
    """Assign credit to minimums first, then to the total, respecting caps.

    Minimums come first because they are harder to meet; within them, credit that
    cannot count toward the total is used before credit that can. When that order is
    not obviously optimal (a credit eligible for two minimums, or caps), the engine
    augments flows in that order, so it meets every rule whenever any allocation can.
    """
    need = {rule.id: round(rule.amount * SCALE) for rule in minimums}
    classes: dict[_ClassKey, list[_Piece]] = defaultdict(list)

    def counts(rule: Rule, piece: _Piece) -> bool:
        return piece.activity.completed_on >= starts[rule.id] and rule.filter.matches(piece.activity, piece.credit_type)

    for piece in pieces:
        group: tuple[str, int | None] | None = None
        for cap in caps:
            if counts(cap, piece):
                group = (cap.id, piece.activity.completed_on.year if cap.per_year else None)
                break
        eligible = tuple(rule.id for rule in minimums if counts(rule, piece))
        to_total = total is not None and counts(total, piece)
        if eligible or to_total:
            classes[(group, eligible, to_total)].append(piece)
    amounts = {key: sum(p.amount for p in members) for key, members in classes.items()}
    simple = not caps and all(len(key[1]) <= 1 for key in classes)
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
        names = {key: f"class{index}" for index, key in enumerate(amounts)}
        capacity: dict[str, dict[str, int]] = defaultdict(dict)
        cap_limits = {cap.id: round(cap.amount * SCALE) for cap in caps}
        for key, amount in amounts.items():
            group = key[0]
            if group is None:
                capacity["source"][names[key]] = amount
            else:
                capacity["source"][f"cap:{group}"] = cap_limits[group[0]]
                capacity[f"cap:{group}"][names[key]] = amount
        for rule_id, amount in need.items():
            capacity[f"min:{rule_id}"]["sink"] = amount
        capacity["general"]["sink"] = 0
        flow: dict[str, dict[str, int]] = defaultdict(dict)
        for node in list(capacity):
            flow[node]
        for phase in ("other", "all", "total"):
            for key in amounts:
                node = names[key]
                if (phase == "other" and not key[2]) or phase == "all":
                    for rule_id in key[1]:
                        capacity[node][f"min:{rule_id}"] = INFINITE
                if phase == "total" and key[2]:
                    capacity[node]["general"] = INFINITE
                flow[node]
            for node in ("general", "sink", *(f"min:{r}" for r in need)):
                flow[node]
            if phase == "total":
                capacity["general"]["sink"] = INFINITE
            _augment(capacity, flow)
        for key in amounts:
            for target, value in flow[names[key]].items():
                if value:
                    flows[key][target.removeprefix("min:")] = value
    counted: dict[str, int] = defaultdict(int)
    shares: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for key, targets in flows.items():
        members = iter(classes[key])
        current: _Piece | None = None
        left_in_piece = 0
        for target, value in targets.items():
            counted[target] += value
            while value:
                if not left_in_piece:
                    current = next(members)
                    left_in_piece = current.amount
                assert current is not None
                give = min(value, left_in_piece)
                shares[target].append((current.activity.id, give))
                value -= give
                left_in_piece -= give
    return _Allocation(counted=dict(counted), shares=dict(shares), used_flow=not simple)


def _countable_total(total: Rule, caps: list[Rule], pieces: list[_Piece], starts: Mapping[str, date]) -> int:
    """Everything in the rule's window that may count toward it, after caps (it may exceed the requirement)."""
    free = 0
    grouped: dict[tuple[str, int | None], int] = defaultdict(int)
    limits = {cap.id: round(cap.amount * SCALE) for cap in caps}
    for piece in pieces:
        day = piece.activity.completed_on
        if day < starts[total.id] or not total.filter.matches(piece.activity, piece.credit_type):
            continue
        cap = next((c for c in caps if day >= starts[c.id] and c.filter.matches(piece.activity, piece.credit_type)), None)
        if cap is None:
            free += piece.amount
        else:
            grouped[(cap.id, piece.activity.completed_on.year if cap.per_year else None)] += piece.amount
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
    pieces = _pieces(rule_set, activities, earliest, deadline)
    caps = [rule for rule in active if rule.kind == "cap"]
    totals = [rule for rule in active if rule.kind == "total"]
    main_total = next((rule for rule in totals if not rule.window_months), totals[0] if totals else None)
    minimums = [rule for rule in active if rule.kind == "minimum" and not rule.overlaps]
    results: dict[str, RuleResult] = {}
    # One allocation for every window, so a credit never serves two minimums across windows.
    allocation = _allocate(minimums, main_total, caps, pieces, starts)
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
        inside = [r for r in minimums if r.counts_toward_total]
        counted = allocation.counted.get("general", 0) + sum(allocation.counted.get(r.id, 0) for r in inside)
        # Every credit counted is listed (not only the first that reach the requirement), so an audit sees them all.
        taken = [s for r in inside for s in allocation.shares.get(r.id, [])] + allocation.shares.get("general", [])
        results[main_total.id] = _result(main_total, required, counted, taken, shares[main_total.id])
    for rule in active:
        if rule.kind in {"minimum", "total"} and rule.id not in results:
            # An overlapping minimum, or a nested total: checked on its own, sharing credit with the others.
            required = round(rule.amount * SCALE)
            got = _countable_total(rule, caps, pieces, starts)
            matching = [
                (p.activity.id, p.amount)
                for p in pieces
                if p.activity.completed_on >= starts[rule.id] and rule.filter.matches(p.activity, p.credit_type)
            ]
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
    used_flow = allocation.used_flow
    ordered = tuple(results[rule.id] for rule in rule_set.rules)
    if expires is not None and rule_set.end_of_month:
        expires = date(expires.year, expires.month, calendar.monthrange(expires.year, expires.month)[1])
    status = _status(ordered, today, deadline, expires, rule_set.grace_days)
    if rule_set.grace_days and status == "unmet" and today <= deadline + timedelta(days=rule_set.grace_days):
        notes.append(f"Grace period: {rule_set.grace_days} days after the deadline.")
    return Evaluation(rule_set.id, status, deadline, (deadline - today).days, round(elapsed, 4), ordered, used_flow, tuple(notes))


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


def _first(shares: list[tuple[str, int]], needed: int) -> list[tuple[str, int]]:
    """The shares that make up the first ``needed`` hundredths, in order."""
    taken = []
    for activity_id, amount in shares:
        if needed <= 0:
            break
        give = min(amount, needed)
        taken.append((activity_id, give))
        needed -= give
    return taken


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
