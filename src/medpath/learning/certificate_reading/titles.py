"""The activity's title: after what the holder did, or under its label; never the holder's name. Pure."""

from __future__ import annotations

import re

from medpath.learning.certificate_reading.layout import is_label
from medpath.learning.certificate_reading.patterns import dates_in

_DID = re.compile(
    r"^(?:(?:has|have)\s+)?(?:(?:successfully|satisfactorily)\s+)?(?:for\s+)?(?:successfully\s+)?"
    r"(?:completed|completing|attended|participated\s+in(?:\s+and\s+completed)?|participation\s+in|for|"
    r"(?:has\s+been\s+)?awarded\s+.{3,80}\s+for)"
    r"(?:\s+the(?:\s+[\w-]+){0,2}\s+(?:activity|program|programme|workshop|course|module|session|series))?"
    r"(?:\s+(?:[A-Z][\w-]*\s+){1,3}(?:Grand\s+)?Rounds)?(?:\s+in)?$",
    re.IGNORECASE,
)
_TITLE_LABEL = re.compile(
    r"^(?:activity|course|course title|activity title|program title|programme|session|title|series)(?:\s*:\s*(.+)|\s*:?)$",
    re.IGNORECASE,
)
_CARD = re.compile(r"^(?:BLS|ACLS|PALS|PEARS|ACLS EP|Heartsaver [A-Za-z ]+) Provider$")
_STOP = re.compile(
    r"^(?:this|these|the\s+\w+\s+(?:is|has|designates)|and\s|on\s|held\s|date|completed|completion|course\s+dates|"
    r"activity\s+(?:dates|type|id|code)|class\s+of|issues?\s|post-test|format|release|placement|provider|credit|"
    r"contact\s+hours|in\s+support|jointly|awarded|presented|see\s|page\s)",
    re.IGNORECASE,
)
_CODE = re.compile(r"^[A-Z]{2,5}\s?\d{3,4}[A-Z]?\s+(?=[A-Z])")


def title_of(lines: list[str]) -> tuple[str | None, str]:
    """The activity's title, from what the holder did or from its label; None when unclear."""
    found: list[tuple[str, str]] = []
    for index, line in enumerate(lines):
        if _DID.match(line) and index + 1 < len(lines):
            title = _title_from(lines, index + 1)
            if title:
                found.append((title, f"{line} {title}"))
        if _CARD.match(line) and any("American Heart Association" in other for other in lines):
            found.append((line, line))
        label = _TITLE_LABEL.match(line)
        if label:
            rest = (label.group(1) or "").strip()
            if rest and not dates_in(rest):
                found.append((rest, line))
            elif not rest and index + 1 < len(lines) and not is_label(lines[index + 1]):
                value = lines[index + 1]
                if not dates_in(value) and not re.search(r"\d{3,}", value):
                    found.append((value, f"{line} {value}"))
    titles = {title.casefold() for title, _ in found}
    if len(titles) != 1:
        return None, ""
    return found[0]


def _title_from(lines: list[str], start: int) -> str | None:
    """One to three lines of a title (wrapped), ending before a date, a label or a sentence."""
    parts: list[str] = []
    for line in lines[start : start + 4]:
        continues = bool(parts) and (
            parts[-1].endswith((":", "-", "–")) or re.search(r"\b(?:in|of|and|for|the|to|with|a|an|on)$", parts[-1])
        )
        if parts and not continues:
            # A wrapped title's last words: short, capitalised, and followed by a date, a label or a sentence.
            after = lines[lines.index(line, start) + 1] if lines.index(line, start) + 1 < len(lines) else ""
            if (
                _STOP.match(line)
                or is_label(line)
                or dates_in(line)
                or re.search(r"\d", line)
                or line.endswith(".")
                or len(line.split()) > 4
                or not line[:1].isupper()
                or not (not after or _STOP.match(after) or is_label(after) or dates_in(after) or after.endswith("."))
            ):
                break
        elif parts and (dates_in(line) or _STOP.match(line)):
            return None  # a title that ends with ":" or "of" must go on: it is cut off, so no title
        if not parts and (_STOP.match(line) or dates_in(line) or line.endswith(".")):
            return None
        parts.append(line)
        if len(parts) == 3:
            break
    title = " ".join(parts).strip()
    title = _CODE.sub("", title)
    if not title or title.endswith((":", "-", "–")) or len(title) > 200:
        return None
    return title.strip(' "“”')
