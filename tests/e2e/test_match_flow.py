"""The Match in a real browser on a 390-px phone: build a rank list, move a program up, keep one off the list and read
why it can never be the match; invite a partner, who joins in their own browser; build the paired list and move a
pair; simulate a small match from a file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import expect

from medpath.accounts.models import User
from medpath.match import services
from tests.e2e.conftest import assert_accessible

PASSWORD = "a long browser passphrase"
PHONE = {"width": 390, "height": 844}


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _log_in(page: Any, email: str, to: str) -> None:
    page.goto(f"/accounts/login/?next={to}")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_a_rank_list_then_a_couple_then_a_simulation(
    page: Any, browser: Any, live_server: Any, transactional_db: None, tmp_path: Path
) -> None:
    User.objects.create_user("ana@example.org", PASSWORD, full_name="Ana Alvarez")
    ben = User.objects.create_user("ben@example.org", PASSWORD, full_name="Ben Brooks")
    theirs = services.list_create(user=ben, title="Ben 2027", season=2027)
    for name, city in (("Boston Surgery", "Boston"), ("Chicago Surgery", "Chicago")):
        services.program_add(user=ben, list_id=theirs.pk, name=name, specialty="General Surgery", city=city)

    page.set_viewport_size(PHONE)
    _log_in(page, "ana@example.org", "/match/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The Match")
    page.get_by_label("Title", exact=True).fill("2027 Main Match")
    page.get_by_label("Match year").fill("2027")
    page.get_by_label("You apply as").select_option("us-md-senior")
    page.get_by_role("button", name="Start the list").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2027 Main Match")
    for name, city, ranked in (("Chicago IM", "Chicago", True), ("Boston IM", "Boston", True), ("Denver IM", "Denver", False)):
        page.get_by_label("Program", exact=True).fill(name)
        page.get_by_label("Specialty").fill("Internal Medicine")
        page.get_by_label("City").fill(city)
        box = page.get_by_label("On my rank order list")
        if not ranked:
            box.uncheck()
        page.get_by_role("button", name="Add to the end of the list").click()
        expect(page.get_by_text(f"{name} added")).to_be_visible()
    page.locator("ol.entries li", has_text="Boston IM").get_by_role("button", name="Move up").click()
    expect(page.locator("ol.entries li").first).to_contain_text("Boston IM")
    expect(page.get_by_text("Denver IM is not on your list, so it can never be your match")).to_be_visible()
    expect(page.get_by_text("2 contiguous ranks in Internal Medicine")).to_be_visible()
    _fits(page)
    assert_accessible(page)

    page.get_by_role("link", name="Couples").click()
    page.get_by_role("button", name="Make an invitation link").click()
    link = page.locator("input.copy-field").first.input_value()
    assert "/match/couples/join/" in link
    _fits(page)

    partner = browser.new_context(base_url=live_server.url, locale="en-US", viewport=PHONE)
    try:
        tab = partner.new_page()
        _log_in(tab, "ben@example.org", urlsplit(link).path)  # the link names MEDPATH_BASE_URL; the server has its own port
        expect(tab.get_by_text("Ana Alvarez invites you")).to_be_visible()
        tab.get_by_label("The list you share").select_option(label="Ben 2027 (2027)")
        tab.get_by_role("button", name="Join and share this list").click()
        expect(tab.get_by_role("heading", level=1)).to_contain_text("Paired list")
        expect(tab.locator("section").first).to_contain_text("Boston IM")
        tab.on("dialog", lambda dialog: dialog.accept())
        tab.get_by_role("button", name="Build the paired list").click()
        expect(tab.get_by_text("Paired list built")).to_be_visible()
        first_row = tab.get_by_role("row").nth(1)
        expect(first_row).to_contain_text("Boston IM")
        expect(first_row).to_contain_text("Boston Surgery")
        tab.get_by_role("row").nth(1).get_by_role("button", name="Down").click()
        expect(tab.get_by_role("row").nth(2)).to_contain_text("Boston Surgery")
        _fits(tab)
        assert_accessible(tab)
    finally:
        partner.close()

    instance = {
        "applicants": {"ana": ["P", "Q"], "dev": ["P"]},
        "programs": {"P": ["dev", "ana"], "Q": ["ana"]},
        "capacities": {"P": 1, "Q": 1},
    }
    file = tmp_path / "instance.json"
    file.write_text(json.dumps(instance), encoding="utf-8")
    page.get_by_role("link", name="Simulate a match").click()
    page.get_by_label("Instance (JSON)").set_input_files(str(file))
    page.get_by_role("button", name="Match").click()
    expect(page.get_by_text("Yes: no applicant and program would both rather have each other.")).to_be_visible()
    expect(page.locator("tbody tr", has_text="dev")).to_contain_text("P")
    expect(page.locator("tbody tr", has_text="ana")).to_contain_text("Q")
    _fits(page)
    assert_accessible(page)
