"""The network in a real browser, on a 390-px phone: log a coffee with a mentor and see the next follow-up date;
record a conference and turn its credits into a continuing-learning activity."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from playwright.sync_api import expect

from medpath.accounts.models import User
from medpath.usertime import user_today
from medpath.wording import day
from tests.e2e.conftest import assert_accessible

PASSWORD = "a long browser passphrase"


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_coffee_with_a_mentor_then_a_conference_whose_credits_count(page: Any, transactional_db: None) -> None:
    user = User.objects.create_user("resident@example.org", PASSWORD, full_name="Rae Resident")
    today = user_today(user)
    coffee = today - timedelta(days=3)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/accounts/login/?next=/network/")
    page.get_by_label("E-mail address").fill("resident@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contacts and mentors")

    page.get_by_role("link", name="Add a contact").click()
    page.get_by_label("Name").fill("Dr. Elena Park")
    page.get_by_label("Tags").fill("mentor")
    page.get_by_label("A mentor of mine").check()
    page.get_by_label("Follow up every (days)").fill("42")
    _fits(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dr. Elena Park")
    expect(page.get_by_label("Date")).to_have_value(today.isoformat())  # "Log an interaction" offers today
    page.get_by_label("Date").fill(coffee.isoformat())
    page.get_by_label("How").select_option("in_person")
    page.get_by_label("Notes").fill("Coffee: research year or not.")
    page.get_by_role("button", name="Log it").click()
    next_due = day(coffee + timedelta(days=42))
    expect(page.locator("#next-follow-up")).to_contain_text(next_due)
    expect(page.get_by_text(f"Next follow-up {next_due}.")).to_be_visible()
    _fits(page)
    assert_accessible(page)

    page.goto("/network/events/new/")
    page.get_by_label("Kind", exact=True).select_option("conference")
    page.get_by_label("Title", exact=True).fill("Regional surgical society meeting")
    page.get_by_label("Starts", exact=True).fill((today - timedelta(days=12)).isoformat())
    page.get_by_label("Ends (optional)").fill((today - timedelta(days=10)).isoformat())
    page.get_by_label("Your role").select_option("poster")
    page.get_by_label("Dr. Elena Park").check()
    page.get_by_label("Credits it gave (optional)").fill("12.5")
    page.get_by_label("Kind of credit (optional)").select_option("ama_pra_cat1")
    _fits(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Events")
    _fits(page)
    assert_accessible(page)
    expect(page.get_by_label("Keep it anyway if it falls outside every renewal cycle")).to_be_hidden()  # closed
    page.get_by_text("Count these credits", exact=True).click()
    checkbox = page.get_by_label("Keep it anyway if it falls outside every renewal cycle")
    expect(checkbox).to_be_visible()
    _fits(page)
    page.get_by_role("button", name="Count the credits").click()
    expect(page.get_by_text("now count")).to_be_visible()
    expect(page.get_by_text("Regional surgical society meeting").first).to_be_visible()
    page.goto("/network/events/")
    expect(page.get_by_text("counted")).to_be_visible()
    expect(page.get_by_text("Count these credits", exact=True)).to_have_count(0)


def test_the_contact_filters_are_full_size_on_a_phone_and_in_one_grid_on_a_laptop(page: Any, transactional_db: None) -> None:
    """At 390 px every filter control is a full-width, finger-sized field; at 1280 px they share one row."""
    user = User.objects.create_user("resident@example.org", PASSWORD, full_name="Rae Resident")
    from medpath.network.services.contacts import contact_save

    contact_save(user=user, name="Dr. Elena Park", tags=["mentor"])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/accounts/login/?next=/network/")
    page.get_by_label("E-mail address").fill("resident@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("1 contact.")).to_be_visible()
    for label in ("Tag", "Mentors", "Not contacted for at least (days)", "Sort by"):
        box = page.get_by_label(label, exact=False).first.bounding_box()
        assert box is not None
        assert box["height"] >= 36, (label, box)
        assert box["width"] >= 300, (label, box)
    _fits(page)
    page.get_by_label("Not contacted for at least (days)").fill("-3")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("Give a number of days from 0 to 36,500")).to_be_visible()
    expect(page.get_by_role("link", name="Clear filters")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    tops = {round(page.get_by_label(label).first.bounding_box()["y"]) for label in ("Mentors", "Sort by")}
    assert len(tops) == 1, tops
    assert_accessible(page)
