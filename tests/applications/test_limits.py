"""The limits engine and the paste fields, without a database."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from medpath.applications.limits import DateRange, EntryIn, check_draft, count_characters
from medpath.applications.paste import PasteIn, fields_for
from medpath.applications.selectors import limits_of

AMCAS = limits_of("amcas")
ERAS = limits_of("eras")


def _oracle(text: str) -> int:
    """Count another way: walk the text, a CR LF pair or a lone CR or LF being one character."""
    count, index = 0, 0
    while index < len(text):
        index += 2 if text[index] == "\r" and text[index + 1 : index + 2] == "\n" else 1
        count += 1
    return count


@given(st.lists(st.characters(codec="utf-8") | st.sampled_from(["\r\n", "\n", "\r", " ", "é", "😀"])).map("".join))
def test_counting_agrees_with_an_independent_count(text: str) -> None:
    """Every character counts once, spaces, emoji and each kind of line break included."""
    assert count_characters(text) == _oracle(text)


def test_a_line_break_counts_once_however_the_browser_sent_it() -> None:
    """CR LF (what a form posts) and LF (what a script sees) give the same count."""
    assert count_characters("a\r\nb") == count_characters("a\nb") == 3
    assert count_characters("café 😀") == 6
    assert count_characters(unicodedata.normalize("NFD", "é")) == 2  # as typed: a combining accent is a character


def _entry(**changes: object) -> EntryIn:
    values: dict[str, object] = {
        "type_id": "research-lab",
        "title": "Lab assistant",
        "description": "x" * 700,
        "ranges": (DateRange(date(2024, 1, 1), date(2024, 6, 30), 200),),
    }
    values.update(changes)
    return EntryIn(**values)  # type: ignore[arg-type]


def test_the_exact_limit_passes_and_one_more_says_how_far_over() -> None:
    """700 characters are fine for AMCAS; 784 are '84 characters over the 700 AMCAS allows'."""
    assert check_draft([_entry()], AMCAS).ready
    over = check_draft([_entry(description="y" * 784)], AMCAS)
    assert [p.message for p in over.problems] == ["84 characters over the 700 AMCAS allows"]
    assert over.problems[0].over == 84


@given(st.integers(min_value=1, max_value=900))
def test_over_exactly_when_longer_than_the_limit(length: int) -> None:
    """A description is a problem exactly when it is longer than ERAS's 750."""
    found = check_draft([_entry(type_id="research", description="z" * length, ranges=(DateRange(date(2024, 1, 1), None),))], ERAS)
    assert (not found.ready) == (length > 750)


def test_counts_of_entries_and_most_meaningful() -> None:
    """16 AMCAS entries, 4 most meaningful, or 2 entries with none marked: each is named."""
    many = [_entry(most_meaningful=i < 4, most_meaningful_text="why") for i in range(16)]
    messages = [p.message for p in check_draft(many, AMCAS).for_draft()]
    assert any("at most 15" in m for m in messages)
    assert any("at most 3" in m for m in messages)
    none_marked = [p.message for p in check_draft([_entry(), _entry()], AMCAS).for_draft()]
    assert none_marked == ["With 2 or more experiences, mark at least one most meaningful."]
    assert check_draft([_entry(), _entry()], ERAS).for_draft() == []  # ERAS requires none


def test_amcas_ranges_need_hours_and_single_date_types_take_one_date() -> None:
    """AMCAS asks completed hours per range; a publication takes one date and may have 0 hours."""
    no_hours = check_draft([_entry(ranges=(DateRange(date(2024, 1, 1), None),))], AMCAS)
    assert [p.message for p in no_hours.problems] == ["The dates: give the hours it took."]
    award = check_draft([_entry(type_id="honors-awards", ranges=(DateRange(date(2024, 1, 1), None),))], AMCAS)
    assert [p.message for p in award.problems] == [
        "The date: give the hours it took (0 if it took none: this type may have 0 hours)."
    ]
    two = (DateRange(date(2024, 1, 1), None, 0), DateRange(date(2025, 1, 1), None, 0))
    assert "This type of experience takes one date." in [
        p.message for p in check_draft([_entry(type_id="publications", ranges=two)], AMCAS).problems
    ]
    assert check_draft([_entry(type_id="publications", ranges=two[:1])], AMCAS).ready
    five = tuple(DateRange(date(2020 + i, 1, 1), None, 10) for i in range(5))
    assert any("at most 4 date ranges" in p.message for p in check_draft([_entry(ranges=five)], AMCAS).problems)


def test_paste_fields_follow_each_application_and_eras_leaves_hours_out() -> None:
    """AMCAS: type, name, dates, hours, organization, description; ERAS: position first, no hours anywhere."""
    entry = PasteIn(
        "Research/Lab",
        "Lab assistant",
        "Univ",
        "",
        (DateRange(date(2024, 1, 5), date(2024, 6, 1), 200),),
        False,
        "Did things.",
        True,
        "It mattered.",
    )
    amcas = fields_for("amcas", entry, AMCAS)
    assert [f.label for f in amcas][:6] == [
        "Experience type",
        "Experience name",
        "Start date",
        "End date",
        "Completed hours",
        "Organization name",
    ]
    assert amcas[2].value == "01/2024"
    assert amcas[4].value == "200"
    many = fields_for("amcas", replace(entry, ranges=(DateRange(date(2020, 1, 5), date(2024, 6, 1), 1200),)), AMCAS)
    assert many[4].value == "1200"  # pasted into a number field: no thousands separator
    eras = fields_for("eras", entry, ERAS)
    assert eras[0].label == "Position title"
    assert not [f for f in eras if "hours" in f.label.lower()]
    reflection = eras[-1]
    assert (reflection.label, reflection.limit, reflection.used) == ("Most meaningful reflection", 300, 12)
