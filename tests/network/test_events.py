"""Events: an end before the start refused; contacts linked only the person's own; "count these credits" makes
exactly one learning activity with the right credits (and certificate), visible among learning's activities;
iCalendar of upcoming events; every route refusing a visitor and another user."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from icalendar import Calendar

from medpath.learning.models import CreditAward, LearningActivity
from medpath.network.models import Event
from medpath.network.services import contacts, events
from tests.concurrency import race, racing

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _frozen_today(time_machine: Any) -> None:
    """Every test here runs on 25 Nov 2026, 15:00 UTC."""
    time_machine.move_to("2026-11-25 15:00:00+00:00", tick=False)


def _conference(user: Any, **values: Any) -> Event:
    return events.event_save(
        user=user,
        title=values.pop("title", "ACS Clinical Congress"),
        starts_on=values.pop("starts_on", date(2026, 10, 4)),
        ends_on=values.pop("ends_on", date(2026, 10, 7)),
        place="Chicago",
        role="poster",
        presentation_title="Early mobility after colectomy",
        credit_amount=values.pop("credit_amount", Decimal("12.5")),
        credit_type=values.pop("credit_type", "ama_pra_cat1"),
        **values,
    )


def test_an_event_ending_before_it_starts_is_refused_everywhere(alice, alice_client) -> None:
    body = {"title": "Grand rounds", "kind": "grand_rounds", "starts_on": "2026-11-10", "ends_on": "2026-11-09"}
    answer = alice_client.post("/api/v1/network/events", json.dumps(body), content_type="application/json")
    assert answer.status_code == 422
    assert "on or after the day it starts" in answer.json()["fields"]["ends_on"][0]
    form = alice_client.post(reverse("network:event_new"), {**body, "role": "attendee"})
    assert "ends_on" in form.context["form"].errors
    assert not Event.objects.for_user(alice).exists()


def test_only_the_persons_own_contacts_can_be_linked(alice, charlie) -> None:
    mine = contacts.contact_save(user=alice, name="Ana")
    theirs = contacts.contact_save(user=charlie, name="Charlie's mentor")
    with pytest.raises(ValidationError) as refused:
        _conference(alice, contact_ids=[mine.pk, theirs.pk])
    assert "contact_ids" in refused.value.message_dict
    event = _conference(alice, contact_ids=[mine.pk])
    assert [row.pk for row in event.contacts.all()] == [mine.pk]


def test_bad_credits_are_refused(alice, alice_client) -> None:
    """An unknown credit type or credits without an amount: 422 naming the field."""
    body = {"title": "Workshop", "starts_on": "2026-11-10", "credit_amount": "3", "credit_type": "made_up"}
    assert (
        "credit_type"
        in alice_client.post("/api/v1/network/events", json.dumps(body), content_type="application/json").json()["fields"]
    )
    body = {"title": "Workshop", "starts_on": "2026-11-10", "credit_type": "contact_hours"}
    assert (
        "credit_amount"
        in alice_client.post("/api/v1/network/events", json.dumps(body), content_type="application/json").json()["fields"]
    )


def test_counting_credits_twice_makes_exactly_one_activity_with_its_certificate(alice, alice_client) -> None:
    """The page's button makes one activity (12.5 AMA PRA Category 1, the certificate attached, on the last day);
    the second press and the API add nothing; the activity shows among learning's activities."""
    event = _conference(alice)
    url = reverse("network:event_count_credits", args=[event.pk])
    pressed = alice_client.post(url, {"certificate": SimpleUploadedFile("certificate.pdf", PDF, content_type="application/pdf")})
    assert pressed.status_code == 302
    assert pressed["Location"] == reverse("learning:activities")
    activity = LearningActivity.objects.for_user(alice).get()
    awards = list(CreditAward.objects.for_user(alice).filter(activity=activity).values_list("credit_type", "amount"))
    assert awards == [("ama_pra_cat1", Decimal("12.50"))]
    assert (activity.title, activity.completed_on, activity.format) == ("ACS Clinical Congress", date(2026, 10, 7), "conference")
    assert activity.certificate is not None
    assert alice_client.post(url).status_code == 302
    again = alice_client.post(f"/api/v1/network/events/{event.pk}/count-credits", content_type="application/json")
    assert again.json() == {"event_id": event.pk, "activity_id": activity.pk, "created": False}
    assert LearningActivity.objects.for_user(alice).count() == 1
    assert "ACS Clinical Congress" in alice_client.get(reverse("learning:activities")).content.decode()
    assert "counted" in alice_client.get(reverse("network:events")).content.decode()


