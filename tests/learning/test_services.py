"""Credentials, activities, imports and certificates (both databases)."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from medpath.learning import services
from medpath.learning.models import Certificate, CreditAward, LearningActivity
from medpath.learning.selectors import credential_statuses
from tests.learning.conftest import hours

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_status_follows_activities(alice, ca_licence) -> None:
    """Below pace the licence is at risk; with 30 hours it is met, and the allocation names the activities."""
    hours(alice, "Sepsis update", "10")
    status = credential_statuses(alice)[0]
    assert status.evaluation is not None
    assert status.status == "at-risk"
    assert status.evaluation.rule("total").missing == 20
    hours(alice, "Wound care", "20", date(2026, 9, 1))
    status = credential_statuses(alice)[0]
    assert status.status == "met"
    assert status.evaluation is not None
    assert {activity_id for activity_id, _ in status.evaluation.rule("total").allocation} == {
        str(a.pk) for a in LearningActivity.objects.for_user(alice)
    }


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"awards": [("contact_hours", Decimal("900"))]}, "amount", "more credit than one activity"),
        ({"awards": [("contact_hours", Decimal("-2"))]}, "amount", "more than zero"),
        ({"awards": [("parsecs", Decimal("2"))]}, "credit_type", "not a known credit type"),
        ({"completed_on": date(2027, 2, 1)}, "completed_on", "in the future"),
        ({"completed_on": date(2010, 1, 1)}, "completed_on", "outside every renewal cycle"),
        ({"topics": ["astrology"]}, "topics", "not a known topic"),
    ],
)
def test_bad_activities_name_the_field_and_save_nothing(alice, ca_licence, change, field, message) -> None:
    """Absurd credits, unknown types, future or out-of-cycle dates are refused by field."""
    data = services.ActivityInput(title="Course", completed_on=date(2026, 6, 1), awards=[("contact_hours", Decimal("2"))])
    for key, value in change.items():
        setattr(data, key, value)
    with pytest.raises(ValidationError) as error:
        services.activity_create(user=alice, data=data)
    assert message in " ".join(error.value.message_dict[field])
    assert not LearningActivity.objects.for_user(alice).exists()
    assert not CreditAward.objects.for_user(alice).exists()


def test_out_of_cycle_activity_can_be_kept_on_purpose(alice, ca_licence) -> None:
    """A one-time course taken long ago is kept when the user says so."""
    data = services.ActivityInput(
        title="Old course", completed_on=date(2010, 1, 1), awards=[("contact_hours", Decimal("1"))], keep_outside_cycles=True
    )
    assert services.activity_create(user=alice, data=data).pk


def test_credential_checks(alice) -> None:
    """Unknown rule sets and expiry before issue are refused by field."""
    with pytest.raises(ValidationError) as error:
        services.credential_save(user=alice, kind="licence", name="X", expires_on=date(2028, 1, 1), requirement_set_id="nowhere")
    assert "requirement_set_id" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.credential_save(user=alice, kind="licence", name="X", issued_on=date(2027, 1, 1), expires_on=date(2026, 1, 1))
    assert "expires_on" in error.value.message_dict


CSV_GOOD = """title,completed_on,credit_type,amount,topics,format
Implicit bias in care,2026-03-01,contact_hours,1,implicit-bias,live
Pain management,2026-04-01,contact_hours,2.5,,enduring
"""


def test_csv_import_all_rows(alice, ca_licence) -> None:
    """A valid transcript imports every row with its credits and topics."""
    preview = services.activities_import(user=alice, data=CSV_GOOD)
    assert preview.applied
    assert [lines for lines, _ in preview.added] == ["line 2", "line 3"]
    created = list(LearningActivity.objects.for_user(alice).order_by("pk"))
    assert len(created) == 2
    assert CreditAward.objects.for_user(alice).get(activity=created[1]).amount == Decimal("2.5")
    assert created[0].topics == ["implicit-bias"]


def test_csv_import_reports_every_bad_row_and_saves_nothing(alice, ca_licence) -> None:
    """Two bad rows: both reported with line and column; no row is saved."""
    bad = CSV_GOOD + "Broken date,14/03/2026,contact_hours,1,,live\nHuge,2026-05-01,contact_hours,900,,live\n"
    with pytest.raises(services.ImportRejected) as rejected:
        services.activities_import(user=alice, data=bad)
    problems = {(p.line, p.field) for p in rejected.value.problems}
    assert problems == {(4, "completed_on"), (5, "amount")}
    assert not LearningActivity.objects.for_user(alice).exists()


def test_csv_dry_run_saves_nothing(alice, ca_licence) -> None:
    """--dry-run says what each row would add and saves none."""
    preview = services.activities_import(user=alice, data=CSV_GOOD, dry_run=True)
    assert not preview.applied
    assert preview.added == [
        ("line 2", "Implicit bias in care, 2026-03-01 (1 contact_hours)"),
        ("line 3", "Pain management, 2026-04-01 (2.5 contact_hours)"),
    ]
    assert not LearningActivity.objects.for_user(alice).exists()


def test_csv_missing_columns(alice) -> None:
    """A header without the required columns is refused at line 1."""
    with pytest.raises(services.ImportRejected) as rejected:
        services.activities_import(user=alice, data="name,date\nx,2026-01-01\n")
    assert rejected.value.problems[0].line == 1


def test_certificate_checks_content_and_name(alice, settings, tmp_path) -> None:
    """A PNG named .png is kept with its SHA-256; a PNG named .pdf and a text file are refused."""
    settings.MEDIA_ROOT = tmp_path
    kept = services.certificate_store(user=alice, upload=SimpleUploadedFile("cert.png", PNG, "image/png"))
    assert kept.content_type == "image/png"
    assert len(kept.sha256) == 64
    with pytest.raises(ValidationError, match="content is PNG"):
        services.certificate_store(user=alice, upload=SimpleUploadedFile("cert.pdf", PNG, "application/pdf"))
    with pytest.raises(ValidationError, match="PDF, PNG or JPEG"):
        services.certificate_store(user=alice, upload=SimpleUploadedFile("cert.pdf", b"hello world" * 10, "application/pdf"))
    assert Certificate.objects.for_user(alice).count() == 1


CUSTOM_SET = """
sources:
  - {id: my-board, title: "My board's CE page", url: "https://example.org/ce", year: 2026}
