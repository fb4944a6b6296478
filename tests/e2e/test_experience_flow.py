"""Hands-on experience in a real browser: a resident logs shifts from a template on a phone and sees a violation
explained; a supervisor confirms a pre-med's shadowing hours through the link, without an account."""

from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import expect

from medpath.accounts.models import User
from medpath.experience.models import ExperienceEntry, Shift, Verification
from tests.e2e.conftest import assert_accessible

PASSWORD = "a long browser passphrase"


def _log_in(page: Any, email: str, next_path: str) -> None:
    page.goto(f"/accounts/login/?next={next_path}")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_resident_logs_nights_from_a_template_on_a_phone_and_sees_a_violation(page: Any, transactional_db: None) -> None:
    User.objects.create_user("resident@example.org", PASSWORD, full_name="Rae Resident", time_zone="America/New_York")
    page.set_viewport_size({"width": 390, "height": 844})
    _log_in(page, "resident@example.org", "/experience/hours/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Work hours")
    assert_accessible(page)

    page.get_by_label("Shift").select_option(label="Night 19:00–07:00")
    page.get_by_label("First day").fill("2026-11-02")
    page.get_by_label("How many", exact=True).fill("7")
    page.get_by_role("button", name="Add shifts").click()
    expect(page.get_by_role("status").first).to_contain_text("7 × Night 19:00–07:00 added")
    expect(page.get_by_text("Every ACGME rule holds")).to_be_visible()
    assert Shift.objects.for_user(User.objects.get(email="resident@example.org")).count() == 7
    # No horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    # A 24-hour call, then 6 more hours of clinical work the next morning.
    page.get_by_label("Shift").select_option(label="24-hour in-house call 07:00–07:00")
    page.get_by_label("First day").fill("2026-11-10")
    page.get_by_label("How many", exact=True).fill("1")
    page.get_by_role("button", name="Add shifts").click()
    page.get_by_text("A shift with other times").click()
    page.get_by_label("Day", exact=True).fill("2026-11-11")
    page.get_by_label("Starts").fill("07:00")
    page.get_by_label("Ends").fill("13:00")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("1 violation")).to_be_visible()
    page.get_by_role("link", name="See each one explained").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Work-hour compliance report")
    finding = page.locator(".finding-violation").first
    expect(finding).to_contain_text("At most 24 hours of continuous clinical work")
    expect(finding).to_contain_text("Tue 10 Nov 2026 07:00 – Wed 11 Nov 2026 13:00")
    expect(finding).to_contain_text("limit 24")
    assert_accessible(page)


def test_supervisor_confirms_shadowing_through_the_link(
    page: Any, browser: Any, live_server: Any, transactional_db: None
) -> None:
    student = User.objects.create_user("premed@example.org", PASSWORD, full_name="Pat Premed", time_zone="America/Chicago")
    _log_in(page, "premed@example.org", "/experience/entries/new/")
    page.get_by_label("Kind").select_option("shadowing")
    page.get_by_label("Role or title").fill("Shadowing a cardiologist")
    page.get_by_label("Date (first day)").fill("2026-11-16")
    page.get_by_label("Start time").fill("08:00")
    page.get_by_label("End time").fill("12:30")
    page.get_by_label("Supervisor's name").fill("Dr. Omar Haddad")
    page.get_by_label("Supervisor's e-mail").fill("ohaddad@heart.example.org")
    page.get_by_label("Reflection").fill("Pt Jane Miller was anxious before her echo.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("This may identify a patient")).to_be_visible()  # the guard points before saving
    page.get_by_label("Reflection").fill("A patient was anxious before an echo; the physician explained each step.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Shadowing a cardiologist")
    page.get_by_role("link", name="Ask a supervisor to verify it").click()
    page.get_by_label("E-mail the link to the supervisor now").uncheck()
    page.get_by_role("button", name="Create the link").click()
    link = page.locator("#verify-link").input_value()

    supervisor = browser.new_context(base_url=live_server.url, locale="en-US")
    try:
        tab = supervisor.new_page()
        tab.goto(urlsplit(link).path)  # the link names MEDPATH_BASE_URL; the test server has its own port
        expect(tab.get_by_role("heading", level=1)).to_have_text("Confirm experience hours")
        expect(tab.get_by_role("group")).to_contain_text("4.5 hours")
        assert_accessible(tab)
        tab.get_by_label("Confirm").check()
        tab.get_by_label("Your name").fill("Omar Haddad, MD")
        tab.get_by_role("button", name="Send my answers").click()
        expect(tab.get_by_role("heading", level=1)).to_have_text("Thank you")
    finally:
        supervisor.close()
    row = ExperienceEntry.objects.for_user(student).get()
    assert row.verification == Verification.VERIFIED
    assert row.verified_by == "Omar Haddad, MD"
    page.goto("/experience/entries/")
    expect(page.get_by_role("row", name="Shadowing a cardiologist")).to_contain_text("Verified")
