"""JSON API of the Education pillar."""

from datetime import date

ERROR = {"code", "message", "fields"}


def test_careers_list_and_filters_carry_sources(alice_client) -> None:
    """Each listed fact carries its source; unknown figures are listed apart."""
    body = alice_client.get("/api/v1/careers", {"min_pay": 50000}).json()
    assert body["matches"]
    for career in body["matches"]:
        assert career["median_pay"]["value"] >= 50000
        assert career["median_pay"]["source"]["url"].startswith("http")
        assert career["median_pay"]["year"]
    assert all(c["median_pay"] is None for c in body["unknown"])


def test_career_detail_and_compare(alice_client) -> None:
    """A career in full; two or three compared; an unknown id answers 404 JSON."""
    physician = alice_client.get("/api/v1/careers/physician").json()
    assert {r["id"] for r in physician["routes"]} >= {"md", "do"}
    assert physician["specialties"][0]["residency"]["source"]["title"]
    compared = alice_client.get("/api/v1/careers/compare", {"ids": ["physician", "registered-nurse"]}).json()
    assert [c["id"] for c in compared] == ["physician", "registered-nurse"]
    missing = alice_client.get("/api/v1/careers/astronaut")
    assert missing.status_code == 404
    assert set(missing.json()) == ERROR
    one = alice_client.get("/api/v1/careers/compare", {"ids": ["physician"]})
    assert one.status_code == 422


def test_roadmap_put_get_patch(alice_client, alice, time_machine) -> None:
    """Set a target, read the plan, tick a milestone and see the plan move."""

    assert alice_client.get("/api/v1/roadmap").status_code == 404
    put = alice_client.put(
        "/api/v1/roadmap",
        data={"career_id": "registered-nurse", "route_id": "bsn", "start_date": "2026-09-01"},
        content_type="application/json",
    )
    assert put.status_code == 200, put.content
    before = {m["id"]: m for m in put.json()["milestones"]}
    patched = alice_client.patch(
        "/api/v1/roadmap/milestones/bsn", data={"completed_on": "2027-01-04"}, content_type="application/json"
    )
    assert patched.status_code == 200
    after = {m["id"]: m for m in patched.json()["milestones"]}
    assert after["bsn"]["completed_on"] == "2027-01-04"
    assert date.fromisoformat(after["nclex-rn"]["typical_start"]) < date.fromisoformat(before["nclex-rn"]["typical_start"])
    assert alice_client.get("/api/v1/me/target").json()["career_id"] == "registered-nurse"


def test_roadmap_put_takes_the_expected_end_of_the_stage_under_way(alice_client, time_machine) -> None:
    """PUT with current_stage_ends_on ends the degree then; a passed date answers 422 naming that field."""
    target = {"career_id": "registered-nurse", "route_id": "bsn", "current_stage_id": "bsn", "start_date": "2025-09-01"}
    put = alice_client.put(
        "/api/v1/roadmap", data={**target, "current_stage_ends_on": "2028-05-31"}, content_type="application/json"
    )
    assert put.status_code == 200, put.content
    body = put.json()
    assert body["current_stage_ends_on"] == "2028-05-31"
    bsn = next(m for m in body["milestones"] if m["id"] == "bsn")
    assert bsn["typical_end"] == "2028-05-31"
    past = alice_client.put(
        "/api/v1/roadmap", data={**target, "current_stage_ends_on": "2026-01-31"}, content_type="application/json"
    )
    assert past.status_code == 422
    assert "has passed" in past.json()["fields"]["current_stage_ends_on"][0]
    assert alice_client.get("/api/v1/roadmap").json()["current_stage_ends_on"] == "2028-05-31"


def test_patch_done_marks_the_milestone_done_today_in_the_callers_zone(alice_client, alice, time_machine) -> None:
    """{"done": true} is the page's one-click 'Mark done': today in Alice's zone; with a different date it answers 422."""
    alice_client.put(
        "/api/v1/roadmap", data={"career_id": "registered-nurse", "route_id": "bsn"}, content_type="application/json"
    )
    time_machine.move_to("2027-01-10 02:00:00+00:00", tick=False)  # still 9 January in Chicago
    both = alice_client.patch(
        "/api/v1/roadmap/milestones/bsn", data={"done": True, "completed_on": "2027-01-02"}, content_type="application/json"
    )
    assert both.status_code == 422
    assert "not both" in both.json()["fields"]["completed_on"][0]
    done = alice_client.patch("/api/v1/roadmap/milestones/bsn", data={"done": True}, content_type="application/json")
    assert done.status_code == 200, done.content
    bsn = next(m for m in done.json()["milestones"] if m["id"] == "bsn")
    assert bsn["completed_on"] == "2027-01-09"
    empty = alice_client.patch("/api/v1/roadmap/milestones/nclex-rn", data={}, content_type="application/json")
    assert empty.status_code == 422
    assert "done: true" in empty.json()["fields"]["completed_on"][0]


