"""The roadmap planner (pure): dates, critical path, options, errors. No database."""

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medpath.plans.assumptions import ACADEMIC_SUMMER_DAYS
from medpath.plans.roadmap import (
    Milestone,
    Plan,
    PlanError,
    PlanOptions,
    PlanPrerequisite,
    PlanStage,
    build_plan,
    months_to_days,
)

START = date(2026, 9, 1)
TODAY = date(2026, 9, 1)


def stage(stage_id: str, months: float, *requires: str, shortest: float | None = None, study: bool = False) -> PlanStage:
    return PlanStage(
        id=stage_id,
        name=stage_id.upper(),
        kind="degree" if study else "licensing_exam",
        min_months=months if shortest is None else shortest,
        typical_months=months,
        requires=tuple(PlanPrerequisite(r) for r in requires),
        stretchable=study,
    )


RN = [stage("bsn", 48, study=True, shortest=36), stage("nclex", 2, "bsn", shortest=1), stage("licence", 2, "nclex", shortest=1)]


def by_id(plan: Plan) -> dict[str, Milestone]:
    return {m.id: m for m in plan.milestones}


def test_sequential_dates_and_totals() -> None:
    """Each stage starts when its prerequisite ends; totals add up."""
    plan = build_plan(RN, PlanOptions(start=START, today=TODAY))
    ms = by_id(plan)
    assert ms["bsn"].typical_start == START
    assert ms["nclex"].typical_start == ms["bsn"].typical_end
    assert plan.typical_finish == START + timedelta(days=months_to_days(48) + months_to_days(2) * 2)
    assert plan.earliest_finish < plan.typical_finish
    assert plan.critical_path == ("bsn", "nclex", "licence")
    assert plan.total_days == (plan.typical_finish - START).days
    upcoming = plan.next_milestone()
    assert upcoming is not None
    assert upcoming.id == "bsn"


def test_parallel_stage_runs_during_another() -> None:
    """A 'during' prerequisite lets an exam sit inside a degree without lengthening the plan."""
    school = stage("school", 48, study=True)
    step1 = PlanStage("step1", "Step 1", "licensing_exam", 1, 2, (PlanPrerequisite("school", "during", 22),))
    residency = stage("residency", 36, "school")
    plan = build_plan([school, step1, residency], PlanOptions(start=START, today=TODAY))
    ms = by_id(plan)
    assert ms["step1"].typical_start == START + timedelta(days=months_to_days(22))
    assert ms["step1"].typical_end < ms["school"].typical_end
    assert not ms["step1"].critical
    assert ms["step1"].slack_days > 0
    assert plan.critical_path == ("school", "residency")


def test_completed_stage_keeps_its_date_and_the_rest_recomputes() -> None:
    """Finishing the degree early moves what follows; the degree's own date is the real one."""
    done = date(2029, 5, 15)
    plan = build_plan(RN, PlanOptions(start=START, today=date(2029, 6, 1), completed={"bsn": done}))
    ms = by_id(plan)
    assert ms["bsn"].typical_end == done
    assert ms["bsn"].status == "done"
    assert ms["nclex"].typical_start == done
    assert plan.done_count == 1
    upcoming = plan.next_milestone()
    assert upcoming is not None
    assert upcoming.id == "nclex"


def test_planned_stages_never_start_before_the_plan_start() -> None:
    """A prerequisite done long ago does not put the next stage in the past."""
    plan = build_plan(RN, PlanOptions(start=START, today=TODAY, completed={"bsn": date(2020, 5, 1)}))
    assert by_id(plan)["nclex"].typical_start == START


def test_fixed_date_pins_a_stage_and_warns_when_too_early() -> None:
    """An exam booked for a date ends that day; booking it before the degree ends is flagged."""
    booked = date(2030, 3, 14)
    plan = build_plan(RN, PlanOptions(start=START, today=TODAY, fixed={"nclex": booked}))
    ms = by_id(plan)
    assert ms["nclex"].typical_end == booked
    assert ms["nclex"].fixed_on == booked
    assert ms["licence"].typical_start == booked
    early = build_plan(RN, PlanOptions(start=START, today=TODAY, fixed={"nclex": date(2027, 1, 10)}))
    assert early.warnings
    assert "before BSN" in early.warnings[0]


