"""vCard 4.0 import and export: a round trip between two people, a thousand contacts, and bad files (malformed,
too large, too many cards, a card without a name) refused with clear messages and nothing saved."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from medpath.cli import app
from medpath.network.models import Contact, ContactTag
from medpath.network.services import contacts
from medpath.network.vcards import MAX_CARDS, VcardsRejected, read_vcards

runner = CliRunner()


def _card(name: str, *extra: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", "VERSION:4.0", f"FN:{name}", *extra, "END:VCARD"]) + "\r\n"


def _fields(user: Any) -> list[tuple[Any, ...]]:
    rows = Contact.objects.for_user(user).order_by("name").prefetch_related("tag_rows")
    return [
        (
            row.name,
            row.role,
            row.organization,
            row.how_met,
            row.email,
            row.phone,
            row.is_mentor,
            row.notes,
            row.rhythm_days,
            sorted(t.name for t in row.tag_rows.all()),
        )
        for row in rows
    ]


def test_export_then_import_into_another_user_keeps_every_field(alice, alice_client, charlie, charlie_client) -> None:
    """Alice's contacts (tags, mentor flag, rhythm, notes with commas and new lines) arrive unchanged for Charlie."""
    contacts.contact_save(
        user=alice,
        name="Dr. Ana Ruiz",
        role="Attending surgeon",
        organization="General Hospital, Chicago",
        how_met="Surgery rotation; PGY-1",
        email="ana.ruiz@example.org",
        phone="+1 312 555 0100",
        tags=["mentor", "former attending"],
        is_mentor=True,
        notes="Advice: apply early.\nAsk about research, fellowships.",
        rhythm_days=42,
    )
    contacts.contact_save(user=alice, name="Bo Chen")
    download = alice_client.get(reverse("network:vcard_export"))
    assert download["Content-Type"].startswith("text/vcard")
    text = download.content.decode()
    assert text.count("VERSION:4.0") == 2
    upload = SimpleUploadedFile("contacts.vcf", text.encode(), content_type="text/vcard")
    preview = charlie_client.post(reverse("network:vcard_import"), {"file": upload, "dry_run": "on"})
    assert "Dr. Ana Ruiz" in preview.content.decode()
    assert not Contact.objects.for_user(charlie).exists()  # a dry run saves nothing
    upload = SimpleUploadedFile("contacts.vcf", text.encode(), content_type="text/vcard")
    assert charlie_client.post(reverse("network:vcard_import"), {"file": upload}).status_code == 302
    assert _fields(charlie) == _fields(alice)
    again = charlie_client.post("/api/v1/network/contacts/import", json.dumps({"vcard": text}), content_type="application/json")
    assert again.json()["added"] == []
    assert len(again.json()["already_there"]) == 2


def test_a_filtered_export_holds_only_the_filtered_contacts(alice, alice_client) -> None:
    contacts.contact_save(user=alice, name="Ana", tags=["mentor"])
    contacts.contact_save(user=alice, name="Bo")
    answer = alice_client.get("/api/v1/network/contacts/export?tag=mentor").json()
    assert answer["count"] == 1
    assert "FN:Ana" in answer["vcard"]
    assert "FN:Bo" not in answer["vcard"]
    assert "FN:Bo" not in alice_client.get(reverse("network:vcard_export"), {"tag": "mentor"}).content.decode()


def test_a_thousand_contacts_are_imported_in_bounded_time(alice) -> None:
    """1,000 cards: all added, in a few seconds."""
    text = "".join(
        _card(f"Contact {number}", f"EMAIL:c{number}@example.org", "CATEGORIES:colleague") for number in range(MAX_CARDS)
    )
    started = time.monotonic()
    preview = contacts.vcards_import(user=alice, data=text.encode())
    assert len(preview.added) == MAX_CARDS
    assert time.monotonic() - started < 20
    assert Contact.objects.for_user(alice).count() == MAX_CARDS
    assert ContactTag.objects.for_user(alice).count() == MAX_CARDS


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("".join(_card(f"C{n}") for n in range(MAX_CARDS + 1)).encode(), "holds 1,001 contacts; at most 1,000"),
        (
            b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\n" + b"NOTE:" + b"x" * (3 * 1024 * 1024) + b"\r\nEND:VCARD\r\n",
            "larger than 2 MB",
        ),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"just some text\r\n", "holds no vCard"),
    ],
    ids=["1001-contacts", "3-MB", "binary", "no-card"],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_saved(alice, alice_client, data: bytes, expected: str) -> None:
    with pytest.raises(VcardsRejected) as rejected:
        contacts.vcards_import(user=alice, data=data)
    assert expected in str(rejected.value.problems[0])
    page = alice_client.post(reverse("network:vcard_import"), {"file": SimpleUploadedFile("c.vcf", data)})
    assert page.status_code == 200
    assert not Contact.objects.for_user(alice).exists()


