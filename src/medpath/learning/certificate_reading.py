"""What a certificate's text states: title, completion date, credits earned. Pure: no Django, no I/O.

The reader never guesses. It fills a field only from an explicit statement and keeps
the words it read it from, so the form can show them:

- **credits**: a number joined to its unit on one line ("3.0 contact hours", "Contact
  hours awarded: 1.0") or a label and its value on adjacent lines ("Contact Hours
  Awarded" / "3.0"), or a label row and its value row of a small table. Statements of
  what *may* be earned ("designates this activity for a maximum of 12.5 AMA PRA Category 1
  Credits™", "earn up to 8 MOC points", "approved for 4.0 Category A credits") are never
  read as earned; the credits *claimed* beside such a statement are, in its credit type.
  A printed total wins over the lines it adds up.
- **date**: a date next to a completion label (completed, date of completion, issue
  date, date of participation, attended … on …), else the only full date on the page;
  dates labelled release, expiration, renew or valid are never the completion date.
- **title**: the line(s) after "has successfully completed", "participated in",
  "attended" … or after a label (Activity, Course, Program title, Session).

When two explicit statements disagree the field stays empty. Numbers inside dates,
years, course numbers, provider numbers and IDs are never amounts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

# ---- credit units ----------------------------------------------------------------------------------------------

# Longest and most specific first: "AOA Category 1-A" before "Category A", "CEU" is never "CE".
_UNITS: tuple[tuple[str, str], ...] = (
    (r"AMA\s+PRA\s+Cat(?:egory|\.)?\s*1(?!\s*-)\s*(?:CME\s+)?(?:Credits?|Credit\(s\))?", "ama_pra_cat1"),
    (r"AMA\s+PRA\s+Cat(?:egory|\.)?\s*2\s*(?:Credits?|Credit\(s\))?", "ama_pra_cat2"),
    (r"AAPA\s+Category\s*1\s*(?:CME)?\s*(?:credits?)?", "aapa_cat1"),
    (r"AAPA\s+Category\s*2\s*(?:CME)?\s*(?:credits?)?", "aapa_cat2"),
    (r"AOA\s+Category\s*1-?A\s*(?:CME\s+)?(?:credits?)?", "aoa_cat1a"),
    (r"AOA\s+Category\s*1-?B\s*(?:CME\s+)?(?:credits?)?", "aoa_cat1b"),
    (r"(?:ABIM\s+|ABMS\s+|ABP\s+)?MOC(?:\s+Part\s+\d)?\s+points?", "moc_points"),
    (r"(?:ARRT\s+)?Category\s+A\+?\s*(?:CE\s+)?(?:credits?)?", "arrt_ce"),
    (r"CAPCE\s+(?:credit\s+)?hours?", "capce_hours"),
    (r"(?:IACET\s+)?CEUs?\b", "ceu"),
    (r"semester\s+credit\s+hours?|academic\s+credits?", "academic_credits"),
    (r"(?:supervised\s+)?practice\s+hours?", "practice_hours"),
    (r"(?:ANCC\s+|NCPD\s+|ACPE\s+|nursing\s+|pharmacy\s+)?contact\s+hours?", "contact_hours"),
)
_UNIT = re.compile("|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _) in enumerate(_UNITS)), re.IGNORECASE)
_NUMBER = r"(?<![\w.#/-])(\d{1,3}(?:\.\d{1,2})?)(?![\w/-]|\.\d)"
# "designates … for a maximum of", "earn up to", "approved … for", "is designated for": what may be earned.
_MAY_EARN = re.compile(
    r"designat\w*|maximum\s+of|\bup\s+to\b|\bapproved\b[^.\n]{0,160}?\bfor\b|\bis\s+approved\b|valid\s+for|"
    r"minimum\s+required|\bincluding\b|\bincludes\b",
    re.IGNORECASE,
)
_EARNED = re.compile(r"claimed|awarded|earned|completed|credit\s+awarded|you\s+claimed|\btotal\b", re.IGNORECASE)
_TOTAL = re.compile(r"\btotal\b", re.IGNORECASE)


def _unit_at(text: str) -> str | None:
    """The credit type a unit phrase names, if ``text`` is one."""
    match = _UNIT.search(text)
    if match is None:
        return None
    return next(_UNITS[int(name[1:])][1] for name, value in match.groupdict().items() if value)


# ---- dates -----------------------------------------------------------------------------------------------------

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
_COMPLETION_LABEL = re.compile(
    r"complet\w*|date\s+of\s+participation|participat\w*|attended|issue\s+date|issued|date\s+awarded|awarded\s+on|"
    r"signed\s+off|conferred|passed|held\s+on|\bon\s*$",
    re.IGNORECASE,
)
_NOT_COMPLETION = re.compile(
    r"release|expir\w*|renew\w*|valid\w*|birth|approval|until|through|dates\b|placement|letter",
    re.IGNORECASE,
)
_PLAIN_DATE_LABEL = re.compile(r"(?:^|\s)date\s*:?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class _FoundDate:
    day: date
    start: int
    end: int


def _dates_in(text: str) -> list[_FoundDate]:
    found: list[_FoundDate] = []
    for pattern in _DATES:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = int(parts["m"]) if parts.get("m") else _MONTH_NAMES[parts["month"].lower()]
            try:
                day = date(int(parts["year"]), month, int(parts["d"]))
            except ValueError:
                continue
            if not any(other.start <= match.start() < other.end for other in found):
                found.append(_FoundDate(day, match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


# ---- the reading -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Award:
    """Credits a certificate says were earned, with the words they were read from."""

    credit_type: str | None
    amount: float
    evidence: str


@dataclass(frozen=True)
class Reading:
    """What could be read off a certificate; a field is None when nothing explicit was found."""

    title: str | None = None
    title_evidence: str = ""
    completed_on: date | None = None
    date_evidence: str = ""
    awards: tuple[Award, ...] = ()
    message: str = ""

    @property
    def credit_type(self) -> str | None:
        """The first award's credit type (the form's first award)."""
        return self.awards[0].credit_type if self.awards else None

    @property
    def amount(self) -> float | None:
        """The first award's amount."""
        return self.awards[0].amount if self.awards else None

    def as_dict(self) -> dict[str, object]:
        """The JSON of ``medpath ce read-certificate --json`` and of the API."""
        first = self.awards[0] if self.awards else None
        return {
            "title": self.title,
            "completed_on": self.completed_on.isoformat() if self.completed_on else None,
            "credit_type": self.credit_type,
            "amount": self.amount,
            "evidence": {
                "title": self.title_evidence or None,
                "completed_on": self.date_evidence or None,
                "credit_type": first.evidence if first and first.credit_type else None,
                "amount": first.evidence if first else None,
            },
            "awards": [{"credit_type": a.credit_type, "amount": a.amount, "evidence": a.evidence} for a in self.awards],
            "message": self.message,
        }


