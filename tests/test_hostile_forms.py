"""Whole-app check (c), the pages' half: every form on every page the demo resident (or a visitor) reaches by links
from the front page is sent back with each of its fields in turn made hostile, and must answer without a 5xx;
afterwards every one of those pages still answers. Pages and forms are found by following links, so a form added by
a later pillar is attacked too (a form seen on several pages is attacked once; forms that only delete or revoke are
left alone, so the rest can be reached).
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from medpath.accounts.models import User
from medpath.demo import DEMO_PEOPLE, demo_load
from tests.crawl import linked_pages

HOSTILE = {
    "nul": "Clinic \x00",
    "end-of-time": "9999-12-31",
    "before-time": "0001-01-01",
    "huge-number": "18446744073709551616",
    "long": "x" * 100_000,
    # Past common column sizes (255) but under a form's default e-mail length (320): a valid-looking address.
    "over-255": "d" * 288 + "@example.org",
    "formula": '=HYPERLINK("http://example.org")',
}


# What a person would type into an empty field of each kind, so the rest of the form is valid and the hostile
# value reaches the services behind it.
PLAUSIBLE = {
    "email": "someone@example.org",
    "password": "a long and unusual passphrase 7",
    "date": "2026-10-05",
    "time": "07:00",
    "number": "2",
    "url": "https://example.org",
    "tel": "5550100",
    "text": "Clinic note",
    "textarea": "Shadowed rounds.",
    "search": "",
}


class _Forms(HTMLParser):
    """The POST forms of a page: action and fields (name -> its value, or a plausible one when empty)."""

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
            kind = "textarea" if tag == "textarea" else found.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in found:
                return
            if kind not in {"file", "submit"}:
                self._current.setdefault(found["name"], found.get("value", "") or PLAUSIBLE.get(kind, ""))
            if tag == "select":
                self._select = found["name"]
        elif tag == "option" and self._select and self._current is not None and not self._current.get(self._select):
            self._current[self._select] = found.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


# Forms that only act (nothing to type) and would take away what the rest of the run attacks.
ACTS = ("logout", "delete", "revoke", "withdraw", "remove")


@pytest.mark.parametrize("who", ["resident", "visitor"])
def test_every_form_survives_hostile_values(db: None, who: str) -> None:
    """The demo resident's pages and forms, and a visitor's (log in, sign up, reset a password)."""
    demo_load()
    person = next(person for person in DEMO_PEOPLE if "resident" in person.email)
    user = User.objects.get(email=person.email)
    browser = Client()

    def login() -> None:
        if who == "resident":
            browser.force_login(user)
        else:
            browser.logout()

    problems: list[str] = []
    attacked = 0
    seen: set[tuple[str, tuple[str, ...]]] = set()
    pages = linked_pages(browser, login)
    for page in pages:
        login()
        answer = browser.get(page)
        parser = _Forms()
        parser.feed(answer.content.decode())
        for action, fields in parser.forms:
            target = action or page
            if any(word in target for word in ACTS) or (target, tuple(sorted(fields))) in seen:
                continue
            seen.add((target, tuple(sorted(fields))))
            for name in [name for name in fields if name != "csrfmiddlewaretoken"]:
                for label, value in HOSTILE.items():
                    login()
                    try:
                        sent = browser.post(target, {**fields, name: value})
                        status: Any = sent.status_code
                    except Exception as error:  # reported with the others
                        status = type(error).__name__
                    attacked += 1
                    if not isinstance(status, int) or status >= 500:
                        problems.append(f"{target} {name}={label}: {status}")
    login()
    for page in pages:
        status = browser.get(page).status_code
        if status >= 500:
            problems.append(f"afterwards GET {page}: {status}")
    assert attacked > (100 if who == "resident" else 20), f"only {attacked} hostile submissions: are the forms found?"
    assert not problems, "\n".join(problems[:40])
