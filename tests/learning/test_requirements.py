"""The renewal-requirements engine (pure): allocation, statuses, cadences, and an independent LP checker."""

import math
from collections import defaultdict
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medpath.learning.requirements import (
    Activity,
    Conversion,
    CreditAward,
    Cycle,
    Filter,
    Multiplier,
    RequirementSet,
    Rule,
    add_months,
    evaluate,
    status_rank,
)

CYCLE = Cycle(start=date(2025, 2, 1), end=date(2027, 1, 31), renewal_number=2)
MID = date(2026, 2, 1)


def act(
    id_: str, hours: float, *topics: str, day: date = date(2025, 6, 1), kind: str = "contact_hours", fmt: str = "live"
) -> Activity:
    return Activity(id_, id_, day, (CreditAward(kind, hours),), frozenset(topics), fmt)


def rules_set(*rules: Rule, **extra: object) -> RequirementSet:
    return RequirementSet(id="test", name="Test", unit="contact_hours", cycle_months=24, rules=rules, **extra)  # type: ignore[arg-type]


TOTAL30 = Rule("total", "30 contact hours", "total", 30)


def test_simple_total_met_and_explained() -> None:
    """Enough hours meet the total; the result lists what counted."""
    result = evaluate(rules_set(TOTAL30), CYCLE, [act("a", 20), act("b", 12)], today=MID)
    assert result.status == "met"
    total = result.rule("total")
    assert (total.required, total.counted, total.missing) == (30, 32, 0)
    assert dict(total.allocation) == {"a": 20, "b": 12}  # every counted credit is listed


def test_greedy_fails_where_the_flow_succeeds() -> None:
    """A course tagged with two topics must serve the topic nobody else can: first-fit gets this wrong."""
    topic_a = Rule("a", "2 h topic A", "minimum", 2, Filter(topics=frozenset({"A"})))
    topic_b = Rule("b", "2 h topic B", "minimum", 2, Filter(topics=frozenset({"B"})))
    activities = [act("both", 2, "A", "B", day=date(2025, 3, 1)), act("only-a", 2, "A", day=date(2025, 4, 1))]
    result = evaluate(rules_set(topic_a, topic_b), CYCLE, activities, today=MID)
    assert result.status == "met"
    assert result.used_flow
    assert dict(result.rule("b").allocation) == {"both": 2}
    assert dict(result.rule("a").allocation) == {"only-a": 2}


def test_a_unit_counts_toward_one_minimum_only() -> None:
    """One 2-hour course cannot satisfy two 2-hour topic minimums."""
    topic_a = Rule("a", "A", "minimum", 2, Filter(topics=frozenset({"A"})))
    topic_b = Rule("b", "B", "minimum", 2, Filter(topics=frozenset({"B"})))
    result = evaluate(rules_set(topic_a, topic_b), CYCLE, [act("both", 2, "A", "B")], today=date(2027, 2, 15))
    assert result.status == "unmet"
    assert result.rule("a").missing + result.rule("b").missing == 2


def test_cap_competes_with_a_minimum() -> None:
    """Capped online hours go to the topic minimum, live hours to the total: the flow finds it."""
    cap = Rule("online-cap", "at most 10 h online", "cap", 10, Filter(formats=frozenset({"online"})))
    topic = Rule("ethics", "5 h ethics", "minimum", 5, Filter(topics=frozenset({"ethics"})))
    total = Rule("total", "20 h", "total", 20)
    activities = [act("web", 10, "ethics", fmt="online"), act("web2", 5, fmt="online"), act("live", 10, fmt="live")]
    result = evaluate(rules_set(total, topic, cap), CYCLE, activities, today=MID)
    assert result.status == "met"
    assert result.rule("total").counted == 20


