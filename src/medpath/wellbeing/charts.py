"""The wellbeing trend chart: weekly means of mood, energy, stress and the burnout answer (1-5) as lines, and the
week's logged work hours as bars below them when the person logs shifts. Pure geometry; the template draws it as
inline SVG with a table of the same figures beside it (the text alternative)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

WIDTH, TOP, LEFT, RIGHT = 640, 12, 34, 8
LINES_HEIGHT = 150  # the 1-5 panel
HOURS_HEIGHT = 90  # the work-hour panel
GAP, BOTTOM = 26, 26
SERIES = (  # (field, name, css class): each line also has its own dash pattern and marker shape
    ("mood", "Mood", "mood"),
    ("energy", "Energy", "energy"),
    ("stress", "Stress", "stress"),
    ("burnout", "Burnout answer", "burnout"),
)


class WeekLike(Protocol):
    """A week of the trend (the selector's TrendWeek), read-only."""

    @property
    def week_of(self) -> date: ...
    @property
    def mood(self) -> float | None: ...
    @property
    def energy(self) -> float | None: ...
    @property
    def stress(self) -> float | None: ...
    @property
    def burnout(self) -> float | None: ...
    @property
    def work_hours(self) -> float | None: ...


@dataclass(frozen=True)
class Line:
    name: str
    css: str
    segments: list[str]  # polyline point lists; a week without a check-in breaks the line
    points: list[tuple[float, float, date, float]]  # x, y, week, value


@dataclass(frozen=True)
class HoursBar:
    x: float
    y: float
    width: float
    height: float
    week_of: date
    hours: float


@dataclass(frozen=True)
class TrendChart:
    lines: list[Line]
    bars: list[HoursBar]
    labels: list[tuple[float, date]]
    scale_ticks: list[tuple[float, int]]
    hours_ticks: list[tuple[float, int]]
    hours_top: float
    width: int
    height: int
    shows_hours: bool


def trend_chart(weeks: Sequence[WeekLike], *, shows_hours: bool) -> TrendChart | None:
    """The chart of the weeks given (oldest first); None when no week has a check-in."""
    if not any(week.mood is not None for week in weeks):
        return None
    slot = (WIDTH - LEFT - RIGHT) / len(weeks)
    centre = [round(LEFT + slot * (index + 0.5), 1) for index in range(len(weeks))]

    def y_scale(value: float) -> float:
        return round(TOP + LINES_HEIGHT * (5 - value) / 4, 1)

    lines = []
    for name, label, css in SERIES:
        segments: list[str] = []
        current: list[str] = []
        points = []
        for index, week in enumerate(weeks):
            value = getattr(week, name)
            if value is None:
                if current:
                    segments.append(" ".join(current))
                current = []
                continue
            x, y = centre[index], y_scale(value)
            current.append(f"{x},{y}")
            points.append((x, y, week.week_of, value))
        if current:
            segments.append(" ".join(current))
        lines.append(Line(label, css, segments, points))
    hours_top = TOP + LINES_HEIGHT + GAP
    bars: list[HoursBar] = []
    hours_ticks: list[tuple[float, int]] = []
    if shows_hours:
        highest = max([week.work_hours or 0.0 for week in weeks] + [80.0])
        scale = highest * 1.1
        for index, week in enumerate(weeks):
            hours = week.work_hours or 0.0
            height = round(HOURS_HEIGHT * hours / scale, 1)
            bars.append(
                HoursBar(
                    round(centre[index] - slot * 0.3, 1),
                    round(hours_top + HOURS_HEIGHT - height, 1),
                    round(slot * 0.6, 1),
                    height,
                    week.week_of,
                    hours,
                )
            )
        hours_ticks = [(round(hours_top + HOURS_HEIGHT * (1 - tick / scale), 1), tick) for tick in (0, 40, 80) if tick <= scale]
    height = int(hours_top + (HOURS_HEIGHT if shows_hours else -GAP) + BOTTOM)
    every = max(1, round(len(weeks) / 6))
    last = len(weeks) - 1  # counted from the current week, so it always has its label
    labels = [(centre[index] - slot * 0.4, week.week_of) for index, week in enumerate(weeks) if (last - index) % every == 0]
    return TrendChart(
        lines,
        bars,
        labels,
        [(y_scale(value), value) for value in (1, 2, 3, 4, 5)],
        hours_ticks,
        hours_top,
        WIDTH,
        height,
        shows_hours,
    )
