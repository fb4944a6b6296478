"""The activity's title: after what the holder did, or under its label; never the holder's name. Pure."""

from __future__ import annotations

import re

from medpath.learning.certificate_reading.layout import is_label
from medpath.learning.certificate_reading.patterns import dates_in, is_number_line

_DID = re.compile(
    r"^(?:(?:has|have)\s+)?(?:(?:successfully|satisfactorily)\s+)?(?:for\s+)?(?:successfully\s+)?"
    r"(?:completed|completing|attended|attending|participated\s+in(?:\s+and\s+completed)?|participation\s+in|for|"
    r"in\s+recognition\s+of\s+(?:completing|attending)|for\s+(?:the\s+)?successful\s+completion\s+of|"
    r"(?:was|were)\s+in\s+attendance\s+at|(?:has\s+been\s+)?awarded\s+.{3,80}\s+for)"
    r"(?:\s+the(?:\s+[\w-]+){0,2}\s+(?:activity|program|programme|workshop|course|module|session|series|conference))?"
    r"(?:\s+(?:[A-Z][\w-]*\s+){1,3}(?:Grand\s+)?Rounds)?(?:\s+in|\s+the)?$",
    re.IGNORECASE,
)
# What a label names: the activity itself (strong), or the series it belongs to (used only when nothing else is named).
_TITLE_LABEL = re.compile(
    r"^(?:activity|course|course title|activity title|program title|programme|session|topic|presentation)"
    r"(?:\s*:\s*(.+)|\s*:?)$",
    re.IGNORECASE,
)
# Weak: a series, or a bare "Title" — which beside Name, Department … is a job title, not the activity's.
_SERIES_LABEL = re.compile(r"^(?:series|title)(?:\s*:\s*(.+)|\s*:?)$", re.IGNORECASE)
_PERSON_FIELD = re.compile(
    r"^(?:name|employee|department|unit|position|role|credentials?|participant|learner|attendee|physician|nurse)\b",
    re.IGNORECASE,
)
_CARD = re.compile(r"^(?:BLS|ACLS|PALS|PEARS|ACLS EP|Heartsaver [A-Za-z ]+) Provider$")
_STOP = re.compile(
    r"^(?:this|these|the\s+\w+\s+(?:is|has|designates)|and\s|on\s|held\s|date|completed|completion|course\s+dates|"
    r"activity\s+(?:dates|type|id|code)|class\s+of|issues?\s|post-test|format|release|placement|provider|credit|"
    r"contact\s+hours|in\s+support|jointly|awarded|presented|see\s|page\s|time\b|location|instructor|faculty|speaker)",
    re.IGNORECASE,
)
_CODE = re.compile(r"^[A-Z]{2,5}\s?\d{3,4}[A-Z]?\s+(?=[A-Z])")


def title_of(lines: list[str]) -> tuple[str | None, str]:
    """The activity's title, from what the holder did or from its label; None when unclear."""
    found = _candidates(lines, _TITLE_LABEL, with_actions=True)
    if not found:
        found = _candidates(lines, _SERIES_LABEL, with_actions=False)
    titles = {title.casefold() for title, _ in found}
    if len(titles) != 1:
        return None, ""
    return found[0]


def _candidates(lines: list[str], label_pattern: re.Pattern[str], *, with_actions: bool) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for index, line in enumerate(lines):
        if with_actions and _DID.match(line) and index + 1 < len(lines):
            title = _title_from(lines, index + 1)
            if title:
                found.append((title, f"{line} {title}"))
        if with_actions and _CARD.match(line) and any("American Heart Association" in other for other in lines):
            found.append((line, line))
        label = label_pattern.match(line)
        beside = (lines[index - 1] if index else "", lines[index + 1] if index + 1 < len(lines) else "")
        if label and label_pattern is _SERIES_LABEL and any(_PERSON_FIELD.match(other) for other in beside):
            label = None  # "Title: Staff Nurse" between "Name:" and "Department:"
        if label:
            rest = (label.group(1) or "").strip()
            if rest and not dates_in(rest):
                found.append((rest.strip(' "“”'), line))
            elif not rest and index + 1 < len(lines) and not is_label(lines[index + 1]):
                title = _title_from(lines, index + 1)
                if title and not re.search(r"\d{3,}", title):
                    found.append((title, f"{line} {title}"))
    return found


def _ends_title(line: str) -> bool:
    """A line that cannot be part of a title: a date, a label, a number, a statement."""
    return bool(
        not line
        or _STOP.match(line)
        or is_label(line)
        or dates_in(line)
        or re.match(r"[\d.]+\s", line + " ")
        or line.endswith(".")
        or len(line.split()) > 12
        or re.search(r"\s[·|•]\s", line)  # a line of details: "Fall 2026 · 3 semester credit hours · Grade: A"
        or re.fullmatch(r"[A-Z]{2,6}#?:?", line)  # an acronym label: UAN, NPI, ID
    )


def _title_from(lines: list[str], start: int) -> str | None:
    """One to three lines of a title (wrapped), ending before a date, a label or a statement; None when the title
    may be cut off (it ends with ":" or "of", or the line after it could still belong to it)."""
    parts: list[str] = []
    index = start
    while index < len(lines) and len(parts) < 3:
        line = lines[index]
        joins = bool(parts) and (
            parts[-1].endswith((":", "-", "–")) or re.search(r"\b(?:in|of|and|for|the|to|with|a|an|on)$", parts[-1])
        )
        if not parts:
            if dates_in(line) or _STOP.match(line) or is_label(line) or line.endswith(".") or is_number_line(line) is not None:
                return None
        elif joins:  # after "…:" or "… of" the title goes on, unless a date or a label comes
            if dates_in(line) or _STOP.match(line) or is_label(line):
                break
        elif _ends_title(line) or not (line[:1].isupper() and not re.search(r"\d", line) and len(line.split()) <= 8):
            break
        parts.append(line)
        index += 1
    following = lines[index] if index < len(lines) else ""
    if not parts or not _ends_title(following):
        return None  # the title may go on past what was read: better empty than cut off
    title = _CODE.sub("", " ".join(parts)).strip().strip(' "“”')
    if not title or title.endswith((":", "-", "–")) or re.search(r"\b(?:in|of|and|for|the|to|with)$", title) or len(title) > 200:
        return None
    return title
