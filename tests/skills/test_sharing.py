"""Sharing with a mentor: a snapshot of only the chosen sections, its link shown once, opened without an account,
never changed by later edits, refused once revoked or expired, listed and revocable on the Shared links page;
and every route refusing a visitor and another user."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from medpath.skills.models import FeedbackRequest, MentorShare
from medpath.skills.services import journal, sharing
from medpath.skills.services.assessment import assessment_save
from medpath.skills.services.feedback import DEFAULT_INSTRUMENT, instrument_of

SECRET_REFLECTION = "I doubted myself on nights"


@pytest.fixture(autouse=True)
def _frozen_today(time_machine: Any) -> None:
    """Every test here runs on 25 Nov 2026, 15:00 UTC (09:00 in Alice's Chicago)."""
    time_machine.move_to("2026-11-25 15:00:00+00:00", tick=False)


@pytest.fixture
def journal_of_alice(alice: Any) -> dict[str, Any]:
    """Alice's self-assessment, two goals (one dropped) and two reflections."""
    assessment_save(
        user=alice,
        framework_id="medpath-interpersonal",
        ratings={"communication": 3, "teamwork": 4},
        assessed_on=date(2026, 11, 20),
    )
    goal = journal.goal_save(
        user=alice, title="Lead one family meeting", due_on=date(2026, 12, 20), competency_ids=["communication"]
    )
    journal.goal_save(user=alice, title="Dropped idea", due_on=date(2026, 12, 1), status="dropped")
    shared = journal.reflection_save(user=alice, title="A good handover", text="The checklist helped the whole team.")
    private = journal.reflection_save(user=alice, title="A private night", text=SECRET_REFLECTION)
    return {"goal": goal, "shared": shared, "private": private}


def _path(url: str) -> str:
    return urlsplit(url).path


def _released_feedback(alice: Any) -> None:
    """Three nurses answered Alice's request, each rating every statement 4, one with a comment; it is closed, so
    its results are released. Written as the answers leave it (counters only): the request's own service is tested
    with the feedback pages."""
    instrument = instrument_of(DEFAULT_INSTRUMENT)
    FeedbackRequest(
        owner=alice,
        title="Ward rotation, autumn",
        instrument_id=instrument.id,
        framework_id="medpath-interpersonal",
        minimum_answers=3,
        closes_on=date(2026, 11, 24),
        closes_at=timezone.now(),
        closed_at=timezone.now(),
        answers=3,
        tally={item.id: {"nurse": [0, 0, 0, 0, 3, 0]} for item in instrument.items},
        comments=["Always kind to families"],
    ).save()


# The snapshot


def test_the_default_snapshot_holds_the_profile_and_goals_only(alice, journal_of_alice) -> None:
    """Profile and goals (dropped ones left out); no feedback, no reflections, nothing else of the person."""
    made = sharing.share_create(user=alice)
    snapshot = made.share.snapshot
    assert set(snapshot) == {"version", "person", "made_on", "profile", "goals"}
    assert [goal["title"] for goal in snapshot["goals"]] == ["Lead one family meeting"]
    assert snapshot["goals"][0]["competencies"] == ["Communication"]
    levels = {row["competency"]: row["level"] for row in snapshot["profile"]["competencies"]}
    assert (levels["Communication"], levels["Teamwork"], levels["Empathy"]) == (3, 4, None)
    assert SECRET_REFLECTION not in json.dumps(snapshot)


def test_reflections_are_shared_only_when_chosen_and_only_the_chosen_ones(alice, journal_of_alice) -> None:
    shared, private = journal_of_alice["shared"], journal_of_alice["private"]
    made = sharing.share_create(user=alice, sections=["reflections"], reflection_ids=[shared.pk])
    assert set(made.share.snapshot) == {"version", "person", "made_on", "reflections"}
    assert [row["title"] for row in made.share.snapshot["reflections"]] == ["A good handover"]
    assert SECRET_REFLECTION not in json.dumps(made.share.snapshot)
    with pytest.raises(Exception, match="Tick"):
        sharing.share_create(user=alice, sections=["goals"], reflection_ids=[private.pk])
    with pytest.raises(Exception, match="none is chosen for you"):
        sharing.share_create(user=alice, sections=["goals", "reflections"])


def test_released_feedback_is_shared_only_when_chosen_and_never_its_comments(alice, journal_of_alice) -> None:
    _released_feedback(alice)
    without = sharing.share_create(user=alice).share.snapshot
    assert "feedback" not in without
    made = sharing.share_create(user=alice, sections=["profile", "feedback"])
    [result] = made.share.snapshot["feedback"]
    assert (result["title"], result["answers"]) == ("Ward rotation, autumn", 3)
    assert {item["mean"] for item in result["statements"]} == {4.0}
    page = Client().get(_path(made.url)).content.decode()
    assert "Ward rotation, autumn" in page
    assert "Lead one family meeting" not in page
    assert "Always kind to families" not in page
    assert "Always kind to families" not in json.dumps(made.share.snapshot)


# Pages


def test_a_link_made_on_the_page_is_shown_once_and_opens_the_snapshot_without_an_account(
    alice, alice_client, journal_of_alice
) -> None:
    """The form offers profile and goals ticked and a 30-day link; the next page shows the link once (not cached);
    the mentor sees only what was chosen, with the day it was made."""
    form = alice_client.get(reverse("skills:share_new"))
    assert form.context["form"]["sections"].value() == ["profile", "goals"]
    assert form.context["form"]["days"].value() == 30
    made = alice_client.post(
        reverse("skills:share_new"),
        {
            "mentor_label": "Dr. Rivera",
            "sections": ["goals", "reflections"],
            "reflection_ids": [journal_of_alice["shared"].pk],
            "days": 30,
        },
    )
    assert made.status_code == 302
    listed = alice_client.get(reverse("skills:shares"))
    assert listed["Cache-Control"] == "no-store"
    html = listed.content.decode()
    url = re.search(r'value="(http[^"]+/skills/shared/[^"]+/)"', html)
    assert url, html
    assert "Dr. Rivera" in html
    assert "Goals, Reflections" in html
    assert "25 Dec 2026" in html
    again = alice_client.get(reverse("skills:shares")).content.decode()
    assert url.group(1) not in again  # shown once
    mentor = Client().get(_path(url.group(1)))
    assert mentor.status_code == 200
    assert mentor["Cache-Control"] == "no-store"
    page = mentor.content.decode()
    assert "Alice Adams" in page
    assert "25 Nov 2026" in page
    assert "Lead one family meeting" in page
    assert "A good handover" in page
    assert "Competency profile" not in page
    assert SECRET_REFLECTION not in page
    assert "Dropped idea" not in page
    assert MentorShare.objects.for_user(alice).get().link.use_count == 1


def test_the_mentor_sees_the_snapshot_not_later_changes(alice, journal_of_alice) -> None:
    """Goals, reflections and ratings changed after the link was made do not reach the mentor."""
    shared = journal_of_alice["shared"]
    made = sharing.share_create(user=alice, sections=["profile", "goals", "reflections"], reflection_ids=[shared.pk])
    goal = journal_of_alice["goal"]
    journal.goal_save(user=alice, pk=goal.pk, title="Renamed goal", due_on=goal.due_on)
    journal.goal_save(user=alice, title="A goal set later", due_on=date(2026, 12, 30))
    journal.reflection_save(user=alice, pk=shared.pk, title="Rewritten", text="New text written after sharing.")
    assessment_save(
        user=alice, framework_id="medpath-interpersonal", ratings={"communication": 5}, assessed_on=date(2026, 11, 25)
    )
    page = Client().get(_path(made.url)).content.decode()
    assert "Lead one family meeting" in page
    assert "The checklist helped the whole team." in page
    for later in ("Renamed goal", "A goal set later", "Rewritten", "New text written after sharing."):
        assert later not in page
    assert "20 Nov 2026" in page  # the rating day in the snapshot, not the later one


def test_revoked_expired_and_forged_links_are_refused(alice, alice_client, journal_of_alice, time_machine) -> None:
    """Withdrawn on the share page: 410. Expired: 410. A changed token: 404. None shows the snapshot."""
    first = sharing.share_create(user=alice)
    second = sharing.share_create(user=alice, days=3)
    assert alice_client.post(reverse("skills:share_revoke", args=[first.share.pk])).status_code == 302
    revoked = Client().get(_path(first.url))
    assert revoked.status_code == 410
    assert "withdrawn" in revoked.content.decode()
    assert "Lead one family meeting" not in revoked.content.decode()
    path = _path(second.url)
    forged = Client().get(path[:-3] + ("x" if path[-3] != "x" else "y") + path[-2:])
    assert forged.status_code == 404
    assert Client().get(path).status_code == 200
    time_machine.move_to("2026-11-28 16:00:00+00:00", tick=False)
    expired = Client().get(path)
    assert expired.status_code == 410
    assert "expired" in expired.content.decode()
    alice_client.force_login(alice)
    states = alice_client.get(reverse("skills:shares")).content.decode()
    assert "revoked" in states
    assert "expired" in states


def test_the_share_is_listed_and_revocable_on_the_shared_links_page(alice, alice_client, journal_of_alice) -> None:
    made = sharing.share_create(user=alice, mentor_label="Dr. Rivera")
    links_page = alice_client.get(reverse("accounts:links")).content.decode()
    assert "Soft-skills snapshot shared with a mentor" in links_page
    assert "Dr. Rivera" in links_page
    assert alice_client.post(reverse("accounts:link_revoke", args=[made.share.link_id])).status_code == 302
    assert Client().get(_path(made.url)).status_code == 410
    assert "revoked" in alice_client.get(reverse("skills:shares")).content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"sections": []}, "sections"),
        ({"sections": ["wellbeing"]}, "sections"),
        ({"sections": ["goals", "reflections"]}, "reflection_ids"),
        ({"sections": ["goals"], "days": 181}, "days"),
        ({"sections": ["goals"], "days": 0}, "days"),
    ],
)
def test_a_bad_share_form_names_the_field_and_makes_no_link(
    alice, alice_client, journal_of_alice, data: dict[str, Any], field: str
) -> None:
    answer = alice_client.post(reverse("skills:share_new"), {"days": 30, **data})
    assert answer.status_code == 200
    assert field in answer.context["form"].errors, answer.context["form"].errors
    assert not MentorShare.objects.for_user(alice).exists()


