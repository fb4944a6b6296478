"""Pages of events: the list, the forms, "count these credits" (a continuing-learning activity, once), and
upcoming events as an iCalendar download."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from medpath.accounts import links
from medpath.accounts.models import User
from medpath.accounts.ratelimit import public_page_limit
from medpath.accounts.requests import show_errors, signed_in_user
from medpath.network import selectors
from medpath.network.calendar import events_calendar
from medpath.network.forms import CountCreditsForm, EventForm
from medpath.network.links import EVENTS_CALENDAR, EVENTS_CALENDAR_LIFETIME
from medpath.network.models import Contact, Event
from medpath.network.services import events as service
from medpath.scoping import get_owned
from medpath.tables import Column, download_format, download_links, table_download
from medpath.usertime import user_today

NO_UPCOMING = "No upcoming events to download: record one, and it joins the file until its last day."
CONTACT_CHOICES = 500  # contacts offered on the event form (the linked ones always are)
FIELDS = ("kind", "title", "starts_on", "ends_on", "place", "role", "presentation_title", "credit_amount", "credit_type", "notes")


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    """The person's events, latest first, with their credits and whether they count yet."""
    user = signed_in_user(request)
    fmt = download_format(request)
    if fmt:
        labels = dict(service.credit_type_choices())
        found = selectors.events(user)
        counted = selectors.counted_activities(user, found)
        columns = (
            Column("Event", lambda event: event.title),
            Column("Kind", lambda event: event.get_kind_display()),
            Column("Starts on", lambda event: event.starts_on),
            Column("Ends on", lambda event: event.ends_on),
            Column("Place", lambda event: event.place),
            Column("Your role", lambda event: event.get_role_display()),
            Column("Presentation", lambda event: event.presentation_title),
            Column("Credits", lambda event: event.credit_amount),
            Column("Credit type", lambda event: labels.get(event.credit_type, event.credit_type)),
            Column("Counted in your activities", lambda event: event.pk in counted),
            Column("Notes", lambda event: event.notes),
        )
        return table_download(fmt, name="events", columns=columns, rows=found, today=user_today(user))
    context = _list_context(user) | {"downloads": download_links(request)}
    return render(request, "network/event_list.html", context)


def _list_context(user: User) -> dict[str, Any]:
    labels = dict(service.credit_type_choices())
    found = selectors.events(user)
    counted = selectors.counted_activities(user, found)
    today = user_today(user)
    rows = [
        (event, labels.get(event.credit_type, ""), counted.get(event.pk), _count_form(event, counted, today)) for event in found
    ]
    upcoming = any(event.ends_on >= today for event in found)
    return {"rows": rows, "today": today, "upcoming": upcoming, "feed_links": _feed_links(user)}


def _count_form(event: Event, counted: dict[int, int], today: date) -> CountCreditsForm | None:
    """The "count these credits" form of a past event with credits not counted yet (its own ids on the list)."""
    if event.credit_amount is None or event.pk in counted or event.ends_on > today:
        return None
    return CountCreditsForm(auto_id=f"id_%s_{event.pk}")


def _contact_choices(user: User, linked: list[Contact]) -> list[tuple[int, str]]:
    """The first contacts by name, then those the event links beyond them (else saving the form would drop them)."""
    choices = [(row.pk, row.name) for row in Contact.objects.for_user(user).order_by("name", "id")[:CONTACT_CHOICES]]
    shown = {pk for pk, _ in choices}
    return choices + [(row.pk, row.name) for row in linked if row.pk not in shown]  # linked: in the same order


