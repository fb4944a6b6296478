"""The combined calendar feed: one signed, revocable link per choice of pillars, composed from the pillars' own
calendars and deadlines (the same UIDs), never anything of the resilience pillar."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from medpath.accounts.models import SignedLink
from medpath.portfolio import services
from medpath.portfolio.calendar import DEADLINE_PILLAR, FEED_PILLARS, parse_pillars


@pytest.fixture
def dated(alice) -> None:
    """A credential expiring, an event ahead, a goal due, and a check-in (which must never show)."""
    from medpath.learning import services as learning
    from medpath.network.services import events
    from medpath.wellbeing.models import CheckIn

    learning.credential_save(user=alice, kind="licence", name="California RN licence", expires_on=date(2099, 7, 31))
    events.event_save(user=alice, title="Regional nursing conference", starts_on=date(2099, 9, 3))
    CheckIn(owner=alice, day=date(2026, 12, 1), mood=1, energy=1, stress=5, burnout=5, sleep_hours=13.5, note="zebrafinch").save()


def _summaries(client: Client, url: str) -> dict[str, str]:
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): str(event["UID"]) for event in calendar.walk("VEVENT")}


def test_the_feed_shows_the_chosen_pillars_only(alice, dated, settings) -> None:
    """Learning alone: the expiry, not the event; network alone: the event, not the expiry; never a check-in."""
    settings.MEDPATH_BASE_URL = "http://testserver"
    stranger = Client()
    learning = _summaries(stranger, services.calendar_link_issue(user=alice, pillars=["learning"]).url)
    assert "California RN licence expires" in learning
    assert "Regional nursing conference" not in learning
    network = _summaries(stranger, services.calendar_link_issue(user=alice, pillars=["network"]).url)
    assert "Regional nursing conference" in network
    assert "California RN licence expires" not in network
    everything = services.calendar_link_issue(user=alice, pillars=list(FEED_PILLARS)).url
    body = stranger.get(urlsplit(everything).path).content.decode().lower()
    assert "zebrafinch" not in body
    assert "check-in" not in body
    assert "13.5" not in body


def test_each_thing_keeps_the_uid_of_its_pillars_own_feed(alice, alice_client, dated, settings) -> None:
    """The event's UID is the events feed's, the expiry's the deadlines feed's: a calendar holding both shows each once."""
    from medpath.learning.links import DEADLINES_CALENDAR
    from medpath.network.links import EVENTS_CALENDAR

    settings.MEDPATH_BASE_URL = "http://testserver"
    from medpath.accounts import links

    stranger = Client()
    combined = _summaries(stranger, services.calendar_link_issue(user=alice, pillars=["learning", "network"]).url)
    for purpose in (DEADLINES_CALENDAR, EVENTS_CALENDAR):
        own = _summaries(stranger, links.link_issue(owner=alice, purpose=purpose.name, lifetime=purpose.max_lifetime).url)
        for summary, uid in own.items():
            assert combined[summary] == uid


def test_the_choice_is_kept_with_the_link_and_a_bad_choice_is_refused(alice) -> None:
    """The link's subject holds the pillars in the feed's order; none or an unknown one is refused naming the field."""
    issued = services.calendar_link_issue(user=alice, pillars=["network", "education"])
    assert issued.link.subject == "education,network"
    for bad in ([], ["wellbeing"]):
        with pytest.raises(ValidationError) as caught:
            services.calendar_link_issue(user=alice, pillars=bad)
        assert "pillars" in caught.value.message_dict
    assert parse_pillars("learning, skills") == ["learning", "skills"]


def test_the_page_issues_and_revokes_a_link(alice, alice_client, dated, settings) -> None:
    """Ticked pillars give a link shown once, on the page the browser is sent to (reloading it makes no second
    link); withdrawing it makes the feed answer 410."""
    settings.MEDPATH_BASE_URL = "http://testserver"
    made = alice_client.post(reverse("portfolio:calendar_link"), {"pillars": ["learning", "skills"]})
    assert made.status_code == 302
    assert made["Location"].endswith("#calendar-title")
    page = alice_client.get(made["Location"])
    issued = page.context["issued"]
    assert issued.link.subject == "learning,skills"
    assert issued.url in page.content.decode()
    assert page["Cache-Control"] == "no-store"
    again = alice_client.get(made["Location"])
    assert again.context["issued"] is None
    assert issued.url not in again.content.decode()
    assert "Continuous learning, Soft skills" in again.content.decode()
    assert SignedLink.objects.for_user(alice).filter(purpose=issued.link.purpose).count() == 1
    refused = alice_client.post(reverse("portfolio:calendar_link"), {})
    assert refused.status_code == 422
    assert "Choose at least one part" in refused.content.decode()
    alice_client.post(reverse("portfolio:calendar_revoke", args=[issued.link.pk]))
    assert SignedLink.objects.for_user(alice).get(pk=issued.link.pk).revoked_at is not None
    assert Client().get(urlsplit(issued.url).path).status_code == 410


def test_the_api_issues_and_revokes_a_link(alice, alice_client) -> None:
    """POST gives the URL once; DELETE withdraws it; another purpose's link id is not found."""
    created = alice_client.post("/api/v1/portfolio/calendar-links", {"pillars": ["skills"]}, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["pillars"] == ["skills"]
    bad = alice_client.post("/api/v1/portfolio/calendar-links", {"pillars": ["mood"]}, content_type="application/json")
    assert bad.status_code == 422
    assert "pillars" in bad.json()["fields"]
    assert alice_client.delete(f"/api/v1/portfolio/calendar-links/{created.json()['id']}").status_code == 204
    from medpath.accounts import links
    from medpath.plans.links import CALENDAR

    other = links.link_issue(owner=alice, purpose=CALENDAR.name, lifetime=CALENDAR.max_lifetime)
    assert alice_client.delete(f"/api/v1/portfolio/calendar-links/{other.link.pk}").status_code == 404


def test_every_deadline_of_the_demo_maps_to_a_pillar_or_is_left_out_on_purpose(db: Any) -> None:
    """The prefixes the feed knows cover every deadline the demo people have (booked stages show in the roadmap)."""
    from medpath.accounts.models import User
    from medpath.deadlines import deadlines_for
    from medpath.demo import DEMO_PEOPLE, demo_load

    demo_load()
    keys = [d.key for p in DEMO_PEOPLE for d in deadlines_for(User.objects.get(email=p.email), date(2026, 12, 1))]
    assert keys
    unmapped = [key for key in keys if not key.startswith(("plans:", *DEADLINE_PILLAR))]
    assert unmapped == []
