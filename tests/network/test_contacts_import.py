"""Importing contacts from CSV or XLSX: the columns step, a dry run listing who would be added or skipped, all or
nothing, every bad row with its line and field, the privacy guard, and the same through the API and the CLI."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from typer.testing import CliRunner

from medpath.cli import app
from medpath.network.contact_rows import contacts_sample_csv
from medpath.network.models import Contact
from medpath.network.services import contacts
from medpath.rows import RowsRejected
from tests.tabular.xlsx import workbook

runner = CliRunner()
GOOD = "Full name;Company;Email;Tags;Mentor\nDr. Ana Ruiz;Example Clinic;ana@example.org;mentor, fm;yes\nSam Lee;;;;\n"
BAD = (
    "Name,E-mail,Mentor,Notes,Follow up every (days)\n"
    ",nobody@example.org,,,\n"
    'Ana,not-an-address,,"two\nlines",\n'
    "Sam,,maybe,,\n"
    "Kim,,,Her patient MRN 12345678,\n"
    "Lee,,,,abc\n"
)


def _names(user: Any) -> list[str]:
    return sorted(Contact.objects.for_user(user).values_list("name", flat=True))


def test_the_sample_imports_and_a_second_import_skips_everyone(alice) -> None:
    """The sample is a valid file; importing it again adds nobody (same name and e-mail)."""
    first = contacts.contacts_table_import(user=alice, data=contacts_sample_csv())
    assert len(first.added) == 2
    assert _names(alice) == ["Dr. Ana Ruiz", "Sam Lee"]
    ana = Contact.objects.for_user(alice).get(name="Dr. Ana Ruiz")
    assert ana.is_mentor
    assert ana.rhythm_days == 42
    assert sorted(ana.tag_rows.values_list("name", flat=True)) == ["family medicine", "mentor"]
    again = contacts.contacts_table_import(user=alice, data=contacts_sample_csv(), dry_run=True)
    assert again.added == []
    assert [lines for lines, _ in again.skipped] == ["line 2", "line 3"]


def test_semicolons_and_aliases_are_read_in_a_dry_run(alice) -> None:
    """“Full name”, “Company”, “Email” match by alias; nothing is saved by a dry run."""
    preview = contacts.contacts_table_import(user=alice, data=GOOD, dry_run=True)
    assert preview.added == [("line 2", "Dr. Ana Ruiz, ana@example.org, Example Clinic"), ("line 3", "Sam Lee")]
    assert _names(alice) == []


def test_every_bad_row_is_reported_and_nothing_is_saved(alice) -> None:
    """No name, a bad address on a two-line record, a mentor that is not yes/no, an identifier, bad days."""
    with pytest.raises(RowsRejected) as rejected:
        contacts.contacts_table_import(user=alice, data=BAD)
    found = [(p.line, p.field) for p in rejected.value.problems]
    assert found == [(2, "Name"), (3, "E-mail"), (5, "Mentor"), (6, "Notes"), (7, "Follow up every (days)")]
    assert "(lines 3–4)" in rejected.value.problems[1].message
    assert _names(alice) == []


def test_an_xlsx_with_a_merged_cell_is_refused(alice) -> None:
    """A merged range is named; a clean workbook imports."""
    rows = [["Name", "Organization"], ["Ana", "Clinic"], ["Sam", "Clinic"]]
    with pytest.raises(RowsRejected, match="problem") as rejected:
        contacts.contacts_table_import(user=alice, data=workbook(rows, merge="B2:B3"))
    assert "B2:B3" in rejected.value.problems[0].message
    assert contacts.contacts_table_import(user=alice, data=workbook(rows)).applied
    assert _names(alice) == ["Ana", "Sam"]


def _token(response) -> str:
    found = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    assert found
    return found.group(1)


def test_the_page_maps_checks_and_imports(alice_client, alice, charlie_client) -> None:
    """Upload → columns (pre-filled) → check (who would be added) → import; Charlie cannot use Alice's upload."""
    url = reverse("network:contacts_import")
    uploaded = alice_client.post(url, {"step": "upload", "file": SimpleUploadedFile("people.csv", GOOD.encode())})
    token = _token(uploaded)
    assert '<option value="organization" selected>' in uploaded.content.decode()
    columns = {"column_0": "name", "column_1": "organization", "column_2": "email", "column_3": "tags", "column_4": "is_mentor"}
    checked = alice_client.post(url, {"step": "check", "token": token, **columns})
    assert "Dr. Ana Ruiz, ana@example.org" in checked.content.decode()
    assert _names(alice) == []
    assert charlie_client.post(url, {"step": "apply", "token": token, **columns}).status_code == 302
    assert _names(alice) == []
    assert alice_client.post(url, {"step": "apply", "token": token, **columns}).status_code == 302
    assert _names(alice) == ["Dr. Ana Ruiz", "Sam Lee"]