# API


def test_shares_through_the_api_give_the_url_once(alice, alice_client, journal_of_alice) -> None:
    made = alice_client.post(
        "/api/v1/skills/shares",
        json.dumps(
            {
                "sections": ["goals", "reflections"],
                "reflection_ids": [journal_of_alice["shared"].pk],
                "mentor_label": "Dr. Rivera",
            }
        ),
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["url"]
    assert (body["state"], body["sections"], body["use_count"]) == ("active", ["goals", "reflections"], 0)
    assert Client().get(_path(body["url"])).status_code == 200
    [listed] = alice_client.get("/api/v1/skills/shares").json()
    assert listed["url"] == ""
    assert listed["use_count"] == 1
    assert listed["id"] == body["id"]
    assert alice_client.delete(f"/api/v1/skills/shares/{body['id']}").status_code == 204
    assert alice_client.get("/api/v1/skills/shares").json()[0]["state"] == "revoked"
    assert Client().get(_path(body["url"])).status_code == 410


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"sections": ["wellbeing"]}, "sections.0"),
        ({"sections": []}, "sections"),
        ({"sections": ["goals"], "reflection_ids": [1]}, "reflection_ids"),
        ({"sections": ["goals"], "days": 365}, "days"),
    ],
)
def test_a_bad_share_body_is_a_422_and_makes_no_link(alice, alice_client, body: dict[str, Any], field: str) -> None:
    answer = alice_client.post("/api/v1/skills/shares", json.dumps(body), content_type="application/json")
    assert answer.status_code == 422
    assert field in answer.json()["fields"], answer.json()
    assert not MentorShare.objects.for_user(alice).exists()


