"""The weekly work-hour chart: bars per week with the 80-hour limit and the four-week average drawn in. Pure.

The geometry is computed here and drawn by the template as inline SVG, so the
chart needs no script, no external library and nothing from the network.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

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


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    limit: float
    limit_y: float
    scale_max: float
    average_points: str
    ticks: list[tuple[float, int]] = field(default_factory=list)
    label_every: int = 1  # weeks between date labels, so they stay readable on a phone
    width: int = WIDTH
    height: int = HEIGHT


def weekly_chart(weeks: Sequence[tuple[date, float]], limit: float = 80.0, window_weeks: int = 4) -> Chart | None:
    """Bars for each week's hours; the running average of the last ``window_weeks`` weeks as a line."""
    if not weeks:
        return None
    scale_max = max(limit * 1.25, max(hours for _, hours in weeks) * 1.1)
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT) / len(weeks)

    def y_of(hours: float) -> float:
        return round(TOP + plot_height * (1 - hours / scale_max), 1)

    bars, points = [], []
    for index, (week_of, hours) in enumerate(weeks):
        recent = [h for _, h in weeks[max(0, index - window_weeks + 1) : index + 1]]
        average = sum(recent) / len(recent) if len(recent) == window_weeks else None
        x = round(LEFT + index * slot + slot * 0.15, 1)
        bars.append(
            Bar(
                x,
                y_of(hours),
                round(slot * 0.7, 1),
                round(TOP + plot_height - y_of(hours), 1),
                week_of,
                hours,
                average,
                hours > limit,
            )
        )
        if average is not None:
            points.append(f"{round(x + slot * 0.35, 1)},{y_of(average)}")
    ticks = [(y_of(value), value) for value in range(0, int(scale_max) + 1, 20)]
    label_every = 1 if len(weeks) <= 8 else 2 if len(weeks) <= 16 else 4
    return Chart(bars, limit, y_of(limit), scale_max, " ".join(points), ticks, label_every)
