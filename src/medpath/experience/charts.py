"""The weekly work-hour chart: bars per week with the 80-hour limit and the four-week average drawn in. Pure.

The geometry is computed here and drawn by the template as inline SVG, so the
chart needs no script, no external library and nothing from the network. The
four-week averages come from the work-hour engine (``WeekTotal``), so the line
shows the figures the report lists, from the first week shown even when the
chart shows only the latest weeks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from medpath.experience.workhours import WeekTotal

WIDTH, HEIGHT, TOP, BOTTOM, LEFT = 640, 230, 10, 34, 34


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    week_of: date
    hours: float
    average: float | None
    over: bool
    centre: float = 0.0  # where the average line passes over this week
    average_y: float | None = None


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    limit: float
    limit_y: float
    scale_max: float
    average_points: str  # the polyline through every week with an average, first to last
    ticks: list[tuple[float, int]] = field(default_factory=list)
    label_every: int = 1  # weeks between date labels, so they stay readable on a phone
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def averaged(self) -> list[Bar]:
        """The weeks the four-week average is defined for (each gets a marker on the line)."""
        return [bar for bar in self.bars if bar.average_y is not None]


def weekly_chart(weeks: Sequence[WeekTotal], limit: float = 80.0) -> Chart | None:
    """Bars for each week's hours; each week's four-week average (where the engine defines one) as a line."""
    if not weeks:
        return None
    highest = max(max(week.hours, week.four_week_average or 0.0) for week in weeks)
    scale_max = max(limit * 1.25, highest * 1.1)
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT) / len(weeks)

    def y_of(hours: float) -> float:
        return round(TOP + plot_height * (1 - hours / scale_max), 1)

    bars = []
    for index, week in enumerate(weeks):
        x = round(LEFT + index * slot + slot * 0.15, 1)
        average = week.four_week_average
        bars.append(
            Bar(
                x,
                y_of(week.hours),
                round(slot * 0.7, 1),
                round(TOP + plot_height - y_of(week.hours), 1),
                week.week_of,
                week.hours,
                average,
                week.hours > limit,
                centre=round(LEFT + index * slot + slot * 0.5, 1),
                average_y=y_of(average) if average is not None else None,
            )
        )
    points = " ".join(f"{bar.centre},{bar.average_y}" for bar in bars if bar.average_y is not None)
    ticks = [(y_of(value), value) for value in range(0, int(scale_max) + 1, 20)]
    label_every = 1 if len(weeks) <= 8 else 2 if len(weeks) <= 16 else 4
    return Chart(bars, limit, y_of(limit), scale_max, points, ticks, label_every)
