"""The roadmap's timeline as server-rendered SVG (pure: a plan in, markup out).

Each milestone is a row: a bar from its typical start to its typical end, a thin
line back to its earliest start, a dotted one for time spent waiting for a
calendar start (residency on 1 July), done stages in green, critical ones marked.
The SVG has a title and description; the milestone table beside it is the full
text alternative.
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from medpath.plans.roadmap import Plan
from medpath.wording import day

ROW = 26
LABEL_WIDTH = 230
CHART_WIDTH = 560
TOP = 30


def _x(day: date, first: date, last: date) -> float:
    span = max((last - first).days, 1)
    return LABEL_WIDTH + CHART_WIDTH * (day - first).days / span


def timeline_svg(plan: Plan, today: date) -> str:
    """The plan as an accessible SVG chart."""
    if not plan.milestones:
        return ""
    first = min(min(m.typical_start, m.earliest_start) for m in plan.milestones)
    last = max(plan.typical_finish, today)
    height = TOP + ROW * len(plan.milestones) + 20
    width = LABEL_WIDTH + CHART_WIDTH + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="timeline-title timeline-desc" class="timeline">',
        '<title id="timeline-title">Roadmap timeline</title>',
        f'<desc id="timeline-desc">{len(plan.milestones)} milestones from {day(first)} to '
        f"{day(plan.typical_finish)} (typical). The table below lists every date.</desc>",
    ]
    for year in range(first.year + 1, last.year + 1):
        x = _x(date(year, 1, 1), first, last)
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 12}" x2="{x:.1f}" y2="{height - 16}" class="grid"/>')
        parts.append(f'<text x="{x:.1f}" y="{TOP - 16}" class="year" text-anchor="middle">{year}</text>')
    for row, milestone in enumerate(plan.milestones):
        y = TOP + row * ROW
        status = "done" if milestone.status == "done" else ("critical" if milestone.critical else "planned")
        label = escape(milestone.name if len(milestone.name) <= 32 else milestone.name[:31] + "…")
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end" class="label">{label}</text>')
        start_x, end_x = _x(milestone.typical_start, first, last), _x(milestone.typical_end, first, last)
        early_x = _x(milestone.earliest_start, first, last)
        if early_x < start_x and milestone.status != "done":
            parts.append(f'<line x1="{early_x:.1f}" y1="{y + 10}" x2="{start_x:.1f}" y2="{y + 10}" class="early"/>')
        if milestone.wait_days and milestone.status != "done":
            wait_x = _x(milestone.typical_start - timedelta(days=milestone.wait_days), first, last)
            parts.append(f'<line x1="{wait_x:.1f}" y1="{y + 10}" x2="{start_x:.1f}" y2="{y + 10}" class="wait"/>')
        bar_width = max(end_x - start_x, 3)
        parts.append(f'<rect x="{start_x:.1f}" y="{y + 3}" width="{bar_width:.1f}" height="14" rx="3" class="bar {status}"/>')
    today_x = _x(today, first, last)
    parts.append(f'<line x1="{today_x:.1f}" y1="{TOP - 8}" x2="{today_x:.1f}" y2="{height - 16}" class="today"/>')
    parts.append(f'<text x="{today_x:.1f}" y="{height - 4}" text-anchor="middle" class="today-label">today</text>')
    parts.append("</svg>")
    return "\n".join(parts)
