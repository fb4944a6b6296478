"""Credits a certificate says were earned, never what it says may be earned. Pure."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from medpath.learning.certificate_reading.layout import is_label, label_rows
from medpath.learning.certificate_reading.patterns import (
    EARNED,
    MAY_EARN,
    NUMBER,
    PART_OF,
    TOTAL,
    UNIT,
    is_number_line,
    leading_number,
    unit_at,
)


@dataclass(frozen=True)
class Award:
    """Credits a certificate says were earned, with the words they were read from."""

    credit_type: str | None
    amount: float
    evidence: str


@dataclass
class _Candidate:
    credit_type: str | None
    amount: float
    evidence: str
    order: int
    total: bool = False


_WRAPPED = 60  # a line at least this long that does not end a sentence runs on into the next
# A line that stops mid-phrase ("… for a maximum of", "approved for up to") runs on into the next, however short.
_BREAKS_MID_PHRASE = re.compile(r"\b(?:of|for|to|up\s+to|a|an|the|and|or|by|with|approximately|maximum|designates)\s*$", re.I)


def _may_earn_spans(lines: list[str], offsets: list[int]) -> list[tuple[int, int]]:
    """Character spans (in the lines joined by newlines) of the sentences that say what *may* be earned:
    from the sentence's start to its end, following a sentence over wrapped lines but never past a short line."""
    joined = "\n".join(lines)
    spans = []
    for match in MAY_EARN.finditer(joined):
        line = joined.count("\n", 0, match.start())
        first = line
        while first > 0 and len(lines[first - 1]) >= _WRAPPED and not lines[first - 1].endswith("."):
            first -= 1
        last = line
        while (
            last + 1 < len(lines)
            and not re.search(r"[.!?]\s*$", lines[last])
            and (len(lines[last]) >= _WRAPPED or _BREAKS_MID_PHRASE.search(lines[last]))
        ):
            last += 1
        start = max(offsets[first], joined.rfind(". ", offsets[first], match.start()) + 1)
        end_match = re.compile(r"\.(?=\s|$)").search(joined, match.end(), offsets[last] + len(lines[last]))
        end = end_match.end() if end_match else offsets[last] + len(lines[last])
        spans.append((start, end))
    for match in PART_OF.finditer(joined):
        spans.append((match.start(), match.end()))
    return spans


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


def awards_in(lines: list[str]) -> tuple[Award, ...]:
    """Every award the lines say was earned, in the order they appear."""
    page = _Page(lines)
    candidates: list[_Candidate] = []
    typeless: list[_Candidate] = []
    mentioned = [named for line in lines for unit in UNIT.finditer(line) if (named := unit_at(unit.group(0)))]
    for index in range(len(lines)):
        _inline(page, index, candidates, typeless)
        _adjacent(page, index, candidates, typeless)
    candidates.extend(_table_rows(lines))
    return _decide(candidates, typeless, mentioned)


def _earned_label(label: str) -> bool:
    """A label that says credits were earned without naming their type: "Credits claimed", "Hours awarded",
    "CE Hours Earned", "Credit Hours" (a bare "Hours" column of a module table is not one)."""
    label = label.rstrip(":").strip()
    if re.fullmatch(r"(?:CE\s+|continuing\s+education\s+)?credit\s+hours|CE\s+hours", label, re.IGNORECASE):
        return True
    return bool(EARNED.search(label) and re.search(r"credit|hour|ceu", label, re.IGNORECASE))


def _inline(page: _Page, index: int, candidates: list[_Candidate], typeless: list[_Candidate]) -> None:
    """A number joined to its unit on one line: "2.0 contact hours", "Contact hours awarded: 1.0"."""
    line = page.lines[index]
    for match in re.finditer(NUMBER + r"\s*(?:\(s\)\s*)?", line):
        if page.may_earn(index, match.start(), match.end()):
            continue
        amount, before, after = float(match.group(1)), line[: match.start()], line[match.end() :]
        if before.endswith("(") and after.startswith(")"):  # "one (1) contact hour"
            after = after[1:].lstrip()
        unit_after = UNIT.match(after)
        if unit_after is None and not after.strip() and before.strip() and not before.rstrip().endswith(":"):
            unit_after = UNIT.match(page.line(index + 1))  # "… and earned 1.0" / "contact hour of …"
        if unit_after:
            total = bool(TOTAL.search(before))
            candidates.append(_Candidate(unit_at(unit_after.group(0)), amount, line, index, total))
            continue
        label = re.search(r"([A-Za-z][A-Za-z0-9 ().+/-]*?)\s*:\s*$", before[-80:])  # a label is short: stay linear
        rest = re.sub(r"\(.*?\)", "", after)  # "Contact hours: 2.0 (0.2 CEU)": the remark is read on its own
        if label is None or not re.fullmatch(r"\s*(points?)?\s*", rest.split(".")[0][:10]):
            continue
        named = unit_at(label.group(1))
        if named is None and re.match(r"\s*points?\b", after) and re.search(r"\bMOC\b", label.group(1)):
            named = "moc_points"  # "MOC Part 4 credit: 25 points"
        total = bool(TOTAL.search(label.group(1)))
        if named is not None:
            candidates.append(_Candidate(named, amount, line, index, total))
        elif _earned_label(label.group(1)):
            typeless.append(_Candidate(None, amount, line, index, total))


def _adjacent(page: _Page, index: int, candidates: list[_Candidate], typeless: list[_Candidate]) -> None:
    """A number alone on its line beside a unit line: "2.5" / "NCPD Contact Hours", "Contact Hours" / "1.25"."""
    amount = is_number_line(page.lines[index])
    if amount is None or page.may_earn(index):
        return
    previous, following = page.line(index - 1), page.line(index + 1)
    if is_number_line(previous) is not None or previous in _BLANK:
        return  # the second value of a table row (designated, claimed): never paired with the next row's label
    for neighbour, before in ((previous, True), (following, False)):
        if not neighbour or not is_label(neighbour):
            continue
        named, evidence, total = unit_at(neighbour), f"{neighbour} {page.lines[index]}", bool(TOTAL.search(neighbour))
        if named is not None:
            second = is_number_line(following) if before else None
            blank = before and following in _BLANK  # "12.00" then "—": a maximum beside nothing claimed
            if blank or (second is not None and second != amount):
                candidates.append(_Candidate(named, _DISAGREE, neighbour, index))  # "designated, claimed" that differ
            else:
                candidates.append(_Candidate(named, amount, evidence, index, total))
        elif before and _earned_label(neighbour):
            typeless.append(_Candidate(None, amount, evidence, index, total))


_BLANK = {"—", "–", "-", "n/a", "N/A", "none", "None"}
_DISAGREE = -1.0  # a marker amount: two values for one label, so the label's type is left empty


def _table_rows(lines: list[str]) -> list[_Candidate]:
    """Credits in a label row above a value row ("CEUs" … / "1.2" …)."""
    found: list[_Candidate] = []
    for row, pairs in label_rows(lines):
        for label, value in pairs:
            credit_type = unit_at(label)
            amount = leading_number(value)
            if credit_type and amount is not None:
                found.append(_Candidate(credit_type, amount, f"{label} {value}", row))
    return found


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
