"""What a person reads on a page: its text outside tags, scripts, styles and the typed-in parts (code, pre, kbd)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

HIDDEN = frozenset({"script", "style", "code", "pre", "kbd", "template"})
SNAKE_CASE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def read(html: str | bytes) -> tuple[str, list[str]]:
    """The visible text (whitespace collapsed) and the links of a page."""
    reader = _Reader()
    reader.feed(html.decode() if isinstance(html, bytes) else html)
    return re.sub(r"\s+", " ", " ".join(reader.parts)).strip(), reader.links


def visible_text(html: str | bytes) -> str:
    """The words a person reads on the page."""
    return read(html)[0]


def rough_text(text: str) -> list[str]:
    """Codes and rough wording in visible text: snake_case words, '(s)' plurals, amounts ending in .00, ISO dates."""
    found = [match.group(0) for match in SNAKE_CASE.finditer(text)]
    found += re.findall(r"\w+\(s\)", text)
    found += re.findall(r"\b\d+\.00\b", text)
    found += re.findall(r"\b(?:19|20)\d\d-\d\d-\d\d\b", text)
    return found
