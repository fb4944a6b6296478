"""Upcoming events as an iCalendar file (RFC 5545): one all-day event per event, over all its days."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from medpath.network.models import Event, EventKind, EventRole


def event_uid(event: Event) -> str:
    """An event's iCalendar UID, the same in the download and the feed whatever host or port a request came
    through (else a calendar app holding both shows the event twice): the host of MEDPATH_BASE_URL, as the other
    calendars of MedPath use."""
    host = urlsplit(settings.MEDPATH_BASE_URL).hostname or "medpath"
    return f"network-event-{event.pk}@{host}"


def events_calendar(events: Iterable[Event], *, generated_at: datetime) -> bytes:
    """The events with their place and the person's role."""
    calendar = Calendar()
    calendar.add("prodid", "-//MedPath//Network events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "MedPath: events")
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", event_uid(event))
        entry.add("dtstamp", generated_at)
        entry.add("dtstart", event.starts_on)
        entry.add("dtend", event.ends_on + timedelta(days=1))
        entry.add("summary", event.title)
        if event.place:
            entry.add("location", event.place)
        entry.add("description", f"{EventKind(event.kind).label}; your role: {EventRole(event.role).label.lower()}.")
        entry.add("transp", "TRANSPARENT")
        calendar.add_component(entry)
    data: bytes = calendar.to_ical()
    return data
