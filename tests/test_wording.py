"""medpath.wording: amounts without trailing zeros, counts with the right plural, the house date style."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template

from medpath.wording import amount, count, day, month, ordinal


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("346.00"), "346"),
        (Decimal("346.50"), "346.5"),
        (346.25, "346.25"),
        (0.2, "0.2"),
        (Decimal("0.125"), "0.13"),
        (0, "0"),
        (Decimal("-0.001"), "0"),
        (1234567, "1234567"),
        (4.0, "4"),
    ],
)
def test_an_amount_has_at_most_two_decimals_and_no_trailing_zeros(value, text) -> None:
    """Hours and credits read 346 / 346.5, never 346.00."""
    assert amount(value) == text


def test_a_count_takes_the_plural_it_needs() -> None:
    """1 mandate, 2 mandates; 1 entry, 3 entries."""
    assert count(1, "mandate") == "1 mandate"
    assert count(2, "mandate") == "2 mandates"
    assert count(0, "mandate") == "0 mandates"
    assert count(1, "entry", "entries") == "1 entry"
    assert count(3, "entry", "entries") == "3 entries"


def test_ordinals() -> None:
    """2nd, 3rd, 4th, 11th, 21st."""
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
    ]


def test_dates_in_the_house_style() -> None:
    """4 Dec 2026, and the month Dec 2026."""
    assert day(date(2026, 12, 4)) == "4 Dec 2026"
    assert month(date(2026, 12, 4)) == "Dec 2026"


def test_templates_have_the_amount_filter_everywhere() -> None:
    """|amount needs no {% load %}: 0.20 reads 0.2 and 346.00 reads 346."""
    rendered = Template("{{ a|amount }} / {{ b|amount }} / {{ c|amount }}").render(
        Context({"a": Decimal("0.20"), "b": Decimal("346.00"), "c": ""})
    )
    assert rendered == "0.2 / 346 / "


def test_pages_take_the_house_date_style_from_one_place() -> None:
    """|date with no argument gives 4 Dec 2026 (the DATE_FORMAT of medpath.formats, from medpath.wording); no template
    spells the style out and no Python text writes a zero-padded 04 Dec 2026."""
    from datetime import datetime
    from pathlib import Path

    rendered = Template('{{ d|date }} · {{ t|date:"DATETIME_FORMAT" }} · {{ d|date:"YEAR_MONTH_FORMAT" }}').render(
        Context({"d": date(2026, 12, 4), "t": datetime(2026, 12, 4, 7, 5)})
    )
    assert rendered == "4 Dec 2026 · 4 Dec 2026 07:05 · Dec 2026"
    source = Path(__file__).resolve().parents[1] / "src" / "medpath"
    spelled = [
        str(path.relative_to(source))
        for path in source.rglob("*")
        if path.suffix in {".html", ".txt"} and any(s in path.read_text() for s in ('|date:"j M Y"', '|date:"j F Y"'))
    ]
    assert spelled == []
    padded = [str(path.relative_to(source)) for path in source.rglob("*.py") if "%d %b" in path.read_text()]
    assert padded == []
