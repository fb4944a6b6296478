"""A check-in on a 390-px phone in a real browser: from the page's load to "saved" in under 30 seconds and at most
six taps or inputs (three scales, sleep, the burnout answer, save), big tap targets, no sideways scrolling, axe
clean; the trend page then shows the check-in and nothing leaks into the page title."""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import expect

from medpath.accounts.models import User
from medpath.wellbeing.models import CheckIn
from tests.e2e.conftest import assert_accessible

PASSWORD = "a long browser passphrase"
MAX_SECONDS = 30
MAX_TAPS = 6


def test_a_checkin_on_a_phone_takes_under_thirty_seconds(page: Any, live_server: Any, transactional_db: None) -> None:
    user = User.objects.create_user("resident@example.org", PASSWORD, full_name="Rae Resident", time_zone="America/New_York")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/accounts/login/?next=/wellbeing/check-in/")
    page.get_by_label("E-mail address").fill("resident@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check in")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_accessible(page)
    spilled = page.evaluate(
        "[...document.querySelectorAll('.tap-row label')].filter(l => l.scrollWidth > l.clientWidth).map(l => l.innerText)"
    )
    assert spilled == [], spilled  # every answer's word fits its button ("Extreme" spilled once)
    for label in page.locator(".tap-row label").all()[:5]:
        box = label.bounding_box()
        assert box is not None
        assert box["height"] >= 44, box  # a thumb's target
        assert box["width"] >= 44, box

    page.reload()
    page.wait_for_load_state("load")
    started = time.monotonic()
    taps = 0

    def tap(locator: Any) -> None:
        nonlocal taps
        locator.click()
        taps += 1

    tap(page.get_by_role("group", name="Mood").get_by_text("OK", exact=True))
    tap(page.get_by_role("group", name="Energy").get_by_text("Low", exact=True))
    tap(page.get_by_role("group", name="Stress").get_by_text("High", exact=True))
    page.get_by_label("Hours slept last night").fill("6.5")
    taps += 1
    tap(page.get_by_text("I am under stress, and don't always have as much energy as I did, but I don't feel burned out."))
    tap(page.get_by_role("button", name="Save check-in"))
    expect(page.get_by_text("Check-in saved.")).to_be_visible()
    elapsed = time.monotonic() - started
    assert elapsed < MAX_SECONDS, f"{elapsed:.1f} s"
    assert taps <= MAX_TAPS

    row = CheckIn.objects.for_user(user).get()
    assert (row.mood, row.energy, row.stress, row.burnout, str(row.sleep_hours)) == (3, 2, 4, 2, "6.5")
    expect(page.get_by_role("heading", level=1)).to_have_text("Resilience")
    assert page.title() == "Resilience · MedPath"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_accessible(page)
