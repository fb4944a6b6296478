"""Memberships: saved with renewal dates and dues, lapsed ones in the next actions until renewed, renewals in
the deadline registry; bad input refused; every route refusing a visitor and another user."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from medpath.deadlines import deadlines_for
from medpath.network.actions import network_actions
from medpath.network.models import Membership
from medpath.network.services import memberships

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _frozen_today(time_machine: Any) -> None:
    """Every test here runs on 25 Nov 2026, 15:00 UTC."""
    time_machine.move_to("2026-11-25 15:00:00+00:00", tick=False)


def _membership(user: Any, renews_on: date | None = date(2027, 6, 30), **values: Any) -> Membership:
    return memberships.membership_save(
        user=user, association=values.pop("association", "American College of Surgeons"), renews_on=renews_on, **values
    )


def test_a_lapsed_membership_is_a_next_action_until_renewed(alice, alice_client) -> None:
    """Past its renewal date it is lapsed (high, in the API's actions and on the list); "renewed until" clears it
    and its new date joins the deadlines."""
    lapsed = _membership(alice, renews_on=date(2026, 11, 1))
    actions = network_actions(alice, TODAY)
    assert [(a.key, a.severity, a.title) for a in actions] == [
        (f"network:membership:{lapsed.pk}", "high", "Membership lapsed: American College of Surgeons")
    ]
    assert "It has lapsed" in actions[0].reason
    assert actions[0].due == date(2026, 11, 1)
    assert "Membership lapsed" in json.dumps(alice_client.get("/api/v1/actions").json())
    assert "lapsed" in alice_client.get(reverse("network:memberships")).content.decode()
    renewed = alice_client.post(reverse("network:membership_renew", args=[lapsed.pk]), {"renewed_until": "2027-11-01"})
    assert renewed.status_code == 302
    assert not network_actions(alice, TODAY)
    due = {d.key: d.due for d in deadlines_for(alice, TODAY) if d.key.startswith("network:membership")}
    assert due == {f"network:membership:{lapsed.pk}:renews:2027-11-01": date(2027, 11, 1)}


def test_a_membership_renewing_within_a_month_is_a_next_action(alice) -> None:
    soon = _membership(alice, renews_on=date(2026, 12, 10))
    _membership(alice, association="AMA", renews_on=date(2027, 6, 1))
    assert [(a.key, a.severity) for a in network_actions(alice, TODAY)] == [(f"network:membership:{soon.pk}", "high")]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"association": " "}, "association"),
        ({"dues_amount": "40", "dues_currency": ""}, "dues_currency"),
        ({"dues_amount": "40", "dues_currency": "U$"}, "dues_currency"),
        ({"dues_amount": "-1", "dues_currency": "USD"}, "dues_amount"),
        ({"renews_on": "0001-01-01"}, "renews_on"),
    ],
)
def test_a_bad_membership_is_refused_naming_the_field(alice, alice_client, change: dict[str, Any], field: str) -> None:
    body = {"association": "AMA", **change}
    answer = alice_client.post("/api/v1/network/memberships", json.dumps(body), content_type="application/json")
    assert answer.status_code == 422
    assert field in answer.json()["fields"], answer.json()
    assert not Membership.objects.for_user(alice).exists()


def test_renewed_until_must_be_later(alice, alice_client) -> None:
    row = _membership(alice)
    answer = alice_client.post(
        f"/api/v1/network/memberships/{row.pk}/renew",
        json.dumps({"renewed_until": "2027-01-01"}),
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert "renewed_until" in answer.json()["fields"]


def test_memberships_through_pages_and_api(alice, alice_client) -> None:
    saved = alice_client.post(
        reverse("network:membership_new"),
        {
            "association": "National Student Nurses' Association",
            "level": "Student",
            "renews_on": "2027-08-31",
            "dues_amount": "40",
            "dues_currency": "usd",
        },
    )
    assert saved.status_code == 302
    row = Membership.objects.for_user(alice).get()
    assert (row.dues_amount, row.dues_currency) == (Decimal("40.00"), "USD")
    page = alice_client.get(reverse("network:memberships")).content.decode()
    assert "31 Aug 2027" in page
    assert "40 USD" in page
    assert alice_client.get(reverse("network:membership_edit", args=[row.pk])).status_code == 200
    listed = alice_client.get("/api/v1/network/memberships").json()
    assert listed[0]["state"] == "current"
    body = json.dumps({"association": "NSNA", "renews_on": "2027-08-31"})
    assert (
        alice_client.put(f"/api/v1/network/memberships/{row.pk}", body, content_type="application/json").json()["association"]
        == "NSNA"
    )
    assert alice_client.post(reverse("network:membership_delete", args=[row.pk])).status_code == 302
    assert not Membership.objects.for_user(alice).exists()


def test_pages_and_api_refuse_a_visitor(client, refused) -> None:
    for name in ("memberships", "membership_new"):
        refused(client, "get", reverse(f"network:{name}"))
    refused(client, "get", "/api/v1/network/memberships")
    refused(client, "post", "/api/v1/network/memberships", data={}, content_type="application/json")


def test_another_users_memberships_are_refused(alice, alice_client, charlie_client, refused) -> None:
    row = _membership(alice)
    refused(charlie_client, "get", reverse("network:membership_edit", args=[row.pk]), owner=alice_client)
    refused(
        charlie_client,
        "post",
        reverse("network:membership_renew", args=[row.pk]),
        owner=alice_client,
        data={"renewed_until": "2028-01-01"},
    )
    refused(charlie_client, "post", reverse("network:membership_delete", args=[row.pk]), owner=alice_client)
    url = f"/api/v1/network/memberships/{row.pk}"
    refused(charlie_client, "get", url, owner=alice_client)
    refused(
        charlie_client, "put", url, owner=alice_client, data=json.dumps({"association": "Mine"}), content_type="application/json"
    )
    refused(charlie_client, "delete", url, owner=alice_client)
    renew = json.dumps({"renewed_until": "2028-01-01"})
    refused(charlie_client, "post", f"{url}/renew", owner=alice_client, data=renew, content_type="application/json")
    assert Membership.objects.for_user(alice).get().renews_on == date(2027, 6, 30)
