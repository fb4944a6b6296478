"""Couples: invitation by a signed link, each partner seeing only what the other shares, building, editing,
reordering and downloading the paired list; every route refused to an outsider."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from medpath.match import services
from medpath.match.models import Couple, PairedEntry, RankList
from tests.test_cli_api_json import cli_json


def _list(user: Any, title: str, programs: list[tuple[str, str]], notes: str = "") -> RankList:
    made = services.list_create(user=user, title=title, season=2027)
    for name, city in programs:
        services.program_add(user=user, list_id=made.pk, name=name, specialty="IM", city=city, notes=notes)
    return made


@pytest.fixture
def joined(alice: Any, charlie: Any) -> Couple:
    mine = _list(alice, "Alice 2027", [("Boston IM", "Boston"), ("Chicago IM", "Chicago")], notes="loved the ward team")
    theirs = _list(charlie, "Charlie 2027", [("Chicago Surgery", "Chicago"), ("Boston Surgery", "Boston")])
    _list(charlie, "Charlie private", [("Secret Program", "Nowhere")])
    _, issued = services.couple_invite(user=alice, list_id=mine.pk)
    token = issued.url.rstrip("/").rsplit("/", 1)[1]
    return services.couple_join(user=charlie, token=token, list_id=theirs.pk)


def test_invitation_by_link_and_join_on_the_pages(alice: Any, alice_client: Any, charlie: Any, charlie_client: Any) -> None:
    mine = _list(alice, "Alice 2027", [("Boston IM", "Boston")])
    theirs = _list(charlie, "Charlie 2027", [("Boston Surgery", "Boston")])
    made = alice_client.post("/match/couples/", {"rank_list": mine.pk})
    assert made.status_code == 302
    page = alice_client.get("/match/couples/").content.decode()
    url = re.search(r'value="(http[^"]+/match/couples/join/[^"]+/)"', page)
    assert url is not None
    assert url.group(1) not in alice_client.get("/match/couples/").content.decode()  # shown once
    path = "/" + url.group(1).split("/", 3)[3]
    own = alice_client.get(path).content.decode()
    assert "This is your own invitation" in own
    invite = charlie_client.get(path).content.decode()
    assert "Alice Adams invites you" in invite
    assert "Boston IM" not in invite  # nothing of the inviter's records before joining
    joined = charlie_client.post(path, {"rank_list": theirs.pk})
    assert joined.status_code == 302
    couple = Couple.all_owners.get()
    assert couple.partner == charlie
    again = Client()
    again.force_login(charlie)
    assert again.get(path).status_code == 410  # single use
    assert Client().get(path).status_code == 410  # used, for a visitor too


def test_each_partner_sees_only_the_shared_list_and_no_notes(alice_client: Any, charlie_client: Any, joined: Couple) -> None:
    for client in (alice_client, charlie_client):
        page = client.get(f"/match/couples/{joined.pk}/").content.decode()
        assert "Boston IM" in page
        assert "Chicago Surgery" in page
        assert "Secret Program" not in page
        assert "loved the ward team" not in page
    detail = charlie_client.get(f"/api/v1/match/couples/{joined.pk}").json()
    assert "loved the ward team" not in str(detail)
    assert detail["role"] == "second"
    assert detail["first"]["is_me"] is False


def test_build_edit_reorder_and_download(alice: Any, alice_client: Any, charlie_client: Any, joined: Couple) -> None:
    built = charlie_client.post(f"/api/v1/match/couples/{joined.pk}/build", content_type="application/json")
    assert built.status_code == 200
    pairs = built.json()["pairs"]
    assert [(p["first"], p["second"]) for p in pairs[:2]] == [("Boston IM", "Boston Surgery"), ("Chicago IM", "Chicago Surgery")]
    assert pairs[-1]["second"] == "Boston Surgery"
    assert pairs[-1]["first"] is None  # one partner unmatched, at the end by default
    first_id, second_id = pairs[0]["first_program_id"], pairs[0]["second_program_id"]
    replaced = alice_client.put(
        f"/api/v1/match/couples/{joined.pk}/pairs",
        {"pairs": [[second_id and first_id, None], [first_id, second_id]]},
        content_type="application/json",
    )
    assert replaced.status_code == 200
    assert [(p["first"], p["second"]) for p in replaced.json()["pairs"]] == [("Boston IM", None), ("Boston IM", "Boston Surgery")]
    bad = alice_client.put(
        f"/api/v1/match/couples/{joined.pk}/pairs",
        {"pairs": [[None, None], [second_id, first_id], [first_id, second_id], [first_id, second_id]]},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad.json()["fields"]["pairs"] == [
        "Pair 1: both unmatched needs no rank; leave it out.",
        f"Pair 2: program {second_id} is not on the first partner's shared list.",
        f"Pair 2: program {first_id} is not on the second partner's shared list.",
        "Pair 4: the same pair as pair 3.",
    ]
    rows = list(PairedEntry.all_owners.filter(couple=joined).order_by("position"))
    charlie_client.post(f"/match/pairs/{rows[1].pk}/move/", {"direction": "up"})
    csv = alice_client.get(f"/match/couples/{joined.pk}/?format=csv").content.decode().splitlines()
    assert csv[1].startswith("1,Boston IM,Boston,Boston Surgery,Boston")
    assert csv[2].startswith("2,Boston IM,Boston,No Match (unmatched)")
    page_add = alice_client.post(f"/match/couples/{joined.pk}/pairs/add/", {"first": 0, "second": second_id})
    assert page_add.status_code == 302
    assert PairedEntry.all_owners.filter(couple=joined).count() == 3
    assert (
        cli_json("match", "paired", str(joined.pk), "--user", alice.email, "--json")
        == alice_client.get(f"/api/v1/match/couples/{joined.pk}").json()
    )


def test_changing_the_shared_list_empties_the_paired_list(charlie: Any, charlie_client: Any, joined: Couple) -> None:
    services.couple_build(user=charlie, pk=joined.pk)
    other = RankList.objects.for_user(charlie).get(title="Charlie private")
    changed = charlie_client.put(
        f"/api/v1/match/couples/{joined.pk}",
        {"list_id": other.pk, "policy": "distance-bands", "unmatched": "none"},
        content_type="application/json",
    )
    assert changed.status_code == 200
    assert changed.json()["pairs"] == []
    assert changed.json()["policy"] == "distance-bands"
    assert [p["name"] for p in changed.json()["second"]["programs"]] == ["Secret Program"]


def test_a_paired_list_longer_than_nrmp_takes_is_cut_and_said(alice: Any, charlie: Any) -> None:
    mine = _list(alice, "Long", [(f"A{i}", "X") for i in range(20)])
    theirs = _list(charlie, "Long too", [(f"B{i}", "Y") for i in range(20)])
    couple, issued = services.couple_invite(user=alice, list_id=mine.pk)
    services.couple_join(user=charlie, token=issued.url.rstrip("/").rsplit("/", 1)[1], list_id=theirs.pk)
    made, cut = services.couple_build(user=alice, pk=couple.pk)
    assert made == 300
    assert cut == 140


def test_leaving_deletes_the_couple_for_both_and_keeps_the_lists(alice: Any, charlie_client: Any, joined: Couple) -> None:
    assert charlie_client.delete(f"/api/v1/match/couples/{joined.pk}").status_code == 204
    assert not Couple.all_owners.filter(pk=joined.pk).exists()
    assert RankList.objects.for_user(alice).count() == 1


def test_api_invitation_and_join(alice: Any, alice_client: Any, charlie: Any, charlie_client: Any) -> None:
    mine = _list(alice, "Alice 2027", [("Boston IM", "Boston")])
    theirs = _list(charlie, "Charlie 2027", [("Boston Surgery", "Boston")])
    made = alice_client.post("/api/v1/match/couples", {"list_id": mine.pk}, content_type="application/json")
    assert made.status_code == 201
    token = made.json()["invite_url"].rstrip("/").rsplit("/", 1)[1]
    not_theirs = charlie_client.post(
        "/api/v1/match/couples/join", {"token": token, "list_id": mine.pk}, content_type="application/json"
    )
    assert not_theirs.status_code == 404  # Alice's list is not Charlie's to share
    ok = charlie_client.post(
        "/api/v1/match/couples/join", {"token": token, "list_id": theirs.pk}, content_type="application/json"
    )
    assert ok.status_code == 200
    used = charlie_client.post(
        "/api/v1/match/couples/join", {"token": token, "list_id": theirs.pk}, content_type="application/json"
    )
    assert used.status_code == 410
    forged = charlie_client.post(
        "/api/v1/match/couples/join", {"token": "x.y", "list_id": theirs.pk}, content_type="application/json"
    )
    assert forged.status_code == 404
    assert [c["partner"] for c in charlie_client.get("/api/v1/match/couples").json()] == ["Alice Adams"]


def test_every_couple_route_is_refused_to_an_outsider(
    alice: Any, alice_client: Any, charlie_client: Any, refused: Any, joined: Couple
) -> None:
    from tests.conftest import make_user

    services.couple_build(user=alice, pk=joined.pk)
    pair = PairedEntry.all_owners.filter(couple=joined).first()
    assert pair is not None
    dora = make_user("dora@example.org", full_name="Dora Doe")
    outsider = Client()
    outsider.force_login(dora)
    c, p = joined.pk, pair.pk
    routes: list[tuple[str, str, dict[str, Any]]] = [
        ("get", f"/match/couples/{c}/", {}),
        (
            "post",
            f"/match/couples/{c}/settings/",
            {"data": {"rank_list": joined.owner_list_id, "policy": "same-city", "unmatched": "end"}},
        ),
        ("post", f"/match/couples/{c}/build/", {}),
        ("post", f"/match/couples/{c}/pairs/add/", {"data": {"first": 0, "second": pair.partner_program_id}}),
        ("post", f"/match/pairs/{p}/move/", {"data": {"direction": "down"}}),
        ("get", f"/api/v1/match/couples/{c}", {}),
        (
            "put",
            f"/api/v1/match/couples/{c}",
            {"data": {"policy": "same-city", "unmatched": "end"}, "content_type": "application/json"},
        ),
        ("post", f"/api/v1/match/couples/{c}/build", {"content_type": "application/json"}),
        (
            "put",
            f"/api/v1/match/couples/{c}/pairs",
            {"data": {"pairs": [[pair.owner_program_id, None]]}, "content_type": "application/json"},
        ),
        ("post", f"/match/pairs/{p}/delete/", {}),
        ("delete", f"/api/v1/match/couples/{c}", {}),
        ("post", f"/match/couples/{c}/leave/", {}),
    ]
    for method, url, kwargs in routes:
        refused(outsider, method, url, owner=alice_client, **kwargs)
    anonymous = Client()
    refused(anonymous, "get", "/match/couples/")
    refused(anonymous, "get", "/api/v1/match/couples")
    refused(anonymous, "post", "/api/v1/match/couples", data={}, content_type="application/json")
    refused(anonymous, "post", "/api/v1/match/couples/join", data={}, content_type="application/json")
    assert Couple.all_owners.filter(pk=c).exists()
    assert charlie_client.get(f"/match/couples/{c}/").status_code == 200  # the partner is not an outsider


def test_the_invitation_shows_who_invites_to_a_visitor_and_joining_needs_a_login(alice: Any) -> None:
    """Found by a new-user trial: logged out, the link led to a bare login page saying nothing of the invitation."""
    mine = _list(alice, "Alice 2027", [("Boston IM", "Boston")], notes="private note")
    _, issued = services.couple_invite(user=alice, list_id=mine.pk)
    path = "/" + issued.url.split("/", 3)[3]
    page = Client().get(path)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Alice Adams invites you" in text
    assert "Boston IM" not in text
    assert "private note" not in text
    assert "/accounts/login/?next=" in text
    posted = Client().post(path, {"rank_list": mine.pk})
    assert posted.status_code == 302
    assert posted["Location"].startswith("/accounts/login/")
    assert Couple.all_owners.get().partner is None


def test_withdrawing_an_invitation_ends_the_couple_nobody_joined(alice: Any, alice_client: Any) -> None:
    """Found by a new-user trial: a withdrawn invitation left a couple waiting for no one."""
    from medpath.accounts.links import link_revoke

    mine = _list(alice, "Alice 2027", [("Boston IM", "Boston")])
    couple, issued = services.couple_invite(user=alice, list_id=mine.pk)
    link_revoke(owner=alice, link_id=issued.link.pk)
    assert not Couple.all_owners.filter(pk=couple.pk).exists()
    assert alice_client.get(f"/match/couples/{couple.pk}/").status_code == 404
