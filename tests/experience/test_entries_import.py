"""Importing experiences from CSV or XLSX: the columns step, a dry run that shows what would be added, all or
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
from medpath.experience import services
from medpath.experience.entry_rows import entries_sample_csv
from medpath.experience.models import ExperienceEntry
from medpath.rows import RowsRejected
from tests.tabular.xlsx import workbook

runner = CliRunner()
GOOD = (
    "Type,Role,Organisation,Start date,Hours,Notes\n"
    'shadowing,Shadowing a surgeon,Example Hospital,2026-10-01,4,"two\nlines"\n'
    "Research,Bench research,Example Lab,2026-09-01,12.5,\n"
)
BAD = (
    "Kind,Title,Date,Hours,Reflection\n"
    "surfing,Scribe,2026-10-01,4,\n"
    'shadowing,"Shadowing\nsomeone",yesterday,4,\n'
    "shadowing,Scribe,2026-10-02,-3,\n"
    "shadowing,Scribe,2026-10-03,4,Saw MRN 12345678 today\n"
)


def _entries(user: Any) -> list[str]:
    return sorted(ExperienceEntry.objects.for_user(user).values_list("title", flat=True))


def test_the_sample_imports_as_it_is(alice) -> None:
    """The sample download is a valid file: two entries, times giving the hours."""
    preview = services.entries_import(user=alice, data=entries_sample_csv())
    assert preview.applied
    assert len(preview.added) == 2
    shadow = ExperienceEntry.objects.for_user(alice).get(kind="shadowing")
    assert str(shadow.hours) == "4.50"
    assert _entries(alice) == ["Hospice volunteer", "Shadowing a cardiologist"]


def test_dry_run_shows_what_would_be_added_and_saves_nothing(alice) -> None:
    """Aliases and a kind's name are read; the dry run lists each row with its lines and saves none."""
    preview = services.entries_import(user=alice, data=GOOD, dry_run=True, mapping={"Notes": "description"})
    assert [lines for lines, _ in preview.added] == ["lines 2–3", "line 4"]
    assert "Shadowing / clinical observation: Shadowing a surgeon" in preview.added[0][1]
    assert not preview.applied
    assert _entries(alice) == []


def test_every_bad_row_is_reported_and_nothing_is_saved(alice) -> None:
    """An unknown kind, a bad date on a two-line record, negative hours, an identifier in a reflection."""
    with pytest.raises(RowsRejected) as rejected:
        services.entries_import(user=alice, data=BAD)
    found = [(p.line, p.field) for p in rejected.value.problems]
    assert found == [(2, "Kind"), (3, "Date (first day)"), (5, "Hours"), (6, "Reflection")]
    assert "(lines 3–4)" in rejected.value.problems[1].message
    assert _entries(alice) == []
    services.entries_import(
        user=alice,
        data=BAD.replace("surfing", "shadowing").replace("yesterday", "2026-10-01").replace("-3", "3"),
        privacy_confirmed=True,
    )
    assert len(_entries(alice)) == 4


def test_an_xlsx_with_real_dates_imports(alice) -> None:
    """A workbook's date cells and numbers are read; a formula is refused with its cell."""
    from datetime import date

    rows: list[list[object]] = [["Kind", "Title", "Date (first day)", "Hours"], ["teaching", "Tutor", date(2026, 9, 1), 2]]
    assert services.entries_import(user=alice, data=workbook(rows)).applied
    assert ExperienceEntry.objects.for_user(alice).get().started_on == date(2026, 9, 1)
    with pytest.raises(RowsRejected, match="problem"):
        services.entries_import(user=alice, data=workbook([*rows, ["teaching", "Tutor", date(2026, 9, 2), "=1+1"]]))
    assert ExperienceEntry.objects.for_user(alice).count() == 1


def _token(response) -> str:
    found = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    assert found, response.content.decode()[:2000]
    return found.group(1)


def test_the_page_uploads_maps_checks_then_imports(alice_client, alice, charlie_client) -> None:
    """Upload shows a select per column pre-filled by the match; check lists the rows; import saves them all;
    another person cannot use the upload's id."""
    url = reverse("experience:entries_import")
    assert alice_client.get(url).status_code == 200
    uploaded = alice_client.post(url, {"step": "upload", "file": SimpleUploadedFile("log.csv", GOOD.encode())})
    assert uploaded.status_code == 200
    token = _token(uploaded)
    text = uploaded.content.decode()
    assert "“Organisation” is" in text
    assert '<option value="organization" selected>' in text
    columns = {"column_0": "kind", "column_1": "title", "column_2": "organization", "column_3": "started_on", "column_4": "hours"}
    checked = alice_client.post(url, {"step": "check", "token": token, **columns, "column_5": "description"})
    assert checked.status_code == 200
    assert "Lines 2–3" in checked.content.decode()
    assert _entries(alice) == []
    stolen = charlie_client.post(url, {"step": "apply", "token": token, **columns})
    assert stolen.status_code == 302
    assert _entries(alice) == []
    applied = alice_client.post(url, {"step": "apply", "token": token, **columns})
    assert applied.status_code == 302
    assert _entries(alice) == ["Bench research", "Shadowing a surgeon"]
    again = alice_client.post(url, {"step": "apply", "token": token, **columns})
    assert again.status_code == 302
    assert len(_entries(alice)) == 2