def _clean_lines(text: str) -> list[str]:
    lines = []
    for raw in text.replace("\u00a0", " ").replace("™", "").replace("®", "").splitlines():
        line = re.sub(r"\s+", " ", raw).strip()
        if line and line not in {"TM"}:
            lines.append(line)
    return lines


def read_text(text: str) -> Reading:
    """Read a certificate's text (as extracted from its PDF)."""
    lines = _clean_lines(text)
    if not lines:
        return Reading(message="No text could be read from this certificate.")
    title, title_evidence = _title(lines)
    completed_on, date_evidence = _completion(lines)
    return Reading(
        title=title,
        title_evidence=title_evidence,
        completed_on=completed_on,
        date_evidence=date_evidence,
        awards=_awards(lines),
    )


# ---- credits ---------------------------------------------------------------------------------------------------


@dataclass
class _Candidate:
    credit_type: str | None
    amount: float
    evidence: str
    order: int
    total: bool = False


_WRAPPED = 60  # a line at least this long that does not end a sentence runs on into the next


def _may_earn_spans(lines: list[str], offsets: list[int]) -> list[tuple[int, int]]:
    """Character spans (in the lines joined by newlines) of the sentences that say what *may* be earned:
    from the sentence's start to its end, following a sentence over wrapped lines but never past a short line."""
    joined = "\n".join(lines)
    spans = []
    for match in _MAY_EARN.finditer(joined):
        line = joined.count("\n", 0, match.start())
        first = line
        while first > 0 and len(lines[first - 1]) >= _WRAPPED and not lines[first - 1].endswith("."):
            first -= 1
        last = line
        while last + 1 < len(lines) and len(lines[last]) >= _WRAPPED and not re.search(r"\.\s*$", lines[last]):
            last += 1
        start = max(offsets[first], joined.rfind(". ", offsets[first], match.start()) + 1)
        end_match = re.compile(r"\.(?=\s|$)").search(joined, match.end(), offsets[last] + len(lines[last]))
        end = end_match.end() if end_match else offsets[last] + len(lines[last])
        spans.append((start, end))
    return spans


