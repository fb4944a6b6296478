"""The roadmap as an iCalendar feed (RFC 5545): one all-day event per milestone."""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Event

from medpath import wording
from medpath.plans.selectors import RoadmapView


def roadmap_calendar(view: RoadmapView, *, host: str, generated_at: datetime) -> bytes:
    """Milestones at their typical end dates (real dates when done, booked dates when booked)."""
    calendar = Calendar()
    calendar.add("prodid", "-//MedPath//Roadmap//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"MedPath: {view.pathway.career.name}")
    for milestone in view.plan.milestones:
        event = Event()
        day = milestone.completed_on or milestone.fixed_on or milestone.typical_end
        prefix = "Done: " if milestone.status == "done" else ("Booked: " if milestone.fixed_on else "")
        event.add("uid", f"roadmap-{view.roadmap.pk}-{milestone.id}@{host}")
        event.add("dtstamp", generated_at)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"{prefix}{milestone.name}")
        note = "typical date from the MedPath catalog" if milestone.status == "planned" and not milestone.fixed_on else ""
        if note:
            event.add("description", f"{milestone.name}: {note}; earliest {wording.day(milestone.earliest_end)}.")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
