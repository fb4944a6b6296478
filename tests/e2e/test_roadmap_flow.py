"""Education in a real browser: choose a career, see the roadmap, tick a milestone, see the plan move."""

from typing import Any

from playwright.sync_api import expect

from medpath.accounts.models import User
from tests.e2e.conftest import assert_accessible

PASSWORD = "a long browser passphrase"


def _log_in(page: Any) -> None:
    User.objects.create_user("student@example.org", PASSWORD, full_name="Sam Student")
    page.goto("/accounts/login/?next=/plan/")
    page.get_by_label("E-mail address").fill("student@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_choose_career_tick_milestone_and_plan_moves(page: Any, transactional_db: None) -> None:
    """A student aims at RN by the BSN route, ticks the degree done, and the finish moves earlier."""
    _log_in(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your target career")
    page.get_by_label("Target career").select_option("registered-nurse")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Route").select_option("bsn")
    assert_accessible(page)
    page.get_by_role("button", name="Plan my roadmap").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Your roadmap to Registered nurse")
    expect(page.get_by_role("img", name="Roadmap timeline")).to_be_visible()
    assert_accessible(page)
    finish_before = page.locator(".summary-grid > div").nth(1).inner_text()
    assert "0%" in page.locator(".summary-grid > div").first.inner_text()

    page.get_by_role("button", name="Mark Bachelor of Science in Nursing (BSN) done today").click()
    expect(page.get_by_role("status")).to_contain_text("plan is updated")
    finish_after = page.locator(".summary-grid > div").nth(1).inner_text()
    assert finish_after != finish_before
    assert "0%" not in page.locator(".summary-grid > div").first.inner_text()
    expect(page.get_by_role("button", name="Reopen Bachelor", exact=False)).to_be_visible()
    assert_accessible(page)


def test_on_a_phone_the_stage_under_way_gets_its_end_and_a_milestone_another_date(page: Any, transactional_db: None) -> None:
    """At 390 px a student in her BSN says it ends in May 2028, then marks the degree done on another date; no row
    overflows sideways."""
    from datetime import date, timedelta

    from medpath.plans import services

    _log_in(page)
    student = User.objects.get(email="student@example.org")
    services.roadmap_set_target(
        user=student,
        target=services.Target(
            career_id="registered-nurse",
            route_id="bsn",
            current_stage_id="bsn",
            start_date=date.today() - timedelta(days=400),
        ),
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/plan/")
    expect(page.get_by_role("note").first).to_contain_text("assumes it takes its full length from")
    table = page.locator(".table-scroll")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert table.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert_accessible(page)

    page.get_by_label("Expected to end").fill(f"{date.today().year + 2}-05")
    page.get_by_role("button", name="Save these dates").click()
    expect(page.get_by_role("status")).to_contain_text("plan is updated")
    expect(page.get_by_text("You expect it to end by")).to_contain_text(f"31 May {date.today().year + 2}")

    done_on = date.today() - timedelta(days=3)
    page.get_by_text("another date for Bachelor of Science in Nursing (BSN)").click()
    page.get_by_label("Done on").first.fill(done_on.isoformat())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert table.evaluate("el => el.scrollWidth <= el.clientWidth")
    page.get_by_role("button", name="Save the date Bachelor of Science in Nursing (BSN) was done").click()
    expect(page.get_by_role("status")).to_contain_text("plan is updated")
    expect(page.get_by_role("row", name="Bachelor of Science in Nursing (BSN)")).to_contain_text(
        f"done {done_on.day} {done_on:%b %Y}"
    )
    assert table.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert_accessible(page)


def test_explore_and_compare(page: Any, transactional_db: None) -> None:
    """A visitor filters careers, opens one with its sources, and compares two."""
    page.goto("/careers/")
    assert_accessible(page)
    page.get_by_label("Search").fill("nurse")
    page.get_by_role("button", name="Show careers").click()
    page.get_by_label("Compare Registered nurse (RN)").check()
    page.get_by_label("Compare Licensed practical nurse (LPN/LVN)").check()
    page.get_by_role("button", name="Compare the ticked careers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare careers")
    expect(page.get_by_role("row", name="Median pay")).to_be_visible()
    assert_accessible(page)
    page.goto("/careers/physician/")
    expect(page.get_by_role("heading", name="Specialties and residency length")).to_be_visible()
    assert_accessible(page)
