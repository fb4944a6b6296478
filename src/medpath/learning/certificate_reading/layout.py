"""How a certificate's text is laid out: its lines, its labels, and label rows above value rows. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterator

from medpath.learning.certificate_reading.patterns import UNIT, dates_in, is_number_line, leading_number, unit_at

MAX_TEXT = 20_000
MAX_LINE = 1_000


def clean_lines(text: str) -> list[str]:
    """The text's non-empty lines, spaces collapsed, trademark signs dropped; at most ``MAX_TEXT`` characters and
    ``MAX_LINE`` per line (a certificate is a page: anything longer is noise, and reading stays bounded)."""
    lines = []
    for raw in text[:MAX_TEXT].replace("\u00a0", " ").replace("™", "").replace("®", "").splitlines():
        line = re.sub(r"\s+", " ", raw).strip()[:MAX_LINE]
        if line and line not in {"TM"}:
            lines.append(line)
    return lines


_NUMBER_IN_LABEL = re.compile(r"\d")
_LABEL_WORDS = re.compile(
    r"^(?:date|dates|course|session|credit|credits|hours|ceus?|contact|provider|number|attendee|department|time|name|"
    r"activity|format|title|program|programme|module|completion|completed|type|learner|ce|"
    r"participant|technologist|physician|series|placement|length|level|id|#|approver|code)\b",
    re.IGNORECASE,
)


def is_label(line: str) -> bool:
    """A short field name (a table header or a form label), not a sentence or a value."""
    stripped = line.rstrip(":").strip()
    if not stripped or len(stripped.split()) > 7 or stripped.endswith(".") or "·" in stripped:
        return False
    if _NUMBER_IN_LABEL.search(UNIT.sub("", stripped)):
        return False
    return bool(UNIT.search(stripped) or _LABEL_WORDS.search(stripped))


def checked_pairs(labels: list[str], values: list[str]) -> list[tuple[str, str]] | None:
    """Labels paired with values when each typed label's value has its kind; None when any does not."""
    if any(is_label(value) and is_number_line(value) is None and not dates_in(value) for value in values[:1]):
        return None
    pairs = list(zip(labels, values, strict=True))
    for label, value in pairs:
        lowered = label.lower()
        if unit_at(label) or re.search(r"\b(credits?|hours|ceus?)\b", lowered):
            if leading_number(value) is None:
                return None
        elif re.search(r"\bdate\b|completed|completion", lowered) and "dates" not in lowered:
            if not dates_in(value):
                return None
        elif re.search(r"number|#|\bid\b", lowered) and not re.search(r"\d", value):
            return None
    return pairs


def label_rows(lines: list[str]) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    """Rows of k labels followed by a row of k values (a two-row table read column by column), with the index
    of the value row: only when every typed label gets a value of its kind and no second row of the same shape
    follows (a longer table, whose rows cannot be told apart this way)."""
    index = 0
    while index < len(lines):
        run = index
        while run < len(lines) and is_label(lines[run]) and is_number_line(lines[run]) is None:
            run += 1
        k = run - index
        if k >= 2 and run + k <= len(lines):
            labels = lines[index:run]
            pairs = checked_pairs(labels, lines[run : run + k])
            repeated = run + 2 * k <= len(lines) and checked_pairs(labels, lines[run + k : run + 2 * k]) is not None
            if pairs is not None and not repeated:
                yield run, pairs
                index = run + k
                continue
        index = max(run, index + 1)
