"""One calendar feed of the pillars a person chooses (RFC 5545), composed from the pillars' own calendars and the
platform's deadlines, so each thing keeps the UID it has in the pillar's own feed (a calendar app subscribed to
both shows it once). Never anything of the resilience pillar: it has no entry here, and a deadline whose key does
not name one of these pillars is left out (fail closed)."""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Event

from medpath.accounts.models import User
from medpath.deadlines import deadlines_for
from medpath.usertime import user_today

# Pillar -> what the feed shows of it (the choices on the page, in the dashboard's order).
FEED_PILLARS: dict[str, str] = {
    "education": "Education: your roadmap's milestones",
    "experience": "Hands-on experience: verification links about to lapse",
    "learning": "Continuous learning: credential expiries and renewal deadlines",
    "skills": "Soft skills: feedback requests closing and goals due",
    "network": "Network: events, follow-ups and membership renewals",
}
# The platform's deadline keys start with the pillar's prefix. "plans:" (a booked stage) is left out: the roadmap's
# own calendar shows it as "Booked: …".
DEADLINE_PILLAR: dict[str, str] = {
    "verification:": "experience",
    "credential:": "learning",
    "skills:": "skills",
    "network:": "network",
}


class FeedChoiceError(ValueError):
    """A choice of pillars the feed cannot show."""


def parse_pillars(chosen: list[str] | str) -> list[str]:
    """The chosen pillars in the feed's order; FeedChoiceError for an unknown one or none."""
    items = chosen.split(",") if isinstance(chosen, str) else chosen
    wanted = {item.strip().lower() for item in items if item.strip()}
    unknown = wanted - set(FEED_PILLARS)
    if unknown:
        raise FeedChoiceError(f"Unknown part {sorted(unknown)[0]!r}: choose from {', '.join(FEED_PILLARS)}.")
    if not wanted:
        raise FeedChoiceError("Choose at least one part of MedPath for the calendar.")
    return [key for key in FEED_PILLARS if key in wanted]


def _events_of(ical: bytes) -> list[Event]:
    return [component for component in Calendar.from_ical(ical).walk("VEVENT") if isinstance(component, Event)]


def combined_calendar(user: User, pillars: list[str], *, host: str, generated_at: datetime) -> bytes:
    """The chosen pillars' dated things in one calendar."""
    chosen = set(parse_pillars(pillars))
    today = user_today(user)
    calendar = Calendar()
    calendar.add("prodid", "-//MedPath//Combined calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "MedPath")
    events: list[Event] = []
    if "education" in chosen:
        from medpath.plans.calendar import roadmap_calendar
        from medpath.plans.selectors import PlanError, roadmap_view

        try:
            view = roadmap_view(user)
        except (PlanError, LookupError, ValueError):
            view = None
        if view is not None:
            events += _events_of(roadmap_calendar(view, host=host, generated_at=generated_at))
    if "network" in chosen:
        from medpath.network.calendar import events_calendar
        from medpath.network.selectors import events as network_events

        events += _events_of(events_calendar(network_events(user, upcoming_from=today), generated_at=generated_at))
    for deadline in deadlines_for(user, today):
        pillar = next((p for prefix, p in DEADLINE_PILLAR.items() if deadline.key.startswith(prefix)), None)
        if pillar is None or pillar not in chosen:
            continue
        entry = Event()
        entry.add("uid", f"{deadline.key}@{host}")  # the deadlines feed's UID
        entry.add("dtstamp", generated_at)
        entry.add("dtstart", deadline.due)
        entry.add("dtend", deadline.due + timedelta(days=1))
        entry.add("summary", deadline.title)
        entry.add("transp", "TRANSPARENT")
        events.append(entry)
    for entry in events:
        calendar.add_component(entry)
    data: bytes = calendar.to_ical()
    return data