def test_the_page_lists_every_problem(alice_client, alice) -> None:
    """A bad file's check lists every problem with line and field; nothing is added."""
    url = reverse("network:contacts_import")
    token = _token(alice_client.post(url, {"step": "upload", "file": SimpleUploadedFile("p.csv", BAD.encode())}))
    columns = {"column_0": "name", "column_1": "email", "column_2": "is_mentor", "column_3": "notes", "column_4": "rhythm_days"}
    text = alice_client.post(url, {"step": "check", "token": token, **columns}).content.decode()
    for line in (2, 3, 5, 6, 7):
        assert f"Line {line}, <code>" in text
    assert _names(alice) == []


def test_the_api(alice_client, alice) -> None:
    """Multipart with dry_run; a bad file answers 422 with every row."""
    url = "/api/v1/network/contacts/import-spreadsheet"
    dry = alice_client.post(url, {"file": SimpleUploadedFile("p.csv", GOOD.encode()), "dry_run": "true"})
    assert dry.status_code == 200, dry.content
    assert [row["lines"] for row in dry.json()["added"]] == ["line 2", "line 3"]
    bad = alice_client.post(url, {"file": SimpleUploadedFile("p.csv", BAD.encode())})
    assert bad.status_code == 422
    assert set(bad.json()["fields"]) == {"line 2", "line 3", "line 5", "line 6", "line 7"}
    mapped = alice_client.post(
        url, {"file": SimpleUploadedFile("p.csv", b"Who,Where\nKim,Clinic\n"), "mapping": ["Who=name", "Where=organization"]}
    )
    assert mapped.status_code == 200, mapped.content
    assert _names(alice) == ["Kim"]


def test_the_cli(alice, tmp_path: Path) -> None:
    """`medpath network import-contacts FILE --user … [--dry-run] [--map …]`."""
    good, bad = tmp_path / "good.csv", tmp_path / "bad.xlsx"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_bytes(b"not a workbook")
    dry = runner.invoke(app, ["network", "import-contacts", str(good), "--user", alice.email, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Would add 2 contact(s)" in dry.output
    assert _names(alice) == []
    refused = runner.invoke(app, ["network", "import-contacts", str(bad), "--user", alice.email])
    assert refused.exit_code == 1
    assert "not an Excel workbook" in refused.output
    assert (
        runner.invoke(
            app, ["network", "import-contacts", str(good), "--user", alice.email, "--map", "Company=organization"]
        ).exit_code
        == 0
    )
    assert _names(alice) == ["Dr. Ana Ruiz", "Sam Lee"]


def test_outsiders_are_refused(client, refused) -> None:
    """The import page, its sample and the API answer no one who is not logged in."""
    refused(client, "get", reverse("network:contacts_import"))
    refused(client, "get", reverse("network:contacts_import_sample"))
    refused(client, "post", "/api/v1/network/contacts/import-spreadsheet")