def test_a_deleted_activity_lets_the_credits_count_again(alice) -> None:
    from medpath.learning.services import activity_delete

    event = _conference(alice)
    _, first, _ = events.event_count_credits(user=alice, pk=event.pk)
    activity_delete(user=alice, pk=first)
    _, second, created = events.event_count_credits(user=alice, pk=event.pk)
    assert created
    assert second != first
    assert LearningActivity.objects.for_user(alice).count() == 1


def test_credits_of_an_event_not_over_or_without_credits_are_refused(alice) -> None:
    upcoming = _conference(alice, starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 3))
    with pytest.raises(ValidationError) as refused:
        events.event_count_credits(user=alice, pk=upcoming.pk)
    assert "ends_on" in refused.value.message_dict
    bare = _conference(alice, credit_amount=None, credit_type="")
    with pytest.raises(ValidationError):
        events.event_count_credits(user=alice, pk=bare.pk)
    assert not LearningActivity.objects.for_user(alice).exists()


@racing
def test_counting_at_once_from_many_threads_makes_one_activity(alice) -> None:
    event = _conference(alice)
    outcomes = race(lambda _: events.event_count_credits(user=alice, pk=event.pk), times=8)
    assert all(outcome.ok for outcome in outcomes), [outcome.error for outcome in outcomes]
    assert LearningActivity.objects.for_user(alice).count() == 1


