"""Soft skills in a real browser: a resident asks three colleagues for feedback; each answers through the
e-mailed link in a browser of their own (no account); the resident sees only the count while the request is
open, and the results and comments once it is closed."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from medpath.accounts.models import User
from medpath.skills.services.feedback import instrument_of
from tests.conftest import body_of
from tests.e2e.conftest import assert_accessible

PASSWORD = "a long browser passphrase"
COLLEAGUES = [("nurse.kim@example.org", "nurse"), ("peer.lopez@example.org", "peer"), ("dr.osei@example.org", "supervisor")]


def test_feedback_from_three_colleagues_is_released_after_close(
    page: Any, browser: Any, live_server: Any, smtp_server: Any, settings: Any, transactional_db: None
) -> None:
    settings.MEDPATH_BASE_URL = live_server.url
    User.objects.create_user("resident@example.org", PASSWORD, full_name="Rae Resident", time_zone="America/New_York")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/accounts/login/?next=/skills/feedback/new/")
    page.get_by_label("E-mail address").fill("resident@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask colleagues for feedback")
    page.get_by_label("Name of the request").fill("Night float, December")
    for number, (email, role) in enumerate(COLLEAGUES, start=1):
        page.get_by_label(f"Colleague {number}: e-mail").fill(email)
        page.get_by_label(f"Colleague {number}: role").select_option(role)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.get_by_role("button", name="Send the requests").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Night float, December")
    expect(page.get_by_text("0 of 3 colleagues answered")).to_be_visible()
    assert len(smtp_server.messages) == 3

    items = [item.id for item in instrument_of("medpath-colleague-feedback").items]
    for number, (email, _) in enumerate(COLLEAGUES):
        url = re.search(r"http\S+/skills/feedback/answer/\S+/", body_of(smtp_server.last_to(email)))
        assert url is not None
        context = browser.new_context(locale="en-US")  # the colleague's own browser: no cookies of the resident's
        rater = context.new_page()
        rater.set_viewport_size({"width": 390, "height": 844})
        rater.goto(url.group(0))
        expect(rater.get_by_role("heading", level=1)).to_have_text("Feedback for Rae Resident")
        if number == 0:
            assert_accessible(rater)
            rater.get_by_role("button", name="Send my feedback").click()  # nothing chosen: each statement says so
            expect(rater.get_by_text("Choose a point on the scale").first).to_be_visible()
        for position, item in enumerate(items):
            value = "0" if (number, position) == (2, 0) else str(3 + (number + position) % 3)
            rater.locator(f"input[name='item_{item}'][value='{value}']").check()
        rater.get_by_label("What should this person keep doing?").fill(f"Comment from colleague {number + 1}")
        assert rater.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        rater.get_by_role("button", name="Send my feedback").click()
        expect(rater.get_by_role("heading", level=1)).to_have_text("Thank you")
        rater.goto(url.group(0))  # single use
        expect(rater.get_by_text("already been used")).to_be_visible()
        context.close()

    page.reload()
    expect(page.get_by_text("3 of 3 colleagues answered")).to_be_visible()
    expect(page.get_by_text("Comment from colleague 1")).to_have_count(0)  # nothing before the close
    page.get_by_role("button", name="Close now and see the results").click()
    expect(page.get_by_role("heading", name="All colleagues")).to_be_visible()
    for number in (1, 2, 3):
        expect(page.get_by_text(f"Comment from colleague {number}")).to_be_visible()
    expect(page.get_by_text("Scores by role are not shown")).to_be_visible()  # one of each role: no breakdown
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_accessible(page)