def test_every_bad_card_is_reported_with_its_line_and_nothing_is_imported(alice, alice_client) -> None:
    """A card without a name (line 5), a malformed card (line 9), a rhythm of zero days (line 13): all three
    listed, the good first card not added — on the page and in the API."""
    text = (
        _card("Good Person")
        + "BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:nameless@example.org\r\nEND:VCARD\r\n"
        + "BEGIN:VCARD\r\nVERSION:4.0\r\nFN;;;broken\r\nEND:VCARD\r\n"
        + _card("Zero", "X-MEDPATH-FOLLOW-UP-DAYS:0")
    )
    with pytest.raises(VcardsRejected) as rejected:
        read_vcards(text.encode())
    lines = [(problem.line, problem.field) for problem in rejected.value.problems]
    assert lines == [(5, "Name"), (9, "card"), (13, "Follow up every (days)")]
    assert "no name" in rejected.value.problems[0].message
    page = alice_client.post(reverse("network:vcard_import"), {"file": SimpleUploadedFile("c.vcf", text.encode())})
    html = page.content.decode()
    assert "Line 5, Name" in html
    assert "Line 9, card" in html
    assert "Nothing was imported" in html
    answer = alice_client.post("/api/v1/network/contacts/import", json.dumps({"vcard": text}), content_type="application/json")
    assert answer.status_code == 422
    assert set(answer.json()["fields"]) == {"line 5", "line 9", "line 13"}
    assert not Contact.objects.for_user(alice).exists()


def test_notes_naming_a_patient_refuse_the_import_until_confirmed(alice, alice_client) -> None:
    text = _card("Ana", "NOTE:Saw pt John Smith MRN 12345678 together")
    answer = alice_client.post("/api/v1/network/contacts/import", json.dumps({"vcard": text}), content_type="application/json")
    assert answer.status_code == 422
    assert "12345678" in json.dumps(answer.json())
    body = json.dumps({"vcard": text, "privacy_confirmed": True})
    assert alice_client.post("/api/v1/network/contacts/import", body, content_type="application/json").status_code == 200
    assert Contact.objects.for_user(alice).count() == 1


def test_the_commands_import_with_a_dry_run_and_export(alice, tmp_path: Path) -> None:
    source = tmp_path / "in.vcf"
    source.write_text(_card("Ana Ruiz", "CATEGORIES:mentor") + _card("Bo Chen"), encoding="utf-8")
    dry = runner.invoke(app, ["network", "import-vcard", "--user", alice.email, str(source), "--dry-run"])
    assert dry.exit_code == 0
    assert "Would add 2 contact(s)" in dry.stdout
    assert not Contact.objects.for_user(alice).exists()
    done = runner.invoke(app, ["network", "import-vcard", "--user", alice.email, str(source)])
    assert done.exit_code == 0
    assert Contact.objects.for_user(alice).count() == 2
    out = tmp_path / "out.vcf"
    exported = runner.invoke(app, ["network", "export-vcard", "--user", alice.email, "--out", str(out)])
    assert exported.exit_code == 0
    assert out.read_text().count("BEGIN:VCARD") == 2
    bad = tmp_path / "bad.vcf"
    bad.write_text("BEGIN:VCARD\nVERSION:4.0\nEMAIL:x@example.org\nEND:VCARD\n", encoding="utf-8")
    refused = runner.invoke(app, ["network", "import-vcard", "--user", alice.email, str(bad)])
    assert refused.exit_code == 1
    assert "line 1, Name" in refused.output


@given(
    st.lists(
        st.sampled_from(["BEGIN:VCARD", "END:VCARD", "VERSION:4.0", "FN:Ana", "N:;;;;", "FN;;:x", "CATEGORIES:,,", "EMAIL:@", ""])
        | st.text(max_size=40),
        max_size=30,
    )
)
def test_any_text_is_read_or_refused_never_a_crash(lines: list[str]) -> None:
    """Random lines, card markers and odd properties: contacts, or VcardsRejected with line numbers; nothing else."""
    data = "\r\n".join(lines).encode("utf-8", "replace")
    problems: list[Any] = []
    try:
        found = read_vcards(data)
    except VcardsRejected as rejected:
        problems = rejected.problems
        found = []
    assert problems or all(card.name for card in found)
    assert all(problem.line >= 0 for problem in problems)


