"""Contacts, follow-up rules and interactions: pages, API and commands; bad input; the privacy guard; follow-ups
in the next actions and the deadline registry; every route refusing a visitor and another user."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from typer.testing import CliRunner

from medpath.cli import app
from medpath.deadlines import deadlines_for
from medpath.network.actions import network_actions
from medpath.network.models import Contact, Interaction
from medpath.network.services import contacts

PATIENT = "Discussed pt John Smith, MRN 12345678, after rounds."
TODAY = date(2026, 11, 25)
runner = CliRunner()


@pytest.fixture(autouse=True)
def _frozen_today(time_machine: Any) -> None:
    """Every test here runs on 25 Nov 2026, 15:00 UTC (09:00 in Alice's Chicago)."""
    time_machine.move_to("2026-11-25 15:00:00+00:00", tick=False)


def _api(client: Any, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def _mentor(user: Any, name: str = "Dr. Ana Ruiz", **values: Any) -> Contact:
    return contacts.contact_save(user=user, name=name, tags=values.pop("tags", ["mentor"]), is_mentor=True, **values)


def test_a_contact_is_added_logged_and_shows_its_next_follow_up_on_the_pages(alice, alice_client) -> None:
    """The form saves a contact with tags; its page offers today for a new interaction; logging a coffee moves
    the next follow-up to six weeks after it."""
    contacts.rule_save(user=alice, tag="mentor", rhythm_days=42)
    saved = alice_client.post(
        reverse("network:contact_new"),
        {"name": "Dr. Ana Ruiz", "role": "Attending", "tags": "Mentor, surgery", "is_mentor": "on", "email": "ana@example.org"},
    )
    assert saved.status_code == 302
    contact = Contact.objects.for_user(alice).get()
    detail = reverse("network:contact_detail", args=[contact.pk])
    page = alice_client.get(detail)
    assert page.context["form"]["occurred_on"].value() == TODAY
    assert "6 Jan 2027" in page.content.decode()  # added today, every 42 days
    logged = alice_client.post(detail, {"occurred_on": "2026-11-20", "channel": "in_person", "notes": "Coffee"})
    assert logged.status_code == 302
    html = alice_client.get(detail).content.decode()
    assert "1 Jan 2027" in html
    assert "tag “mentor”" in html
    listed = alice_client.get(reverse("network:contacts")).content.decode()
    assert "20 Nov 2026" in listed
    assert "mentor, surgery" in listed


def test_the_list_filters_by_tag_mentor_and_days_without_contact_and_sorts(alice, alice_client) -> None:
    """Tag, mentor and "not contacted for N days" filters, and sorting by last contact; in three queries."""
    ana = _mentor(alice)
    bo = contacts.contact_save(user=alice, name="Bo Chen", tags=["co-resident"])
    contacts.interaction_save(user=alice, contact_id=ana.pk, occurred_on=date(2026, 8, 1))
    contacts.interaction_save(user=alice, contact_id=bo.pk, occurred_on=date(2026, 11, 20))

    def names(query: str) -> list[str]:
        return [row["name"] for row in alice_client.get(f"/api/v1/network/contacts{query}").json()]

    assert names("") == ["Bo Chen", "Dr. Ana Ruiz"]
    assert names("?tag=mentor") == ["Dr. Ana Ruiz"]
    assert names("?mentor=false") == ["Bo Chen"]
    assert names("?quiet_days=30") == ["Dr. Ana Ruiz"]
    assert names("?sort=last_contact") == ["Dr. Ana Ruiz", "Bo Chen"]
    page = alice_client.get(reverse("network:contacts"), {"quiet": "30", "tag": "nonsense", "sort": "x"})
    assert page.status_code == 200
    assert "No contact matches" in page.content.decode()


def test_the_list_takes_three_queries_whatever_the_number_of_contacts(alice, django_assert_max_num_queries) -> None:
    from medpath.network.selectors import contact_rows

    for number in range(15):
        contact = _mentor(alice, f"Contact {number}")
        contacts.interaction_save(user=alice, contact_id=contact.pk, occurred_on=date(2026, 10, 1))
    with django_assert_max_num_queries(3):
        assert len(contact_rows(alice, today=TODAY)) == 15


@pytest.mark.parametrize("days", [0, -3, 1096])
def test_a_rhythm_of_zero_negative_or_over_three_years_is_refused_everywhere(alice, alice_client, days: int) -> None:
    """The form, the API and the service refuse it naming the field; nothing is saved."""
    form = alice_client.post(reverse("network:contact_new"), {"name": "Ana", "rhythm_days": str(days)})
    assert "1095 days" in " ".join(form.context["form"].errors["rhythm_days"])
    answer = _api(alice_client, "post", "/api/v1/network/contacts", {"name": "Ana", "rhythm_days": days})
    assert answer.status_code == 422
    assert "rhythm_days" in json.dumps(answer.json())
    rule = _api(alice_client, "post", "/api/v1/network/follow-up-rules", {"tag": "mentor", "rhythm_days": days})
    assert rule.status_code == 422
    with pytest.raises(ValidationError) as refused:
        contacts.rule_save(user=alice, tag="mentor", rhythm_days=days)
    assert "1095 days" in refused.value.message_dict["rhythm_days"][0]
    rule_form = alice_client.post(reverse("network:rules"), {"tag": "mentor", "rhythm_days": str(days)})
    assert "rhythm_days" in rule_form.context["form"].errors
    assert not Contact.objects.for_user(alice).exists()


def test_bad_contacts_are_refused_naming_the_field(alice, alice_client) -> None:
    """No name, a bad e-mail, an interaction in the future: 422 naming the field, nothing saved."""
    assert "name" in _api(alice_client, "post", "/api/v1/network/contacts", {"name": "  "}).json()["fields"]
    assert "email" in _api(alice_client, "post", "/api/v1/network/contacts", {"name": "A", "email": "nope"}).json()["fields"]
    ana = _mentor(alice)
    future = _api(alice_client, "post", f"/api/v1/network/contacts/{ana.pk}/interactions", {"occurred_on": "2026-12-01"})
    assert future.status_code == 422
    assert "occurred_on" in future.json()["fields"]
    assert not Interaction.objects.for_user(alice).exists()


def test_interaction_notes_naming_a_patient_are_refused_until_confirmed(alice, alice_client) -> None:
    """The API answers 422 quoting the identifier; privacy_confirmed saves it. The page's form asks first."""
    ana = _mentor(alice)
    url = f"/api/v1/network/contacts/{ana.pk}/interactions"
    body = {"occurred_on": "2026-11-24", "channel": "call", "notes": PATIENT}
    refused = _api(alice_client, "post", url, body)
    assert refused.status_code == 422
    assert "“12345678”" in refused.json()["fields"]["notes"][0]
    assert "privacy_confirmed" in refused.json()["fields"]
    assert not Interaction.objects.for_user(alice).exists()
    form = alice_client.post(reverse("network:contact_detail", args=[ana.pk]), body)
    assert "“12345678”" in " ".join(form.context["form"].errors["notes"])
    assert not Interaction.objects.for_user(alice).exists()
    assert _api(alice_client, "post", url, {**body, "privacy_confirmed": True}).status_code == 201
    notes = _api(alice_client, "post", "/api/v1/network/contacts", {"name": "Bo", "notes": PATIENT})
    assert notes.status_code == 422
    assert "notes" in notes.json()["fields"]


def test_due_follow_ups_are_next_actions_and_deadlines(alice, alice_client) -> None:
    """A mentor last seen 7 weeks ago on a 6-week rule is overdue (a next action, in the API too); a contact due in
    a month is a deadline only; logging an interaction clears the action."""
    contacts.rule_save(user=alice, tag="mentor", rhythm_days=42)
    ana = _mentor(alice)
    contacts.interaction_save(user=alice, contact_id=ana.pk, occurred_on=date(2026, 10, 7))
    later = contacts.contact_save(user=alice, name="Bo Chen", rhythm_days=30)
    actions = {action.key: action for action in network_actions(alice, TODAY)}
    assert list(actions) == [f"network:follow-up:{ana.pk}"]
    action = actions[f"network:follow-up:{ana.pk}"]
    assert (action.due, action.severity, action.url) == (
        date(2026, 11, 18),
        "medium",
        reverse("network:contact_detail", args=[ana.pk]),
    )
    assert "49 days" in action.reason
    assert "Get in touch with Dr. Ana Ruiz" in json.dumps(alice_client.get("/api/v1/actions").json())
    keys = {deadline.key: deadline.due for deadline in deadlines_for(alice, TODAY) if deadline.key.startswith("network:")}
    # Keyed by the cycle's due date (an overdue one shows today), so each cycle gets its own reminders.
    assert keys == {
        f"network:follow-up:{ana.pk}:2026-11-18": TODAY,
        f"network:follow-up:{later.pk}:2026-12-25": date(2026, 12, 25),
    }
    assert [row["name"] for row in alice_client.get("/api/v1/network/follow-ups").json()] == ["Dr. Ana Ruiz"]
    contacts.interaction_save(user=alice, contact_id=ana.pk, occurred_on=TODAY, channel="video")
    assert not network_actions(alice, TODAY)


def test_rules_page_sets_replaces_and_removes_a_rule(alice, alice_client) -> None:
    assert alice_client.post(reverse("network:rules"), {"tag": "Mentor", "rhythm_days": "42"}).status_code == 302
    assert alice_client.post(reverse("network:rules"), {"tag": "mentor", "rhythm_days": "30"}).status_code == 302
    rules = alice_client.get("/api/v1/network/follow-up-rules").json()
    assert [(rule["tag"], rule["rhythm_days"]) for rule in rules] == [("mentor", 30)]
    assert alice_client.post(reverse("network:rule_delete", args=[rules[0]["id"]])).status_code == 302
    assert alice_client.get("/api/v1/network/follow-up-rules").json() == []


def test_contacts_through_the_api_and_the_command_print_the_same_json(alice, alice_client) -> None:
    """Create, change, read and delete by API; ``medpath network contacts --json`` prints what the API answers."""
    created = _api(alice_client, "post", "/api/v1/network/contacts", {"name": "Ana", "tags": ["Mentor"], "rhythm_days": 42})
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    changed = _api(alice_client, "put", f"/api/v1/network/contacts/{pk}", {"name": "Ana Ruiz", "tags": ["mentor", "surgery"]})
    assert changed.json()["tags"] == ["mentor", "surgery"]
    assert changed.json()["rhythm_days"] is None
    result = runner.invoke(app, ["network", "contacts", "--user", alice.email, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == alice_client.get("/api/v1/network/contacts").json()
    table = runner.invoke(app, ["network", "follow-ups", "--user", alice.email])
    assert table.exit_code == 0
    assert "No follow-up is due" in table.stdout
    assert _api(alice_client, "delete", f"/api/v1/network/contacts/{pk}").status_code == 204
    assert not Contact.objects.for_user(alice).exists()


def test_pages_change_and_delete_contacts_and_interactions(alice, alice_client) -> None:
    ana = _mentor(alice)
    edit = reverse("network:contact_edit", args=[ana.pk])
    assert alice_client.get(edit).context["form"]["tags"].value() == "mentor"
    assert alice_client.post(edit, {"name": "Dr. Ana Ruiz-Lopez", "tags": "mentor"}).status_code == 302
    interaction = contacts.interaction_save(user=alice, contact_id=ana.pk, occurred_on=TODAY)
    assert alice_client.post(reverse("network:interaction_delete", args=[interaction.pk])).status_code == 302
    assert not Interaction.objects.for_user(alice).exists()
    assert alice_client.post(reverse("network:contact_delete", args=[ana.pk])).status_code == 302
    assert not Contact.objects.for_user(alice).exists()


PAGES = ["contacts", "contact_new", "rules", "vcard_import", "vcard_export"]
API = [
    ("get", "/api/v1/network/contacts"),
    ("post", "/api/v1/network/contacts"),
    ("get", "/api/v1/network/follow-ups"),
    ("get", "/api/v1/network/follow-up-rules"),
    ("post", "/api/v1/network/follow-up-rules"),
    ("post", "/api/v1/network/contacts/import"),
    ("get", "/api/v1/network/contacts/export"),
]


def test_pages_and_api_refuse_a_visitor(client, refused) -> None:
    for name in PAGES:
        refused(client, "get", reverse(f"network:{name}"))
    for method, path in API:
        if method == "post":
            refused(client, method, path, data={}, content_type="application/json")
        else:
            refused(client, method, path)


def test_another_users_contacts_rules_and_interactions_are_refused(alice, alice_client, charlie_client, refused) -> None:
    """Charlie cannot open, change or delete Alice's contact, interaction or rule, by page or API; Alice can."""
    ana = _mentor(alice)
    interaction = contacts.interaction_save(user=alice, contact_id=ana.pk, occurred_on=TODAY)
    rule = contacts.rule_save(user=alice, tag="mentor", rhythm_days=42)
    refused(charlie_client, "get", reverse("network:contact_detail", args=[ana.pk]), owner=alice_client)
    refused(charlie_client, "get", reverse("network:contact_edit", args=[ana.pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("network:contact_delete", args=[ana.pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("network:interaction_delete", args=[interaction.pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("network:rule_delete", args=[rule.pk]), owner=alice_client)
    url = f"/api/v1/network/contacts/{ana.pk}"
    refused(charlie_client, "get", url, owner=alice_client)
    refused(charlie_client, "put", url, owner=alice_client, data=json.dumps({"name": "Mine"}), content_type="application/json")
    refused(charlie_client, "delete", url, owner=alice_client)
    refused(charlie_client, "get", f"{url}/interactions", owner=alice_client)
    body = json.dumps({"occurred_on": "2026-11-20"})
    refused(charlie_client, "post", f"{url}/interactions", owner=alice_client, data=body, content_type="application/json")
    refused(charlie_client, "delete", f"/api/v1/network/interactions/{interaction.pk}", owner=alice_client)
    refused(charlie_client, "delete", f"/api/v1/network/follow-up-rules/{rule.pk}", owner=alice_client)
    assert charlie_client.get("/api/v1/network/contacts").json() == []
    assert Interaction.objects.for_user(alice).count() == 1