def test_part_time_stretches_study_only() -> None:
    """A part-time factor lengthens degrees, not exams."""
    full = by_id(build_plan(RN, PlanOptions(start=START, today=TODAY)))
    part = by_id(build_plan(RN, PlanOptions(start=START, today=TODAY, part_time_factor=1.5)))
    bsn_days = (part["bsn"].typical_end - part["bsn"].typical_start).days
    assert bsn_days == months_to_days(48 * 1.5)
    assert (part["nclex"].typical_end - part["nclex"].typical_start) == (full["nclex"].typical_end - full["nclex"].typical_start)


def test_gap_year_delays_what_follows() -> None:
    """A gap after a stage pushes its followers by the gap."""
    plain = by_id(build_plan(RN, PlanOptions(start=START, today=TODAY)))
    gap = by_id(build_plan(RN, PlanOptions(start=START, today=TODAY, gap_after="bsn", gap_months=12)))
    assert (gap["nclex"].typical_start - plain["nclex"].typical_start).days == months_to_days(12)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (PlanOptions(start=START, today=TODAY, completed={"bsn": date(2027, 1, 1)}), "in the future"),
        (PlanOptions(start=START, today=TODAY, completed={"mcat": date(2026, 1, 1)}), "not on this route"),
        (PlanOptions(start=START, today=TODAY, fixed={"step1": date(2027, 1, 1)}), "not on this route"),
        (PlanOptions(start=START, today=TODAY, part_time_factor=0.5), "part-time factor"),
        (PlanOptions(start=START, today=TODAY, gap_after="nowhere", gap_months=12), "gap follows"),
    ],
)
def test_bad_options_name_the_problem(options: PlanOptions, message: str) -> None:
    """Impossible inputs get a PlanError that says what is wrong."""
    with pytest.raises(PlanError, match=message):
        build_plan(RN, options)


def test_cycle_is_refused() -> None:
    """Stages that require each other cannot be planned."""
    with pytest.raises(PlanError, match="cycle"):
        build_plan([stage("a", 1, "b"), stage("b", 1, "a")], PlanOptions(start=START, today=TODAY))


@st.composite
def graphs(draw, max_stages: int = 7):
    """Random DAGs: stage i may require any earlier stage, after or during it."""
    count = draw(st.integers(min_value=1, max_value=max_stages))
    stages = []
    for index in range(count):
        requires = []
        for earlier in range(index):
            if draw(st.booleans()):
                mode = draw(st.sampled_from(["after", "after", "during"]))
                offset = draw(st.integers(min_value=0, max_value=6))
                requires.append(PlanPrerequisite(f"s{earlier}", mode, float(offset)))
        typical = draw(st.integers(min_value=0, max_value=60))
        shortest = draw(st.integers(min_value=0, max_value=typical))
        stages.append(
            PlanStage(f"s{index}", f"S{index}", "degree", float(shortest), float(typical), tuple(requires), draw(st.booleans()))
        )
    return stages


@given(graphs(), st.floats(min_value=1.0, max_value=2.0))
def test_no_milestone_starts_before_its_prerequisites(stages, factor) -> None:
    """Property: each planned stage starts no earlier than each prerequisite allows, for both date sets."""
    plan = build_plan(stages, PlanOptions(start=START, today=TODAY, part_time_factor=factor))
    ms = by_id(plan)
    for planned in stages:
        for prerequisite in planned.requires:
            lag = timedelta(days=months_to_days(prerequisite.offset_months))
            before = ms[prerequisite.stage]
            for anchor, own in (
                (before.typical_end if prerequisite.mode == "after" else before.typical_start, ms[planned.id].typical_start),
                (before.earliest_end if prerequisite.mode == "after" else before.earliest_start, ms[planned.id].earliest_start),
            ):
                assert own >= anchor + lag
        assert ms[planned.id].typical_start >= START
        assert ms[planned.id].earliest_end <= ms[planned.id].typical_end


