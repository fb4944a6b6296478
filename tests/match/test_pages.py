"""The rank-list advisor through its pages, API and commands; simulation by upload; and every route refused to an
outsider."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from medpath.match import services
from medpath.match.models import RankedProgram, RankList
from tests.test_cli_api_json import cli_json

INSTANCE = {
    "applicants": {"ana": ["P", "Q"], "dev": ["P"]},
    "programs": {"P": ["dev", "ana", "ben"], "Q": ["ana", "cy"]},
    "capacities": {"P": 1, "Q": 2},
    "couples": [{"members": ["ben", "cy"], "ranks": [["P", "Q"], [None, "Q"]]}],
}


@pytest.fixture
def rank_list(alice: Any) -> RankList:
    made = services.list_create(user=alice, title="2027 Main Match", season=2027, applicant_type="us-md-senior")
    for name, specialty in (
        ("Lakeside IM", "Internal Medicine"),
        ("Hillcrest IM", "Internal Medicine"),
        ("Bayview Peds", "Pediatrics"),
    ):
        services.program_add(user=alice, list_id=made.pk, name=name, specialty=specialty, city="Boston")
    return made


def _names(alice: Any, rank_list: RankList) -> list[str]:
    return [p.name for p in RankedProgram.objects.for_user(alice).filter(rank_list=rank_list, ranked=True).order_by("position")]


def test_a_list_is_built_on_its_pages(alice: Any, alice_client: Any) -> None:
    made = alice_client.post("/match/", {"title": "2027 Main Match", "season": 2027, "applicant_type": "us-do-senior"})
    assert made.status_code == 302
    rank_list = RankList.objects.for_user(alice).get()
    url = f"/match/lists/{rank_list.pk}/"
    for name in ("Lakeside IM", "Hillcrest IM"):
        added = alice_client.post(f"{url}programs/add/", {"name": name, "specialty": "Internal Medicine", "ranked": "on"})
        assert added.status_code == 302
    alice_client.post(f"{url}programs/add/", {"name": "Seaside FM", "specialty": "Family Medicine"})  # unticked: left off
    assert _names(alice, rank_list) == ["Lakeside IM", "Hillcrest IM"]
    second = RankedProgram.objects.for_user(alice).get(name="Hillcrest IM")
    alice_client.post(f"/match/programs/{second.pk}/move/", {"direction": "up"})
    assert _names(alice, rank_list) == ["Hillcrest IM", "Lakeside IM"]
    page = alice_client.get(url).content.decode()
    assert "Seaside FM is not on your list, so it can never be your match" in page
    assert "2 contiguous ranks in Internal Medicine" in page
    assert "be sure to rank programs in order of your true preference" in page
    assert "U.S. DO senior" in page
    assert "92.6%" in page
    assert "not in MedPath yet" in page
    left_off = RankedProgram.objects.for_user(alice).get(name="Seaside FM")
    alice_client.post(f"/match/programs/{left_off.pk}/", {"name": "Seaside FM", "specialty": "Family Medicine", "ranked": "on"})
    assert _names(alice, rank_list) == ["Hillcrest IM", "Lakeside IM", "Seaside FM"]
    csv = alice_client.get(f"{url}?format=csv")
    assert csv["Content-Disposition"].startswith('attachment; filename="medpath-rank-list-2027-')
    assert csv.content.decode().splitlines()[1].startswith("1,Hillcrest IM,Internal Medicine")


def test_bad_input_is_said_next_to_the_field(alice: Any, alice_client: Any, rank_list: RankList) -> None:
    page = alice_client.post("/match/", {"title": "", "season": 1900, "applicant_type": "x"}).content.decode()
    assert page.count('class="error"') >= 3
    assert RankList.objects.for_user(alice).count() == 1
    response = alice_client.post(f"/match/lists/{rank_list.pk}/programs/add/", {"name": " ", "specialty": "x" * 101})
    assert response.status_code == 200
    assert RankedProgram.objects.for_user(alice).count() == 3


def test_notes_go_through_the_privacy_guard(alice: Any, alice_client: Any, rank_list: RankList) -> None:
    body = {"name": "Northside IM", "notes": "Saw patient MRN 12345678 on the interview tour", "ranked": "on"}
    page = alice_client.post(f"/match/lists/{rank_list.pk}/programs/add/", body).content.decode()
    assert "This may identify a patient" in page
    assert not RankedProgram.objects.for_user(alice).filter(name="Northside IM").exists()
    api = alice_client.post(
        f"/api/v1/match/lists/{rank_list.pk}/programs",
        {"name": "Northside IM", "notes": body["notes"]},
        content_type="application/json",
    )
    assert api.status_code == 422
    assert "privacy_confirmed" in api.json()["fields"]
    confirmed = alice_client.post(
        f"/api/v1/match/lists/{rank_list.pk}/programs",
        {"name": "Northside IM", "notes": body["notes"], "privacy_confirmed": True},
        content_type="application/json",
    )
    assert confirmed.status_code == 201


def test_api_reorder_and_the_command_agree(alice: Any, alice_client: Any, rank_list: RankList) -> None:
    detail = alice_client.get(f"/api/v1/match/lists/{rank_list.pk}").json()
    ids = [p["id"] for p in detail["programs"]]
    assert detail["report"]["contiguous_ranks"] == 2
    assert detail["report"]["preferred_specialty"] == "Internal Medicine"
    assert any(
        a["id"] == "true-preference" and a["source_url"].startswith("https://www.nrmp.org/") for a in detail["report"]["advice"]
    )
    reordered = alice_client.put(
        f"/api/v1/match/lists/{rank_list.pk}/order", {"program_ids": ids[::-1]}, content_type="application/json"
    )
    assert reordered.status_code == 200
    assert [p["name"] for p in reordered.json()["programs"]] == ["Bayview Peds", "Hillcrest IM", "Lakeside IM"]
    assert reordered.json()["report"]["contiguous_ranks"] == 1
    bad = alice_client.put(f"/api/v1/match/lists/{rank_list.pk}/order", {"program_ids": ids[:2]}, content_type="application/json")
    assert bad.status_code == 422
    assert "missing from the new order" in bad.json()["fields"]["order"][0]
    twice = alice_client.put(
        f"/api/v1/match/lists/{rank_list.pk}/order", {"program_ids": [ids[0], ids[0], ids[1]]}, content_type="application/json"
    )
    assert twice.status_code == 422
    assert (
        cli_json("match", "show", str(rank_list.pk), "--user", alice.email, "--json")
        == alice_client.get(f"/api/v1/match/lists/{rank_list.pk}").json()
    )
    assert cli_json("match", "lists", "--user", alice.email, "--json") == alice_client.get("/api/v1/match/lists").json()


def test_commands_build_a_list(alice: Any) -> None:
    from typer.testing import CliRunner

    from medpath.cli import app

    runner = CliRunner()
    made = runner.invoke(app, ["match", "new-list", "--user", alice.email, "--title", "Plan B", "--season", "2028"])
    assert made.exit_code == 0, made.output
    rank_list = RankList.objects.for_user(alice).get(title="Plan B")
    added = runner.invoke(
        app, ["match", "add", str(rank_list.pk), "--user", alice.email, "--name", "Lakeside IM", "--specialty", "IM"]
    )
    assert added.exit_code == 0
    assert "ranked 1" in added.stdout
    shown = runner.invoke(app, ["match", "show", str(rank_list.pk), "--user", alice.email])
    assert "1. Lakeside IM" in shown.stdout
    assert "true preference" in shown.stdout
    refused = runner.invoke(app, ["match", "new-list", "--user", alice.email, "--title", " ", "--season", "1900"])
    assert refused.exit_code == 1
    assert "--title" in refused.stderr
    assert "--season" in refused.stderr


def test_simulate_page_shows_downloads_and_refuses(alice_client: Any) -> None:
    upload = SimpleUploadedFile("instance.json", json.dumps(INSTANCE).encode(), content_type="application/json")
    page = alice_client.post("/match/simulate/", {"instance": upload, "seed": 3}).content.decode()
    assert "3 of 4" in page  # applicants matched
    assert "Yes: no applicant and program would both rather have each other." in page
    upload = SimpleUploadedFile("instance.json", json.dumps(INSTANCE).encode(), content_type="application/json")
    download = alice_client.post("/match/simulate/", {"instance": upload, "seed": 3, "download": "on"})
    assert download["Content-Disposition"] == 'attachment; filename="medpath-match-answer.json"'
    assert json.loads(download.content)["matching"]["dev"] == "P"
    bad = dict(INSTANCE, capacities={"P": -1, "Q": 2})
    upload = SimpleUploadedFile("instance.json", json.dumps(bad).encode(), content_type="application/json")
    page = alice_client.post("/match/simulate/", {"instance": upload}).content.decode()
    assert "program &#x27;P&#x27;: capacity -1 is negative" in page
    assert "nothing was run" in page
    upload = SimpleUploadedFile("instance.json", b"not json at all", content_type="application/json")
    assert "the file is not JSON" in alice_client.post("/match/simulate/", {"instance": upload}).content.decode()


def test_simulate_api(alice_client: Any) -> None:
    upload = SimpleUploadedFile("instance.json", json.dumps(INSTANCE).encode(), content_type="application/json")
    answer = alice_client.post("/api/v1/match/simulate", {"instance": upload, "seed": 1})
    assert answer.status_code == 200
    body = answer.json()
    assert body["stable"] is True
    assert body["matching"] == {"ana": "Q", "dev": "P", "ben": None, "cy": "Q"}
    assert body["statistics"]["couples_both_matched"] == 0
    bad = dict(INSTANCE, applicants={"ana": ["P", "P", "Nowhere"], "dev": ["P"]})
    upload = SimpleUploadedFile("instance.json", json.dumps(bad).encode(), content_type="application/json")
    refused = alice_client.post("/api/v1/match/simulate", {"instance": upload})
    assert refused.status_code == 422
    assert refused.json()["fields"]["instance"] == [
        "applicant 'ana' ranks program 'P' twice (ranks 1 and 2)",
        "applicant 'ana', rank 3: unknown program 'Nowhere'",
    ]
    as_json = alice_client.post("/api/v1/match/simulate", INSTANCE, content_type="application/json")
    assert as_json.status_code in {415, 422}
    assert set(as_json.json()) == {"code", "message", "fields"}


def test_every_route_is_refused_to_an_outsider(
    alice: Any, alice_client: Any, charlie_client: Any, refused: Any, rank_list: RankList
) -> None:
    program = RankedProgram.objects.for_user(alice).filter(rank_list=rank_list).first()
    assert program is not None
    r, p = rank_list.pk, program.pk
    order = [q.pk for q in RankedProgram.objects.for_user(alice).filter(rank_list=rank_list).order_by("position")]
    body = {"name": "X", "specialty": "", "city": "", "notes": "", "ranked": True}
    routes: list[tuple[str, str, dict[str, Any]]] = [
        ("get", f"/match/lists/{r}/", {}),
        ("post", f"/match/lists/{r}/change/", {"data": {"title": "T", "season": 2027, "applicant_type": "other"}}),
        ("post", f"/match/lists/{r}/programs/add/", {"data": {"name": "X", "ranked": "on"}}),
        ("get", f"/match/programs/{p}/", {}),
        ("post", f"/match/programs/{p}/", {"data": {"name": "X", "ranked": "on"}}),
        ("post", f"/match/programs/{p}/move/", {"data": {"direction": "down"}}),
        ("get", f"/api/v1/match/lists/{r}", {}),
        ("put", f"/api/v1/match/lists/{r}", {"data": {"title": "T", "season": 2027}, "content_type": "application/json"}),
        ("post", f"/api/v1/match/lists/{r}/programs", {"data": {"name": "X"}, "content_type": "application/json"}),
        ("put", f"/api/v1/match/programs/{p}", {"data": body, "content_type": "application/json"}),
        ("put", f"/api/v1/match/lists/{r}/order", {"data": {"program_ids": order}, "content_type": "application/json"}),
        ("delete", f"/api/v1/match/programs/{p}", {}),
        ("post", f"/match/programs/{p}/delete/", {}),
        ("delete", f"/api/v1/match/lists/{r}", {}),
        ("post", f"/match/lists/{r}/delete/", {}),
    ]
    for method, url, kwargs in routes:
        refused(charlie_client, method, url, owner=alice_client, **kwargs)
    anonymous = Client()
    refused(anonymous, "get", "/match/")
    refused(anonymous, "get", "/match/simulate/")
    refused(anonymous, "get", "/api/v1/match/lists")
    refused(anonymous, "post", "/api/v1/match/lists", data={}, content_type="application/json")
    refused(anonymous, "post", "/api/v1/match/simulate", data={})
    assert RankedProgram.objects.for_user(alice).filter(pk=p).exists()
    assert RankList.objects.for_user(alice).filter(pk=r).exists()
