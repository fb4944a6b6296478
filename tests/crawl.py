"""Pages reachable by links, for the whole-app checks that must cover pages added later without listing them."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from django.test import Client

SAME_KIND = re.compile(r"/\d+(?=/|$)")
NOT_PAGES: tuple[str, ...] = (
    "/logout",
    "/api/",
    "/static/",
    ".csv",
    ".pdf",
    ".zip",
    ".ics",
    "/export",
    "/download",
    "/packet",
    "/certificates/",
)
NOT_PAGES += ("format=csv", "format=xlsx")  # a list as a spreadsheet is a file, not a page


def linked_pages(browser: Client, login: Callable[[], None] = lambda: None) -> list[str]:
    """Pages reachable by links from the front page (two per kind of record), as the person ``login`` signs in."""
    queue, seen, per_kind, found = ["/"], {"/"}, dict[str, int](), []
    while queue:
        page = queue.pop(0)
        login()
        answer = browser.get(page)
        if answer.status_code != 200 or not answer["Content-Type"].startswith("text/html"):
            continue
        found.append(page)
        for href in re.findall(r'href="([^"#]+)"', answer.content.decode()):
            parts = urlsplit(href)
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            if parts.netloc or not parts.path.startswith("/") or any(marker in link for marker in NOT_PAGES):
                continue
            kind = SAME_KIND.sub("/N", parts.path)
            if link not in seen and per_kind.get(kind, 0) < 2:
                seen.add(link)
                per_kind[kind] = per_kind.get(kind, 0) + 1
                queue.append(link)
    return found