def test_upcoming_events_download_as_icalendar(alice, alice_client) -> None:
    _conference(alice)
    _conference(alice, title="Interview at Mercy", starts_on=date(2026, 12, 2), ends_on=date(2026, 12, 2), kind="interview")
    response = alice_client.get(reverse("network:events_ics"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    summaries = [str(item["summary"]) for item in calendar.walk("VEVENT")]
    assert summaries == ["Interview at Mercy"]


def test_a_private_calendar_link_serves_upcoming_events_until_withdrawn(alice, alice_client, client) -> None:
    """The link's feed (no login) holds the upcoming events only; withdrawn, it answers 410; a forged one 404."""
    _conference(alice)
    _conference(alice, title="Interview at Mercy", starts_on=date(2026, 12, 2), ends_on=date(2026, 12, 2), kind="interview")
    issued = alice_client.post(reverse("network:events_feed_link")).context["issued"]
    path = issued.url.replace("http://127.0.0.1:8000", "")
    feed = client.get(path)
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    assert [str(item["summary"]) for item in Calendar.from_ical(feed.content).walk("VEVENT")] == ["Interview at Mercy"]
    alice_client.post(reverse("accounts:link_revoke", args=[issued.link.pk]))
    assert client.get(path).status_code == 410
    assert client.get(path.replace(".ics", "x.ics")).status_code == 404


def test_events_pages_and_api_save_change_and_delete(alice, alice_client) -> None:
    ana = contacts.contact_save(user=alice, name="Ana")
    saved = alice_client.post(
        reverse("network:event_new"),
        {
            "kind": "workshop",
            "title": "Ultrasound workshop",
            "starts_on": "2026-11-02",
            "role": "attendee",
            "contact_ids": [ana.pk],
            "credit_amount": "4",
            "credit_type": "ama_pra_cat1",
        },
    )
    assert saved.status_code == 302, saved.context["form"].errors
    event = Event.objects.for_user(alice).get()
    assert event.ends_on == date(2026, 11, 2)
    assert "Ultrasound workshop" in alice_client.get(reverse("network:events")).content.decode()
    edit = reverse("network:event_edit", args=[event.pk])
    assert alice_client.get(edit).status_code == 200
    body = {"title": "Ultrasound workshop II", "starts_on": "2026-11-02", "kind": "workshop", "contact_ids": [ana.pk]}
    changed = alice_client.put(f"/api/v1/network/events/{event.pk}", json.dumps(body), content_type="application/json")
    assert changed.status_code == 200
    assert changed.json()["contact_ids"] == [ana.pk]
    assert changed.json()["credit_amount"] is None
    assert alice_client.post(reverse("network:event_delete", args=[event.pk])).status_code == 302
    assert not Event.objects.for_user(alice).exists()


def test_pages_and_api_refuse_a_visitor(client, refused) -> None:
    for name in ("events", "event_new", "events_ics"):
        refused(client, "get", reverse(f"network:{name}"))
    for name in ("events_feed_link",):
        refused(client, "post", reverse(f"network:{name}"))
    refused(client, "get", "/api/v1/network/events")
    refused(client, "post", "/api/v1/network/events", data={}, content_type="application/json")


def test_another_users_events_are_refused(alice, alice_client, charlie_client, refused) -> None:
    event = _conference(alice)
    refused(charlie_client, "get", reverse("network:event_edit", args=[event.pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("network:event_delete", args=[event.pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("network:event_count_credits", args=[event.pk]), owner=alice_client)
    url = f"/api/v1/network/events/{event.pk}"
    refused(charlie_client, "get", url, owner=alice_client)
    body = json.dumps({"title": "Mine", "starts_on": "2026-11-02"})
    refused(charlie_client, "put", url, owner=alice_client, data=body, content_type="application/json")
    refused(charlie_client, "delete", url, owner=alice_client)
    refused(charlie_client, "post", f"{url}/count-credits", owner=alice_client, content_type="application/json")
    assert not LearningActivity.objects.for_user(alice).exists()


def _as_a_browser_posts(form: Any) -> dict[str, Any]:
    """A form's current values as a browser sends them: no disabled field, and only the checkboxes it shows."""
    data: dict[str, Any] = {}
    for bound in form:
        if bound.field.disabled:
            continue
        value = bound.value()
        if bound.name == "contact_ids":
            shown = {choice for choice, _ in bound.field.choices}
            value = [pk for pk in value or [] if pk in shown]
        if value is not None:
            data[bound.name] = value
    return data


def test_an_event_whose_activity_was_deleted_is_no_longer_shown_as_counted(alice, alice_client) -> None:
    """Deleting the activity in Continuous learning: the list offers "Count these credits" again, and the API
    answers no activity, for the list and for the one event."""
    from medpath.learning.services import activity_delete

    event = _conference(alice)
    _, activity_id, _ = events.event_count_credits(user=alice, pk=event.pk)
    assert "badge-met" in alice_client.get(reverse("network:events")).content.decode()
    activity_delete(user=alice, pk=activity_id)
    page = alice_client.get(reverse("network:events")).content.decode()
    assert "badge-met" not in page
    assert "Count these credits" in page
    assert alice_client.get(f"/api/v1/network/events/{event.pk}").json()["activity_id"] is None
    assert [row["activity_id"] for row in alice_client.get("/api/v1/network/events").json()] == [None]


def test_counted_credits_are_locked_in_the_service_the_api_and_the_page(alice, alice_client) -> None:
    """Once counted, an event's credits change only on the activity (or after deleting it): the service and the
    API refuse a new amount or kind, naming the field; the page shows them locked and says why and how."""
    from medpath.learning.services import activity_delete

    event = _conference(alice)
    _, activity_id, _ = events.event_count_credits(user=alice, pk=event.pk)
    with pytest.raises(ValidationError) as refused:
        _conference(alice, pk=event.pk, credit_amount=Decimal("20"))
    assert "Continuous learning" in refused.value.message_dict["credit_amount"][0]
    with pytest.raises(ValidationError) as refused:
        _conference(alice, pk=event.pk, credit_type="contact_hours")
    assert "credit_type" in refused.value.message_dict
    _conference(alice, pk=event.pk, title="ACS Clinical Congress 2026")  # the same credits: other changes save
    body = {
        "title": "ACS",
        "starts_on": "2026-10-04",
        "ends_on": "2026-10-07",
        "credit_amount": "20",
        "credit_type": "ama_pra_cat1",
    }
    url = f"/api/v1/network/events/{event.pk}"
    answer = alice_client.put(url, json.dumps(body), content_type="application/json")
    assert answer.status_code == 422
    assert "credit_amount" in answer.json()["fields"]
    edit = alice_client.get(reverse("network:event_edit", args=[event.pk]))
    form = edit.context["form"]
    assert form.fields["credit_amount"].disabled
    assert form.fields["credit_type"].disabled
    assert "Continuous learning" in form.fields["credit_amount"].help_text
    assert reverse("learning:activity", args=[activity_id]) in edit.content.decode()
    posted = _as_a_browser_posts(form) | {"title": "ACS", "credit_amount": "20"}  # a forged value of a locked field
    assert alice_client.post(reverse("network:event_edit", args=[event.pk]), posted).status_code == 302
    event.refresh_from_db()
    assert (event.title, event.credit_amount) == ("ACS", Decimal("12.50"))
    assert CreditAward.objects.for_user(alice).get().amount == Decimal("12.50")
    activity_delete(user=alice, pk=activity_id)  # un-counted: the credits can change again
    assert _conference(alice, pk=event.pk, credit_amount=Decimal("20")).credit_amount == Decimal("20")


def test_the_download_and_the_calendar_feed_give_an_event_the_same_uid(alice, alice_client, client, settings) -> None:
    """A calendar app that imports the file and subscribes to the feed sees one event, not two: the UID does not
    depend on the host the request came through."""
    settings.MEDPATH_BASE_URL = "https://medpath.example.org"
    _conference(alice, starts_on=date(2026, 12, 2), ends_on=date(2026, 12, 3))
    issued = alice_client.post(reverse("network:events_feed_link")).context["issued"]
    feed = client.get(issued.url.replace(settings.MEDPATH_BASE_URL, ""))
    download = alice_client.get(reverse("network:events_ics"), HTTP_HOST="127.0.0.1:8000")

    def uids(content: bytes) -> list[str]:
        return [str(item["uid"]) for item in Calendar.from_ical(content).walk("VEVENT")]

    assert len(uids(feed.content)) == 1
    assert uids(download.content) == uids(feed.content)


def test_an_event_keeps_its_link_to_a_contact_beyond_the_first_500_when_edited(alice, alice_client) -> None:
    """With 501 contacts, an event linked to the last one by name keeps it after the edit form is saved."""
    from medpath.network.models import Contact

    Contact.objects.for_user(alice).bulk_create(
        [Contact(owner=alice, name=f"Contact {number:03d}", added_on=date(2026, 1, 1)) for number in range(501)]
    )
    last = Contact.objects.for_user(alice).order_by("name", "id").last()
    assert last is not None
    assert last.name == "Contact 500"
    event = _conference(alice, contact_ids=[last.pk])
    edit = alice_client.get(reverse("network:event_edit", args=[event.pk]))
    assert f'value="{last.pk}"' in edit.content.decode()
    posted = _as_a_browser_posts(edit.context["form"]) | {"title": "ACS Clinical Congress 2026"}
    saved = alice_client.post(reverse("network:event_edit", args=[event.pk]), posted)
    assert saved.status_code == 302, saved.context["form"].errors
    assert [row.pk for row in Event.objects.for_user(alice).get().contacts.all()] == [last.pk]