def test_topic_on_top_of_the_total() -> None:
    """Hours that must be on top of the total do not count toward it."""
    extra = Rule(
        "dv", "2 h domestic violence, in addition", "minimum", 2, Filter(topics=frozenset({"dv"})), counts_toward_total=False
    )
    total = Rule("total", "24 h", "total", 24)
    result = evaluate(rules_set(total, extra), CYCLE, [act("dv", 2, "dv"), act("rest", 23)], today=date(2027, 2, 2))
    assert result.rule("dv").met
    assert result.status == "unmet"
    assert result.rule("total").missing == pytest.approx(1.0)


def test_conversion_multiplier_and_rounding() -> None:
    """0.2 CEU counts as 2 contact hours; self-assessment +50%; hours round down to the half hour."""
    rule_set = rules_set(
        Rule("total", "6 h", "total", 6),
        accepted_types=frozenset({"contact_hours"}),
        conversions=(Conversion("ceu", "contact_hours", 10),),
        multipliers=(Multiplier(1.5, Filter(formats=frozenset({"self-assessment"}))),),
        rounding_step=0.5,
    )
    activities = [act("ceu", 0.2, kind="ceu"), act("sa", 2, fmt="self-assessment"), act("odd", 1.6)]
    result = evaluate(rule_set, CYCLE, activities, today=MID)
    assert result.rule("total").counted == 2.0 + 3.0 + 1.5
    assert result.status == "met"


def test_multiplier_limit_applies_to_the_first_credits_only() -> None:
    """'The first 20 performance-improvement credits count double' (NCCPA)."""
    rule_set = rules_set(
        Rule("total", "100", "total", 100), multipliers=(Multiplier(2, Filter(topics=frozenset({"pi"})), limit=20),)
    )
    result = evaluate(rule_set, CYCLE, [act("pi1", 15, "pi"), act("pi2", 15, "pi", day=date(2025, 7, 1))], today=MID)
    assert result.rule("total").counted == 15 * 2 + 5 * 2 + 10


def test_cadences_and_conditions() -> None:
    """Every-other-renewal, first-N-renewals and prescriber-only rules apply only when they should."""
    every_other = Rule(
        "impair", "2 h impairment", "minimum", 2, Filter(topics=frozenset({"impair"})), cadence="every_nth_renewal", cadence_n=2
    )
    first_only = Rule("hiv", "1 h HIV", "minimum", 1, Filter(topics=frozenset({"hiv"})), cadence="first_n_renewals", cadence_n=1)
    prescriber = Rule(
        "cs", "3 h controlled substances", "minimum", 3, Filter(topics=frozenset({"cs"})), applies_if={"prescriber": True}
    )
    rule_set = rules_set(every_other, first_only, prescriber)
    second = evaluate(rule_set, CYCLE, [], today=MID, facts={"prescriber": False})
    assert second.rule("impair").applies
    assert not second.rule("hiv").applies
    assert not second.rule("cs").applies
    third = evaluate(rule_set, Cycle(CYCLE.start, CYCLE.end, 3), [], today=MID, facts={"prescriber": True})
    assert not third.rule("impair").applies
    assert third.rule("cs").applies


def test_one_time_rule_counts_any_earlier_activity() -> None:
    """A one-time course taken years ago still satisfies it."""
    once = Rule(
        "trafficking", "1 h human trafficking, once", "minimum", 1, Filter(topics=frozenset({"trafficking"})), cadence="one_time"
    )
    result = evaluate(rules_set(once), CYCLE, [act("old", 1, "trafficking", day=date(2019, 5, 1))], today=MID)
    assert result.status == "met"


def test_nested_window() -> None:
    """A 2-year minimum inside a 5-year cycle counts only the last two years."""
    cycle = Cycle(date(2022, 1, 1), date(2026, 12, 31))
    recent = Rule("recent", "20 points in the last 2 years", "minimum", 20, window_months=24)
    result = evaluate(rules_set(recent), cycle, [act("old", 30, day=date(2023, 6, 1))], today=date(2026, 6, 1))
    assert result.rule("recent").counted == 0


