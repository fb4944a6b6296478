"""Findings of a new user's trial of the network pillar on a 390-px phone and at 1280 px (each failed before its
fix): vCard text cut at commas, a dry run that hid role and how-met and dropped properties without a word, a
misplaced name prefix in the exported N, a cramped filter form that ignored bad values, a cluttered "count these
credits", an activity whose provider was a city, API numbers that took true and "4", a renewal error far from
its field, any three letters as a currency, a rule removed without asking, an import page in the API's words
and in two uploads, and small dead ends."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from medpath.learning import services as learning
from medpath.learning.models import LearningActivity
from medpath.network.models import Contact, Membership
from medpath.network.services import contacts, events, memberships
from medpath.network.vcards import ContactCard, read_vcards, write_vcards

PATIENT = "Saw pt John Smith MRN 12345678 together"
CONFIRM_LABEL = "None of the quoted text identifies a patient: save it as written"


@pytest.fixture(autouse=True)
def _frozen_today(time_machine: Any) -> None:
    """Every test here runs on 25 Nov 2026, 15:00 UTC."""
    time_machine.move_to("2026-11-25 15:00:00+00:00", tick=False)


def _card(name: str, *extra: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", "VERSION:4.0", f"FN:{name}", *extra, "END:VCARD"]) + "\r\n"


def _api(client: Any, method: str, path: str, body: Any) -> Any:
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def _upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("contacts.vcf", text.encode(), content_type="text/vcard")


# 1. vCard import and export


def test_unescaped_commas_do_not_cut_text_from_a_vcard() -> None:
    """A title, how-met, note and organization written with bare commas (as phones write them) arrive whole."""
    text = _card(
        "Dr. Ana Ruiz",
        "TITLE:Program director, internal medicine",
        "X-MEDPATH-HOW-MET:Co-resident, same intern class",
        "NOTE:Advice: apply early, ask about research\\nSecond line",
        "ORG:General Hospital, Chicago;Surgery",
    )
    [card] = read_vcards(text.encode())
    assert card.role == "Program director, internal medicine"
    assert card.how_met == "Co-resident, same intern class"
    assert card.notes == "Advice: apply early, ask about research\nSecond line"
    assert card.organization == "General Hospital, Chicago"


def test_the_preview_shows_role_how_met_and_the_properties_not_imported(alice: Any, alice_client: Any) -> None:
    """The dry run shows each card's role and how-met, and names what MedPath does not keep (a second e-mail, a
    photo, a birthday); the API's dry run answers the same."""
    text = _card(
        "Dr. Ana Ruiz",
        "TITLE:Program director, internal medicine",
        "X-MEDPATH-HOW-MET:Co-resident, same intern class",
        "EMAIL:ana@example.org",
        "EMAIL:ana.home@example.org",
        "PHOTO:https://example.org/ana.jpg",
        "BDAY:19800101",
    ) + _card("Bo Chen")
    page = alice_client.post(reverse("network:vcard_import"), {"file": _upload(text), "dry_run": "on"})
    html = page.content.decode()
    assert "Program director, internal medicine" in html
    assert "Co-resident, same intern class" in html
    assert re.search(r"Not imported: another EMAIL, PHOTO, BDAY", html), html
    answer = _api(alice_client, "post", "/api/v1/network/contacts/import", {"vcard": text, "dry_run": True}).json()
    first = answer["added"][0]
    assert (first["role"], first["how_met"]) == ("Program director, internal medicine", "Co-resident, same intern class")
    assert first["not_imported"] == ["another EMAIL", "PHOTO", "BDAY"]
    assert answer["added"][1]["not_imported"] == []


@pytest.mark.parametrize(
    ("name", "n"),
    [
        ("Dr. Ana Ruiz", "N:Ruiz;Ana;;Dr.;"),
        ("Bo Chen, MD", "N:Chen;Bo;;;MD"),
        ("Prof. Ana María de la Cruz", "N:de la Cruz;Ana;María;Prof.;"),
        ("Madonna", "N:Madonna;;;;"),
    ],
)
def test_the_exported_n_puts_the_prefix_and_suffix_in_their_places(name: str, n: str) -> None:
    """The prefix ("Dr.") is not part of the given name; FN stays the name as written."""
    text = write_vcards([ContactCard(name=name)])
    assert n in text.splitlines(), text
    assert f"FN:{name.replace(',', chr(92) + ',')}" in text.splitlines()


