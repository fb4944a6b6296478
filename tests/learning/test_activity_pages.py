"""Data-entry traps of the learning pillar: jurisdiction names, and activities opened, edited and deleted."""

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from medpath.learning import services
from medpath.learning.models import Certificate, Credential, CreditAward, LearningActivity
from tests.import_steps import import_through_page
from tests.learning.test_services import PNG
from tests.pagetext import rough_text, visible_text

CREDENTIAL = {"kind": "licence", "name": "RN licence", "expires_on": "2028-01-31", "renewal_number": "1"}


# ---- jurisdiction names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("US-CA", "US-CA"),
        ("CA", "US-CA"),
        ("California", "US-CA"),
        ("  california ", "US-CA"),
        ("CALIFORNIA", "US-CA"),
        ("PA", "US-PA"),  # a state's abbreviation, not Panama
        ("New York", "US-NY"),
        ("US", "US"),
        ("GB", "GB"),
        ("", ""),
    ],
)
def test_the_credential_page_accepts_a_code_an_abbreviation_or_a_name(alice_client, alice, typed, stored) -> None:
    """The form stores the ISO code for US-CA, CA and California (any case, spaces around)."""
    response = alice_client.post(reverse("learning:credential_new"), {**CREDENTIAL, "jurisdiction": typed})
    assert response.status_code == 302, response.context["form"].errors
    assert Credential.objects.for_user(alice).get().jurisdiction == stored


@pytest.mark.parametrize("typed", ["Narnia", "Republic of Northern Californialand", "X" * 120])
def test_a_wrong_jurisdiction_gets_the_clear_message_next_to_the_field(alice_client, alice, typed) -> None:
    """A name that is no place is refused next to the field with the example, never a raw length message."""
    response = alice_client.post(reverse("learning:credential_new"), {**CREDENTIAL, "jurisdiction": typed})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["jurisdiction"])
    assert "e.g. US-CA, CA or California" in errors
    assert "at most" not in errors
    assert not Credential.objects.for_user(alice).exists()