def test_per_year_cap() -> None:
    """At most 60 credits count per calendar year."""
    cap = Rule("cap", "60 a year", "cap", 60, per_year=True)
    total = Rule("total", "100", "total", 100)
    activities = [act("y1", 80, day=date(2025, 5, 1)), act("y2", 30, day=date(2026, 5, 1))]
    result = evaluate(rules_set(total, cap), CYCLE, activities, today=date(2026, 6, 1))
    assert result.rule("total").counted == 90


def test_statuses_over_time_and_expiry() -> None:
    """on-track, at-risk, unmet and lapsed, and end-of-month deadlines with grace."""
    rule_set = rules_set(TOTAL30, end_of_month=True, grace_days=30)
    cycle = Cycle(date(2025, 1, 15), date(2027, 1, 15))
    assert evaluate(rule_set, cycle, [act("a", 16)], today=date(2026, 1, 15)).status == "on-track"
    assert evaluate(rule_set, cycle, [act("a", 10)], today=date(2026, 1, 15)).status == "at-risk"
    late = evaluate(rule_set, cycle, [act("a", 10)], today=date(2027, 2, 2))
    assert late.deadline == date(2027, 1, 31)
    assert late.status == "unmet"
    lapsed = evaluate(rule_set, cycle, [act("a", 30)], today=date(2027, 3, 15), expires=date(2027, 1, 31))
    assert lapsed.status == "lapsed"


def test_completion_rule() -> None:
    """An exam is a completion, not credits."""
    exam = Rule("exam", "Pass the recertification exam", "completion", 1, Filter(topics=frozenset({"panre"})))
    result = evaluate(rules_set(exam), CYCLE, [Activity("x", "PANRE", date(2026, 1, 5), (), frozenset({"panre"}))], today=MID)
    assert result.status == "met"


def test_add_months_clamps() -> None:
    """31 January plus one month is the end of February."""
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


# ---- properties and an independent checker --------------------------------------------------------------

TOPICS = ("A", "B", "C")


@st.composite
def scenarios(draw):
    """Random small rule sets (total, topic minimums inside or on top, an optional cap) and activities."""
    minimums = [
        Rule(
            f"m{t}",
            f"topic {t}",
            "minimum",
            draw(st.integers(1, 6)),
            Filter(topics=frozenset({t})),
            counts_toward_total=draw(st.booleans()),
        )
        for t in TOPICS
        if draw(st.booleans())
    ]
    rules: list[Rule] = [*minimums]
    if draw(st.booleans()):
        rules.append(Rule("total", "total", "total", draw(st.integers(1, 20))))
    if draw(st.booleans()):
        rules.append(Rule("cap", "online cap", "cap", draw(st.integers(0, 8)), Filter(formats=frozenset({"online"}))))
    activities = [
        act(
            f"x{i}",
            draw(st.integers(1, 6)),
            *draw(st.lists(st.sampled_from(TOPICS), unique=True, max_size=3)),
            fmt=draw(st.sampled_from(["live", "online"])),
        )
        for i in range(draw(st.integers(0, 6)))
    ]
    return rules_set(*rules), activities


def lp_feasible(rule_set: RequirementSet, activities: list[Activity]) -> bool:
    """Independent checker: a linear program over per-activity allocations (scipy)."""
    from scipy.optimize import linprog

    minimums = [r for r in rule_set.rules if r.kind == "minimum"]
    total = next((r for r in rule_set.rules if r.kind == "total"), None)
    caps = [r for r in rule_set.rules if r.kind == "cap"]
    variables: list[tuple[int, str]] = []  # (activity index, "general" or minimum id)
    for i, a in enumerate(activities):
        variables += [(i, m.id) for m in minimums if m.filter.matches(a, "contact_hours")]
        if total is not None:
            variables.append((i, "general"))
    if not variables:
        return all(m.amount <= 0 for m in minimums) and (total is None or total.amount <= 0)
    rows, bounds = [], []
    per_activity: dict[int, list[int]] = defaultdict(list)
    for k, (i, _) in enumerate(variables):
        per_activity[i].append(k)
    for i, ks in per_activity.items():
        rows.append([1.0 if k in ks else 0.0 for k in range(len(variables))])
        bounds.append(activities[i].awards[0].amount)
    for cap in caps:
        capped = {i for i, a in enumerate(activities) if cap.filter.matches(a, "contact_hours")}
        rows.append([1.0 if variables[k][0] in capped else 0.0 for k in range(len(variables))])
        bounds.append(cap.amount)
    for m in minimums:
        rows.append([-1.0 if variables[k][1] == m.id else 0.0 for k in range(len(variables))])
        bounds.append(-m.amount)
    if total is not None:
        inside = {m.id for m in minimums if m.counts_toward_total}
        rows.append([-1.0 if variables[k][1] in inside | {"general"} else 0.0 for k in range(len(variables))])
        bounds.append(-total.amount)
    solved = linprog(c=[0.0] * len(variables), A_ub=rows, b_ub=bounds, bounds=(0, None), method="highs")
    return bool(solved.status == 0)