def test_a_file_of_many_tiny_lines_is_refused_before_any_card_is_parsed(monkeypatch: Any) -> None:
    """A legal-size file (under 2 MB) of ~690,000 one-property lines is refused with the limit named, before the
    parser sees a line of it (it would spend tens of seconds); so is a file of cards each within its own limit but
    over the file's, and a card over its own limit is reported at its line without being parsed."""
    import vobject

    from medpath.network.vcards import MAX_CARD_LINES, MAX_LINES, MAX_VCARD_BYTES

    parsed: list[str] = []
    read_one = vobject.readOne

    def recorded(text: str, **options: Any) -> Any:
        parsed.append(text)
        return read_one(text, **options)

    monkeypatch.setattr(vobject, "readOne", recorded)
    hostile = "BEGIN:VCARD\nFN:A\n" + "X:\n" * ((MAX_VCARD_BYTES - 30) // 3) + "END:VCARD\n"
    assert len(hostile) <= MAX_VCARD_BYTES
    with pytest.raises(VcardsRejected) as rejected:
        read_vcards(hostile.encode())
    assert f"at most {MAX_LINES:,} in one file" in str(rejected.value.problems[0])
    many = "".join(_card(f"C{n}", *["X-A:1"] * (MAX_CARD_LINES - 4)) for n in range(MAX_LINES // MAX_CARD_LINES + 1))
    with pytest.raises(VcardsRejected) as rejected:
        read_vcards(many.encode())
    assert f"at most {MAX_LINES:,} in one file" in str(rejected.value.problems[0])
    assert parsed == []
    long_card = _card("Ana", *["X-A:1"] * (MAX_CARD_LINES - 3))
    with pytest.raises(VcardsRejected) as rejected:
        read_vcards((_card("Bo") + long_card).encode())
    assert [(problem.line, problem.field) for problem in rejected.value.problems] == [(5, "card")]
    assert f"has {MAX_CARD_LINES + 1} lines; at most {MAX_CARD_LINES} in one card" in rejected.value.problems[0].message
    assert len(parsed) == 1  # only the first, short card


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c"])
def test_a_note_with_a_unicode_line_separator_stays_one_line(separator: str) -> None:
    """vCard lines end in CRLF, LF or CR only: a Unicode line separator inside a NOTE is part of the note."""
    (card,) = read_vcards(_card("Ana Ruiz", f"NOTE:first{separator}second", "EMAIL:ana@example.org").encode())
    assert card.notes == f"first{separator}second"
    assert card.email == "ana@example.org"


def test_problems_name_the_fields_as_the_contact_form_does(alice) -> None:
    """Too-long notes and "how you met", a bad rhythm or e-mail, a privacy-guard hit: each problem names the
    field as the contact form labels it, with the line its card starts on."""
    text = _card("Ana", "NOTE:" + "x" * 5001, "X-MEDPATH-HOW-MET:" + "y" * 301) + _card(
        "Bo", "X-MEDPATH-FOLLOW-UP-DAYS:0", "EMAIL:not-an-address", "CATEGORIES:" + ",".join(f"t{n}" for n in range(21))
    )
    with pytest.raises(VcardsRejected) as rejected:
        read_vcards(text.encode())
    found = {(problem.line, problem.field) for problem in rejected.value.problems}
    assert found == {(1, "Notes"), (1, "How you met"), (7, "Follow up every (days)"), (7, "E-mail"), (7, "Tags")}
    with pytest.raises(VcardsRejected) as rejected:
        contacts.vcards_import(user=alice, data=_card("Ana", "NOTE:Saw pt John Smith MRN 12345678").encode())
    assert [(problem.line, problem.field) for problem in rejected.value.problems] == [(1, "Notes")]


def test_the_field_words_of_import_problems_are_the_contact_forms_labels() -> None:
    from medpath.network.forms import ContactForm
    from medpath.network.vcards import FIELD_LABELS

    assert {name: ContactForm.base_fields[name].label for name in FIELD_LABELS} == FIELD_LABELS


def test_a_tel_uri_is_stored_as_the_number() -> None:
    (card,) = read_vcards(_card("Ana", "TEL;VALUE=uri;TYPE=work:tel:+1-555-555-0100").encode())
    assert card.phone == "+1-555-555-0100"


def test_two_cards_with_the_same_name_and_no_email_are_both_imported(alice, alice_client) -> None:
    """Two people can share a name: neither card is dropped. A card with the name and e-mail of a contact you
    already have is skipped, each contact matching one card at most, and the dry run says which and why."""
    text = _card("Sam Lee", "TEL:+1 555 0100", "NOTE:Cardiology") + _card("Sam Lee", "TEL:+1 555 0199", "NOTE:Nephrology")
    preview = contacts.vcards_import(user=alice, data=text.encode(), dry_run=True)
    assert [(card.line, card.phone) for card in preview.added] == [(1, "+1 555 0100"), (7, "+1 555 0199")]
    contacts.vcards_import(user=alice, data=text.encode())
    assert sorted(Contact.objects.for_user(alice).values_list("notes", flat=True)) == ["Cardiology", "Nephrology"]
    again = contacts.vcards_import(user=alice, data=(text + _card("Sam Lee", "NOTE:Oncology")).encode(), dry_run=True)
    assert [card.notes for card in again.added] == ["Oncology"]  # two Sam Lees are there: the third is new
    page = alice_client.post(
        reverse("network:vcard_import"), {"file": SimpleUploadedFile("c.vcf", text.encode()), "dry_run": "on"}
    ).content.decode()
    assert "Sam Lee (line 1), Sam Lee (line 7)" in page
    assert "same name and e-mail" in page