def test_another_users_reflection_cannot_be_shared(alice, charlie, journal_of_alice) -> None:
    theirs = journal.reflection_save(user=charlie, title="Someone else's", text="Private to the other account.")
    with pytest.raises(Exception, match="your own reflections"):
        sharing.share_create(user=alice, sections=["reflections"], reflection_ids=[theirs.pk])


# Refusals


def test_pages_and_api_refuse_a_visitor(client, refused) -> None:
    refused(client, "get", reverse("skills:shares"))
    refused(client, "get", reverse("skills:share_new"))
    refused(client, "get", "/api/v1/skills/shares")
    refused(client, "post", "/api/v1/skills/shares", data={}, content_type="application/json")


def test_another_user_cannot_revoke_a_share(alice, alice_client, charlie_client, refused, journal_of_alice) -> None:
    """Charlie's revoke (page and API) is refused and the link still opens; Alice's own gets through."""
    made = sharing.share_create(user=alice)
    refused(charlie_client, "post", reverse("skills:share_revoke", args=[made.share.pk]), owner=alice_client)
    refused(charlie_client, "delete", f"/api/v1/skills/shares/{made.share.pk}", owner=alice_client)
    assert Client().get(_path(made.url)).status_code == 200
    assert charlie_client.get("/api/v1/skills/shares").json() == []
    assert "Dr." not in charlie_client.get(reverse("skills:shares")).content.decode()


def test_released_feedback_is_dated_by_the_persons_day(alice) -> None:
    """A request closed at 02:30 UTC on 6 Dec closed on 5 Dec for someone in New York (trial finding D6: the CV
    showed the next day)."""
    from datetime import UTC, datetime

    from medpath.skills.selectors import released_feedback

    alice.time_zone = "America/New_York"
    alice.save()
    _released_feedback(alice)
    FeedbackRequest.objects.for_user(alice).update(closed_at=datetime(2026, 12, 6, 2, 30, tzinfo=UTC))
    assert [f.closed_on for f in released_feedback(alice)] == [date(2026, 12, 5)]