def _form_page(request: HttpRequest, event: Event | None) -> HttpResponse:
    user = signed_in_user(request)
    initial: dict[str, Any] = {"starts_on": user_today(user)}
    linked = list(event.contacts.order_by("name", "id")) if event is not None else []
    activity_id = selectors.counted_activities(user, [event]).get(event.pk) if event is not None else None
    if event is not None:
        initial = {name: getattr(event, name) for name in FIELDS}
        initial["contact_ids"] = [row.pk for row in linked]
    form = EventForm(
        request.POST or None,
        initial=initial,
        contact_choices=_contact_choices(user, linked),
        credit_types=service.credit_type_choices(),
        credits_counted=activity_id is not None,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("privacy_confirmed", None)
        try:
            saved = service.event_save(user=user, pk=event.pk if event else None, privacy_confirmed=True, **data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"“{saved.title}” saved.")
            return redirect("network:events")
    return render(request, "network/event_form.html", {"form": form, "event": event, "activity_id": activity_id})


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest) -> HttpResponse:
    """Record an event."""
    return _form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an event."""
    return _form_page(request, get_owned(Event, signed_in_user(request), pk=pk))


@login_required
@require_POST
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an event (an activity its credits became stays)."""
    service.event_delete(user=signed_in_user(request), pk=pk)
    messages.success(request, "Event deleted.")
    return redirect("network:events")


@login_required
@require_POST
def event_count_credits(request: HttpRequest, pk: int) -> HttpResponse:
    """Turn the event's credits into a continuing-learning activity (once), with its certificate if given."""
    user = signed_in_user(request)
    get_owned(Event, user, pk=pk)
    form = CountCreditsForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "The certificate could not be read; try the file again.")
        return redirect("network:events")
    try:
        event, _activity, created = service.event_count_credits(
            user=user,
            pk=pk,
            certificate=form.cleaned_data["certificate"],
            keep_outside_cycles=form.cleaned_data["keep_outside_cycles"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("network:events")
    if created:
        messages.success(request, f"The credits of “{event.title}” now count: see your learning activities.")
    else:
        messages.info(request, f"The credits of “{event.title}” already count; nothing was added.")
    return redirect(reverse("learning:activities"))


def _feed_links(user: User) -> int:
    from medpath.accounts.selectors import link_list

    return sum(1 for link, state, _ in link_list(user=user) if link.purpose == EVENTS_CALENDAR.name and state == "active")


@login_required
@require_POST
def events_feed_link(request: HttpRequest) -> HttpResponse:
    """Issue a private calendar link to upcoming events and show it once."""
    user = signed_in_user(request)
    issued = links.link_issue(
        owner=user, purpose=EVENTS_CALENDAR.name, lifetime=EVENTS_CALENDAR_LIFETIME, label="Calendar app", request=request
    )
    return render(request, "network/event_list.html", _list_context(user) | {"issued": issued})


@public_page_limit("network-events-calendar", factor=10)
def events_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Upcoming events as iCalendar, for whoever holds the private link (revocable under Shared links)."""
    try:
        link = links.link_consume(token=token, purpose=EVENTS_CALENDAR.name, request=request)
    except links.LinkError as error:
        return HttpResponse(str(error), status=404 if error.reason == "invalid" else 410, content_type="text/plain")
    if not link.owner.is_active:
        return HttpResponse("This calendar no longer exists.", status=410, content_type="text/plain")
    upcoming = selectors.events(link.owner, upcoming_from=user_today(link.owner))
    response = HttpResponse(events_calendar(upcoming, generated_at=timezone.now()), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="medpath-events.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def events_ics(request: HttpRequest) -> HttpResponse:
    """Upcoming events as an iCalendar file to add to a calendar."""
    user = signed_in_user(request)
    upcoming = selectors.events(user, upcoming_from=user_today(user))
    if not upcoming:  # an empty calendar file would download without a word
        messages.info(request, NO_UPCOMING)
        return redirect("network:events")
    data = events_calendar(upcoming, generated_at=timezone.now())
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="medpath-events.ics"'
    return response


urlpatterns = [
    path("network/events/", event_list, name="events"),
    path("network/events/new/", event_new, name="event_new"),
    path("network/events/<int:pk>/edit/", event_edit, name="event_edit"),
    path("network/events/<int:pk>/delete/", event_delete, name="event_delete"),
    path("network/events/<int:pk>/count-credits/", event_count_credits, name="event_count_credits"),
    path("network/events/download/", events_ics, name="events_ics"),  # a file, not a page
    path("network/events/calendar-link/", events_feed_link, name="events_feed_link"),
    path("network/events/calendar/<str:token>.ics", events_feed, name="events_feed"),
]