def _is_number_line(line: str) -> float | None:
    match = re.fullmatch(r"(\d{1,3}(?:\.\d{1,2})?)(?:\s*\(.*\))?", line)
    return float(match.group(1)) if match else None


class _Page:
    """A certificate's lines, with the spans of the sentences that say what *may* be earned."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.offsets: list[int] = []
        position = 0
        for line in lines:
            self.offsets.append(position)
            position += len(line) + 1
        self.blocked = _may_earn_spans(lines, self.offsets)

    def may_earn(self, index: int, start: int = 0, end: int | None = None) -> bool:
        """Whether characters ``start:end`` of line ``index`` belong to a may-earn sentence."""
        a = self.offsets[index] + start
        b = self.offsets[index] + (len(self.lines[index]) if end is None else end)
        return any(s <= a < e or s < b <= e for s, e in self.blocked)

    def line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""


def _awards(lines: list[str]) -> tuple[Award, ...]:
    page = _Page(lines)
    candidates: list[_Candidate] = []
    typeless: list[_Candidate] = []
    mentioned = [named for line in lines for unit in _UNIT.finditer(line) if (named := _unit_at(unit.group(0)))]
    for index in range(len(lines)):
        _inline(page, index, candidates, typeless)
        _adjacent(page, index, candidates, typeless)
    candidates.extend(_table_rows(lines))
    return _decide(candidates, typeless, mentioned)


def _earned_label(label: str) -> bool:
    """A label that says credits were earned without naming their type: "Credits claimed", "Hours awarded"."""
    return bool(_EARNED.search(label) and re.search(r"credit|hour|ceu", label, re.IGNORECASE))


def _inline(page: _Page, index: int, candidates: list[_Candidate], typeless: list[_Candidate]) -> None:
    """A number joined to its unit on one line: "2.0 contact hours", "Contact hours awarded: 1.0"."""
    line = page.lines[index]
    for match in re.finditer(_NUMBER + r"\s*(?:\(s\)\s*)?", line):
        if page.may_earn(index, match.start(), match.end()):
            continue
        amount, before, after = float(match.group(1)), line[: match.start()], line[match.end() :]
        unit_after = _UNIT.match(after)
        if unit_after:
            total = bool(_TOTAL.search(before))
            candidates.append(_Candidate(_unit_at(unit_after.group(0)), amount, line, index, total))
            continue
        label = re.search(r"([A-Za-z][A-Za-z0-9 ().+/-]*?)\s*:\s*$", before)
        if label is None or not re.fullmatch(r"\s*(points?)?\s*", after.split(".")[0][:10]):
            continue
        named = _unit_at(label.group(1))
        if named is None and re.match(r"\s*points?\b", after) and re.search(r"\bMOC\b", label.group(1)):
            named = "moc_points"  # "MOC Part 4 credit: 25 points"
        total = bool(_TOTAL.search(label.group(1)))
        if named is not None:
            candidates.append(_Candidate(named, amount, line, index, total))
        elif _earned_label(label.group(1)):
            typeless.append(_Candidate(None, amount, line, index, total))


def _adjacent(page: _Page, index: int, candidates: list[_Candidate], typeless: list[_Candidate]) -> None:
    """A number alone on its line beside a unit line: "2.5" / "NCPD Contact Hours", "Contact Hours" / "1.25"."""
    amount = _is_number_line(page.lines[index])
    if amount is None or page.may_earn(index):
        return
    previous, following = page.line(index - 1), page.line(index + 1)
    if _is_number_line(previous) is not None or previous in {"—", "-"}:
        return  # the second value of a table row (designated, claimed): never paired with the next row's label
    for neighbour, before in ((previous, True), (following, False)):
        if not neighbour or not _is_label(neighbour):
            continue
        named, evidence, total = _unit_at(neighbour), f"{neighbour} {page.lines[index]}", bool(_TOTAL.search(neighbour))
        if named is not None:
            second = _is_number_line(following) if before else None
            if second is not None and second != amount:
                candidates.append(_Candidate(named, _DISAGREE, neighbour, index))  # "designated, claimed" that differ
            else:
                candidates.append(_Candidate(named, amount, evidence, index, total))
        elif before and _earned_label(neighbour):
            typeless.append(_Candidate(None, amount, evidence, index, total))


_DISAGREE = -1.0  # a marker amount: two values for one label, so the label's type is left empty


_NUMBER_IN_LABEL = re.compile(r"\d")
_LABEL_WORDS = re.compile(
    r"^(?:date|dates|course|session|credit|credits|hours|ceus?|contact|provider|number|attendee|department|time|name|"
    r"activity|format|title|program|programme|module|completion|completed|type|learner|"
    r"participant|technologist|physician|series|placement|length|level|id|#|approver|code)\b",
    re.IGNORECASE,
)


def _is_label(line: str) -> bool:
    """A short field name (a table header or a form label), not a sentence or a value."""
    stripped = line.rstrip(":").strip()
    if not stripped or len(stripped.split()) > 7 or stripped.endswith(".") or "·" in stripped:
        return False
    if _NUMBER_IN_LABEL.search(_UNIT.sub("", stripped)):
        return False
    return bool(_UNIT.search(stripped) or _LABEL_WORDS.search(stripped))


def _table_rows(lines: list[str]) -> list[_Candidate]:
    """A row of k labels followed by a row of k values (a two-row table read column by column), when every
    typed label gets a value of its kind and no second row of the same shape follows."""
    found: list[_Candidate] = []
    index = 0
    while index < len(lines):
        run = index
        while run < len(lines) and _is_label(lines[run]) and _is_number_line(lines[run]) is None:
            run += 1
        k = run - index
        if k >= 2 and run + k <= len(lines):
            labels, values = lines[index:run], lines[run : run + k]
            pairs = _checked_pairs(labels, values)
            repeated = run + 2 * k <= len(lines) and _checked_pairs(labels, lines[run + k : run + 2 * k]) is not None
            if pairs is not None and not repeated:
                for label, value in pairs:
                    credit_type = _unit_at(label)
                    amount = _leading_number(value)
                    if credit_type and amount is not None:
                        found.append(_Candidate(credit_type, amount, f"{label} {value}", run))
                index = run + k
                continue
        index = max(run, index + 1)
    return found


def _leading_number(value: str) -> float | None:
    match = re.match(_NUMBER + r"(?:\s|$|\()", value + " ")
    return float(match.group(1)) if match else None


def _checked_pairs(labels: list[str], values: list[str]) -> list[tuple[str, str]] | None:
    """Labels paired with values when each typed label's value has its kind; None when any does not."""
    if any(_is_label(value) and _is_number_line(value) is None and not _dates_in(value) for value in values[:1]):
        return None
    pairs = list(zip(labels, values, strict=True))
    for label, value in pairs:
        lowered = label.lower()
        if _unit_at(label) or re.search(r"\b(credits?|hours|ceus?)\b", lowered):
            if _leading_number(value) is None:
                return None
        elif re.search(r"\bdate\b|completed|completion", lowered) and "dates" not in lowered:
            if not _dates_in(value):
                return None
        elif re.search(r"number|#|\bid\b", lowered) and not re.search(r"\d", value):
            return None
    return pairs