def test_the_api_accepts_a_state_name_and_explains_a_wrong_one(alice_client, alice) -> None:
    """POST /learning/credentials takes “California” (stored US-CA); a wrong value answers 422 naming the field."""
    body = {"kind": "licence", "name": "RN", "expires_on": "2028-01-31"}
    created = alice_client.post(
        "/api/v1/learning/credentials", {**body, "jurisdiction": " California "}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["jurisdiction"] == "US-CA"
    for wrong in ("Narnia", "X" * 120):
        refused = alice_client.post(
            "/api/v1/learning/credentials", {**body, "jurisdiction": wrong}, content_type="application/json"
        )
        assert refused.status_code == 422
        [message] = refused.json()["fields"]["jurisdiction"]
        assert "e.g. US-CA, CA or California" in message
        assert "at most" not in message
    assert Credential.objects.for_user(alice).count() == 1


def test_the_service_reads_a_country_name_and_keeps_codes() -> None:
    """normalize_jurisdiction: a country's name gives its code; a state code is taken as a US state."""
    assert services.normalize_jurisdiction("Canada") == "CA"
    assert services.normalize_jurisdiction("us-tx") == "US-TX"
    assert services.normalize_jurisdiction("tx") == "US-TX"
    assert services.normalize_jurisdiction("GB-ENG") == "GB-ENG"


# ---- an activity opened, edited and deleted ------------------------------------------------------------------


def _course(alice: Any, certificate: Certificate | None = None, **values: Any) -> LearningActivity:
    """Alice's implicit-bias course: 2 contact hours and 0.2 CEU, with provider, accreditor, topics and notes."""
    data: dict[str, Any] = {
        "title": "Implicit bias in care",
        "completed_on": date(2026, 6, 1),
        "awards": [("contact_hours", Decimal("2")), ("ceu", Decimal("0.2"))],
        "topics": ["implicit-bias"],
        "format": "enduring",
        "provider": "Nurse CE Online",
        "accreditor": "ANCC",
        "notes": "Module 3 was the useful one.",
        **values,
    }
    return services.activity_create(user=alice, data=services.ActivityInput(**data), certificate=certificate)


def _png(alice: Any, name: str = "cert.png") -> Certificate:
    return services.certificate_store(user=alice, upload=SimpleUploadedFile(name, PNG, "image/png"))


def _edit_fields(**values: str) -> dict[str, str]:
    return {
        "title": "Implicit bias in care",
        "completed_on": "2026-06-01",
        "format": "enduring",
        "provider": "Nurse CE Online",
        "accreditor": "ANCC",
        "topics": "implicit-bias",
        "credit_type_1": "contact_hours",
        "amount_1": "2",
        "credit_type_2": "ceu",
        "amount_2": "0.2",
        "notes": "Module 3 was the useful one.",
        **values,
    }


def _awards(alice: Any, activity: LearningActivity) -> list[tuple[str, Decimal]]:
    return sorted((a.credit_type, a.amount) for a in CreditAward.objects.for_user(alice).filter(activity=activity))


@pytest.fixture
def media(settings, tmp_path):
    """Certificates are stored in a fresh directory."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_the_detail_page_shows_the_activity_and_where_it_counts(alice_client, alice, ca_licence, media) -> None:
    """Title, provider, accreditor, format, date, topics, each award, the certificate, notes and the credential."""
    activity = _course(alice, certificate=_png(alice))
    page = alice_client.get(reverse("learning:activity", args=[activity.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    for shown in (
        "Implicit bias in care",
        "Nurse CE Online",
        "ANCC",
        "Enduring / on-demand",
        "1 Jun 2026",
        "Implicit bias",
        "Contact hours (nursing, ANCC and others)",
        "0.2",
        reverse("learning:certificate", args=[activity.certificate_id]),
        "Module 3 was the useful one.",
        "California RN licence",
        reverse("learning:activity_edit", args=[activity.pk]),
        reverse("learning:activity_delete", args=[activity.pk]),
    ):
        assert shown in text, shown
    listed = alice_client.get(reverse("learning:activities")).content.decode()
    assert reverse("learning:activity", args=[activity.pk]) in listed


def test_edit_changes_the_activity_and_replaces_its_awards(alice_client, alice, ca_licence, media) -> None:
    """The edit page saves new values; the awards are replaced by the ones given."""
    activity = _course(alice)
    form = alice_client.get(reverse("learning:activity_edit", args=[activity.pk]))
    assert form.context["form"]["title"].value() == "Implicit bias in care"
    assert form.context["form"]["amount_2"].value() == Decimal("0.2")
    response = alice_client.post(
        reverse("learning:activity_edit", args=[activity.pk]),
        _edit_fields(title="Implicit bias in nursing care", credit_type_2="", amount_2="", amount_1="3"),
    )
    assert response["Location"] == reverse("learning:activity", args=[activity.pk])
    activity.refresh_from_db()
    assert activity.title == "Implicit bias in nursing care"
    assert _awards(alice, activity) == [("contact_hours", Decimal("3"))]


def test_a_bad_edit_changes_nothing_and_says_why_next_to_the_field(alice_client, alice, ca_licence, media) -> None:
    """An award of 900 and a future date are refused next to their fields; the activity and awards stay as they were."""
    activity = _course(alice)
    response = alice_client.post(
        reverse("learning:activity_edit", args=[activity.pk]),
        _edit_fields(title="Changed", amount_1="900", completed_on="2027-05-01"),
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"amount_1", "completed_on"}
    activity.refresh_from_db()
    assert activity.title == "Implicit bias in care"
    assert _awards(alice, activity) == [("ceu", Decimal("0.2")), ("contact_hours", Decimal("2"))]


def test_the_service_replaces_awards_all_or_nothing(alice, ca_licence) -> None:
    """activity_update with a credit type given twice raises naming the field and keeps the old awards."""
    activity = _course(alice)
    data = services.ActivityInput(title="X", completed_on=date(2026, 6, 1), awards=[("ceu", Decimal("1")), ("ceu", Decimal("2"))])
    with pytest.raises(ValidationError) as refused:
        services.activity_update(user=alice, pk=activity.pk, data=data)
    assert "credit_type_2" in refused.value.message_dict
    assert _awards(alice, activity) == [("ceu", Decimal("0.2")), ("contact_hours", Decimal("2"))]


def test_the_certificate_is_kept_replaced_or_removed(
    alice_client, alice, ca_licence, media, django_capture_on_commit_callbacks
) -> None:
    """Kept when no file is sent; a new upload replaces it and the old file goes; “remove” unlinks and deletes it."""
    first = _png(alice, "first.png")
    activity = _course(alice, certificate=first)
    url = reverse("learning:activity_edit", args=[activity.pk])
    assert alice_client.post(url, _edit_fields(title="Kept")).status_code == 302
    activity.refresh_from_db()
    assert activity.certificate_id == first.pk
    with django_capture_on_commit_callbacks(execute=True):
        replaced = alice_client.post(url, {**_edit_fields(), "certificate": SimpleUploadedFile("second.png", PNG)})
    assert replaced.status_code == 302
    activity.refresh_from_db()
    assert activity.certificate is not None
    assert activity.certificate.original_name == "second.png"
    assert not Certificate.objects.for_user(alice).filter(pk=first.pk).exists()
    assert not (media / first.file.name).exists()
    second = activity.certificate
    both = alice_client.post(
        url, {**_edit_fields(), "remove_certificate": "on", "certificate": SimpleUploadedFile("third.png", PNG)}
    )
    assert "remove_certificate" in both.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        removed = alice_client.post(url, {**_edit_fields(), "remove_certificate": "on"})
    assert removed.status_code == 302
    activity.refresh_from_db()
    assert activity.certificate is None
    assert not Certificate.objects.for_user(alice).exists()
    assert not (media / second.file.name).exists()


def test_a_certificate_another_activity_uses_is_kept(alice, ca_licence, media) -> None:
    """Removing or replacing a shared certificate unlinks it from this activity only; the file stays for the other."""
    shared = _png(alice)
    one = _course(alice, certificate=shared)
    other = _course(alice, certificate=shared, title="Another course")
    data = services.ActivityInput(title="One", completed_on=date(2026, 6, 1), awards=[("ceu", Decimal("1"))])
    services.activity_update(user=alice, pk=one.pk, data=data, certificate="remove")
    one.refresh_from_db()
    assert one.certificate_id is None
    assert Certificate.objects.for_user(alice).filter(pk=shared.pk).exists()
    other.refresh_from_db()
    assert other.certificate_id == shared.pk


def test_deleting_asks_first(alice_client, alice, ca_licence, media) -> None:
    """The list leads to a confirmation page; only its POST deletes."""
    activity = _course(alice)
    listed = alice_client.get(reverse("learning:activities")).content.decode()
    delete_url = reverse("learning:activity_delete", args=[activity.pk])
    assert f'href="{delete_url}"' in listed
    assert f'action="{delete_url}"' not in listed
    confirm = alice_client.get(delete_url)
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "Implicit bias in care" in text
    assert f'action="{delete_url}"' in text
    assert LearningActivity.objects.for_user(alice).exists()
    assert alice_client.post(delete_url)["Location"] == reverse("learning:activities")
    assert not LearningActivity.objects.for_user(alice).exists()


def test_editing_text_that_names_a_patient_asks_first(alice_client, alice, ca_licence, media) -> None:
    """Changed notes naming a patient are pointed at next to the field; text saved before does not ask again."""
    activity = _course(alice)
    url = reverse("learning:activity_edit", args=[activity.pk])
    notes = "Reviewed Pt Jane Doe (MRN 4471823) with Dr. Lee."
    flagged = alice_client.post(url, _edit_fields(notes=notes))
    assert flagged.status_code == 200
    assert "“4471823”" in flagged.context["form"].errors["notes"][0]
    activity.refresh_from_db()
    assert activity.notes == "Module 3 was the useful one."
    assert alice_client.post(url, {**_edit_fields(notes=notes), "privacy_confirmed": "on"}).status_code == 302
    again = alice_client.post(url, _edit_fields(notes=notes, title="Implicit bias, again"))
    assert again.status_code == 302


def test_an_activity_with_more_awards_than_rows_keeps_them_all_on_the_page(alice_client, alice, ca_licence) -> None:
    """An activity with four awards (the API allows five) shows four rows, so saving the page drops none."""
    awards = [
        ("contact_hours", Decimal("2")),
        ("ceu", Decimal("0.2")),
        ("ama_pra_cat1", Decimal("2")),
        ("ama_pra_cat2", Decimal("1")),
    ]
    activity = _course(alice, awards=awards)
    form = alice_client.get(reverse("learning:activity_edit", args=[activity.pk])).context["form"]
    assert form["credit_type_4"].value() == "ama_pra_cat2"
    fields = {
        **_edit_fields(),
        "credit_type_3": "ama_pra_cat1",
        "amount_3": "2",
        "credit_type_4": "ama_pra_cat2",
        "amount_4": "1",
    }
    assert alice_client.post(reverse("learning:activity_edit", args=[activity.pk]), fields).status_code == 302
    assert len(_awards(alice, activity)) == 4


def test_the_api_reads_and_replaces_an_activity(alice_client, alice, ca_licence, media) -> None:
    """GET and PUT /learning/activities/{id}: same checks as create, 422 naming fields, the guard on changed text."""
    activity = _course(alice, certificate=_png(alice))
    url = f"/api/v1/learning/activities/{activity.pk}"
    read = alice_client.get(url).json()
    assert read["title"] == "Implicit bias in care"
    assert read["notes"] == "Module 3 was the useful one."
    assert read["certificate_id"] == activity.certificate_id
    body = {
        "title": "Implicit bias, updated",
        "completed_on": "2026-06-02",
        "awards": [{"credit_type": "contact_hours", "amount": "2.5"}],
        "topics": ["implicit-bias"],
        "format": "live",
        "notes": "Module 3 was the useful one.",
    }
    put = alice_client.put(url, body, content_type="application/json")
    assert put.status_code == 200, put.content
    assert put.json()["awards"] == [{"credit_type": "contact_hours", "amount": "2.50"}]
    assert put.json()["certificate_id"] == activity.certificate_id  # kept
    bad = alice_client.put(
        url, {**body, "awards": [{"credit_type": "contact_hours", "amount": "900"}]}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert "amount" in bad.json()["fields"]
    private = {**body, "notes": "Reviewed Pt Jane Doe (MRN 4471823)."}
    flagged = alice_client.put(url, private, content_type="application/json")
    assert flagged.status_code == 422
    assert set(flagged.json()["fields"]) == {"notes", "privacy_confirmed"}
    confirmed = alice_client.put(url, {**private, "privacy_confirmed": True}, content_type="application/json")
    assert confirmed.status_code == 200
    removed = alice_client.put(url, {**body, "remove_certificate": True}, content_type="application/json")
    assert removed.json()["certificate_id"] is None
    assert _awards(alice, activity) == [("contact_hours", Decimal("2.50"))]


def test_the_new_activity_routes_refuse_outsiders(alice_client, charlie_client, alice, ca_licence, refused, media) -> None:
    """Charlie gets 404 for Alice's activity page, edit page, delete confirmation and the API's GET and PUT."""
    activity = _course(alice)
    for name in ("learning:activity", "learning:activity_edit", "learning:activity_delete"):
        refused(charlie_client, "get", reverse(name, args=[activity.pk]), owner=alice_client)
    refused(
        charlie_client, "post", reverse("learning:activity_edit", args=[activity.pk]), owner=alice_client, data=_edit_fields()
    )
    url = f"/api/v1/learning/activities/{activity.pk}"
    refused(charlie_client, "get", url, owner=alice_client)
    body = {"title": "Mine now", "completed_on": "2026-06-01", "awards": [{"credit_type": "ceu", "amount": "1"}]}
    refused(charlie_client, "put", url, owner=alice_client, data=body, content_type="application/json")
    activity.refresh_from_db()
    assert activity.title == "Implicit bias in care"


# ---- one filter for the page and the API -------------------------------------------------------------------------

FILTERED = (
    "title,completed_on,credit_type,amount,format,topics\n"
    "Sepsis update,2025-06-01,contact_hours,2,live,patient-safety\n"
    "Sepsis grand rounds,2026-02-01,ama_pra_cat1,1,live,\n"
    "Pain and opioids,2026-03-01,contact_hours,3,enduring,opioids;patient-safety\n"
    "Wound care,2026-04-01,contact_hours,1.5,live,\n"
)


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"q": "sepsis"},
        {"year": "2026"},
        {"credit_type": "contact_hours"},
        {"topic": "patient-safety"},
        {"q": "sepsis", "year": "2025", "credit_type": "contact_hours", "topic": "patient-safety"},
    ],
)
def test_the_page_and_the_api_filter_activities_alike(alice, alice_client, charlie, filters) -> None:
    """The Activities page and GET /learning/activities list the same activities in the same order for each filter;
    none of Charlie's."""
    services.activities_import(user=alice, data=FILTERED)
    services.activities_import(user=charlie, data=FILTERED)
    page = alice_client.get(reverse("learning:activities"), filters)
    on_page = [activity.title for activity, *_ in page.context["rows"]]
    from_api = [row["title"] for row in alice_client.get("/api/v1/learning/activities", filters).json()]
    assert on_page == from_api
    assert len(on_page) == len({a.pk for a, *_ in page.context["rows"]})  # Charlie's copies never appear
    expected = [
        line.split(",")[0]
        for line in sorted(FILTERED.splitlines()[1:], key=lambda row: row.split(",")[1], reverse=True)
        if filters.get("q", "").lower() in line.split(",")[0].lower()
        and line.split(",")[1].startswith(filters.get("year", ""))
        and filters.get("credit_type", line.split(",")[2]) == line.split(",")[2]
        and (not filters.get("topic") or filters["topic"] in line.split(",")[5].split(";"))
    ]
    assert on_page == expected


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"year": "10000"}, "year"),
        ({"year": "-5"}, "year"),
        ({"year": "0"}, "year"),
        ({"credit_type": "bogus"}, "credit_type"),
        ({"topic": "astrology"}, "topic"),
    ],
)
def test_the_api_refuses_a_filter_it_cannot_apply(alice_client, filters, field) -> None:
    """A year out of range (a 500 before), an unknown credit type or topic: 422 naming the field, not a guess."""
    answer = alice_client.get("/api/v1/learning/activities", filters)
    assert answer.status_code == 422
    assert field in answer.json()["fields"]