requirement_sets:
  - id: my-board
    name: My board's licence
    issuer: My board
    credential_kind: licence
    unit: contact_hours
    cycle_months: 24
    effective_from: 2024-01-01
    last_verified: 2026-11-01
    source: my-board
    confidence: medium
    rules:
      - {id: total, label: 12 contact hours, kind: total, amount: 12}
"""


def test_custom_requirement_set(alice) -> None:
    """A set of one's own imports, can govern a credential, and is private."""
    services.custom_set_import(user=alice, text=CUSTOM_SET)
    row = services.credential_save(
        user=alice, kind="licence", name="Mine", expires_on=date(2027, 12, 31), requirement_set_id="mine:my-board"
    )
    hours(alice, "Course", "12", date(2026, 6, 1))
    status = next(s for s in credential_statuses(alice) if s.credential.pk == row.pk)
    assert status.status == "met"
    with pytest.raises(ValidationError, match="already used"):
        services.custom_set_import(
            user=alice,
            text=CUSTOM_SET.split("requirement_sets:", 1)[0].replace("my-board,", "my-board-2,")
            + "requirement_sets:"
            + CUSTOM_SET.split("requirement_sets:", 1)[1],
        )
    with pytest.raises(ValidationError, match="unknown source"):
        services.custom_set_import(
            user=alice,
            text="requirement_sets:"
            + CUSTOM_SET.split("requirement_sets:", 1)[1]
            .replace("id: my-board\n", "id: other\n")
            .replace("source: my-board", "source: nowhere"),
        )