def _decide(candidates: list[_Candidate], typeless: list[_Candidate], mentioned: list[str]) -> tuple[Award, ...]:
    """Keep one amount per credit type when the statements agree (a total wins over its parts)."""
    by_type: dict[str, list[_Candidate]] = defaultdict(list)
    for candidate in candidates:
        assert candidate.credit_type is not None
        by_type[candidate.credit_type].append(candidate)
    kinds = set(mentioned)
    if typeless and len(kinds) == 1:
        # "Credits claimed: 3.0" beside "designates … AMA PRA Category 1 Credits": the claim is in that type.
        only = next(iter(kinds))
        for candidate in typeless:
            by_type[only].append(_Candidate(only, candidate.amount, candidate.evidence, candidate.order, candidate.total))
    elif typeless and not by_type and len({c.amount for c in typeless}) == 1:
        first = typeless[0]
        return (Award(None, first.amount, first.evidence),)
    awards: list[tuple[int, Award]] = []
    for credit_type, found in by_type.items():
        totals = [c for c in found if c.total]
        chosen = totals or found
        amounts = {c.amount for c in chosen}
        if len(amounts) != 1 or _DISAGREE in amounts:
            continue  # two statements disagree: leave it to the person
        first = min(chosen, key=lambda c: c.order)
        awards.append((first.order, Award(credit_type, first.amount, first.evidence)))
    return tuple(award for _, award in sorted(awards, key=lambda pair: pair[0]))


# ---- the completion date ---------------------------------------------------------------------------------------


