"""Whole-app check (b): every page a demo person can reach from the dashboard, in a real browser at 390×844.

The pages are found by following links, so a page added by a later pillar is visited without anyone listing it
here. Each page fails on sideways overflow (of the page, or a box that scrolls or spills inside it), on a serious
or critical axe violation, and on snake_case vocabulary in the visible text outside ``<code>`` (a raw code such as
``contact_hours`` shown to a person). Pages that differ only by a record's id are visited twice at most.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from medpath.demo import DEMO_PASSWORD, DEMO_PEOPLE, demo_load

PHONE = {"width": 390, "height": 844}
# Not pages: downloads, the API, leaving, and links that act (a GET that only asks for confirmation is a page).
SKIP = re.compile(r"^/(api/|static/|admin/|accounts/logout)|\.(csv|pdf|zip|ics|json|svg|txt|vcf|xlsx)$|/(download|export)/?$")
SAME_KIND = re.compile(r"/\d+(?=/|$)")
PER_KIND = 2

# Boxes wider than the screen, or scrolling sideways inside it; ignores what nobody sees (hidden, or inside the
# one-pixel visually-hidden pattern, as the header row of a reflowed table is).
OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  // Only the visually-hidden pattern (an ancestor clipped to a pixel for screen readers) is exempt: content cut
  // off by an ordinary overflow:hidden box is a fault, as a table column pushed off-screen was.
  const clipped = (el) => {
    for (let up = el; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      const box = up.getBoundingClientRect();
      if (style.position === 'absolute' && (style.clip !== 'auto' || style.clipPath !== 'none') && box.width <= 1) return true;
    }
    return false;
  };
  if (document.documentElement.scrollWidth > width + 1) found.push(`the page is ${document.documentElement.scrollWidth}px wide`);
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || el.closest('[hidden], .visually-hidden, .sr-only')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    if (box.right > width + 1 && !clipped(el)) found.push(`${name} ends at ${Math.round(box.right)}px`);
    else if (['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) found.push(`${name} scrolls sideways (${el.scrollWidth}px in ${el.clientWidth}px)`);
    if (found.length > 5) break;
  }
  return found;
}
"""

# Visible words with an underscore between lower-case letters, outside code.
SNAKE_JS = """
() => {
  const found = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest('code, pre, kbd, samp, script, style, template, [hidden], [aria-hidden=true]')) continue;
    if (parent.offsetParent === null && getComputedStyle(parent).position !== 'fixed') continue;
    for (const match of node.textContent.matchAll(/\\b[a-z]+(?:_[a-z0-9]+)+\\b/g)) found.add(match[0]);
  }
  return [...found];
}
"""


def _same_origin_links(page: Any, origin: str) -> list[str]:
    # a link marked download (a list as CSV or XLSX, a sample file) is a file, not a page
    hrefs: list[str] = page.eval_on_selector_all("a[href]:not([download])", "links => links.map(link => link.href)")
    paths = []
    for href in hrefs:
        url, _ = urldefrag(href)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" == origin and not SKIP.search(parts.path):
            paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def _log_in(page: Any, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)


@pytest.mark.parametrize("person", [*DEMO_PEOPLE, None], ids=lambda person: person.email.split("@")[0] if person else "visitor")
def test_every_page_fits_a_phone_reads_well_and_passes_axe(
    browser: Any, live_server: Any, transactional_db: None, person: Any
) -> None:
    """Each demo person, and a visitor who is not logged in."""
    demo_load()
    context = browser.new_context(base_url=live_server.url, locale="en-US", viewport=PHONE)
    context.set_default_timeout(15_000)
    page = context.new_page()
    axe = Axe()
    try:
        if person is not None:
            _log_in(page, person.email)
        origin = live_server.url.rstrip("/")
        queue, seen, per_kind = deque(["/"]), {"/"}, dict[str, int]()
        problems: dict[str, list[str]] = {}
        visited = 0
        while queue:
            path = queue.popleft()
            answer = page.goto(path)
            visited += 1
            found: list[str] = []
            if answer is None or answer.status >= 400:
                found.append(f"answered {answer.status if answer else 'nothing'}")
            found += page.evaluate(OVERFLOW_JS)
            found += [f"shows the code {word!r}" for word in page.evaluate(SNAKE_JS)]
            violations = axe.run(page).response["violations"]
            found += [
                f"axe {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
                for v in violations
                if v.get("impact") in {"serious", "critical"}
            ]
            if found:
                problems[path] = found
            for link in _same_origin_links(page, origin):
                kind = SAME_KIND.sub("/N", urlsplit(link).path)
                if link not in seen and per_kind.get(kind, 0) < PER_KIND:
                    seen.add(link)
                    per_kind[kind] = per_kind.get(kind, 0) + 1
                    queue.append(link)
        report = "\n".join(f"{path}: " + "; ".join(found) for path, found in sorted(problems.items()))
        who = person.email if person else "a visitor"
        assert visited >= (15 if person else 3), f"only {visited} pages reachable from the start for {who}"
        assert not problems, f"{len(problems)} of {visited} pages for {who} at 390×844:\n{report}"
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_navigation_is_a_menu_on_a_phone_and_a_row_on_a_desktop(
    browser: Any, live_server: Any, transactional_db: None, javascript: bool
) -> None:
    """Nine links wrapped over three rows on a phone; the menu opens without JavaScript (details/summary)."""
    demo_load()
    context = browser.new_context(base_url=live_server.url, locale="en-US", viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    try:
        _log_in(page, DEMO_PEOPLE[0].email)
        navigation = page.get_by_role("navigation", name="Main")
        assert navigation.bounding_box()["height"] < 80  # one row: the name and the menu button
        expect(navigation.get_by_role("link", name="Credentials")).to_be_hidden()
        navigation.get_by_text("Menu").click()
        navigation.get_by_role("link", name="Credentials").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Credentials")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        page.set_viewport_size({"width": 1280, "height": 800})
        expect(navigation.get_by_text("Menu")).to_be_hidden()
        expect(navigation.get_by_role("link", name="Experience")).to_be_visible()
    finally:
        context.close()
