"""Continuous learning in a real browser: add a credential, record an activity, watch the status change."""

from typing import Any

from playwright.sync_api import expect

from medpath.accounts.models import User
from tests.e2e.conftest import assert_accessible

PASSWORD = "a long browser passphrase"


def test_add_credential_record_activity_status_changes(page: Any, transactional_db: None) -> None:
    """A nurse adds an AHA BLS card, records the renewal course, and the card turns from at-risk/unmet to met."""
    User.objects.create_user("nurse@example.org", PASSWORD, full_name="Nia Nurse")
    page.goto("/accounts/login/?next=/learning/")
    page.get_by_label("E-mail address").fill("nurse@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Credentials and renewals")
    assert_accessible(page)

    page.get_by_role("link", name="Add a credential").click()
    page.get_by_label("Kind").select_option("life_support")
    page.get_by_label("Name", exact=True).fill("AHA BLS provider card")
    page.get_by_label("Expires on").fill("2027-03-31")
    page.get_by_label("Renewal rules").select_option("aha-bls")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("AHA BLS provider card")
    status = page.locator(".badge").first
    expect(status).not_to_have_text("met")

    page.goto("/learning/activities/new/")
    page.get_by_label("Title").fill("BLS provider renewal course")
    page.get_by_label("Completed on").fill("2025-10-01")
    page.get_by_label("Format").select_option("course")
    page.get_by_label("BLS provider course (initial or renewal)").check()
    page.get_by_label("Credit type 1").select_option("contact_hours")
    page.get_by_label("Credits 1").fill("4")
    assert_accessible(page)
    page.get_by_role("button", name="Save activity").click()
    expect(page.get_by_role("status")).to_contain_text("Activity recorded")

    page.goto("/learning/")
    expect(page.get_by_role("row", name="AHA BLS provider card")).to_contain_text("met")
    assert_accessible(page)


def test_read_a_certificate_check_its_words_and_save_without_attaching_again(page: Any, transactional_db: None) -> None:
    """A nurse on a phone reads her certificate: the form shows each value with the words it came from, she saves
    without choosing the file again, and the activity keeps the certificate."""
    from pathlib import Path

    User.objects.create_user("nurse@example.org", PASSWORD, full_name="Nia Nurse")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/accounts/login/?next=/learning/activities/new/")
    page.get_by_label("E-mail address").fill("nurse@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    certificate = Path(__file__).parent.parent / "learning" / "certificates" / "ancc-04.pdf"
    page.get_by_label("Certificate").set_input_files(str(certificate))
    page.get_by_role("button", name="Read the certificate to fill in the form").click()
    expect(page.get_by_label("Title")).to_have_value("Recognizing Delirium in Hospitalized Older Adults")
    expect(page.get_by_label("Credits 1")).to_have_value("1.0")
    expect(page.get_by_text("Read from the certificate: “Contact hours awarded: 1.0”")).to_be_visible()
    expect(page.get_by_text("Attached: ancc-04.pdf")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    page.get_by_label("Keep it anyway if it falls outside every renewal cycle").check()
    page.get_by_role("button", name="Save activity").click()
    expect(page.get_by_role("status")).to_contain_text("Activity recorded")
    page.get_by_role("link", name="Recognizing Delirium in Hospitalized Older Adults", exact=True).click()
    expect(page.get_by_role("link", name="ancc-04.pdf")).to_be_visible()


def test_the_dashboard_heads_with_what_to_do_next_on_a_phone(page: Any, transactional_db: None) -> None:
    """A nurse whose licence renewal falls short sees it first under Next, on a phone, and snoozes it for a week."""
    from datetime import date, timedelta

    from medpath.learning import services

    nurse = User.objects.create_user("nurse@example.org", PASSWORD, full_name="Nia Nurse", career_stage="nurse")
    services.credential_save(
        user=nurse,
        kind="licence",
        name="California RN licence",
        jurisdiction="US-CA",
        expires_on=date.today() + timedelta(days=20),
        requirement_set_id="ca-rn-licence",
        renewal_number=2,
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/accounts/login/?next=/")
    page.get_by_label("E-mail address").fill("nurse@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    first = page.locator(".next-list li").first
    expect(first).to_contain_text("California RN licence: renewal rules not met yet")
    expect(first).to_contain_text("Soon")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    first.get_by_role("button", name="Snooze “California RN licence: renewal rules not met yet” for a week").click()
    expect(page.get_by_role("status")).to_contain_text("Snoozed for a week")
    expect(page.locator(".next-list li", has_text="California RN licence: renewal rules not met yet")).to_have_count(0)