# 2. The contacts filter form


def test_the_contact_filters_use_the_form_fields_and_say_what_is_wrong(alice: Any, alice_client: Any) -> None:
    """The filters are field-wrapped like the learning filter; a bad "days" value is pointed at next to its field;
    a filtered list offers "Clear filters" and counts its contacts."""
    contacts.contact_save(user=alice, name="Ana Ruiz", tags=["mentor"])
    contacts.contact_save(user=alice, name="Bo Chen")
    html = alice_client.get(reverse("network:contacts")).content.decode()
    form = html[html.index('aria-label="Filter contacts"') : html.index("</form>", html.index('aria-label="Filter contacts"'))]
    assert form.count('class="field') == 4
    assert "2 contacts" in html
    for bad in ("-3", "abc"):
        page = alice_client.get(reverse("network:contacts"), {"quiet_days": bad})
        assert "quiet_days" in page.context["form"].errors
        assert 'class="error"' in page.content.decode()
    filtered = alice_client.get(reverse("network:contacts"), {"tag": "mentor"}).content.decode()
    assert "Clear filters" in filtered
    assert "1 contact" in filtered


def test_the_page_and_the_api_name_the_quiet_filter_alike(alice: Any, alice_client: Any) -> None:
    """``quiet_days`` filters the page as it does the API; the page's old ``quiet`` still works."""
    quiet = contacts.contact_save(user=alice, name="Ana Ruiz")
    Contact.objects.for_user(alice).filter(pk=quiet.pk).update(added_on=date(2026, 1, 1))
    contacts.contact_save(user=alice, name="Bo Chen")
    for name in ("quiet_days", "quiet"):
        rows = alice_client.get(reverse("network:contacts"), {name: "30"}).context["rows"]
        assert [row.contact.name for row, _ in rows] == ["Ana Ruiz"], name
    html = alice_client.get(reverse("network:contacts")).content.decode()
    assert 'name="quiet_days"' in html


# 3. Count these credits


def _past_conference(user: Any, **values: Any) -> Any:
    return events.event_save(
        user=user,
        title="Southwest Hospital Medicine Summit",
        starts_on=values.pop("starts_on", date(2026, 10, 4)),
        ends_on=values.pop("ends_on", date(2026, 10, 7)),
        place="Albuquerque, NM",
        credit_amount=Decimal("12.5"),
        credit_type="ama_pra_cat1",
    )


def test_count_these_credits_opens_per_event_and_names_its_checkbox_as_the_refusal_does(alice: Any, alice_client: Any) -> None:
    """Each past event's form sits in its own closed <details> with field-wrapped controls; refused outside every
    renewal cycle, the message's words are the checkbox's, and ticking it counts the credits."""
    learning.credential_save(
        user=alice,
        kind="licence",
        name="California RN licence",
        issuer="California BRN",
        jurisdiction="US-CA",
        expires_on=date(2030, 1, 31),
        requirement_set_id="ca-rn-licence",
        renewal_number=2,
    )
    event = _past_conference(alice, starts_on=date(2015, 10, 4), ends_on=date(2015, 10, 7))
    html = alice_client.get(reverse("network:events")).content.decode()
    details = re.search(r"<details class=\"count-credits\">\s*<summary>Count these credits</summary>(.*?)</details>", html, re.S)
    assert details, html
    assert 'class="field field-check' in details.group(1)
    label = re.search(r'<label for="id_keep_outside_cycles[^"]*">([^<]+)</label>', details.group(1))
    assert label
    answer = alice_client.post(reverse("network:event_count_credits", args=[event.pk]), follow=True)
    refusal = " ".join(str(message) for message in answer.context["messages"])
    quoted = re.search(r"Tick “([^”]+)”", refusal)
    assert quoted, refusal
    assert quoted.group(1).lower() in label.group(1).lower()
    kept = alice_client.post(reverse("network:event_count_credits", args=[event.pk]), {"keep_outside_cycles": "on"})
    assert kept.status_code == 302
    assert LearningActivity.objects.for_user(alice).count() == 1


def test_counted_credits_name_the_event_as_provider_never_its_place(alice: Any) -> None:
    event = _past_conference(alice)
    _, activity_id, _ = events.event_count_credits(user=alice, pk=event.pk)
    activity = LearningActivity.objects.for_user(alice).get(pk=activity_id)
    assert activity.provider == "Southwest Hospital Medicine Summit"
    assert "Albuquerque" not in activity.provider


