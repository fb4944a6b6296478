"""The signal engine, without a database: each signal by example at its edges, and against an independent oracle
(property-based) that works from the raw check-ins by ISO calendar week."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from medpath.wellbeing import signals
from medpath.wellbeing.signals import Day, Week, find_signals

TODAY = date(2026, 11, 25)  # a Wednesday
MONDAY = date(2026, 11, 23)


def _weeks(means: list[float | None], hours: list[float | None], count: int = 6) -> list[Week]:
    """``count`` weeks ending with this one; ``means`` and ``hours`` give the complete weeks, oldest first."""
    first = MONDAY - timedelta(days=7 * (count - 1))
    padded_means = [None] * (count - 1 - len(means)) + means + [None]
    padded_hours = [None] * (count - 1 - len(hours)) + hours + [None]
    return [Week(first + timedelta(days=7 * n), padded_means[n], padded_hours[n]) for n in range(count)]


def _keys(weeks: list[Week], days: list[Day] = []) -> list[str]:  # noqa: B006  (never mutated)
    return [found.key for found in find_signals(weeks, days, TODAY, concern_from=3)]


def test_mood_falling_three_weeks_with_long_hours_is_observed() -> None:
    """Four complete weeks with the mood mean falling each week, hours above 70 in the three falling weeks."""
    found = find_signals(_weeks([3.8, 3.5, 3.0, 2.2], [50, 72, 80, 71]), [], TODAY, concern_from=3)
    assert [signal.key for signal in found] == ["mood-falling-long-hours"]
    assert found[0].message == "Your mood has fallen three weeks running while your hours stayed above 70."
    assert "Week of 9 Nov 2026: mood 3.0, 80 hours" in found[0].reasons


def test_mood_signal_needs_every_condition() -> None:
    """Hours of exactly 70, a flat week, a week without check-ins or no logged shifts: no signal."""
    assert _keys(_weeks([3.8, 3.5, 3.0, 2.2], [80, 70, 80, 80])) == []
    assert _keys(_weeks([3.8, 3.5, 3.5, 2.2], [80, 80, 80, 80])) == []
    assert _keys(_weeks([3.8, None, 3.0, 2.2], [80, 80, 80, 80])) == []
    assert _keys(_weeks([3.8, 3.5, 3.0, 2.2], [None, None, None, None])) == []
    assert _keys(_weeks([3.5, 3.0, 2.2], [80, 80, 80])) == []  # three weeks are two falls


def test_the_current_week_is_not_counted_until_it_is_complete() -> None:
    """A low mood this week, after falls in the weeks before, does not complete a run."""
    weeks = _weeks([4.0, 3.5, 3.0], [80, 80, 80])
    weeks[-1] = Week(MONDAY, 1.0, 90)
    assert _keys(weeks) == []


def test_burnout_on_most_recent_checkins_is_observed() -> None:
    """Burnout 3 or more on more than half of at least four check-ins in the last fourteen days."""
    days = [Day(TODAY - timedelta(days=n), burnout, 7.0) for n, burnout in enumerate([3, 4, 3, 1, 2])]
    found = find_signals([], days, TODAY, concern_from=3)
    assert [signal.message for signal in found] == [
        "You answered 3 or more to the burnout question on 3 of your last 5 check-ins."
    ]
    assert _keys([], [Day(TODAY - timedelta(days=n), b, 7.0) for n, b in enumerate([3, 4, 1, 2])]) == []  # half
    assert _keys([], [Day(TODAY - timedelta(days=n), 5, 7.0) for n in range(3)]) == []  # too few
    assert _keys([], [Day(TODAY - timedelta(days=14 + n), 5, 7.0) for n in range(5)]) == []  # too long ago


def test_short_sleep_is_observed() -> None:
    """Sleep averaging under six hours over at least four nights of the last fourteen days."""
    short = [Day(TODAY - timedelta(days=n), 1, hours) for n, hours in enumerate([5.5, 6.0, 5.0, 6.0])]
    assert _keys([], short) == ["short-sleep"]
    enough = [Day(TODAY - timedelta(days=n), 1, 6.0) for n in range(4)]
    assert _keys([], enough) == []


# The oracle: the definitions read from docs/wellbeing.md, applied to raw check-ins by ISO week.


def _oracle(checkins: dict[date, tuple[int, int, float]], hours: dict[tuple[int, int], float] | None) -> set[str]:
    found = set()
    iso_now = TODAY.isocalendar()
    by_week: dict[tuple[int, int], list[int]] = defaultdict(list)
    for on, (mood, _, _) in checkins.items():
        year, week, _ = on.isocalendar()
        by_week[(year, week)].append(mood)
    previous = []
    cursor = TODAY
    for _ in range(signals.FALLING_WEEKS + 1):
        cursor -= timedelta(days=7)
        year, week, _ = cursor.isocalendar()
        previous.append((year, week))
    previous.reverse()
    assert (iso_now.year, iso_now.week) not in previous
    means = [sum(by_week[key]) / len(by_week[key]) if by_week.get(key) else None for key in previous]
    if all(mean is not None for mean in means) and hours is not None:
        falling = all(means[n + 1] < means[n] for n in range(len(means) - 1))  # type: ignore[operator]
        long = all(hours.get(key, 0.0) > signals.LONG_HOURS for key in previous[1:])
        if falling and long:
            found.add("mood-falling-long-hours")
    recent = [values for on, values in checkins.items() if 0 <= (TODAY - on).days < signals.RECENT_DAYS]
    if len(recent) >= signals.MIN_CHECKINS:
        if 2 * sum(1 for _, burnout, _ in recent if burnout >= 3) > len(recent):
            found.add("burnout-most-days")
        if sum(sleep for _, _, sleep in recent) / len(recent) < signals.SHORT_SLEEP:
            found.add("short-sleep")
    return found


def _engine(checkins: dict[date, tuple[int, int, float]], hours: dict[tuple[int, int], float] | None) -> set[str]:
    first = MONDAY - timedelta(days=7 * 11)
    weeks = []
    for n in range(12):
        monday = first + timedelta(days=7 * n)
        moods = [mood for on, (mood, _, _) in checkins.items() if monday <= on < monday + timedelta(days=7)]
        year, week, _ = monday.isocalendar()
        weeks.append(
            Week(monday, sum(moods) / len(moods) if moods else None, None if hours is None else hours.get((year, week), 0.0))
        )
    days = [Day(on, burnout, sleep) for on, (_, burnout, sleep) in sorted(checkins.items())]
    return {signal.key for signal in find_signals(weeks, days, TODAY, concern_from=3)}


CHECKINS = st.dictionaries(
    st.integers(min_value=0, max_value=60).map(lambda back: TODAY - timedelta(days=back)),
    st.tuples(st.integers(1, 5), st.integers(1, 5), st.sampled_from([4.0, 5.5, 6.0, 6.5, 8.0])),
    max_size=40,
)
HOURS = st.none() | st.dictionaries(
    st.integers(min_value=1, max_value=8).map(lambda back: (TODAY - timedelta(days=7 * back)).isocalendar()[:2]),
    st.sampled_from([0.0, 60.0, 70.0, 70.5, 84.0]),
)


@given(CHECKINS, HOURS)
def test_the_engine_agrees_with_the_oracle(checkins: dict[date, tuple[int, int, float]], hours: dict | None) -> None:  # type: ignore[type-arg]
    """Whatever the check-ins and hours, the engine finds exactly the signals the oracle finds."""
    assert _engine(checkins, hours) == _oracle(checkins, hours)


@given(
    st.lists(st.integers(1, 40), min_size=4, max_size=4, unique=True).map(lambda m: [5 - v / 10 for v in sorted(m)]),
    st.lists(st.floats(min_value=70.01, max_value=120), min_size=3, max_size=3),
)
def test_a_strictly_falling_run_with_long_hours_always_signals(means: list[float], hours: list[float]) -> None:
    """Any four strictly falling weekly means with more than 70 hours in the last three: the mood signal."""
    assert _keys(_weeks(list(means), [0.0, *hours])) == ["mood-falling-long-hours"]