# ---- words, not codes ----------------------------------------------------------------------------------------


def test_the_activity_list_and_delete_page_name_credit_types_and_topics_in_words(alice_client, alice, media) -> None:
    """The list and the delete question give “2 Contact hours …”, “CEU …” and “Implicit bias”, never the ids."""
    activity = _course(alice)
    for url in (reverse("learning:activities"), reverse("learning:activity_delete", args=[activity.pk])):
        text = visible_text(alice_client.get(url).content)
        assert "2 Contact hours (nursing, ANCC and others)" in text
        assert "CEU (1 CEU = 10 contact hours" in text
        assert rough_text(text) == [], url
        assert "implicit-bias" not in text
    assert "Implicit bias" in visible_text(alice_client.get(reverse("learning:activities")).content)


def test_the_import_page_keeps_column_names_as_code_and_problems_name_theirs(alice_client, alice) -> None:
    """Column names a person types stay, inside <code>; a bad row's problem names its column the same way."""
    page = alice_client.get(reverse("learning:activity_import"))
    assert rough_text(visible_text(page.content)) == []
    assert "<li>Completed on: <code>completed_on</code> (needed)" in page.content.decode()
    bad = b"title,completed_on,credit_type,amount\nX,soon,contact_hours,1\n"
    rejected = import_through_page(alice_client, reverse("learning:activity_import"), "t.csv", bad, step="check")
    assert "Line 2" in visible_text(rejected.content)
    # the columns step quotes the file's own headers (“completed_on” is …): they are the person's words
    assert rough_text(re.sub(r"“[^”]*”", "", visible_text(rejected.content))) == []
    assert "<code>completed_on</code>" in rejected.content.decode()


def test_amounts_read_without_trailing_zeros(alice_client, alice, media) -> None:
    """0.2 CEU reads 0.2 (it was 0.20 on the detail page and 0.20 on the list) and 2 contact hours read 2."""
    activity = _course(alice)
    for url in (reverse("learning:activities"), reverse("learning:activity", args=[activity.pk])):
        text = visible_text(alice_client.get(url).content)
        assert "0.2" in text
        assert "0.20" not in text
        assert "2.00" not in text