@given(graphs(), st.data())
def test_completed_milestones_never_move(stages, data) -> None:
    """Property: whatever else changes, a completed stage's date is the date given."""
    today = date(2032, 1, 1)
    chosen = data.draw(st.lists(st.sampled_from([s.id for s in stages]), unique=True))
    completed = {stage_id: data.draw(st.dates(min_value=date(2020, 1, 1), max_value=today)) for stage_id in chosen}
    factor = data.draw(st.floats(min_value=1.0, max_value=3.0))
    plan = build_plan(stages, PlanOptions(start=date(2030, 1, 1), today=today, completed=completed, part_time_factor=factor))
    ms = by_id(plan)
    for stage_id, when in completed.items():
        assert ms[stage_id].typical_end == when
        assert ms[stage_id].earliest_end == when
        assert ms[stage_id].status == "done"


def _longest_path_days(stages) -> int:
    """Brute force: the longest chain of 'after' prerequisites, summing durations (every path enumerated)."""
    by = {s.id: s for s in stages}

    def best_ending_at(stage_id: str) -> int:
        own = months_to_days(by[stage_id].typical_months)
        before = [best_ending_at(p.stage) for p in by[stage_id].requires]
        return own + max(before, default=0)

    return max(best_ending_at(s.id) for s in stages)


@given(graphs(max_stages=6))
def test_critical_path_matches_brute_force_longest_path(stages) -> None:
    """On graphs of plain 'after' prerequisites, the finish and the critical path equal the longest path."""
    plain = [
        PlanStage(s.id, s.name, s.kind, s.min_months, s.typical_months, tuple(PlanPrerequisite(p.stage) for p in s.requires))
        for s in stages
    ]
    plan = build_plan(plain, PlanOptions(start=START, today=TODAY))
    longest = _longest_path_days(plain)
    assert plan.total_days == longest
    ms = by_id(plan)
    assert sum((ms[s].typical_end - ms[s].typical_start).days for s in plan.critical_path) == longest
    for before, after in pairwise(plan.critical_path):
        assert before in ms[after].requires
        assert ms[after].typical_start == ms[before].typical_end


def test_nothing_not_done_ends_before_today() -> None:
    """A plan started long ago with nothing ticked runs from today on, and says what is overdue."""
    plan = build_plan(RN, PlanOptions(start=date(2020, 9, 1), today=date(2027, 1, 10)))
    ms = by_id(plan)
    assert ms["bsn"].typical_end == date(2027, 1, 10)
    assert ms["bsn"].overdue
    assert ms["bsn"].status == "in_progress"
    assert ms["nclex"].typical_start == date(2027, 1, 10)
    assert plan.remaining_days > 0


def test_a_completed_stage_implies_what_it_needs_after() -> None:
    """Ticking the exam done means the degree before it is done too; the finish does not wait for it."""
    plan = build_plan(RN, PlanOptions(start=START, today=date(2027, 1, 10), completed={"nclex": date(2027, 1, 5)}))
    ms = by_id(plan)
    assert ms["bsn"].status == "done"
    assert ms["licence"].typical_start == date(2027, 1, 5)
    assert ms["licence"].typical_end >= date(2027, 1, 10)
    assert plan.typical_finish < date(2028, 1, 1)


def test_under_way_stage_keeps_its_start() -> None:
    """A degree begun before the plan keeps its start date; what follows waits for its end."""
    plan = build_plan(RN, PlanOptions(start=START, today=START, under_way={"bsn": date(2024, 9, 1)}))
    ms = by_id(plan)
    assert ms["bsn"].typical_start == date(2024, 9, 1)
    assert ms["bsn"].typical_end == date(2024, 9, 1) + timedelta(days=months_to_days(48))


def test_dates_outside_the_calendar_range_are_refused() -> None:
    """A booking in year 9999 is a clear PlanError, not an overflow."""
    with pytest.raises(PlanError, match="outside"):
        build_plan(RN, PlanOptions(start=START, today=TODAY, fixed={"nclex": date(9999, 12, 1)}))


