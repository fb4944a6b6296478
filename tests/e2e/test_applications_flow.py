"""Application exports in a real browser on a 390-px phone: pick two experiences into an AMCAS draft, type past the
description's limit and watch the count and the over-limit message, fix it, and open the paste view."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from playwright.sync_api import expect

from medpath.accounts.models import User
from medpath.experience.models import ExperienceEntry
from tests.e2e.conftest import assert_accessible

PASSWORD = "a long browser passphrase"


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_two_experiences_into_an_amcas_draft_past_the_limit_and_back(page: Any, transactional_db: None) -> None:
    user = User.objects.create_user("premed@example.org", PASSWORD, full_name="Pat Premed")
    for title, kind in (("ED scribe", "clinical_work"), ("Cardiology shadowing", "shadowing")):
        ExperienceEntry(
            owner=user,
            kind=kind,
            title=title,
            organization="Mercy Hospital",
            started_on=date(2025, 1, 6),
            ended_on=date(2025, 5, 30),
            hours=Decimal("120"),
            description="Short.",
        ).save()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/accounts/login/?next=/applications/")
    page.get_by_label("E-mail address").fill("premed@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Application exports")
    page.get_by_label("Application", exact=True).select_option("amcas")
    page.get_by_label("Season", exact=True).fill("2027")
    page.get_by_label("Title", exact=True).fill("AMCAS 2027")
    page.get_by_role("button", name="Start the draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("AMCAS 2027")
    _fits(page)
    assert_accessible(page)

    for title in ("ED scribe", "Cardiology shadowing"):
        page.get_by_label(title).check()
        page.get_by_role("button", name="Copy into the draft").click()
        expect(page.get_by_text("copied into the draft")).to_be_visible()
    expect(page.get_by_role("heading", name="Experiences (2 of 15)")).to_be_visible()

    page.get_by_role("link", name="ED scribe").click()
    description = page.locator("#id_description")
    description.fill("a" * 612)
    expect(page.locator("#id_description_count")).to_contain_text("612 / 700")
    description.fill("a" * 784)
    expect(page.locator("#id_description_count")).to_contain_text("784 / 700")
    expect(page.locator("#id_description_count")).to_contain_text("84 characters over the 700 AMCAS allows")
    page.get_by_label("Most meaningful", exact=True).check()
    page.get_by_label("Why it was most meaningful").fill("It showed me what care asks of a team.")
    _fits(page)
    page.get_by_role("button", name="Save").click()  # the server keeps the text and says the same
    expect(page.get_by_text("84 characters over the 700 AMCAS allows").first).to_be_visible()
    assert_accessible(page)

    page.locator("#id_description").fill("a" * 690)
    expect(page.locator("#id_description_count")).to_contain_text("690 / 700")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("AMCAS 2027")
    page.get_by_role("button", name="Mark ready to paste").click()
    expect(page.get_by_text("Marked ready to paste.").first).to_be_visible()

    page.get_by_role("link", name="Ready to paste", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ready to paste")
    expect(page.get_by_label("Experience type").first).to_have_value("Paid Employment – Medical/Clinical")
    expect(page.get_by_role("button", name=re.compile(r"^Copy\W+Experience description of ED scribe$"))).to_be_visible()
    _fits(page)
    assert_accessible(page)