@settings(max_examples=300)
@given(scenarios())
def test_engine_agrees_with_the_linear_program(scenario) -> None:
    """Met exactly when the LP finds a feasible allocation."""
    rule_set, activities = scenario
    result = evaluate(rule_set, CYCLE, activities, today=date(2027, 3, 1))
    assert (result.status == "met") == lp_feasible(rule_set, activities)


@given(scenarios(), st.integers(1, 6), st.lists(st.sampled_from(TOPICS), unique=True), st.sampled_from(["live", "online"]))
def test_adding_an_activity_never_makes_things_worse(scenario, hours, topics, fmt) -> None:
    """Property: another activity never lowers the status nor raises the summed shortfall, caps or not.

    A single rule's missing amount may rise when credit that could serve either of two rules moves to the
    other at no cost to the sum (see test_credit_may_move_between_tied_rules_but_the_verdict_holds)."""
    rule_set, activities = scenario
    today = date(2026, 2, 1)
    before = evaluate(rule_set, CYCLE, activities, today=today)
    after = evaluate(rule_set, CYCLE, [*activities, act("new", hours, *topics, fmt=fmt)], today=today)
    assert sum(r.missing for r in after.rules) <= sum(r.missing for r in before.rules) + 1e-9
    assert status_rank(after.status) >= status_rank(before.status)


def paced(rule_set: RequirementSet, today: date) -> RequirementSet:
    """The rule set asking only each rule's elapsed share (rounded up to a hundredth), for the LP."""
    share = (today - CYCLE.start).days / (CYCLE.end - CYCLE.start).days
    return rules_set(
        *(
            replace(rule, amount=math.ceil(share * rule.amount * 100 - 1e-9) / 100) if rule.kind != "cap" else rule
            for rule in rule_set.rules
        )
    )


@settings(max_examples=300)
@given(scenarios())
def test_on_track_exactly_when_some_allocation_keeps_pace(scenario) -> None:
    """Before the deadline, met or on-track exactly when the LP finds an allocation giving every rule its
    elapsed share: the status never depends on which of two equally good allocations is shown."""
    rule_set, activities = scenario
    result = evaluate(rule_set, CYCLE, activities, today=MID)
    assert (result.status in {"met", "on-track"}) == lp_feasible(paced(rule_set, MID), activities)


def test_on_track_when_credit_could_keep_both_rules_on_pace() -> None:
    """Two hours on topics B and C, one on C: 0.51 h to B and 1.49 h to C keep both on pace at mid-cycle,
    though the allocation shown (B met first) leaves C at 2.0 of the 2.01 the pace asks (at-risk before)."""
    topic_b = Rule("mB", "topic B", "minimum", 1, Filter(topics=frozenset({"B"})), counts_toward_total=False)
    topic_c = Rule("mC", "topic C", "minimum", 4, Filter(topics=frozenset({"C"})))
    rule_set = rules_set(topic_b, topic_c, Rule("total", "total", "total", 1))
    result = evaluate(rule_set, CYCLE, [act("x0", 1, "C"), act("x1", 2, "A", "B", "C")], today=MID)
    assert result.status == "on-track"
    assert result.rule("mC").on_pace


