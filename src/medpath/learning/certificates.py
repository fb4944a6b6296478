"""Reading a PDF certificate to prefill the activity form (the user confirms every value)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_PATTERNS = (
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "%Y-%m-%d"),
    (re.compile(rf"\b(?:{_MONTHS}) \d{{1,2}}, \d{{4}}\b"), "%B %d, %Y"),
    (re.compile(rf"\b\d{{1,2}} (?:{_MONTHS}) \d{{4}}\b"), "%d %B %Y"),
    (re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b"), "%m/%d/%Y"),
)
_CREDITS = re.compile(
    r"(\d{1,3}(?:\.\d{1,2})?)\s*"
    r"(contact hours?|nursing contact hours?|AMA PRA Category 1 Credits?|CME credits?|CE credits?|CEUs?)",
    re.IGNORECASE,
)
# Longest prefixes first: "CEU" must not be read as "CE" (a tenfold undercount).
_TYPES = (
    ("ceu", "ceu"),
    ("contact", "contact_hours"),
    ("nursing", "contact_hours"),
    ("ama", "ama_pra_cat1"),
    ("cme", "ama_pra_cat1"),
    ("ce", "contact_hours"),
)


@dataclass(frozen=True)
class Prefill:
    """What could be read off a certificate; any part may be missing."""

    title: str = ""
    completed_on: date | None = None
    amount: str = ""
    credit_type: str = ""


def pdf_text(stream: IO[Any], max_pages: int = 3) -> str:
    """The text of a PDF's first pages ('' when it has none, e.g. a scan)."""
    try:
        reader = PdfReader(stream)
        return "\n".join((page.extract_text() or "") for page in reader.pages[:max_pages])
    except (PdfReadError, ValueError, KeyError, OSError):
        return ""


def read_fields(text: str) -> Prefill:
    """Title, completion date and credits found in certificate text."""
    found_date = None
    for pattern, layout in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            try:
                found_date = datetime.strptime(match.group(0), layout).date()
                break
            except ValueError:
                continue
    amount, credit_type = "", ""
    credits = _CREDITS.search(text)
    if credits:
        amount = credits.group(1)
        label = credits.group(2).lower()
        credit_type = next((kind for key, kind in _TYPES if label.startswith(key)), "contact_hours")
    title = ""
    for line in (re.sub(r"^(course )?title\s*:\s*", "", line.strip(), flags=re.IGNORECASE) for line in text.splitlines()):
        lowered = line.lower()
        if 12 <= len(line) <= 200 and not any(
            word in lowered for word in ("certificate", "certif", "awarded", "presented to", "this is to")
        ):
            title = line
            break
    return Prefill(title=title, completed_on=found_date, amount=amount, credit_type=credit_type)