def test_the_page_lists_every_problem_of_a_bad_file(alice_client, alice) -> None:
    """A bad file's check lists each problem with its line and field, and no import button."""
    url = reverse("experience:entries_import")
    token = _token(alice_client.post(url, {"step": "upload", "file": SimpleUploadedFile("log.csv", BAD.encode())}))
    columns = {"column_0": "kind", "column_1": "title", "column_2": "started_on", "column_3": "hours", "column_4": "reflection"}
    response = alice_client.post(url, {"step": "check", "token": token, **columns})
    text = response.content.decode()
    assert response.status_code == 400
    for where in (
        "Line 2, <code>Kind</code>",
        "Line 3, <code>Date (first day)</code>",
        "Line 5, <code>Hours</code>",
        "Line 6, <code>Reflection</code>",
    ):
        assert where in text
    assert 'value="apply"' not in text
    latin = alice_client.post(url, {"step": "upload", "file": SimpleUploadedFile("log.csv", "Kind\nCafé\n".encode("latin-1"))})
    assert latin.status_code == 400
    assert "File, <code>file</code>: the file is not UTF-8" in latin.content.decode()
    assert _entries(alice) == []


def test_the_api_imports_with_a_mapping_and_refuses_bad_rows(alice_client, alice) -> None:
    """Multipart with dry_run and mapping pairs; a bad file answers 422 with every row; nothing saved."""
    url = "/api/v1/experience/entries/import"
    dry = alice_client.post(
        url, {"file": SimpleUploadedFile("log.csv", GOOD.encode()), "dry_run": "true", "mapping": ["Notes=description"]}
    )
    assert dry.status_code == 200, dry.content
    assert [row["lines"] for row in dry.json()["added"]] == ["lines 2–3", "line 4"]
    assert _entries(alice) == []
    bad = alice_client.post(url, {"file": SimpleUploadedFile("log.csv", BAD.encode())})
    assert bad.status_code == 422
    assert set(bad.json()["fields"]) == {"line 2", "line 3", "line 5", "line 6"}
    done = alice_client.post(
        url,
        {
            "file": SimpleUploadedFile(
                "log.xlsx", workbook([["Kind", "Title", "Date", "Hours"], ["research", "Lab", "2026-09-01", 3]])
            )
        },
    )
    assert done.status_code == 200
    assert done.json()["read_from"] == "sheet “Sheet1” of the workbook"
    assert _entries(alice) == ["Lab"]


def test_the_cli_imports_and_reports_every_bad_row(alice, tmp_path: Path) -> None:
    """`medpath experience import FILE --user … [--dry-run] [--map …]`."""
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(BAD, encoding="utf-8")
    dry = runner.invoke(
        app, ["experience", "import", str(good), "--user", alice.email, "--dry-run", "--map", "Notes=description"]
    )
    assert dry.exit_code == 0, dry.output
    assert "lines 2–3: Shadowing" in dry.output
    assert _entries(alice) == []
    refused = runner.invoke(app, ["experience", "import", str(bad), "--user", alice.email])
    assert refused.exit_code == 1
    assert all(f"line {n}" in refused.output for n in (2, 3, 5, 6))
    assert runner.invoke(app, ["experience", "import", str(good), "--user", alice.email, "--map", "oops"]).exit_code == 2
    assert runner.invoke(app, ["experience", "import", str(good), "--user", alice.email]).exit_code == 0
    assert len(_entries(alice)) == 2


def test_outsiders_are_refused(client, refused) -> None:
    """The import page, its sample and the API answer no one who is not logged in."""
    refused(client, "get", reverse("experience:entries_import"))
    refused(client, "get", reverse("experience:entries_import_sample"))
    refused(client, "post", "/api/v1/experience/entries/import")


def test_an_upload_being_applied_cannot_be_applied_again(alice_client, alice) -> None:
    """A second “Import” with the same upload (a double click, a resubmit while a long import runs) finds it taken
    and saves nothing; a refused apply puts the upload back for another try."""
    from medpath.importing import pending_claim

    url = reverse("experience:entries_import")
    token = _token(alice_client.post(url, {"step": "upload", "file": SimpleUploadedFile("log.csv", GOOD.encode())}))
    columns = {"column_0": "kind", "column_1": "title", "column_2": "organization", "column_3": "started_on", "column_4": "hours"}
    first = pending_claim(alice, token)  # the first request, still running
    assert first is not None
    second = alice_client.post(url, {"step": "apply", "token": token, **columns}, follow=True)
    assert "was imported already" in second.content.decode()
    assert _entries(alice) == []
    first.finish(applied=False)  # the first one was refused: the upload is there again
    bad = alice_client.post(url, {"step": "apply", "token": token, **columns, "column_3": ""})
    assert bad.status_code == 400
    applied = alice_client.post(url, {"step": "apply", "token": token, **columns})
    assert applied.status_code == 302
    assert len(_entries(alice)) == 2
    assert pending_claim(alice, token) is None


def test_the_import_counts_in_words() -> None:
    """“Imported 1 experience”, “1 activity”, “2 contacts” (trial: “Imported 1 contacts.”)."""
    from medpath.importing import ImportPage

    def page(noun: str, one: str = "") -> ImportPage:
        return ImportPage((), lambda **_: None, "", "", noun, one=one)  # type: ignore[arg-type]

    assert page("experiences").count(1) == "1 experience"
    assert page("activities", one="activity").count(1) == "1 activity"
    assert page("contacts").count(2) == "2 contacts"
    assert page("contacts").count(0) == "0 contacts"


def test_a_flagged_patient_name_is_worded_for_the_import_not_the_api(alice) -> None:
    """The page and the command confirm with a tick box or --privacy-confirmed, not by sending privacy_confirmed."""
    text = "Kind,Title,Date,Hours,Description\nshadowing,ED,2025-03-03,4,Saw John Smith MRN 12345678\n"
    with pytest.raises(RowsRejected) as rejected:
        services.entries_import(user=alice, data=text)
    message = rejected.value.problems[0].message
    assert "confirm that the file names no patient" in message
    assert "privacy_confirmed" not in message
