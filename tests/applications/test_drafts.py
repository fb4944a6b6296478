"""Application drafts: picking copies a record, limits are told next to the field and stop 'ready', the paste view,
download, API and command answer the same, and every route is refused to an outsider."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from medpath.applications import selectors, services
from medpath.applications.models import ApplicationEntry
from medpath.experience.models import ExperienceEntry, ExperienceKind
from medpath.network.models import Event, Membership
from tests.test_cli_api_json import cli_json


def _saved(row: Any) -> Any:
    row.save()
    return row


def _experience(user: Any, title: str = "ED scribe", kind: str = "clinical_work") -> Any:
    return _saved(
        ExperienceEntry(
            owner=user,
            kind=kind,
            title=title,
            organization="Mercy Hospital",
            started_on=date(2025, 1, 6),
            ended_on=date(2025, 6, 30),
            hours=Decimal("480.4"),
            description="Documented histories.",
        )
    )


@pytest.fixture
def draft(alice: Any) -> Any:
    return services.draft_create(user=alice, format="amcas", season=2027, title="AMCAS 2027")


def test_every_experience_kind_and_event_role_has_a_default_type_in_both_formats() -> None:
    """The documented default mapping covers every kind of experience, every event role and memberships."""
    from medpath.network.models import EventRole

    for format_id in ("amcas", "eras"):
        mapping = selectors.application_format(format_id).default_mapping
        keys = {f"experience.{k.replace('_', '-')}" for k in ExperienceKind.values} | {f"event.{r}" for r in EventRole.values}
        assert keys | {"membership"} <= set(mapping)


def test_picking_copies_the_record_and_editing_the_copy_leaves_it(alice: Any, draft: Any) -> None:
    """An experience becomes an AMCAS paid-employment entry with its dates and rounded hours; editing the copy
    changes nothing in the log."""
    record = _experience(alice)
    entry = services.entry_pick(user=alice, draft_id=draft.pk, source_kind="experience", source_id=record.pk)
    assert (entry.type_id, entry.title, entry.organization) == ("paid-employment-medical", "ED scribe", "Mercy Hospital")
    assert entry.ranges == [{"start": "2025-01-06", "end": "2025-06-30", "hours": 480}]
    services.entry_save(
        user=alice,
        pk=entry.pk,
        type_id="research-lab",
        title="Scribe, changed",
        description="New text.",
        ranges=[{"start": date(2025, 1, 6), "end": None, "hours": 10}],
    )
    record.refresh_from_db()
    assert (record.title, record.description, record.kind) == ("ED scribe", "Documented histories.", "clinical_work")
    with pytest.raises(ValidationError, match="already in the draft"):
        services.entry_pick(user=alice, draft_id=draft.pk, source_kind="experience", source_id=record.pk)


def test_events_and_memberships_can_be_picked_and_others_records_cannot(alice: Any, charlie: Any, draft: Any) -> None:
    """A poster becomes Presentations/Posters titled by the poster; a membership an extracurricular; Charlie's
    record is refused."""
    poster = _saved(
        Event(
            owner=alice,
            title="Regional meeting",
            starts_on=date(2025, 3, 1),
            ends_on=date(2025, 3, 2),
            role="poster",
            presentation_title="Sepsis bundles",
        )
    )
    member = _saved(Membership(owner=alice, association="AMSA", level="Student"))
    entry = services.entry_pick(user=alice, draft_id=draft.pk, source_kind="event", source_id=poster.pk)
    assert (entry.type_id, entry.title, entry.organization) == ("presentations-posters", "Sepsis bundles", "Regional meeting")
    entry = services.entry_pick(user=alice, draft_id=draft.pk, source_kind="membership", source_id=member.pk)
    assert (entry.type_id, entry.organization) == ("extracurricular-activities", "AMSA")
    theirs = _experience(charlie)
    with pytest.raises(ValidationError, match="no such record"):
        services.entry_pick(user=alice, draft_id=draft.pk, source_kind="experience", source_id=theirs.pk)


def test_a_full_draft_and_a_fourth_most_meaningful_are_refused(alice: Any) -> None:
    """ERAS takes 10 experiences and 3 most meaningful: the 11th pick and the 4th mark are refused."""
    eras = services.draft_create(user=alice, format="eras", season=2026, title="ERAS")
    entries = [services.entry_pick(user=alice, draft_id=eras.pk, source_kind="none") for _ in range(10)]
    with pytest.raises(ValidationError, match="at most 10"):
        services.entry_pick(user=alice, draft_id=eras.pk, source_kind="none")
    for entry in entries[:3]:
        services.entry_save(
            user=alice, pk=entry.pk, type_id="work", title="Job", most_meaningful=True, most_meaningful_text="Why."
        )
    with pytest.raises(ValidationError, match="at most 3 most meaningful"):
        services.entry_save(user=alice, pk=entries[3].pk, type_id="work", title="Job", most_meaningful=True)


def test_without_javascript_the_page_says_how_far_over_and_ready_is_refused(alice: Any, alice_client: Any, draft: Any) -> None:
    """Posting 784 characters keeps them, shows '84 characters over the 700 AMCAS allows' beside the field, and
    'Mark ready' is refused until it is shortened."""
    entry = services.entry_pick(user=alice, draft_id=draft.pk, source_kind="experience", source_id=_experience(alice).pk)
    form = {
        "type_id": "paid-employment-medical",
        "title": "ED scribe",
        "start_1": "2025-01-06",
        "end_1": "2025-06-30",
        "hours_1": "480",
        "description": "a" * 784,
    }
    response = alice_client.post(f"/applications/entries/{entry.pk}/", form, follow=True)
    page = response.content.decode()
    assert "784 / 700" in page
    assert "84 characters over the 700 AMCAS allows" in page
    alice_client.post(f"/applications/{draft.pk}/ready/")
    draft.refresh_from_db()
    assert not draft.ready
    alice_client.post(f"/applications/entries/{entry.pk}/", form | {"description": "a" * 700})
    alice_client.post(f"/applications/{draft.pk}/ready/")
    draft.refresh_from_db()
    assert draft.ready
    services.entry_save(
        user=alice,
        pk=entry.pk,
        type_id="paid-employment-medical",
        title="ED scribe",
        description="b" * 701,
        ranges=[{"start": date(2025, 1, 6), "end": None, "hours": 480}],
    )
    draft.refresh_from_db()
    assert not draft.ready  # going over again takes 'ready' away


def test_free_text_goes_through_the_privacy_guard(alice: Any, alice_client: Any, draft: Any) -> None:
    """A medical record number in a description is pointed at, by the page and by the API, until confirmed."""
    entry = services.entry_pick(user=alice, draft_id=draft.pk, source_kind="none")
    body = {"type_id": "other", "title": "Scribe", "description": "Patient MRN 12345678 taught me."}
    response = alice_client.put(f"/api/v1/applications/entries/{entry.pk}", body, content_type="application/json")
    assert response.status_code == 422
    assert "privacy_confirmed" in response.json()["fields"]
    page = alice_client.post(
        f"/applications/entries/{entry.pk}/", {"type_id": "other", "title": "Scribe", "description": body["description"]}
    )
    assert "This may identify a patient" in page.content.decode()
    entry.refresh_from_db()
    assert "MRN" not in entry.description


def test_paste_view_download_api_and_command_agree(alice: Any, alice_client: Any, draft: Any) -> None:
    """The export lists fields in AMCAS order; the page has a copy button per field; the command's --json is the API's."""
    services.entry_pick(user=alice, draft_id=draft.pk, source_kind="experience", source_id=_experience(alice).pk)
    api = alice_client.get(f"/api/v1/applications/drafts/{draft.pk}/export").json()
    labels = [field["label"] for field in api["entries"][0]["fields"]]
    assert labels[:5] == ["Experience type", "Experience name", "Start date", "End date", "Completed hours"]
    assert api["entries"][0]["fields"][2]["value"] == "01/2025"
    assert cli_json("applications", "export", str(draft.pk), "--user", alice.email, "--json") == api
    assert (
        cli_json("applications", "list", "--user", alice.email, "--json")
        == alice_client.get("/api/v1/applications/drafts").json()
    )
    page = alice_client.get(f"/applications/{draft.pk}/paste/").content.decode()
    assert page.count("data-copy=") == len(labels)
    assert "Paid Employment – Medical/Clinical" in page
    download = alice_client.get(f"/applications/{draft.pk}/download/")
    assert download["Content-Disposition"] == 'attachment; filename="amcas-2027.md"'
    assert "**Experience description** (21 / 700 characters)" in download.content.decode()


def test_api_flow_and_ready_refusal(alice_client: Any) -> None:
    """Create, pick, edit over the limit, and 'ready' answers 422 naming the entry and how far over."""
    made = alice_client.post(
        "/api/v1/applications/drafts", {"format": "eras", "season": 2026, "title": "ERAS"}, content_type="application/json"
    )
    assert made.status_code == 201
    draft_id = made.json()["id"]
    entry = alice_client.post(
        f"/api/v1/applications/drafts/{draft_id}/entries", {"source_kind": "none"}, content_type="application/json"
    ).json()
    body = {"type_id": "research", "title": "Lab", "ranges": [{"start": "2024-01-01"}], "description": "d" * 760}
    changed = alice_client.put(f"/api/v1/applications/entries/{entry['id']}", body, content_type="application/json").json()
    assert changed["problems"] == ["10 characters over the 750 ERAS allows"]
    refused = alice_client.post(f"/api/v1/applications/drafts/{draft_id}/ready", {"ready": True}, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["fields"]["ready"] == ["Experience 1: 10 characters over the 750 ERAS allows"]


def test_every_route_is_refused_to_an_outsider(
    alice: Any, alice_client: Any, charlie_client: Any, refused: Any, draft: Any
) -> None:
    """Charlie can neither see nor change Alice's drafts and entries, through pages or the API."""
    entry = services.entry_pick(user=alice, draft_id=draft.pk, source_kind="none")
    d, e = draft.pk, entry.pk
    entry_body = {"type_id": "other", "title": "X"}
    routes: list[tuple[str, str, dict[str, Any]]] = [
        ("get", f"/applications/{d}/", {}),
        ("post", f"/applications/{d}/change/", {"data": {"season": 2027, "title": "T"}}),
        ("post", f"/applications/{d}/pick/", {"data": {"record": "none:0"}}),
        ("post", f"/applications/{d}/ready/", {"data": {"ready": "no"}}),
        ("get", f"/applications/{d}/paste/", {}),
        ("get", f"/applications/{d}/download/", {}),
        ("get", f"/applications/entries/{e}/", {}),
        ("post", f"/applications/entries/{e}/move/", {"data": {"direction": "up"}}),
        ("post", f"/applications/entries/{e}/delete/", {}),
        ("post", f"/applications/{d}/delete/", {}),
        ("get", f"/api/v1/applications/drafts/{d}", {}),
        ("put", f"/api/v1/applications/drafts/{d}", {"data": {"season": 2027, "title": "T"}, "content_type": "application/json"}),
        (
            "post",
            f"/api/v1/applications/drafts/{d}/entries",
            {"data": {"source_kind": "none"}, "content_type": "application/json"},
        ),
        ("put", f"/api/v1/applications/entries/{e}", {"data": entry_body, "content_type": "application/json"}),
        ("delete", f"/api/v1/applications/entries/{e}", {}),
        ("post", f"/api/v1/applications/drafts/{d}/ready", {"data": {"ready": False}, "content_type": "application/json"}),
        ("get", f"/api/v1/applications/drafts/{d}/export", {}),
        ("delete", f"/api/v1/applications/drafts/{d}", {}),
    ]
    for method, url, kwargs in routes:
        refused(charlie_client, method, url, owner=alice_client, **kwargs)
    from django.test import Client

    refused(Client(), "get", "/applications/")
    refused(Client(), "get", "/api/v1/applications/drafts")
    refused(Client(), "post", "/api/v1/applications/drafts", data={}, content_type="application/json")
    assert ApplicationEntry.objects.for_user(alice).filter(pk=e).exists()


