"""The ACGME work-hour engine (pure): the seven rules, their boundaries, averaging, daylight saving, bad input."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from medpath.experience.schedule import ScheduleRejected, read_schedule
from medpath.experience.standards import limits
from medpath.experience.workhours import Settings, Shift, WorkHoursError, check

EST = timezone(timedelta(hours=-5))
START = datetime(2026, 1, 5, tzinfo=EST)  # a Monday in winter (no daylight-saving change for weeks)


def at(day: int, hour: float) -> datetime:
    return START + timedelta(days=day, hours=hour)


def shift(
    day: int, hour: float, length: float, kind: str = "clinical", resident: str = "R1", pgy: int | None = 2, line: int = 0
) -> Shift:
    return Shift(resident, at(day, hour), at(day, hour + length), kind, pgy, "", line)  # type: ignore[arg-type]


def weeks_of(
    hours_per_day: float, days_on: tuple[int, ...] = (0, 1, 2, 3, 4), weeks: int = 4, start_hour: float = 6
) -> list[Shift]:
    return [shift(7 * w + d, start_hour, hours_per_day) for w in range(weeks) for d in days_on]


def rules_of(report, severity: str = "violations") -> set[str]:
    return {f.rule for f in getattr(report, severity)}


def test_exactly_80_hours_passes_and_a_quarter_hour_more_fails() -> None:
    """320.0 hours in 28 days is 80.0 a week: allowed. 320.25 is not."""
    exact = check(weeks_of(16), limits())
    assert "weekly-80" not in rules_of(exact)
    over = check([*weeks_of(16), shift(26, 6, 0.25)], limits())
    found = [f for f in over.violations if f.rule == "weekly-80"]
    assert len(found) == 1
    assert found[0].value == pytest.approx(80.06, abs=0.01)
    assert found[0].limit == 80


def test_nine_calls_in_28_days_pass_and_ten_fail() -> None:
    """In-house call every third night averaged over four weeks: 9 calls fit, 10 do not."""
    nine = [shift(day, 18, 12, "in-house-call") for day in range(0, 27, 3)]
    assert len(nine) == 9
    assert "in-house-call-every-3rd" not in rules_of(check(nine, limits()))
    ten = [*nine, shift(26, 18, 1.5, "in-house-call")]
    found = [f for f in check(ten, limits()).violations if f.rule == "in-house-call-every-3rd"]
    assert [(f.value, f.limit) for f in found] == [(10.0, 9.0)]


def test_24_hours_plus_4_of_transition_pass_and_25_hours_of_call_fail() -> None:
    """24 h of call then 4 h of hand-over is allowed; a 25th hour of call is not."""
    ok = check([shift(0, 7, 24, "in-house-call"), shift(1, 7, 4, "transition")], limits())
    assert "continuous-24-plus-4" not in rules_of(ok)
    too_long = check([shift(0, 7, 25, "in-house-call")], limits())
    assert "continuous-24-plus-4" in rules_of(too_long)
    five_of_transition = check([shift(0, 7, 24, "in-house-call"), shift(1, 7, 4.5, "transition")], limits())
    assert "continuous-24-plus-4" in rules_of(five_of_transition)


def test_a_post_call_morning_is_not_a_free_day() -> None:
    """Days off that are only 23 free hours after a call do not count as free days."""
    shifts = []
    for week in range(5):
        base = 7 * week
        shifts += [shift(base + d, 7, 10) for d in range(0, 5)]
        shifts.append(shift(base + 5, 9, 23, "in-house-call"))  # ends 08:00 on day 6; Monday's 07:00 start is 23 h later
    report = check(shifts, limits())
    assert "one-day-off-in-7" in rules_of(report)
    rested = [s for s in shifts if s.kind != "in-house-call"]  # the same weeks without the calls: weekends are free
    assert "one-day-off-in-7" not in rules_of(check(rested, limits()))


def test_home_call_breaks_a_free_day() -> None:
    """A weekend spent on home call (no hours worked) is not a day off."""
    shifts = [*weeks_of(8, start_hour=8)]
    shifts += [Shift("R1", at(7 * w + 5, 0), at(7 * w + 7, 0), "home-call", 2) for w in range(4)]
    assert "one-day-off-in-7" in rules_of(check(shifts, limits()))
    assert "one-day-off-in-7" not in rules_of(check(weeks_of(8, start_hour=8), limits()))


def test_rest_after_long_call_and_advisory_between_shifts() -> None:
    """Back 10 h after a 24-h call is a violation; 6 h between ordinary shifts is only advisory."""
    after_call = check([shift(0, 7, 24, "in-house-call"), shift(1, 17, 8)], limits())
    assert "rest-14-after-24" in rules_of(after_call)
    short_gap = check([shift(0, 7, 8), shift(0, 21, 8)], limits())
    assert "rest-8-between" in rules_of(short_gap, "advisories")
    assert not short_gap.violations


def test_pgy1_moonlighting_and_unknown_pgy() -> None:
    """Moonlighting is a violation for a PGY-1; when the PGY is unknown the rule is not evaluated, and the report says so."""
    assert "pgy1-moonlighting" in rules_of(check([shift(0, 18, 6, "moonlighting", pgy=1)], limits()))
    assert "pgy1-moonlighting" not in rules_of(check([shift(0, 18, 6, "moonlighting", pgy=3)], limits()))
    unknown = check([shift(0, 18, 6, "moonlighting", pgy=None)], limits())
    assert not unknown.violations
    assert any("PGY unknown" in note for note in unknown.notes)


def test_a_shift_across_a_daylight_saving_change_counts_real_hours() -> None:
    """19:00 to 07:00 across the March change in New York is 11 hours, not 12."""
    new_york = ZoneInfo("America/New_York")
    night = Shift("R1", datetime(2026, 3, 7, 19, tzinfo=new_york), datetime(2026, 3, 8, 7, tzinfo=new_york), "clinical", 2)
    assert night.hours == 11
    text = "resident,start,end,kind\nR1,2026-03-07T19:00-05:00,2026-03-08T07:00-04:00,clinical\n"
    parsed = read_schedule(text)
    assert parsed[0].hours == 11
    report = check(parsed, limits())
    assert report.weekly_hours["R1"][0][1] == 11


def test_overlapping_violating_windows_are_reported_once_with_the_worst_value() -> None:
    """Six heavy weeks make many violating windows but one finding."""
    heavy = weeks_of(18, days_on=(0, 1, 2, 3, 4), weeks=6)
    found = [f for f in check(heavy, limits()).violations if f.rule == "weekly-80"]
    assert len(found) == 1
    assert found[0].value == 90.0
    assert found[0].start == date(2026, 1, 5)


def test_leave_is_left_out_of_the_average_by_default() -> None:
    """Three weeks of 90 hours and a week of leave average 90 (omitted) or 67.5 (as zero)."""
    shifts = weeks_of(18, weeks=3)
    shifts.append(Shift("R1", at(21, 0), at(28, 0), "leave", 2))
    omitted = check(shifts, limits())
    assert "weekly-80" in rules_of(omitted)
    as_zero = check(shifts, limits(), Settings(leave="zero"))
    assert "weekly-80" not in rules_of(as_zero)


def test_rotation_windows_are_reported() -> None:
    """With rotations, each rotation (shorter than four weeks) is its own window, and the mode is named."""
    shifts = [Shift("R1", s.start, s.end, s.kind, 2, "ICU" if s.start < at(14, 0) else "Wards") for s in weeks_of(18, weeks=2)]
    shifts += [
        Shift("R1", s.start, s.end, s.kind, 2, "Wards")
        for s in weeks_of(8, weeks=2)
        for s in [Shift("R1", s.start + timedelta(days=14), s.end + timedelta(days=14), "clinical", 2)]
    ]
    report = check(shifts, limits(), Settings(window="rotation"))
    assert report.window_mode == "rotation"
    found = [f for f in report.violations if f.rule == "weekly-80"]
    assert found
    assert found[0].end < date(2026, 1, 19)


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("resident,start,end,kind\nR1,2026-01-05T18:00-05:00,2026-01-05T07:00-05:00,clinical\n", 2, "end"),
        ("resident,start,end,kind\nR1,2026-01-05T07:00,2026-01-05T18:00,clinical\n", 2, "start"),
        ("resident,start,end,kind\nR1,2026-01-05T07:00-05:00,2026-01-05T18:00-05:00,surgery\n", 2, "kind"),
        ("resident,start,kind\nR1,2026-01-05T07:00-05:00,clinical\n", 1, "end"),
    ],
)
def test_bad_rows_are_named_by_line_and_field(text: str, line: int, field: str) -> None:
    """An end before the start, a time without offset, an unknown kind, a missing column."""
    with pytest.raises(ScheduleRejected) as rejected:
        read_schedule(text)
    assert (rejected.value.problems[0].line, rejected.value.problems[0].field) == (line, field)


def test_overlapping_shifts_are_refused() -> None:
    """Two work periods at the same time cannot both be true."""
    text = "resident,start,end,kind\nR1,2026-01-05T07:00-05:00,2026-01-05T19:00-05:00,clinical\nR1,2026-01-05T18:00-05:00,2026-01-05T22:00-05:00,clinical\n"
    with pytest.raises(WorkHoursError, match="line 3"):
        check(read_schedule(text), limits())


def test_column_mapping() -> None:
    """A file with its own column names is read through a mapping."""
    text = "Name,From,To,Type\nR1,2026-01-05T07:00-05:00,2026-01-05T19:00-05:00,clinical\n"
    shifts = read_schedule(text, {"Name": "resident", "From": "start", "To": "end", "Type": "kind"})
    assert shifts[0].hours == 12


def test_each_week_carries_the_four_week_average_the_weekly_rule_uses() -> None:
    """Issue 11, finding 13: week by week, the average over that week and the three before it, from the fourth
    week; with a week of leave left out it is the hours over the 21 other days, as the weekly rule reads it."""
    hours_by_week = [60, 70, 90, 84, 50, 77]
    shifts = [shift(7 * w + d, 6, hours / 7) for w, hours in enumerate(hours_by_week) for d in range(7)]
    weeks = check(shifts, limits()).weekly_hours["R1"]
    assert [week.hours for week in weeks] == pytest.approx(hours_by_week)
    expected = [None, None, None] + [sum(hours_by_week[w - 3 : w + 1]) / 4 for w in range(3, 6)]
    assert [week.four_week_average for week in weeks] == [None if e is None else pytest.approx(e) for e in expected]

    with_leave = [s for s in shifts if s.start < at(7, 0) or s.start >= at(14, 0)]
    with_leave.append(Shift("R1", at(7, 0), at(14, 0), "leave", 2))
    omitted = check(with_leave, limits()).weekly_hours["R1"]
    assert omitted[3].four_week_average == pytest.approx((60 + 90 + 84) / 3)
    as_zero = check(with_leave, limits(), Settings(leave="zero")).weekly_hours["R1"]
    assert as_zero[3].four_week_average == pytest.approx((60 + 90 + 84) / 4)


def test_a_last_week_cut_short_has_no_four_week_average() -> None:
    """Five whole weeks and two days: the sixth week's hours are shown, but only whole weeks are averaged."""
    shifts = [*weeks_of(12, days_on=(0, 1, 2, 3, 4, 5), weeks=5), shift(35, 6, 12), shift(36, 6, 12)]
    weeks = check(shifts, limits()).weekly_hours["R1"]
    assert len(weeks) == 6
    assert weeks[5].hours == 24
    assert weeks[4].four_week_average == 72
    assert weeks[5].four_week_average is None