def _completion(lines: list[str]) -> tuple[date | None, str]:
    """The completion date and its evidence, or (None, "") when no explicit one is found."""
    joined = " ".join(lines)
    dates = _dates_in(joined)
    strong: list[tuple[date, str]] = []
    plain: list[tuple[date, str]] = []
    unlabelled: list[tuple[date, str]] = []
    previous_end = 0
    for found in dates:
        window = joined[max(previous_end, found.start - 60) : found.start]
        previous_end = found.end
        label, label_start = _nearest_label(window)
        evidence = (window[label_start:] + joined[found.start : found.end]).strip()
        if label == "not":
            continue
        if _range_at(joined, found):
            continue
        if label == "completion":
            strong.append((found.day, evidence))
        elif label == "date":
            plain.append((found.day, evidence))
        else:
            unlabelled.append((found.day, evidence))
    for group in (strong, plain):
        if group:
            days = {day for day, _ in group}
            return (group[0][0], group[0][1]) if len(days) == 1 else (None, "")
    table = _table_dates(lines)
    if table:
        return table
    if len({day for day, _ in unlabelled}) == 1 and len(dates) == len(unlabelled):
        return unlabelled[0]
    return None, ""


def _nearest_label(window: str) -> tuple[str, int]:
    """What the words just before a date say it is — completion, a plain "Date", not a completion, or nothing —
    and where those words start in ``window`` (the evidence shown starts there)."""
    best: tuple[int, int, str] = (-1, len(window), "")
    for pattern, kind in ((_COMPLETION_LABEL, "completion"), (_NOT_COMPLETION, "not")):
        for match in pattern.finditer(window):
            if match.end() > best[0]:
                best = (match.end(), match.start(), kind)
    plain = _PLAIN_DATE_LABEL.search(window)
    if plain and plain.end() >= best[0]:
        return "date", plain.start()
    if best[2] and len(window) - best[0] <= 45:
        lead = re.search(r"(?:date\s+(?:of\s+)?|program\s+)$", window[: best[1]], re.IGNORECASE)
        return best[2], lead.start() if lead else best[1]
    return "", max(0, len(window) - 30)


def _range_at(joined: str, found: _FoundDate) -> bool:
    """A date that starts or ends a range ("03/01/2026 - 02/28/2028", "06/01/2026 to 08/28/2026")."""
    after = joined[found.end : found.end + 6]
    before = joined[max(0, found.start - 6) : found.start]
    return bool(re.match(r"\s*(?:-|–|to)\s*\S", after) and _dates_in(joined[found.end : found.end + 25])) or bool(
        re.search(r"(?:-|–|\bto)\s*$", before) and _dates_in(joined[max(0, found.start - 25) : found.start])
    )


def _table_dates(lines: list[str]) -> tuple[date, str] | None:
    """A completion-date label in a label row, paired with the date in its value row."""
    index = 0
    while index < len(lines):
        run = index
        while run < len(lines) and _is_label(lines[run]):
            run += 1
        k = run - index
        if k >= 2 and run + k <= len(lines):
            pairs = _checked_pairs(lines[index:run], lines[run : run + k])
            repeated = run + 2 * k <= len(lines) and _checked_pairs(lines[index:run], lines[run + k : run + 2 * k]) is not None
            if pairs is not None and not repeated:
                for label, value in pairs:
                    if re.search(r"completion|completed|^date$|issue", label, re.IGNORECASE):
                        found = _dates_in(value)
                        if len(found) == 1:
                            return found[0].day, f"{label} {value}"
        index = max(run, index + 1)
    return None


# ---- the title -------------------------------------------------------------------------------------------------

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


def _title(lines: list[str]) -> tuple[str | None, str]:
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
            if rest and not _dates_in(rest):
                found.append((rest, line))
            elif not rest and index + 1 < len(lines) and not _is_label(lines[index + 1]):
                value = lines[index + 1]
                if not _dates_in(value) and not re.search(r"\d{3,}", value):
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
                or _is_label(line)
                or _dates_in(line)
                or re.search(r"\d", line)
                or line.endswith(".")
                or len(line.split()) > 4
                or not line[:1].isupper()
                or not (not after or _STOP.match(after) or _is_label(after) or _dates_in(after) or after.endswith("."))
            ):
                break
        elif parts and (_dates_in(line) or _STOP.match(line)):
            return None  # a title that ends with ":" or "of" must go on: it is cut off, so no title
        if not parts and (_STOP.match(line) or _dates_in(line) or line.endswith(".")):
            return None
        parts.append(line)
        if len(parts) == 3:
            break
    title = " ".join(parts).strip()
    title = _CODE.sub("", title)
    if not title or title.endswith((":", "-", "–")) or len(title) > 200:
        return None
    return title.strip(' "“”')
