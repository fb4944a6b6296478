"""The completion date a certificate states, never its release, expiry or renewal date. Pure."""

from __future__ import annotations

import re
from datetime import date

from medpath.learning.certificate_reading.layout import label_rows
from medpath.learning.certificate_reading.patterns import FoundDate, dates_in

COMPLETION_LABEL = re.compile(
    r"complet\w*|date\s+of\s+participation|participat\w*|attended|attendance|date\s+awarded|awarded|"
    r"activity\s+date|date\s+of\s+(?:the\s+)?activity|date\s+earned|earned|signed\s+off|conferred|passed|held\s+on",
    re.IGNORECASE,
)
# Weaker than a completion label: an issue date is the completion date of a card, but not beside an activity date.
ISSUE_LABEL = re.compile(r"issue\s+date|issued(?:\s+on)?|date\s+of\s+issue", re.IGNORECASE)
_NOT_COMPLETION = re.compile(
    r"release|expir\w*|renew\w*|valid\w*|birth|approval|until|through|dates\b|placement|letter|printed|generated|"
    r"downloaded|claimed\s+on|report(?:ed)?\s+on|enrol\w*|regist\w*|start\w*|began|begin\w*|review|revis\w*|"
    r"updated|termination|deadline|due|must\s+be|\bby\s*:?\s*$|\bdob\b|\bborn\b|\bexp\b\.?|good\s+thru|\bthru\b|"
    r"approv\w*|accredit\w*|effective",
    re.IGNORECASE,
)
# Certificates from where a numeric date is day/month/year.
_OUTSIDE_US = re.compile(
    r"Royal\s+College|Mainpro|Canad\w*|\bCPD\b|United\s+Kingdom|\bNHS\b|\bGMC\b|\bNMC\b|Australia\w*|AHPRA|"
    r"New\s+Zealand|Ireland|\bEACCME\b|European|\bRACGP\b|\bUEMS\b|attestation|présence|participé|crédits|"
    r"formation\s+continue|certificado|asistencia|créditos|bescheinigung|teilnahme|fortbildung|punkte",
    re.IGNORECASE,
)
_NEXT_TO = 8  # characters between a label's last word and its date when the page holds several dates
_PLAIN_DATE_LABEL = re.compile(r"(?:^|\s)date\s*:?\s*$", re.IGNORECASE)


def completion(lines: list[str]) -> tuple[date | None, str]:
    """The completion date and its evidence, or (None, "") when no explicit one is found."""
    joined = " ".join(lines)
    dates = dates_in(joined)
    if _OUTSIDE_US.search(joined):  # 05/11/2026 is 5 November there: such a date is left to the person
        dates = [found for found in dates if not found.either_way]
    strong: list[tuple[date, str]] = []
    issued: list[tuple[date, str]] = []
    plain: list[tuple[date, str]] = []
    unlabelled: list[tuple[date, str]] = []
    excluded = 0
    previous_end = 0
    labelled = [(found, *_nearest_label(joined[max(0, found.start - 60) : found.start])) for found in dates]
    several = sum(1 for _, label, _ in labelled if label != "not") > 1
    for found in dates:
        window = joined[max(previous_end, found.start - 60) : found.start]
        previous_end = found.end
        label, label_start = _nearest_label(window)
        evidence = (window[label_start:] + joined[found.start : found.end]).strip()
        if label == "not" or _range_at(joined, found):
            excluded += 1
            continue
        if several and label in {"completion", "issue"} and _gap_after_label(window) > _NEXT_TO:
            # Among several dates, a label says which one only when it stands right before it; a table's
            # "Completed" column header, several rows above, does not.
            label = ""
        if label == "completion":
            strong.append((found.day, evidence))
        elif label == "issue":
            issued.append((found.day, evidence))
        elif label == "date":
            plain.append((found.day, evidence))
        else:
            unlabelled.append((found.day, evidence))
    for group in (strong, issued, plain):
        if group:
            days = {day for day, _ in group}
            return (group[0][0], group[0][1]) if len(days) == 1 else (None, "")
    table = _table_dates(lines)
    if table:
        return table
    # The only full date on the page (dates labelled as something else, and ranges, set aside).
    if len({day for day, _ in unlabelled}) == 1 and len(dates) - excluded == len(unlabelled):
        return unlabelled[0]
    return None, ""


def _nearest_label(window: str) -> tuple[str, int]:
    """What the words just before a date say it is — completion, a plain "Date", not a completion, or nothing —
    and where those words start in ``window`` (the evidence shown starts there)."""
    best: tuple[int, int, str] = (-1, len(window), "")
    for pattern, kind in ((COMPLETION_LABEL, "completion"), (ISSUE_LABEL, "issue"), (_NOT_COMPLETION, "not")):
        for match in pattern.finditer(window):
            if match.end() > best[0]:
                best = (match.end(), match.start(), kind)
    plain = _PLAIN_DATE_LABEL.search(window)
    # "Date:" on its own is a plain label; "Start date:", "Completion date:" are their first word's kind.
    if plain and best[0] < plain.start() - 1:
        return "date", plain.start()
    if best[2] and len(window) - best[0] <= 45:
        lead = re.search(r"(?:date\s+(?:of\s+)?|program\s+)$", window[: best[1]], re.IGNORECASE)
        return best[2], lead.start() if lead else best[1]
    return "", max(0, len(window) - 30)


def _gap_after_label(window: str) -> int:
    """How far before the date the last completion or issue word ends ("Date of completion: " → 2)."""
    ends = [m.end() for pattern in (COMPLETION_LABEL, ISSUE_LABEL) for m in pattern.finditer(window)]
    return len(window) - max(ends) if ends else len(window)


def _range_at(joined: str, found: FoundDate) -> bool:
    """A date that starts or ends a range ("03/01/2026 - 02/28/2028", "06/01/2026 to 08/28/2026")."""
    after = joined[found.end : found.end + 6]
    before = joined[max(0, found.start - 6) : found.start]
    after = joined[found.end : found.end + 10]
    before = joined[max(0, found.start - 10) : found.start]
    joins = r"(?:-|–|to|through|thru|until)"
    return bool(re.match(rf"\s*{joins}\s*\S", after) and dates_in(joined[found.end : found.end + 30])) or bool(
        re.search(rf"(?:-|–|\b{joins})\s*$", before) and dates_in(joined[max(0, found.start - 30) : found.start])
    )


def _table_dates(lines: list[str]) -> tuple[date, str] | None:
    """A completion-date label in a label row, paired with the date in its value row."""
    for _, pairs in label_rows(lines):
        for label, value in pairs:
            if re.search(r"completion|completed|^date$|issue", label, re.IGNORECASE):
                found = dates_in(value)
                if len(found) == 1:
                    return found[0].day, f"{label} {value}"
    return None