def test_credit_may_move_between_tied_rules_but_the_verdict_holds() -> None:
    """Adding an hour without topics: before, the course on B and C meets B; after, it may serve C instead,
    as both allocations miss 1 h in all. The status and the summed shortfall do not get worse."""
    topic_b = Rule("mB", "topic B", "minimum", 1, Filter(topics=frozenset({"B"})), counts_toward_total=False)
    topic_c = Rule("mC", "topic C", "minimum", 2, Filter(topics=frozenset({"C"})))
    rule_set = rules_set(topic_b, topic_c, Rule("total", "total", "total", 1))
    activities = [act("x0", 1, "C"), act("x1", 1, "A", "B", "C")]
    before = evaluate(rule_set, CYCLE, activities, today=MID)
    after = evaluate(rule_set, CYCLE, [*activities, act("new", 1)], today=MID)
    assert sum(r.missing for r in before.rules) == sum(r.missing for r in after.rules) == 1
    assert status_rank(after.status) >= status_rank(before.status)


@given(scenarios())
def test_a_met_allocation_satisfies_every_rule_when_rechecked(scenario) -> None:
    """Property: re-adding the allocation meets each minimum, respects each activity's hours and each cap."""
    rule_set, activities = scenario
    result = evaluate(rule_set, CYCLE, activities, today=date(2027, 3, 1))
    if result.status != "met":
        return
    by_id = {a.id: a for a in activities}
    used: dict[str, float] = defaultdict(float)
    for rule in result.rules:
        if rule.kind == "minimum":
            assert sum(h for _, h in rule.allocation) >= rule.required - 1e-9
            for activity_id, hours in rule.allocation:
                assert rule_set.rules[[r.id for r in rule_set.rules].index(rule.id)].filter.topics & by_id[activity_id].topics
                used[activity_id] += hours
    total = next((r for r in result.rules if r.kind == "total"), None)
    inside_ids = {r.id for r in rule_set.rules if r.kind == "minimum" and r.counts_toward_total}
    if total is not None:
        # A met total lists at least its requirement of credit, each share from an activity that exists.
        assert sum(h for _, h in total.allocation) >= total.required - 1e-9
        assert all(activity_id in by_id for activity_id, _ in total.allocation)
    for activity_id, hours in used.items():
        assert hours <= by_id[activity_id].awards[0].amount + 1e-9
    for cap in (r for r in rule_set.rules if r.kind == "cap"):
        online = sum(h for activity_id, h in used.items() if by_id[activity_id].format == "online")
        assert online <= cap.amount + 1e-9 or not inside_ids


def test_overlapping_category_minimum_shares_credit_with_topics() -> None:
    """A Category 1 ethics hour counts toward the ethics topic and toward the Category 1 minimum (Michigan)."""
    category = Rule("cat1", "75 h Category 1", "minimum", 2, Filter(credit_types=frozenset({"ama_pra_cat1"})), overlaps=True)
    ethics = Rule("ethics", "1 h ethics", "minimum", 1, Filter(topics=frozenset({"ethics"})))
    total = Rule("total", "3 h", "total", 3)
    rule_set = RequirementSet(
        "mi", "MI", "ama_pra_cat1", 36, (total, category, ethics), accepted_types=frozenset({"ama_pra_cat1", "ama_pra_cat2"})
    )
    activities = [
        act("ethics", 1, "ethics", kind="ama_pra_cat1"),
        act("cat1", 1, kind="ama_pra_cat1"),
        act("cat2", 1, kind="ama_pra_cat2"),
    ]
    result = evaluate(rule_set, CYCLE, activities, today=MID)
    assert result.rule("cat1").counted == 2
    assert result.rule("ethics").met
    assert result.status == "met"


