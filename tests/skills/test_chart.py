"""The self-rating chart: each drawn point sits at its level and in date order, the text alternative holds the same
figures, the graduation target is drawn where the framework has one, and the chart renders with one or no rating."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from medpath.skills.charts import DATE_LABEL_ROOM, HEIGHT, WIDTH, self_rating_chart
from medpath.skills.services.assessment import assessment_save, framework_choose
from tests.pagetext import visible_text

GENERAL = "medpath-interpersonal"
ACGME = "acgme-core-competencies"

# Alice's ratings (MedPath's interpersonal set): three days, unevenly spaced, one competency skipped once.
RATED = {
    date(2026, 3, 1): {"empathy": 2, "teamwork": 1, "communication": 3},
    date(2026, 6, 1): {"empathy": 3, "communication": 3},
    date(2026, 12, 1): {"empathy": 5, "teamwork": 4, "communication": 2},
}
NAMES = {"empathy": "Empathy", "teamwork": "Teamwork", "communication": "Communication"}


@pytest.fixture(autouse=True)
def _frozen_today(time_machine: Any) -> None:
    time_machine.move_to("2026-12-05 18:00:00+00:00", tick=False)


def _svg(html: str) -> ET.Element:
    """The chart's <svg> element, parsed as XML."""
    start = html.index('<svg class="weekly-chart"')
    end = html.index("</svg>", start) + len("</svg>")
    fragment = html[start:end]
    # The key's small marker drawings sit outside this one; inside, only the chart's own elements.
    return ET.fromstring(fragment)


def _figures_table(html: str) -> ET.Element:
    start = html.index('<div class="table-scroll" tabindex="0" role="region" aria-label="Self-ratings on each date">')
    end = html.index("</div>", start) + len("</div>")
    return ET.fromstring(html[start:end])


def _translate(element: ET.Element) -> tuple[float, float]:
    match = re.fullmatch(r"translate\(([\d.]+) ([\d.]+)\)", element.get("transform", ""))
    assert match, element.attrib
    return float(match.group(1)), float(match.group(2))


def _profile(client: Any) -> str:
    page = client.get(reverse("skills:overview"))
    assert page.status_code == 200
    return str(page.content.decode())


def test_each_point_sits_at_its_level_and_in_date_order(alice, alice_client) -> None:
    """Read back from the SVG alone: a point's height is the y of its level's axis label, dates run left to right in
    proportion to the days between them, and each line has the points of its competency's ratings."""
    for on, ratings in RATED.items():
        assessment_save(user=alice, framework_id=GENERAL, ratings=ratings, assessed_on=on)
    svg = _svg(_profile(alice_client))
    assert svg.get("role") == "img"
    assert svg.get("width") == "100%"
    assert svg.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"
    axis = {int(text.text or ""): float(text.get("y", "")) for text in svg.iter("text") if "level-tick" in text.get("class", "")}
    assert sorted(axis) == [1, 2, 3, 4, 5]
    assert [axis[n] for n in (5, 4, 3, 2, 1)] == sorted(axis.values())  # 5 at the top
    xs_by_date: dict[date, set[float]] = {}
    drawn: dict[str, list[tuple[float, float]]] = {}
    for series in svg.iter("g"):
        if series.get("class") != "series":
            continue
        points = [_translate(point) for point in series.iter("path") if point.get("class") == "point"]
        drawn[series.get("data-competency", "")] = points
    assert set(drawn) == set(NAMES)
    for competency, points in drawn.items():
        expected = [(on, ratings[competency]) for on, ratings in sorted(RATED.items()) if competency in ratings]
        assert len(points) == len(expected)
        for (x, y), (on, level) in zip(points, expected, strict=True):
            assert y == axis[level], f"{competency} on {on}: drawn at {y}, level {level} is at {axis[level]}"
            xs_by_date.setdefault(on, set()).add(x)
    assert all(len(xs) == 1 for xs in xs_by_date.values()), "every point of one day is at one x"
    days = sorted(xs_by_date)
    xs = [next(iter(xs_by_date[on])) for on in days]
    assert xs == sorted(xs)
    assert len(set(xs)) == len(xs)
    share = (days[1] - days[0]).days / (days[2] - days[0]).days
    assert (xs[1] - xs[0]) / (xs[2] - xs[0]) == pytest.approx(share, abs=0.01)


def test_the_text_alternative_lists_the_same_figures(alice, alice_client) -> None:
    """The table under the chart, and the SVG's description, hold every rating by competency and date."""
    for on, ratings in RATED.items():
        assessment_save(user=alice, framework_id=GENERAL, ratings=ratings, assessed_on=on)
    html = _profile(alice_client)
    table = _figures_table(html)
    headers = [th.text for th in table.iter("th") if th.get("scope") == "col"]
    assert headers == ["Competency", "1 Mar 2026", "1 Jun 2026", "1 Dec 2026"]
    read: dict[str, dict[str, str]] = {}
    for row in table.iter("tr"):
        name = row.find("th[@scope='row']")
        if name is None:
            continue
        cells = {td.get("data-label", ""): "".join(td.itertext()) for td in row.iter("td")}
        read[re.sub(r"^\d+\. ", "", name.text or "")] = cells
    expected = {
        NAMES[competency]: {
            f"{on.day} {on:%b %Y}": str(ratings[competency]) if competency in ratings else "not rated"
            for on, ratings in RATED.items()
        }
        for competency in NAMES
    }
    assert read == expected
    svg = _svg(html)
    title = svg.find("title")
    description = svg.find("desc")
    assert title is not None
    assert title.text == "Your self-ratings over time, Interpersonal skills (MedPath's own set)"
    assert description is not None
    said = description.text or ""
    for on, ratings in RATED.items():
        for competency, level in ratings.items():
            assert f"level {level} on {on.day} {on:%b %Y}" in said.split(f"{NAMES[competency]}:")[1].split(".")[0]
    assert set(svg.get("aria-labelledby", "").split()) == {title.get("id"), description.get("id")}


