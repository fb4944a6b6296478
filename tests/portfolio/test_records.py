"""Publications and awards: pages, API and command share one service; bad input is refused naming the field; free
text passes the privacy guard; every route refuses a visitor and another user."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from typer.testing import CliRunner

from medpath.cli import app
from medpath.portfolio import services
from medpath.portfolio.models import Award, Publication

PATIENT_TEXT = "Case of John Smith, MRN 12345678, DOB 01/02/1950"


def _publication(user: Any, **change: Any) -> Publication:
    values: dict[str, Any] = {"title": "Hand-off errors", "year": 2026} | change
    return services.publication_save(user=user, **values)


def test_a_publication_is_added_changed_and_deleted_through_the_pages(alice, alice_client) -> None:
    """The form saves, the list shows it, the edit form changes it, delete removes it."""
    form = {
        "kind": "poster",
        "title": "Falls audit",
        "authors": "Adams A",
        "venue": "Spring meeting",
        "year": "2026",
        "published_on": "2026-04-02",
        "doi": "https://doi.org/10.1000/ABC",
        "url": "",
        "abstract": "",
    }
    response = alice_client.post(reverse("portfolio:publication_new"), form)
    assert response.status_code == 302
    row = Publication.objects.for_user(alice).get()
    assert (row.kind, row.doi, row.published_on) == ("poster", "10.1000/ABC", date(2026, 4, 2))
    assert "Falls audit" in alice_client.get(reverse("portfolio:publications")).content.decode()
    alice_client.post(reverse("portfolio:publication_edit", args=[row.pk]), form | {"title": "Falls audit, year two"})
    row.refresh_from_db()
    assert row.title == "Falls audit, year two"
    alice_client.post(reverse("portfolio:publication_delete", args=[row.pk]))
    assert not Publication.objects.for_user(alice).exists()


def test_an_award_is_added_changed_and_deleted_through_the_pages(alice, alice_client) -> None:
    """The shared record form names the award, shows a bad date beside its field, and deletes after asking."""
    new = alice_client.get(reverse("portfolio:award_new")).content.decode()
    assert "<h1>Add an award</h1>" in new
    form = {"title": "Dean's list", "awarder": "School of Nursing", "awarded_on": "2026-05-01", "summary": ""}
    bad = alice_client.post(reverse("portfolio:award_new"), form | {"awarded_on": "1820-05-01"})
    assert bad.status_code == 200
    assert "between" in bad.content.decode()
    assert alice_client.post(reverse("portfolio:award_new"), form).status_code == 302
    row = Award.objects.for_user(alice).get()
    page = alice_client.get(reverse("portfolio:award_edit", args=[row.pk])).content.decode()
    assert 'data-confirm="Delete this award?"' in page
    assert reverse("portfolio:award_delete", args=[row.pk]) in page
    alice_client.post(reverse("portfolio:award_edit", args=[row.pk]), form | {"title": "Dean's list, twice"})
    row.refresh_from_db()
    assert row.title == "Dean's list, twice"
    deleted = alice_client.post(reverse("portfolio:award_delete", args=[row.pk]), follow=True)
    assert "Award deleted." in deleted.content.decode()
    assert not Award.objects.for_user(alice).exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"year": 1800}, "year", "between 1900 and 2100"),
        ({"published_on": date(2025, 3, 1)}, "published_on", "in 2025, not in 2026"),
        ({"doi": "not-a-doi"}, "doi", "10.1000/xyz123"),
        ({"title": "  "}, "title", "Give the title"),
        ({"kind": "blog"}, "kind", "Choose one of"),
    ],
)
def test_a_bad_publication_is_refused_naming_the_field(alice, change: dict[str, Any], field: str, message: str) -> None:
    """The service names each bad field; nothing is saved."""
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        _publication(alice, **change)
    assert message in " ".join(caught.value.message_dict[field])
    assert not Publication.objects.for_user(alice).exists()


def test_the_privacy_guard_stops_patient_details_in_an_abstract(alice, alice_client) -> None:
    """Form: the warning beside the field and nothing saved; API: 422 naming the field until confirmed."""
    form = {"kind": "abstract", "title": "A case", "year": "2026", "abstract": PATIENT_TEXT}
    response = alice_client.post(reverse("portfolio:publication_new"), form)
    assert response.status_code == 200
    assert response.context["form"].errors.get("abstract")
    body = {"title": "A case", "year": 2026, "kind": "abstract", "abstract": PATIENT_TEXT}
    answer = alice_client.post("/api/v1/portfolio/publications", body, content_type="application/json")
    assert answer.status_code == 422
    assert "abstract" in answer.json()["fields"]
    assert not Publication.objects.for_user(alice).exists()
    confirmed = alice_client.post(
        "/api/v1/portfolio/publications", body | {"privacy_confirmed": True}, content_type="application/json"
    )
    assert confirmed.status_code == 201


def test_awards_through_the_api_and_the_command(alice, alice_client) -> None:
    """POST, PUT, GET and DELETE; `medpath portfolio awards --json` prints what the API answers."""
    created = alice_client.post(
        "/api/v1/portfolio/awards", {"title": "Daisy award", "awarded_on": "2026-11-02"}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    award_id = created.json()["id"]
    changed = alice_client.put(
        f"/api/v1/portfolio/awards/{award_id}",
        {"title": "Daisy award", "awarder": "University Hospital", "awarded_on": "2026-11-02"},
        content_type="application/json",
    )
    assert changed.json()["awarder"] == "University Hospital"
    listed = alice_client.get("/api/v1/portfolio/awards").json()
    result = CliRunner().invoke(app, ["portfolio", "awards", "--user", alice.email, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == listed
    bad = alice_client.post(
        "/api/v1/portfolio/awards", {"title": "X", "awarded_on": "1800-01-01"}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert "awarded_on" in json.dumps(bad.json()["fields"])
    assert alice_client.delete(f"/api/v1/portfolio/awards/{award_id}").status_code == 204
    assert not Award.objects.for_user(alice).exists()


def test_publications_command_matches_the_api(alice, alice_client) -> None:
    """`medpath portfolio publications --json` and GET /portfolio/publications: the same JSON."""
    _publication(alice, doi="10.1000/xyz123")
    result = CliRunner().invoke(app, ["portfolio", "publications", "--user", alice.email, "--json"])
    assert json.loads(result.output) == alice_client.get("/api/v1/portfolio/publications").json()


def test_pages_and_api_refuse_a_visitor(client, refused) -> None:
    """Every list, form and file answers a visitor with the login page or 401."""
    for name in ("overview", "publications", "publication_new", "awards", "award_new", "fhir"):
        refused(client, "get", reverse(f"portfolio:{name}"))
    refused(client, "post", reverse("portfolio:cv_submit"), data={"action": "save"})
    refused(client, "post", reverse("portfolio:calendar_link"), data={"pillars": ["learning"]})
    for path in (
        "/api/v1/portfolio/publications",
        "/api/v1/portfolio/awards",
        "/api/v1/portfolio/cv",
        "/api/v1/portfolio/fhir",
        "/api/v1/portfolio/cv/sections",
    ):
        refused(client, "get", path)
    refused(client, "post", "/api/v1/portfolio/publications", data={}, content_type="application/json")
    refused(client, "post", "/api/v1/portfolio/awards", data={}, content_type="application/json")
    refused(client, "put", "/api/v1/portfolio/cv/sections", data={"sections": ["awards"]}, content_type="application/json")
    refused(client, "post", "/api/v1/portfolio/calendar-links", data={"pillars": ["learning"]}, content_type="application/json")


def test_another_users_records_are_refused(alice, alice_client, charlie_client, refused) -> None:
    """Charlie cannot open, change or delete Alice's publication, award or calendar link; Alice can."""
    publication = _publication(alice)
    award = services.award_save(user=alice, title="Daisy award", awarded_on=date(2026, 11, 2))
    link = services.calendar_link_issue(user=alice, pillars=["learning"]).link
    refused(charlie_client, "get", reverse("portfolio:publication_edit", args=[publication.pk]), owner=alice_client)
    refused(charlie_client, "get", reverse("portfolio:award_edit", args=[award.pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("portfolio:publication_delete", args=[publication.pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("portfolio:award_delete", args=[award.pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("portfolio:calendar_revoke", args=[link.pk]), owner=alice_client)
    for method, path, body in (
        ("get", f"/api/v1/portfolio/publications/{publication.pk}", None),
        ("put", f"/api/v1/portfolio/publications/{publication.pk}", {"title": "Mine now", "year": 2026}),
        ("delete", f"/api/v1/portfolio/publications/{publication.pk}", None),
        ("get", f"/api/v1/portfolio/awards/{award.pk}", None),
        ("put", f"/api/v1/portfolio/awards/{award.pk}", {"title": "Mine now", "awarded_on": "2026-11-02"}),
        ("delete", f"/api/v1/portfolio/awards/{award.pk}", None),
        ("delete", f"/api/v1/portfolio/calendar-links/{link.pk}", None),
    ):
        kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
        refused(charlie_client, method, path, owner=alice_client, **kwargs)
    assert Publication.objects.for_user(alice).get().title == "Hand-off errors"
    assert Award.objects.for_user(alice).exists()


def test_an_award_still_to_come_is_refused(alice) -> None:
    """An award dated after today is refused beside its date (trial finding D10: it headed the CV)."""
    from datetime import timedelta

    from django.core.exceptions import ValidationError

    from medpath.usertime import user_today

    with pytest.raises(ValidationError) as refused:
        services.award_save(user=alice, title="Dean's list", awarded_on=user_today(alice) + timedelta(days=1))
    assert "still to come" in refused.value.message_dict["awarded_on"][0]
    assert services.award_save(user=alice, title="Dean's list", awarded_on=user_today(alice)).pk