def test_an_eras_entry_offers_the_catalogs_lists_and_takes_other_text(alice: Any, alice_client: Any) -> None:
    """The ERAS form suggests the known settings and focus areas, accepts a setting not on the partial list, and
    exports frequency by its name and no hours."""
    eras = services.draft_create(user=alice, format="eras", season=2026, title="ERAS")
    entry = services.entry_pick(user=alice, draft_id=eras.pk, source_kind="experience", source_id=_experience(alice).pk)
    page = alice_client.get(f"/applications/entries/{entry.pk}/").content.decode()
    assert '<option value="Suburban">' in page
    assert '<option value="Public health">' in page
    form = {
        "type_id": "work",
        "title": "Scribe",
        "start_1": "2025-01-06",
        "hours_1": "480",
        "frequency": "weekly",
        "setting": "Frontier",
        "focus_area": "Public health",
        "description": "Scribed.",
    }
    assert alice_client.post(f"/applications/entries/{entry.pk}/", form).status_code == 302
    fields = {
        f["key"]: f["value"]
        for f in alice_client.get(f"/api/v1/applications/drafts/{eras.pk}/export").json()["entries"][0]["fields"]
    }
    assert (fields["frequency"], fields["setting"], fields["focus_area"]) == ("Weekly", "Frontier", "Public health")
    assert not [key for key in fields if key.startswith("hours")]
    entry.refresh_from_db()
    assert entry.ranges[0]["hours"] == 480  # kept in MedPath


def test_the_save_message_says_what_the_drafts_check_says(alice: Any, alice_client: Any, draft: Any) -> None:
    """After saving, the page warns with the draft's own verdict on the entry: an essay on an entry not marked most
    meaningful is not “over” (it does not count), and an end before the start is said at once, not later."""
    entry = services.entry_pick(user=alice, draft_id=draft.pk, source_kind="experience", source_id=_experience(alice).pk)
    form = {
        "type_id": "paid-employment-medical",
        "title": "ED scribe",
        "start_1": "2025-01-06",
        "end_1": "2025-06-30",
        "hours_1": "480",
        "description": "Scribed for the emergency department.",
        "most_meaningful_text": "m" * 1400,
    }
    saved = alice_client.post(f"/applications/entries/{entry.pk}/", form, follow=True)
    assert "Saved, but" not in saved.content.decode()
    alice_client.post(f"/applications/{draft.pk}/ready/")
    draft.refresh_from_db()
    assert draft.ready
    backwards = alice_client.post(f"/applications/entries/{entry.pk}/", form | {"end_1": "2024-06-30"}, follow=True)
    page = backwards.content.decode()
    assert "Saved, but before the draft can be ready" in page
