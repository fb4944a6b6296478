"""The self-rating chart: one line per competency over time, levels 1-5 up the side, the graduation target drawn in.

Pure, like the work-hour chart (``medpath.experience.charts``): the geometry is computed here and drawn by the
template as inline SVG, so the chart needs no script, no library and nothing from the network. Colour is never the
only cue: each competency has its own marker shape (filled, then hollow after eight) and a number written at the
end of its line, keyed in the legend, and the template adds a table of the same figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

WIDTH, HEIGHT = 480, 240  # narrower than the work-hour chart: its labels stay readable when a phone shrinks it
TOP, BOTTOM, LEFT, RIGHT = 14, 34, 48, 74  # LEFT holds half a date label, RIGHT the numbers at the lines' ends
LOWEST, HIGHEST = 1, 5
DATE_LABEL_ROOM = 96  # a date label ("12 Dec 2026" at the charts' 15-px labels) needs this much width
NUMBERS_PER_LINE = 2  # numbers at a line's end, per row of text: "10, 11" fits in RIGHT

# Okabe-Ito colours (told apart with the common colour-vision deficiencies), then the shapes that carry the meaning.
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#0b6e8e", "#9a6200", "#1f2933", "#7b4f9d")
SHAPES = {
    "circle": "M-4.5 0a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0 -9 0Z",
    "square": "M-4 -4H4V4H-4Z",
    "triangle": "M0 -5.5L5 4H-5Z",
    "diamond": "M0 -5.5L5.5 0L0 5.5L-5.5 0Z",
    "triangle-down": "M0 5.5L5 -4H-5Z",
    "plus": "M-1.6 -5.5H1.6V-1.6H5.5V1.6H1.6V5.5H-1.6V1.6H-5.5V-1.6H-1.6Z",
    "cross": "M-4.6 -2.4L-2.4 -4.6L0 -2.2L2.4 -4.6L4.6 -2.4L2.2 0L4.6 2.4L2.4 4.6L0 2.2L-2.4 4.6L-4.6 2.4L-2.2 0Z",
    "bar": "M-5.5 -2H5.5V2H-5.5Z",
}


class RatingPoint(Protocol):
    """A level on a day (``services.assessment.HistoryPoint`` is one)."""

    @property
    def assessed_on(self) -> date: ...

    @property
    def level(self) -> int: ...


class RatedCompetency(Protocol):
    """A competency with its ratings, oldest first (``services.assessment.CompetencyHistory`` is one)."""

    @property
    def competency_id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def points(self) -> Sequence[RatingPoint]: ...


@dataclass(frozen=True)
class LevelTick:
    """A level's grid line on the y axis."""

    number: int
    label: str
    y: float


@dataclass(frozen=True)
class DateTick:
    """An assessment date on the x axis; ``labelled`` when there is room to write it."""

    on: date
    x: float
    labelled: bool


@dataclass(frozen=True)
class Point:
    """One plotted self-rating."""

    x: float
    y: float
    on: date
    level: int
    label: str


@dataclass(frozen=True)
class Series:
    """One competency's line: its number in the legend, marker, colour and points."""

    number: int
    competency_id: str
    name: str
    points: list[Point]
    shape: str
    hollow: bool
    colour: str

    @property
    def marker(self) -> str:
        """The marker's path, drawn around (0, 0)."""
        return SHAPES[self.shape]

    @property
    def line_points(self) -> str:
        """The polyline through every point, oldest first."""
        return " ".join(f"{point.x},{point.y}" for point in self.points)


@dataclass(frozen=True)
class EndLabel:
    """The numbers written at the end of the lines that end at one place (so they do not overprint), in rows."""

    x: float
    y: float
    rows: list[str]


@dataclass(frozen=True)
class SkillsChart:
    """Everything the template draws; ``rated`` holds the competencies with at least one rating."""

    levels: list[LevelTick]
    dates: list[DateTick]
    rated: list[Series]
    unrated: list[str]
    ends: list[EndLabel]
    target: LevelTick | None
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT

    @property
    def empty(self) -> bool:
        """No self-rating to draw yet."""
        return not self.rated

    @property
    def table(self) -> list[tuple[Series, list[tuple[date, int | None]]]]:
        """Each drawn competency with its level on every assessment date (None where it was not rated that day)."""
        rows = []
        for series in self.rated:
            by_date = {point.on: point.level for point in series.points}
            rows.append((series, [(tick.on, by_date.get(tick.on)) for tick in self.dates]))
        return rows


def level_y(level: int) -> float:
    """Where a level sits on the y axis: 5 at the top, 1 at the bottom."""
    plot_height = HEIGHT - TOP - BOTTOM
    return round(TOP + plot_height * (HIGHEST - level) / (HIGHEST - LOWEST), 1)


def date_x(on: date, first: date, last: date) -> float:
    """Where a date sits on the x axis, in proportion to the time between the first and last assessment."""
    plot_width = WIDTH - LEFT - RIGHT
    if first == last:
        return round(LEFT + plot_width / 2, 1)
    return round(LEFT + plot_width * (on - first).days / (last - first).days, 1)


def self_rating_chart(
    competencies: Sequence[RatedCompetency], levels: Mapping[int, str], graduation_target: int | None = None
) -> SkillsChart:
    """The chart of every competency's self-ratings; competencies never rated are listed apart, not drawn."""
    ticks = [LevelTick(number, levels.get(number, str(number)), level_y(number)) for number in range(LOWEST, HIGHEST + 1)]
    target = next((tick for tick in ticks if tick.number == graduation_target), None)
    days = sorted({point.assessed_on for competency in competencies for point in competency.points})
    if not days:
        return SkillsChart(ticks, [], [], [competency.name for competency in competencies], [], target)
    first, last = days[0], days[-1]
    dates = _date_ticks(days, first, last)
    rated: list[Series] = []
    unrated: list[str] = []
    for competency in competencies:
        if not competency.points:
            unrated.append(competency.name)
            continue
        index = len(rated)
        shapes = list(SHAPES)
        points = [
            Point(
                date_x(point.assessed_on, first, last),
                level_y(point.level),
                point.assessed_on,
                point.level,
                levels.get(point.level, str(point.level)),
            )
            for point in competency.points
        ]
        rated.append(
            Series(
                index + 1,
                competency.competency_id,
                competency.name,
                points,
                shapes[index % len(shapes)],
                index // len(shapes) % 2 == 1,
                COLOURS[index % len(COLOURS)],
            )
        )
    return SkillsChart(ticks, dates, rated, unrated, _end_labels(rated), target)


def _end_labels(rated: Sequence[Series]) -> list[EndLabel]:
    """Each line's number just right of its last point; lines ending at the same place share one label."""
    ends: dict[tuple[float, float], list[int]] = {}
    for series in rated:
        last = series.points[-1]
        ends.setdefault((last.x, last.y), []).append(series.number)
    return [
        EndLabel(
            round(x + 8, 1),
            round(y + 5, 1),
            [", ".join(map(str, numbers[at : at + NUMBERS_PER_LINE])) for at in range(0, len(numbers), NUMBERS_PER_LINE)],
        )
        for (x, y), numbers in ends.items()
    ]


def _date_ticks(days: Sequence[date], first: date, last: date) -> list[DateTick]:
    """Every assessment date; labelled from the newest back, skipping any too close to a label already written."""
    ticks: list[DateTick] = []
    room_until = float("inf")
    for on in reversed(days):
        x = date_x(on, first, last)
        labelled = room_until - x >= DATE_LABEL_ROOM
        if labelled:
            room_until = x
        ticks.append(DateTick(on, x, labelled))
    return ticks[::-1]