def test_critical_means_no_slack() -> None:
    """Two equally long chains are both critical; a shorter parallel one is not."""
    stages = [stage("a", 12), stage("b", 12), stage("c", 6), stage("end", 1, "a", "b", "c")]
    ms = by_id(build_plan(stages, PlanOptions(start=START, today=TODAY)))
    assert ms["a"].critical
    assert ms["b"].critical
    assert not ms["c"].critical
    assert ms["c"].slack_days == months_to_days(12) - months_to_days(6)


def test_fixed_date_pins_slack_of_what_comes_before() -> None:
    """With the exam booked soon after the degree, the degree's slack is the days in between."""
    booked = START + timedelta(days=months_to_days(48) + months_to_days(2) + 61)
    ms = by_id(build_plan(RN, PlanOptions(start=START, today=TODAY, fixed={"nclex": booked})))
    assert ms["bsn"].slack_days == 61
    assert not ms["nclex"].critical


@st.composite
def situations(draw):
    """Random graphs with some stages completed, under way or booked, and a gap."""
    stages = draw(graphs())
    ids = [s.id for s in stages]
    today = date(2030, 1, 1)
    start = draw(st.dates(min_value=date(2026, 1, 1), max_value=date(2031, 1, 1)))
    completed = {
        i: draw(st.dates(min_value=date(2020, 1, 1), max_value=today))
        for i in draw(st.lists(st.sampled_from(ids), unique=True, max_size=2))
    }
    free = [i for i in ids if i not in completed]
    fixed = (
        {
            i: draw(st.dates(min_value=date(2025, 1, 1), max_value=date(2040, 1, 1)))
            for i in draw(st.lists(st.sampled_from(free), unique=True, max_size=1))
        }
        if free
        else {}
    )
    gap_after = draw(st.sampled_from([None, *ids]))
    options = PlanOptions(
        start=start,
        today=today,
        completed=completed,
        fixed=fixed,
        gap_after=gap_after,
        gap_months=draw(st.integers(0, 12)) if gap_after else 0,
        part_time_factor=draw(st.floats(1.0, 2.0)),
    )
    return stages, options


@given(situations())
def test_plans_with_mixed_inputs_keep_their_promises(situation) -> None:
    """Property: completed dates stay; nothing open ends before today; free stages respect prerequisites; critical = no slack."""
    stages, options = situation
    plan = build_plan(stages, options)
    ms = by_id(plan)
    today_or_start = max(options.today, options.start)
    for stage_id, when in options.completed.items():
        assert ms[stage_id].typical_end == when
    for m in plan.milestones:
        if m.status != "done" and m.fixed_on is None:
            assert m.typical_end >= options.today
            assert m.earliest_end >= options.today
            assert m.critical == (m.slack_days == 0)
    by = {s.id: s for s in stages}
    for s in stages:
        m = ms[s.id]
        if m.status == "done" or m.fixed_on is not None:
            continue
        for p in s.requires:
            before = ms[p.stage]
            anchor = before.typical_end if p.mode == "after" else before.typical_start
            assert m.typical_start >= anchor or (before.status == "done" and m.typical_start >= options.start)
    assert plan.typical_finish >= min(today_or_start, plan.typical_finish)
    assert by


def _paths_longest(stages, factor: float = 1.0) -> int:
    """Brute force: list every chain of prerequisites explicitly and take the longest, 'during' edges included."""
    by = {s.id: s for s in stages}

    def length(s: PlanStage) -> int:
        return months_to_days(s.typical_months * (factor if s.stretchable else 1.0))

    def lag(p: PlanPrerequisite) -> int:
        parent = by[p.stage]
        months = p.offset_months * (factor if p.mode == "during" and parent.stretchable else 1.0)
        return months_to_days(months)

    chains: list[list[tuple[str, PlanPrerequisite | None]]] = []

    def walk(stage_id: str, trail: list[tuple[str, PlanPrerequisite | None]]) -> None:
        chains.append(trail)
        for child in stages:
            for p in child.requires:
                if p.stage == stage_id:
                    walk(child.id, [*trail, (child.id, p)])

    for root in stages:
        walk(root.id, [(root.id, None)])
    best = 0
    for chain in chains:
        time = 0
        for (stage_id, _), (_, edge) in pairwise(chain):
            assert edge is not None
            time += lag(edge) + (length(by[stage_id]) if edge.mode == "after" else 0)
        best = max(best, time + length(by[chain[-1][0]]))
    return best