# 4. Whole numbers in the API


@pytest.mark.parametrize("value", [True, "4", 4.0])
@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/network/follow-up-rules", {"tag": "mentor"}, "rhythm_days"),
        ("/api/v1/network/contacts", {"name": "Ana"}, "rhythm_days"),
        ("/api/v1/network/events", {"title": "Grand rounds", "starts_on": "2026-11-10"}, "contact_ids"),
    ],
)
def test_whole_numbers_of_the_network_api_refuse_true_and_text(
    alice: Any, alice_client: Any, path: str, body: dict[str, Any], field: str, value: Any
) -> None:
    """``true`` is not one day and ``"4"`` is text: 422 naming the field, nothing saved."""
    if field == "contact_ids":
        contact = contacts.contact_save(user=alice, name="Ana")
        value = [{True: True, "4": str(contact.pk), 4.0: float(contact.pk)}[value]]  # a real id, badly typed
    answer = _api(alice_client, "post", path, body | {field: value})
    assert answer.status_code == 422, answer.json()
    assert any(key.startswith(field) for key in answer.json()["fields"]), answer.json()


# 5. Memberships and rules


def test_a_renewal_error_shows_next_to_its_field(alice: Any, alice_client: Any) -> None:
    """An earlier "renewed until" day re-shows the membership's page with the message under the field."""
    row = memberships.membership_save(user=alice, association="AMA", renews_on=date(2027, 6, 30))
    page = alice_client.post(reverse("network:membership_renew", args=[row.pk]), {"renewed_until": "2027-01-01"})
    assert page.status_code == 200
    assert "later day than the current renewal date" in " ".join(page.context["renew_form"].errors["renewed_until"])
    assert 'id="id_renewed_until_error"' in page.content.decode()
    empty = alice_client.post(reverse("network:membership_renew", args=[row.pk]), {})
    assert "renewed_until" in empty.context["renew_form"].errors
    assert Membership.objects.for_user(alice).get().renews_on == date(2027, 6, 30)


def test_a_currency_that_is_not_iso_4217_is_refused_everywhere(alice: Any, alice_client: Any) -> None:
    body = {"association": "AMA", "dues_amount": "40", "dues_currency": "XYZ"}
    form = alice_client.post(reverse("network:membership_new"), body)
    assert "dues_currency" in form.context["form"].errors
    answer = _api(alice_client, "post", "/api/v1/network/memberships", body)
    assert answer.status_code == 422
    assert "dues_currency" in answer.json()["fields"]
    with pytest.raises(ValidationError) as refused:
        memberships.membership_save(user=alice, association="AMA", dues_amount=Decimal(40), dues_currency="XYZ")
    assert "ISO 4217" in refused.value.message_dict["dues_currency"][0]
    assert memberships.membership_save(user=alice, association="AMA", dues_amount=Decimal(40), dues_currency="eur")
    assert not Membership.objects.for_user(alice).filter(dues_currency="XYZ").exists()


def test_removing_a_follow_up_rule_asks_first_as_deleting_a_contact_does(alice: Any, alice_client: Any) -> None:
    contacts.rule_save(user=alice, tag="mentor", rhythm_days=42)
    html = alice_client.get(reverse("network:rules")).content.decode()
    form = re.search(r'<form[^>]*action="/network/follow-up-rules/\d+/delete/"[^>]*>', html)
    assert form
    assert 'data-confirm="Remove the follow-up rule for “mentor”?"' in form.group(0)


# 6. The import page


def test_the_import_page_asks_to_confirm_patient_text_in_its_own_words(alice: Any, alice_client: Any) -> None:
    """The page points at the quoted text and offers the "save as written" box (never the API's privacy_confirmed);
    ticking it imports the file read the first time, without choosing it again."""
    text = _card("Ana Ruiz", f"NOTE:{PATIENT}")
    page = alice_client.post(reverse("network:vcard_import"), {"file": _upload(text), "dry_run": "on"})
    html = page.content.decode()
    assert "12345678" in html
    assert CONFIRM_LABEL in html
    assert 'type="checkbox" name="privacy_confirmed"' in html
    assert "privacy_confirmed: true" not in html
    held = page.context["held"]
    confirmed = alice_client.post(reverse("network:vcard_import"), {"held": held, "privacy_confirmed": "on"})
    assert confirmed.status_code == 302
    assert Contact.objects.for_user(alice).get().notes == PATIENT
    answer = _api(alice_client, "post", "/api/v1/network/contacts/import", {"vcard": _card("Bo", f"NOTE:{PATIENT}")})
    assert "privacy_confirmed: true" in json.dumps(answer.json())