def test_competencies_are_told_apart_without_colour(alice, alice_client) -> None:
    """Each line has its own marker shape and its number at its end; the key repeats shape, number and name."""
    for on, ratings in RATED.items():
        assessment_save(user=alice, framework_id=GENERAL, ratings=ratings, assessed_on=on)
    html = _profile(alice_client)
    svg = _svg(html)
    shapes = {
        series.get("data-competency"): next(p.get("d") for p in series.iter("path"))
        for series in svg.iter("g")
        if series.get("class") == "series"
    }
    assert len(set(shapes.values())) == len(shapes)
    ends = " ".join(" ".join(text.itertext()) for text in svg.iter("text") if "end-label" in text.get("class", ""))
    assert sorted(re.findall(r"\d+", ends)) == ["1", "2", "3"]
    key = visible_text(html)
    assert "1. Communication" in key
    assert "2. Teamwork" in key
    assert "3. Empathy" in key


def test_lines_ending_together_share_one_label() -> None:
    """Competencies whose last points coincide get one label listing their numbers, in rows that fit the margin."""

    @dataclass
    class Point:
        assessed_on: date
        level: int

    @dataclass
    class Rated:
        competency_id: str
        name: str
        points: list[Point] = field(default_factory=list)

    rated = [Rated(f"c{n}", f"C{n}", [Point(date(2026, 1, 1), 3)]) for n in range(5)]
    chart = self_rating_chart(rated, {n: str(n) for n in range(1, 6)})
    assert len(chart.ends) == 1
    assert chart.ends[0].rows == ["1, 2", "3, 4", "5"]


def test_date_labels_never_crowd_each_other() -> None:
    """Weekly ratings over a year: every date is plotted, the newest is labelled, labels are a label's width apart."""

    @dataclass
    class Point:
        assessed_on: date
        level: int

    @dataclass
    class Rated:
        competency_id: str
        name: str
        points: list[Point]

    days = [date.fromordinal(date(2026, 1, 5).toordinal() + 7 * week) for week in range(50)]
    chart = self_rating_chart([Rated("a", "A", [Point(on, 1 + week % 5) for week, on in enumerate(days)])], {})
    assert [tick.on for tick in chart.dates] == days
    labelled = [tick.x for tick in chart.dates if tick.labelled]
    assert chart.dates[-1].labelled
    assert all(b - a >= DATE_LABEL_ROOM for a, b in itertools.pairwise(labelled))
    assert len(labelled) >= 4


def test_the_graduation_target_is_drawn_where_the_framework_has_one(alice, alice_client) -> None:
    """ACGME marks level 4 as the graduation target: a line at level 4's height, named; the general set has none."""
    framework_choose(user=alice, framework_id=ACGME)
    assessment_save(user=alice, framework_id=ACGME, ratings={"patient-care": 2}, assessed_on=date(2026, 11, 1))
    html = _profile(alice_client)
    svg = _svg(html)
    axis = {int(text.text or ""): float(text.get("y", "")) for text in svg.iter("text") if "level-tick" in text.get("class", "")}
    target = next(line for line in svg.iter("line") if line.get("class") == "target")
    assert float(target.get("y1", "")) == axis[4]
    assert "graduation target, level 4" in (svg.findtext("desc") or "")
    framework_choose(user=alice, framework_id=GENERAL)
    assessment_save(user=alice, framework_id=GENERAL, ratings={"empathy": 2})
    assert not [line for line in _svg(_profile(alice_client)).iter("line") if line.get("class") == "target"]


def test_the_chart_renders_with_one_assessment(alice, alice_client) -> None:
    """One day: each point in the middle, no line to draw, and the table has the one date."""
    assessment_save(user=alice, framework_id=GENERAL, ratings={"empathy": 4, "feedback": 1}, assessed_on=date(2026, 12, 5))
    html = _profile(alice_client)
    svg = _svg(html)
    points = [_translate(p) for p in svg.iter("path") if p.get("class") == "point"]
    assert len(points) == 2
    assert len({x for x, _ in points}) == 1
    assert not list(svg.iter("polyline"))
    headers = [th.text for th in _figures_table(html).iter("th") if th.get("scope") == "col"]
    assert headers == ["Competency", "5 Dec 2026"]
    assert "Not rated yet: Communication, Teamwork" in visible_text(html)


def test_the_chart_renders_empty_and_says_so(alice, alice_client) -> None:
    """No ratings: the axes are drawn, the chart and its description say there is nothing yet, and no table."""
    html = _profile(alice_client)
    svg = _svg(html)
    assert not [p for p in svg.iter("path") if p.get("class") == "point"]
    assert (svg.findtext("desc") or "").startswith("No self-ratings yet")
    assert "No self-ratings yet" in "".join(svg.itertext())
    assert "Self-ratings on each date" not in html
    assert "No self-assessment against" in visible_text(html)