@given(graphs(max_stages=6), st.floats(min_value=1.0, max_value=2.0))
def test_finish_matches_brute_force_with_parallel_stages(stages, factor) -> None:
    """With 'during' and 'after' prerequisites, offsets and part-time, the finish equals the longest explicit chain."""
    plan = build_plan(stages, PlanOptions(start=START, today=TODAY, part_time_factor=factor))
    assert plan.total_days == _paths_longest(stages, factor)


def test_stage_under_way_ends_when_the_person_says() -> None:
    """A degree under way with an expected end in May 2028 ends then; what follows starts from it, not from its full length."""
    ends = date(2028, 5, 31)
    plan = build_plan(RN, PlanOptions(start=START, today=START, under_way={"bsn": START}, expected_end={"bsn": ends}))
    ms = by_id(plan)
    assert ms["bsn"].typical_start == START
    assert ms["bsn"].typical_end == ms["bsn"].earliest_end == ends
    assert ms["bsn"].expected_end == ends
    assert ms["nclex"].typical_start == ends
    assert not ms["bsn"].overdue


def test_an_expected_end_that_has_passed_is_overdue_and_ends_today() -> None:
    """When the expected end passes without the stage ticked done, it ends no earlier than today and is overdue."""
    options = PlanOptions(start=START, today=date(2028, 7, 1), under_way={"bsn": START}, expected_end={"bsn": date(2028, 5, 31)})
    ms = by_id(build_plan(RN, options))
    assert ms["bsn"].typical_end == date(2028, 7, 1)
    assert ms["bsn"].overdue


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (PlanOptions(start=START, today=START, expected_end={"bsn": date(2028, 5, 31)}), "not under way"),
        (PlanOptions(start=START, today=START, under_way={"bsn": START}, expected_end={"bsn": START}), "not after its start"),
    ],
)
def test_expected_end_must_belong_to_a_stage_under_way(options: PlanOptions, message: str) -> None:
    """An expected end needs a stage under way and must come after that stage's start."""
    with pytest.raises(PlanError, match=message):
        build_plan(RN, options)


def test_calendar_stage_starts_on_its_next_calendar_day_and_the_wait_is_slack() -> None:
    """Residency starts on the first 1 July after medical school ends; the months between are slack, not delay.
    (School begun in January ends in winter: its summer is past, so the wait is real.)"""
    school = stage("school", 48, study=True)
    residency = PlanStage(
        "residency", "Residency", "supervised_training", 36, 36, (PlanPrerequisite("school"),), starts_on=(7, 1)
    )
    winter = date(2026, 1, 5)
    plan = build_plan([school, residency], PlanOptions(start=winter, today=winter))
    ms = by_id(plan)
    school_end = ms["school"].typical_end
    assert ms["residency"].typical_start == date(
        school_end.year if school_end <= date(school_end.year, 7, 1) else school_end.year + 1, 7, 1
    )
    assert ms["residency"].earliest_start.month == 7
    assert ms["residency"].earliest_start.day == 1
    assert ms["residency"].wait_days == (ms["residency"].typical_start - school_end).days > 0
    assert ms["school"].slack_days == ms["residency"].wait_days
    assert not ms["school"].critical
    assert plan.critical_path == ("residency",)


def test_calendar_stage_ready_on_its_day_starts_that_day() -> None:
    """A degree ending on 1 July lets the residency begin the same day, with no wait."""
    school = stage("school", 10)
    residency = PlanStage(
        "residency", "Residency", "supervised_training", 36, 36, (PlanPrerequisite("school"),), starts_on=(7, 1)
    )
    options = PlanOptions(start=START, today=START, under_way={"school": START}, expected_end={"school": date(2027, 7, 1)})
    ms = by_id(build_plan([school, residency], options))
    assert ms["residency"].typical_start == date(2027, 7, 1)
    assert ms["residency"].wait_days == 0


