"""Whole-app check: every page the demo people and a new, empty account reach is written in words, not codes."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.test import Client

from medpath.accounts.models import User
from medpath.demo import demo_load
from tests.conftest import make_user
from tests.pagetext import read, rough_text

# Files, not pages, and links that act or leave.
NOT_PAGES = (
    "/logout",
    "/api/",
    "/certificate",
    "/packet",
    "sample",
    "/export",
    "/download",
    ".ics",
    ".csv",
    ".pdf",
    ".zip",
    "/static/",
)
SHARED = ("/careers/",)  # the same for everyone: read once


def _pages(browser: Client, shared_seen: set[str], broken: list[str]) -> dict[str, str]:
    """Each page reachable by links from the dashboard, with its visible text; a link that does not answer 200 or a
    redirect is listed in ``broken`` (a 500 page has no rough words to find)."""
    texts: dict[str, str] = {}
    queue = ["/"]
    while queue:
        url = queue.pop()
        if url in texts or url in shared_seen:
            continue
        if url.startswith(SHARED):
            shared_seen.add(url)
        response = browser.get(url)
        if response.status_code not in {200, 301, 302}:
            broken.append(f"{url} answered {response.status_code}")
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            texts[url] = ""
            continue
        texts[url], links = read(response.content)
        for href in links:
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith("/") or any(marker in href for marker in NOT_PAGES):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return texts


def test_no_page_shows_codes_or_rough_text(db) -> None:
    """No snake_case word, '(s)' plural, '.00' amount or ISO date outside <code>/<pre>/<kbd> on any linked page."""
    demo_load()
    make_user("new@example.org", full_name="New Person")
    shared_seen: set[str] = set()
    found: list[str] = []
    broken: list[str] = []
    for user in User.objects.order_by("email"):
        browser = Client()
        browser.force_login(user)
        pages = _pages(browser, shared_seen, broken)
        assert len(pages) >= 15, f"only {len(pages)} pages reached for {user.email}"
        found += [f"{user.email} {url}: {rough}" for url, text in pages.items() for rough in rough_text(text)]
    assert not broken, "\n".join(broken)
    assert not found, "\n".join(found)


def test_no_form_offers_dashes_as_a_choice(alice_client) -> None:
    """Django's "---------" opened the kind and setting lists (found by a newcomer); they read "Choose one" or "—"."""
    from tests.test_no_writes_on_get import parameterless_get_routes

    pages = [page for page in parameterless_get_routes() if not page.startswith("/api/")]
    offending = []
    for page in pages:
        answer = alice_client.get(page)
        if answer.streaming:  # a download (the archive), not a page: read to the end, which closes its file
            b"".join(answer.streaming_content)
        elif b"---------" in answer.content:
            offending.append(page)
    assert offending == []
