"""The application-limits engine: which fields of an AMCAS or ERAS draft are over their limits, by how much, and
whether the draft may be marked ready. Pure: dataclasses in, problems out; no Django, no I/O.

Characters are counted as the person sees them: every character, spaces included, and a line break as
``line_break`` characters (one, unless the catalog says otherwise) however the browser sent it (CR LF, LF or CR).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def count_characters(text: str, *, line_break: int = 1) -> int:
    """The characters of ``text`` as a limit counts them: code points, spaces included, each line break once
    (or ``line_break`` times)."""
    breaks = len(_LINE_BREAK.findall(text))
    return len(_LINE_BREAK.sub("", text)) + breaks * line_break


def normalize_text(text: str) -> str:
    """Text as it is stored and exported: line breaks as LF, no trailing spaces at the ends."""
    return _LINE_BREAK.sub("\n", text).strip()


@dataclass(frozen=True)
class Limits:
    """The figures of one application format (from the catalog)."""

    name: str
    max_entries: int
    description_chars: int
    most_meaningful_max: int
    most_meaningful_chars: int
    most_meaningful_required_from: int | None
    max_date_ranges: int
    line_break: int = 1
    single_date_types: frozenset[str] = frozenset()
    zero_hours_types: frozenset[str] = frozenset()
    type_ids: frozenset[str] = frozenset()
    hours_required: bool = True


@dataclass(frozen=True)
class DateRange:
    """One date range of an entry, with the hours completed in it (None: not given)."""

    start: date | None
    end: date | None
    hours: int | None = None


@dataclass(frozen=True)
class EntryIn:
    """One entry of a draft as the engine sees it."""

    type_id: str
    title: str
    description: str
    ranges: tuple[DateRange, ...] = ()
    most_meaningful: bool = False
    most_meaningful_text: str = ""
    label: str = ""


@dataclass(frozen=True)
class Problem:
    """One reason the draft is not ready: which entry (None for the whole draft) and field, what, and how far over."""

    entry: int | None
    field: str
    message: str
    over: int = 0


@dataclass(frozen=True)
class FieldCount:
    """A free-text field's count against its limit."""

    used: int
    limit: int

    @property
    def over(self) -> int:
        """How many characters past the limit (0 when within)."""
        return max(0, self.used - self.limit)

    @property
    def left(self) -> int:
        """How many characters are still free (0 when over)."""
        return max(0, self.limit - self.used)


@dataclass(frozen=True)
class Verdict:
    """What the engine found: every problem, in entry order; ready when there are none."""

    problems: tuple[Problem, ...] = field(default=())

    @property
    def ready(self) -> bool:
        """No problem stops the draft from being marked ready."""
        return not self.problems

    def for_entry(self, index: int) -> list[Problem]:
        """The problems of one entry."""
        return [problem for problem in self.problems if problem.entry == index]

    def for_draft(self) -> list[Problem]:
        """The problems of the draft as a whole (counts of entries and most meaningful)."""
        return [problem for problem in self.problems if problem.entry is None]


def over_message(over: int, limit: int, name: str) -> str:
    """'84 characters over the 700 AMCAS allows'."""
    noun = "character" if over == 1 else "characters"
    return f"{over:,} {noun} over the {limit:,} {name} allows"


def description_count(entry: EntryIn, limits: Limits) -> FieldCount:
    """The description against its limit."""
    return FieldCount(count_characters(entry.description, line_break=limits.line_break), limits.description_chars)


def most_meaningful_count(entry: EntryIn, limits: Limits) -> FieldCount:
    """The most-meaningful text against its limit."""
    return FieldCount(count_characters(entry.most_meaningful_text, line_break=limits.line_break), limits.most_meaningful_chars)


def entry_problems(index: int, entry: EntryIn, limits: Limits) -> list[Problem]:
    """What stops one entry from being pasted as it is."""
    found: list[Problem] = []
    if limits.type_ids and entry.type_id not in limits.type_ids:
        found.append(Problem(index, "type_id", f"Choose one of {limits.name}'s experience types."))
    if not entry.title.strip():
        found.append(Problem(index, "title", "Give the experience a name."))
    described = description_count(entry, limits)
    if not entry.description.strip():
        found.append(Problem(index, "description", "Describe the experience."))
    elif described.over:
        found.append(Problem(index, "description", over_message(described.over, described.limit, limits.name), described.over))
    if entry.most_meaningful:
        meaningful = most_meaningful_count(entry, limits)
        if not entry.most_meaningful_text.strip():
            found.append(Problem(index, "most_meaningful_text", "Say why this experience was most meaningful."))
        elif meaningful.over:
            message = over_message(meaningful.over, meaningful.limit, limits.name)
            found.append(Problem(index, "most_meaningful_text", message, meaningful.over))
    found += _range_problems(index, entry, limits)
    return found


def _range_problems(index: int, entry: EntryIn, limits: Limits) -> list[Problem]:
    ranges = [span for span in entry.ranges if span.start or span.end or span.hours is not None]
    if not ranges or ranges[0].start is None:
        return [Problem(index, "ranges", "Give the date the experience started.")]
    found: list[Problem] = []
    if len(ranges) > limits.max_date_ranges:
        found.append(Problem(index, "ranges", f"{limits.name} takes at most {limits.max_date_ranges} date ranges per entry."))
    single = entry.type_id in limits.single_date_types
    if single and len(ranges) > 1:
        found.append(Problem(index, "ranges", "This type of experience takes one date."))
    for number, span in enumerate(ranges, start=1):
        where = f"Date range {number}" if len(ranges) > 1 else ("The date" if single else "The dates")
        if span.start is None:
            found.append(Problem(index, "ranges", f"{where}: give the start."))
        elif span.end is not None and span.end < span.start:
            found.append(Problem(index, "ranges", f"{where}: the end comes before the start."))
        if limits.hours_required:
            if span.hours is None:
                zero = " (0 if it took none: this type may have 0 hours)" if entry.type_id in limits.zero_hours_types else ""
                found.append(Problem(index, "ranges", f"{where}: give the hours it took{zero}."))
            elif span.hours == 0 and entry.type_id not in limits.zero_hours_types:
                found.append(Problem(index, "ranges", f"{where}: only publications and awards may have 0 hours."))
    return found


def check_draft(entries: list[EntryIn], limits: Limits) -> Verdict:
    """Every problem of a draft: counts of entries and most meaningful, then each entry in order."""
    found: list[Problem] = []
    if len(entries) > limits.max_entries:
        found.append(
            Problem(
                None,
                "entries",
                f"{limits.name} takes at most {limits.max_entries} experiences; remove {len(entries) - limits.max_entries}.",
                len(entries) - limits.max_entries,
            )
        )
    meaningful = sum(1 for entry in entries if entry.most_meaningful)
    if meaningful > limits.most_meaningful_max:
        found.append(
            Problem(
                None,
                "most_meaningful",
                f"Mark at most {limits.most_meaningful_max} experiences most meaningful.",
                meaningful - limits.most_meaningful_max,
            )
        )
    required = limits.most_meaningful_required_from
    if required is not None and len(entries) >= required and meaningful == 0:
        found.append(Problem(None, "most_meaningful", f"With {required} or more experiences, mark at least one most meaningful."))
    if not entries:
        found.append(Problem(None, "entries", "Add at least one experience."))
    for index, entry in enumerate(entries):
        found += entry_problems(index, entry, limits)
    return Verdict(tuple(found))