def test_a_stage_under_way_marked_done_keeps_its_start(alice_client, alice, time_machine) -> None:
    """'Mark done' on a BSN under way since 1 Sep 2025 showed it as the done day minus four years (found by a
    newcomer): it runs from 1 Sep 2025 to the day it was done."""
    time_machine.move_to("2026-12-04 15:00:00+00:00", tick=False)
    target = {"career_id": "registered-nurse", "route_id": "bsn", "current_stage_id": "bsn", "start_date": "2025-09-01"}
    assert alice_client.put("/api/v1/roadmap", data=target, content_type="application/json").status_code == 200
    done = alice_client.patch("/api/v1/roadmap/milestones/bsn", data={"done": True}, content_type="application/json")
    bsn = next(m for m in done.json()["milestones"] if m["id"] == "bsn")
    assert (bsn["typical_start"], bsn["completed_on"]) == ("2025-09-01", "2026-12-04")


def test_roadmap_bad_input(alice_client, time_machine) -> None:
    """Unknown careers, bad routes, malformed and future dates answer 422 naming the field; nothing is saved."""

    bad = alice_client.put("/api/v1/roadmap", data={"career_id": "astronaut"}, content_type="application/json")
    assert bad.status_code == 422
    assert "career_id" in bad.json()["fields"]
    route = alice_client.put(
        "/api/v1/me/target", data={"career_id": "registered-nurse", "route_id": "zzz"}, content_type="application/json"
    )
    assert "route_id" in route.json()["fields"]
    assert alice_client.get("/api/v1/roadmap").status_code == 404
    alice_client.put(
        "/api/v1/roadmap", data={"career_id": "registered-nurse", "route_id": "bsn"}, content_type="application/json"
    )
    malformed = alice_client.patch(
        "/api/v1/roadmap/milestones/bsn", data={"completed_on": "14/03/2027"}, content_type="application/json"
    )
    assert malformed.status_code == 422
    assert "completed_on" in malformed.json()["fields"]
    future = alice_client.patch(
        "/api/v1/roadmap/milestones/bsn", data={"completed_on": "2030-01-01"}, content_type="application/json"
    )
    assert "in the future" in future.json()["fields"]["completed_on"][0]
    off = alice_client.patch(
        "/api/v1/roadmap/milestones/adn", data={"completed_on": "2026-12-01"}, content_type="application/json"
    )
    assert "stage_id" in off.json()["fields"]


def test_api_refuses_outsiders(client, db, refused) -> None:
    """Every operation of the pillar answers 401 without a session or token."""
    refused(client, "get", "/api/v1/careers")
    refused(client, "get", "/api/v1/careers/compare?ids=physician&ids=registered-nurse")
    refused(client, "get", "/api/v1/roadmap")
    refused(client, "put", "/api/v1/roadmap", data={"career_id": "physician"}, content_type="application/json")
    refused(client, "get", "/api/v1/me/target")
    refused(client, "put", "/api/v1/me/target", data={"career_id": "physician"}, content_type="application/json")


def test_api_refuses_outsiders_on_parameterised_operations(alice, alice_client, charlie_client, refused, time_machine) -> None:
    """Charlie cannot read Alice's private career or tick a milestone of hers."""
    from medpath.plans import services
    from tests.plans.test_services import CUSTOM

    services.custom_careers_import(user=alice, text=CUSTOM)
    services.roadmap_set_target(user=alice, target=services.Target(career_id="uk-nurse"))
    refused(charlie_client, "get", "/api/v1/careers/uk-nurse", owner=alice_client)
    refused(
        charlie_client,
        "patch",
        "/api/v1/roadmap/milestones/degree",
        owner=alice_client,
        data={"completed_on": "2027-01-01"},
        content_type="application/json",
    )
