"""Whole-app check (c), the pages' half: every form on every page the demo resident opens without parameters is
sent back with each of its fields in turn made hostile, and must answer without a 5xx; afterwards every page still
answers. The forms are read from the pages themselves, so a form added by a later pillar is attacked too (a form
seen on several pages is attacked once).
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from django.test import Client

from medpath.accounts.models import User
from medpath.demo import DEMO_PEOPLE, demo_load
from tests.test_no_writes_on_get import parameterless_get_routes

HOSTILE = {
    "nul": "Clinic \x00",
    "end-of-time": "9999-12-31",
    "before-time": "0001-01-01",
    "huge-number": "18446744073709551616",
    "long": "x" * 100_000,
    "formula": '=HYPERLINK("http://example.org")',
}
PAGES = [page for page in parameterless_get_routes() if not page.startswith("/api/") and not page.startswith("/accounts/logout")]


class _Forms(HTMLParser):
    """The POST forms of a page: action and fields (name -> a valid-looking value)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._current: dict[str, str] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form" and found.get("method", "get").lower() == "post":
            self._current = {}
            self.forms.append((found.get("action", ""), self._current))
        elif self._current is not None and tag in {"input", "textarea", "select"} and found.get("name"):
            kind = found.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in found:
                return
            if kind != "file":
                self._current.setdefault(found["name"], found.get("value", ""))
            if tag == "select":
                self._select = found["name"]
        elif tag == "option" and self._select and self._current is not None and not self._current.get(self._select):
            self._current[self._select] = found.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


def test_every_form_survives_hostile_values(db: None) -> None:
    demo_load()
    person = next(person for person in DEMO_PEOPLE if "resident" in person.email)
    user = User.objects.get(email=person.email)
    browser = Client()
    problems: list[str] = []
    attacked = 0
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for page in PAGES:
        browser.force_login(user)
        answer = browser.get(page)
        if answer.status_code != 200 or not answer["Content-Type"].startswith("text/html"):
            continue
        parser = _Forms()
        parser.feed(answer.content.decode())
        for action, fields in parser.forms:
            target = action or page
            if "logout" in target or (target, tuple(sorted(fields))) in seen:
                continue
            seen.add((target, tuple(sorted(fields))))
            for name in [name for name in fields if name != "csrfmiddlewaretoken"]:
                for label, value in HOSTILE.items():
                    browser.force_login(user)
                    try:
                        sent = browser.post(target, {**fields, name: value})
                        status: Any = sent.status_code
                    except Exception as error:  # reported with the others
                        status = type(error).__name__
                    attacked += 1
                    if not isinstance(status, int) or status >= 500:
                        problems.append(f"{target} {name}={label}: {status}")
    browser.force_login(user)
    for page in parameterless_get_routes():
        status = browser.get(page).status_code
        if status >= 500:
            problems.append(f"afterwards GET {page}: {status}")
    assert attacked > 100, f"only {attacked} hostile submissions: are the forms found?"
    assert not problems, "\n".join(problems[:40])