def test_no_double_counting_across_windows() -> None:
    """A one-time topic and an every-cycle topic cannot both be filled by the same two hours."""
    once = Rule("hiv", "1 h HIV, once", "minimum", 1, Filter(topics=frozenset({"hiv"})), cadence="one_time")
    errors = Rule("errors", "2 h medical errors", "minimum", 2, Filter(topics=frozenset({"errors"})))
    result = evaluate(rules_set(once, errors), CYCLE, [act("both", 2, "hiv", "errors")], today=date(2027, 2, 2))
    assert result.rule("hiv").counted + result.rule("errors").counted == 2
    assert result.status == "unmet"


def test_nested_total_shares_credit() -> None:
    """'100 points in 5 years' and 'some points in the last 2': the same points count toward both totals."""
    cycle = Cycle(date(2022, 1, 1), date(2026, 12, 31))
    five = Rule("total", "100 in 5 years", "total", 100)
    two = Rule("recent", "20 in the last 2 years", "total", 20, window_months=24)
    result = evaluate(
        rules_set(five, two),
        cycle,
        [act("a", 80, day=date(2023, 1, 1)), act("b", 20, day=date(2026, 1, 1))],
        today=date(2026, 6, 1),
    )
    assert result.status == "met"


def test_completion_is_on_track_until_its_lead_time() -> None:
    """A renewal course not yet done is on track early in the cycle and at risk in the last 90 days."""
    course = Rule("course", "Renewal course", "completion", 1, Filter(topics=frozenset({"bls"})))
    early = evaluate(rules_set(course), CYCLE, [], today=date(2025, 6, 1))
    late = evaluate(rules_set(course), CYCLE, [], today=date(2026, 12, 1))
    assert early.status == "on-track"
    assert late.status == "at-risk"


def test_end_of_month_applies_to_expiry() -> None:
    """A card valid to the end of its month is not lapsed on the 15th."""
    card = rules_set(Rule("course", "Course", "completion", 1, Filter(topics=frozenset({"bls"}))), end_of_month=True)
    result = evaluate(card, Cycle(date(2025, 1, 15), date(2027, 1, 15)), [], today=date(2027, 1, 20), expires=date(2027, 1, 15))
    assert result.status == "at-risk"


def test_overlapping_caps_are_refused_by_the_schema() -> None:
    """Two caps that could match the same credit stop the set from loading."""
    from pydantic import ValidationError

    from medpath.catalog.requirement_schema import RequirementSetSpec

    base = {
        "id": "x",
        "name": "Caps",
        "issuer": "X",
        "credential_kind": "licence",
        "unit": "contact_hours",
        "cycle_months": 24,
        "effective_from": "2024-01-01",
        "last_verified": "2026-01-01",
        "source": "s",
        "confidence": "low",
    }
    rules = [
        {"id": "total", "label": "total", "kind": "total", "amount": 10},
        {"id": "online", "label": "online cap", "kind": "cap", "amount": 8, "formats": ["enduring"]},
        {"id": "topic", "label": "topic cap", "kind": "cap", "amount": 2, "topics": ["pharmacology"]},
    ]
    with pytest.raises(ValidationError, match="may overlap"):
        RequirementSetSpec.model_validate({**base, "rules": rules})


def test_a_cadence_that_does_not_apply_says_why_in_proper_english() -> None:
    """The reason reads “only for the first renewal” / “only for the first 3 renewals” (was “first 1 renewals”)."""

    def reason(n: int, cadence: Any, renewal: int) -> str:
        rule = Rule("hiv", "1 h HIV", "minimum", 1, Filter(topics=frozenset({"hiv"})), cadence=cadence, cadence_n=n)
        return evaluate(rules_set(rule), Cycle(CYCLE.start, CYCLE.end, renewal), [], today=MID).rule("hiv").note

    assert reason(1, "first_n_renewals", 2) == "only for the first renewal"
    assert reason(3, "first_n_renewals", 4) == "only for the first 3 renewals"
    assert reason(2, "every_nth_renewal", 3) == "due every 2nd renewal, not this one"
    assert reason(3, "every_nth_renewal", 4) == "due every 3rd renewal, not this one"