def test_cycle_length_of_the_linked_rules_is_used(alice) -> None:
    """An activity three years ago is inside a 5-year ANCC cycle, so it is accepted without 'keep anyway'."""
    services.credential_save(
        user=alice,
        kind="board_certification",
        name="ANCC FNP",
        expires_on=date(2029, 6, 30),
        requirement_set_id="ancc-aprn-renewal",
    )
    activity = services.activity_create(
        user=alice,
        data=services.ActivityInput(
            title="Pharmacology", completed_on=date(2025, 3, 1), awards=[("contact_hours", Decimal("5"))]
        ),
    )
    assert activity.pk


def test_deleting_an_activity_deletes_its_certificate_file(alice, settings, tmp_path, django_capture_on_commit_callbacks) -> None:
    """The certificate row and its file go with the activity (after commit)."""
    settings.MEDIA_ROOT = tmp_path
    certificate = services.certificate_store(user=alice, upload=SimpleUploadedFile("c.png", PNG, "image/png"))
    path = tmp_path / certificate.file.name
    activity = services.activity_create(
        user=alice,
        data=services.ActivityInput(title="Course", completed_on=date(2026, 6, 1), awards=[("contact_hours", Decimal("1"))]),
        certificate=certificate,
    )
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_delete(user=alice, pk=activity.pk)
    assert not Certificate.objects.for_user(alice).exists()
    assert not path.exists()


def test_csv_second_award_and_lengths_are_named(alice) -> None:
    """A bad second award is reported as amount_2; an over-long title is caught before anything is saved."""
    text = "title,completed_on,credit_type,amount,credit_type_2,amount_2\n" + f"{'x' * 301},2026-06-01,contact_hours,1,ceu,900\n"
    with pytest.raises(services.ImportRejected) as rejected:
        services.activities_import(user=alice, data=text, dry_run=True)
    fields = {p.field for p in rejected.value.problems}
    assert fields == {"title", "amount_2"}


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"expires_on": date(9999, 1, 31)}, "expires_on"),
        ({"jurisdiction": "Narnia"}, "jurisdiction"),
        ({"kind": "life_support", "requirement_set_id": "ca-rn-licence"}, "requirement_set_id"),
    ],
)
def test_credential_bad_values_are_named(alice, values, field) -> None:
    """Year 9999, an unknown jurisdiction and rules meant for another kind of credential are refused."""
    base = {"kind": "licence", "name": "Licence", "expires_on": date(2028, 1, 31)}
    with pytest.raises(ValidationError) as error:
        services.credential_save(user=alice, **{**base, **values})
    assert field in error.value.message_dict


def test_jurisdiction_is_normalised(alice) -> None:
    """'California', 'CA' and 'us-ca' are all stored as US-CA; 'US' stays US."""
    for typed in ("California", "CA", "us-ca"):
        row = services.credential_save(
            user=alice, kind="licence", name=f"L {typed}", jurisdiction=typed, expires_on=date(2028, 1, 31)
        )
        assert row.jurisdiction == "US-CA"
    assert services.credential_save(user=alice, kind="registration", name="NPI", jurisdiction="us").jurisdiction == "US"


def test_stateless_check_validates_rows_like_an_import(tmp_path) -> None:
    """A future date, an unknown format and topic, and a missing title are errors, also in --json."""
    from typer.testing import CliRunner

    from medpath.cli import app

    transcript = tmp_path / "t.csv"
    transcript.write_text(
        "title,completed_on,credit_type,amount,format,topics\n,2027-06-01,contact_hours,30,webinar,implicit_bias\n"
    )
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
    assert result.exit_code == 1
    problems = {p["field"] for p in json.loads(result.output)["problems"]}
    assert problems == {"title", "completed_on", "format", "topics"}
