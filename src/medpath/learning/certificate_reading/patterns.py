"""The words of certificates: credit units, amounts, what-may-be-earned phrases, dates. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# Longest and most specific first: "AOA Category 1-A" before "Category A", "CEU" is never "CE".
UNITS: tuple[tuple[str, str], ...] = (
    (r"AMA\s+PRA\s+Cat(?:egory|\.)?\s*1(?!\s*-)\s*(?:CME\s+)?(?:Credits?|Credit\(s\))?", "ama_pra_cat1"),
    (r"AMA\s+PRA\s+Cat(?:egory|\.)?\s*2\s*(?:Credits?|Credit\(s\))?", "ama_pra_cat2"),
    (r"AAPA\s+Category\s*1\s*(?:CME)?\s*(?:credits?)?", "aapa_cat1"),
    (r"AAPA\s+Category\s*2\s*(?:CME)?\s*(?:credits?)?", "aapa_cat2"),
    (r"AOA\s+Category\s*1-?A\s*(?:CME\s+)?(?:credits?)?", "aoa_cat1a"),
    (r"AOA\s+Category\s*1-?B\s*(?:CME\s+)?(?:credits?)?", "aoa_cat1b"),
    (r"(?:ABIM\s+|ABMS\s+|ABP\s+)?MOC(?:\s+Part\s+\d)?\s+points?", "moc_points"),
    (r"(?:ARRT\s+)?Category\s+A\+?\s*(?:CE\s+)?(?:credits?)?", "arrt_ce"),
    (r"CAPCE(?:\s+credits?)?(?:\s+(?:hours?|hrs?)\b\.?)?", "capce_hours"),
    (r"(?:IACET\s+|ASHA\s+)?CEUs?\b|continuing\s+education\s+units?", "ceu"),
    (r"semester\s+credit\s+hours?|academic\s+credits?", "academic_credits"),
    (r"(?:supervised\s+)?practice\s+hours?", "practice_hours"),
    (r"(?:ANCC\s+|NCPD\s+|ACPE\s+|nursing\s+|pharmacy\s+)?contact\s+hours?", "contact_hours"),
)
UNIT = re.compile("|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _) in enumerate(UNITS)), re.IGNORECASE)
NUMBER = r"(?<![\w.#/-])(\d{1,3}(?:\.\d{1,2})?|\.\d{1,2})(?![\w/-]|\.\d)"  # 3, 1.25, .5
# "designates … for a maximum of", "earn up to", "approved … for", "is designated for": what may be earned.
MAY_EARN = re.compile(  # re.MULTILINE: a profession's line starts a line
    r"designat\w*|maximum\s+of|\bup\s+to\b|\bapproved\b[^.\n]{0,160}?\bfor\b|\bis\s+approved\b|valid\s+for|"
    r"minimum\s+required|offered\s+for|eligible\s+for|\bavailable\b|\boffer(?:ed|s|ing)?\b|\bworth\b|\beach\b|"
    r"\bdepending\b|\bpending\b|\d\s*(?:to|-|–)\s*\d+(?:\.\d+)?\s+(?:contact|credit|CE|hour|AMA|CEU)|"
    # "Pharmacists: 2.0 contact hours (0.2 CEU)" in a joint-accreditation statement: what each profession may claim
    r"^\s*(?:physicians?|nurses?|pharmacists?|pharmacy\s+technicians?|PAs?|physician\s+assistants?|"
    r"dentists?|psychologists?|social\s+workers?|dietitians?|(?:other\s+)?(?:health\s*care\s+)?professionals?)\s*:|"
    r"\bper\s+(?:day|module|session|hour|activity|lecture)\b|"
    # conversion statements: "1 CEU = 10 contact hours", "One CEU is 10 contact hours"
    r"\s=\s|\bequals?\b|is\s+equal\s+to|\bone\s+CEU\s+is\b|\bCEUs?\s+(?:is|are)\s+\d",
    re.IGNORECASE | re.MULTILINE,
)
# A remark inside a statement ("2.0 (including 2.0 pharmacology hours)"): blocked from the keyword on, not the whole sentence.
PART_OF = re.compile(r"\(?\b(?:including|includes|of\s+which)\b[^)\n]*\)?", re.IGNORECASE)
EARNED = re.compile(r"claimed|awarded|earned|completed|credit\s+awarded|you\s+claimed|\btotal\b", re.IGNORECASE)
TOTAL = re.compile(r"\btotal\b", re.IGNORECASE)


def unit_at(text: str) -> str | None:
    """The credit type a unit phrase names, if ``text`` is one."""
    match = UNIT.search(text)
    if match is None:
        return None
    return next(UNITS[int(name[1:])][1] for name, value in match.groupdict().items() if value)


_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_DATES = (
    re.compile(r"(?<![\d/-])(?P<year>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])"),
    re.compile(r"(?<![\d/.-])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<year>\d{4})(?![\d/])"),
    re.compile(_MONTH + r"\s+(?P<d>\d{1,2}),?\s+(?P<year>\d{4})\b", re.IGNORECASE),
    re.compile(r"(?<![\d-])(?P<d>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.IGNORECASE),
)


@dataclass(frozen=True)
class FoundDate:
    """A full date in the text; ``either_way`` when it is written 05/11/2026, which outside the US is 5 November."""

    day: date
    start: int
    end: int
    either_way: bool = False


def dates_in(text: str) -> list[FoundDate]:
    """Every full date in ``text``, in order (numeric dates read as US month/day/year)."""
    matches: list[FoundDate] = []
    for number, pattern in enumerate(_DATES):
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = int(parts["m"]) if parts.get("m") else _MONTH_NAMES[parts["month"].lower()]
            try:
                day = date(int(parts["year"]), month, int(parts["d"]))
            except ValueError:
                continue
            either_way = number == 1 and month <= 12 and day.day <= 12 and month != day.day
            matches.append(FoundDate(day, match.start(), match.end(), either_way))
    found: list[FoundDate] = []
    for candidate in sorted(matches, key=lambda d: (d.start, -d.end)):  # one sweep: overlaps keep the first
        if not found or candidate.start >= found[-1].end:
            found.append(candidate)
    return found


def is_number_line(line: str) -> float | None:
    """The amount when a line is a number alone, maybe with a remark in brackets or a bare word of unit:
    "3.0", ".5", "3.25 (includes 1.0 …)", "2.0 hrs", "3 (semester)"."""
    match = re.fullmatch(r"(\d{1,3}(?:\.\d{1,2})?|\.\d{1,2})(?:\s*(?:hours?|hrs?\.?|credits?|points?))?(?:\s*\(.*\))?", line)
    return float(match.group(1)) if match else None


def leading_number(value: str) -> float | None:
    """The number a value starts with ("3.25 (includes 1.0 pharmacology)" is 3.25)."""
    match = re.match(NUMBER + r"(?:\s|$|\()", value + " ")
    return float(match.group(1)) if match else None
