"""The CV in a real browser, on a 390-px phone: add an award and a publication, choose and order sections (one
left out), download the PDF, and read it: the chosen sections are there in order, the unchosen one is not."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pypdf
from playwright.sync_api import expect

from medpath.accounts.models import User
from medpath.usertime import user_today
from tests.e2e.conftest import assert_accessible

PASSWORD = "a long browser passphrase"


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_choose_sections_download_the_pdf_and_read_it(page: Any, transactional_db: None) -> None:
    user = User.objects.create_user("resident@example.org", PASSWORD, full_name="Rae Resident")
    today = user_today(user)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/accounts/login/?next=/portfolio/awards/new/")
    page.get_by_label("E-mail address").fill("resident@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.get_by_label("Award", exact=True).fill("Intern teaching award")
    page.get_by_label("Given by (optional)").fill("Department of Surgery")
    page.get_by_label("Awarded on").fill((today - timedelta(days=30)).isoformat())
    _fits(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Awards and honours")

    page.goto("/portfolio/publications/new/")
    page.get_by_label("Kind").select_option("journal_article")
    page.get_by_label("Title", exact=True).fill("Hand-off errors on night float")
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publications")
    expect(page.get_by_text("“Hand-off errors on night float” saved.")).to_be_visible()

    page.goto("/portfolio/")
    expect(page.get_by_role("heading", level=1)).to_have_text("CV and portfolio")
    _fits(page)
    assert_accessible(page)
    page.get_by_role("checkbox", name="Publications", exact=True).uncheck()
    page.locator("#order-awards").fill("1")
    page.locator("#order-education").fill("2")
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download PDF").click()
    download = caught.value
    assert download.suggested_filename.startswith("Rae-Resident-cv-")
    assert download.suggested_filename.endswith(".pdf")
    data = Path(download.path()).read_bytes()
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "Rae Resident" in text
    assert "Awards and honours" in text
    assert "Intern teaching award" in text
    assert "Hand-off errors on night float" not in text  # its section was left out
    assert "Publications" not in text

    page.goto("/portfolio/")
    expect(page.get_by_role("checkbox", name="Publications", exact=True)).not_to_be_checked()
    expect(page.locator("#order-awards")).to_have_value("1")
    expect(page.get_by_text("Last CV made")).to_be_visible()
    _fits(page)