@given(graphs(max_stages=6), st.data())
def test_calendar_stages_start_on_their_day_after_their_prerequisites(stages, data) -> None:
    """Property: a stage with a calendar start begins on that day, no earlier than its prerequisites allow; critical = no slack."""
    timed = [
        PlanStage(s.id, s.name, s.kind, s.min_months, s.typical_months, s.requires, s.stretchable, starts_on=(9, 1))
        if data.draw(st.booleans())
        else s
        for s in stages
    ]
    plan = build_plan(timed, PlanOptions(start=START, today=TODAY))
    ms = by_id(plan)
    for s in timed:
        m = ms[s.id]
        if s.starts_on is not None:
            assert (m.typical_start.month, m.typical_start.day) == (9, 1)
            assert (m.earliest_start.month, m.earliest_start.day) == (9, 1)
            assert m.wait_days < 366
        for p in s.requires:
            before = ms[p.stage]
            anchor = before.typical_end if p.mode == "after" else before.typical_start
            prerequisite = next(t for t in timed if t.id == p.stage)
            whole_years = all(n >= 12 and n % 12 == 0 for n in (prerequisite.min_months, prerequisite.typical_months))
            if s.starts_on is not None and p.mode == "after" and p.offset_months == 0 and whole_years:
                # whole academic years end with the spring term: the summer's calendar start is reached
                assert m.typical_start >= anchor - timedelta(days=ACADEMIC_SUMMER_DAYS)
            else:
                assert m.typical_start >= anchor + timedelta(days=months_to_days(p.offset_months))
        assert m.critical == (m.slack_days == 0)
        assert m.slack_days >= 0
    finish = plan.typical_finish
    for stage_id in plan.critical_path:
        assert ms[stage_id].slack_days == 0
    assert finish == max(m.typical_end for m in plan.milestones)


def _school_then_residency() -> list[PlanStage]:
    school = stage("school", 48, study=True)
    residency = PlanStage(
        "residency", "Residency", "supervised_training", 36, 36, (PlanPrerequisite("school"),), starts_on=(7, 1)
    )
    return [school, residency]


def test_four_academic_years_from_august_lead_to_residency_the_next_july_not_a_year_later() -> None:
    """Medical school from 1 Aug 2025 is four academic years: graduation in spring 2029, residency on 1 July 2029
    (the plan said 1 July 2030, a year late, because 48 months end on 1 Aug 2029, after that July)."""
    start = date(2025, 8, 1)
    plan = build_plan(_school_then_residency(), PlanOptions(start=start, today=start))
    ms = by_id(plan)
    assert ms["residency"].typical_start == date(2029, 7, 1)
    assert ms["residency"].wait_days == 0


def test_a_programme_ending_in_winter_waits_for_the_next_july() -> None:
    """Four years from January end in January: residency waits for July (the wait is shown)."""
    start = date(2026, 1, 5)
    ms = by_id(build_plan(_school_then_residency(), PlanOptions(start=start, today=start)))
    assert ms["residency"].typical_start == date(2030, 7, 1)
    assert ms["residency"].wait_days == (date(2030, 7, 1) - ms["school"].typical_end).days > 150


def test_an_end_the_person_gave_is_taken_as_it_is() -> None:
    """When the person says school ends 15 Aug 2029, that is after 1 July 2029: residency is 1 July 2030."""
    start = date(2025, 8, 1)
    options = PlanOptions(start=start, today=start, under_way={"school": start}, expected_end={"school": date(2029, 8, 15)})
    ms = by_id(build_plan(_school_then_residency(), options))
    assert ms["residency"].typical_start == date(2030, 7, 1)


def test_a_stage_under_way_marked_done_keeps_the_start_the_person_gave() -> None:
    """'Mark done' on a BSN under way since 1 Sep 2024 showed it as 4 Dec 2022 – 4 Dec 2026 (the end minus its full
    length; found by a newcomer): it keeps its start."""
    begun, done = date(2024, 9, 1), date(2026, 12, 4)
    options = PlanOptions(start=begun, today=done, under_way={"bsn": begun}, completed={"bsn": done})
    bsn = by_id(build_plan(RN, options))["bsn"]
    assert (bsn.typical_start, bsn.typical_end) == (begun, done)