def test_a_file_that_is_not_utf8_is_reported_without_a_line(alice: Any, alice_client: Any) -> None:
    page = alice_client.post(reverse("network:vcard_import"), {"file": SimpleUploadedFile("c.vcf", b"\xff\xfe\x00garbage")})
    html = page.content.decode()
    assert "The file is not UTF-8 text" in html
    assert "Line 0" not in html
    answer = _api(alice_client, "post", "/api/v1/network/contacts/import", {"vcard": "BEGIN:VCARD\r\nEND:VCARD\r\n"})
    assert answer.json()["message"] == "1 problem(s) in the vCard file. Nothing was saved."


def test_after_a_dry_run_the_contacts_are_imported_without_choosing_the_file_again(
    alice: Any, alice_client: Any, charlie: Any, charlie_client: Any, time_machine: Any
) -> None:
    """The preview offers "Import these 2 contacts"; the file read for it is kept for Alice only, once, for less
    than an hour."""
    text = _card("Ana Ruiz") + _card("Bo Chen")
    preview = alice_client.post(reverse("network:vcard_import"), {"file": _upload(text), "dry_run": "on"})
    html = preview.content.decode()
    assert "Import these 2 contacts" in html
    assert "Choose the file again" not in html
    held = preview.context["held"]
    assert held
    assert held in html
    stolen = charlie_client.post(reverse("network:vcard_import"), {"held": held})
    assert stolen.status_code == 200
    assert "choose the file again" in stolen.content.decode()
    assert not Contact.objects.for_user(charlie).exists()
    imported = alice_client.post(reverse("network:vcard_import"), {"held": held})
    assert imported.status_code == 302
    assert Contact.objects.for_user(alice).count() == 2
    again = alice_client.post(reverse("network:vcard_import"), {"held": held})
    assert "choose the file again" in again.content.decode()
    assert Contact.objects.for_user(alice).count() == 2
    later = alice_client.post(reverse("network:vcard_import"), {"file": _upload(_card("Cy Diaz")), "dry_run": "on"})
    time_machine.shift(timedelta(minutes=61))
    expired = alice_client.post(reverse("network:vcard_import"), {"held": later.context["held"]})
    assert "choose the file again" in expired.content.decode()
    assert Contact.objects.for_user(alice).count() == 2


# 7. Small dead ends


def test_with_no_upcoming_event_the_download_says_so_instead_of_an_empty_file(alice: Any, alice_client: Any) -> None:
    _past_conference(alice)
    html = alice_client.get(reverse("network:events")).content.decode()
    assert "Download upcoming events" not in html
    assert "No upcoming events to download" in html
    answer = alice_client.get(reverse("network:events_ics"), follow=True)
    assert answer.redirect_chain[-1][0] == reverse("network:events")
    assert "No upcoming events to download" in answer.content.decode()
    events.event_save(user=alice, title="Interview at Mercy", starts_on=date(2026, 12, 2))
    assert "Download upcoming events" in alice_client.get(reverse("network:events")).content.decode()


def test_an_empty_contact_list_offers_adding_and_importing_only(alice: Any, alice_client: Any) -> None:
    html = alice_client.get(reverse("network:contacts")).content.decode()
    assert "as vCard" not in html
    assert 'aria-label="Filter contacts"' not in html
    assert reverse("network:contact_new") in html
    assert reverse("network:vcard_import") in html


def test_line_breaks_in_contact_and_interaction_notes_are_kept(alice: Any, alice_client: Any) -> None:
    ana = contacts.contact_save(user=alice, name="Ana Ruiz", notes="Apply early.\n<b>Ask</b> about research.")
    contacts.interaction_save(user=alice, contact_id=ana.pk, occurred_on=date(2026, 11, 20), notes="Coffee.\nFellowships.")
    html = alice_client.get(reverse("network:contact_detail", args=[ana.pk])).content.decode()
    assert "Apply early.<br>&lt;b&gt;Ask&lt;/b&gt; about research." in html
    assert "Coffee.<br>Fellowships." in html
