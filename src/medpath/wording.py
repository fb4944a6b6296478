"""How amounts, counts and dates read in MedPath's text, in one place for pages, cards, e-mails and engine reasons.

Pure (no Django): engines use it for their reasons. Templates get the same through ``medpath.wordtags``
(``|amount``) and the date format of ``medpath.formats``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

# The house date style: 4 Dec 2026 (Django's DATE_FORMAT letters, and the same with strftime).
DATE_FORMAT = "j M Y"
MONTH_FORMAT = "M Y"


def amount(value: Decimal | float | int | str) -> str:
    """An amount of hours or credits with at most two decimals and no trailing zeros: 346, 346.5, 0.25."""
    rounded = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}".rstrip("0").rstrip(".")  # quantized, so there is always a decimal point to stop at
    return "0" if text == "-0" else text


def count(number: int, singular: str, plural: str | None = None) -> str:
    """'1 mandate', '3 mandates'; give the plural when adding s is wrong ('entries')."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def day(value: date, *, weekday: bool = False) -> str:
    """A date in the house style: 4 Dec 2026 (Fri 4 Dec 2026 with its weekday)."""
    return f"{value:%a} " * weekday + f"{value.day} {value:%b %Y}"


def day_time(value: datetime, *, weekday: bool = False) -> str:
    """A moment in the house style, already in the person's zone: 4 Dec 2026 07:00."""
    return f"{day(value, weekday=weekday)} {value:%H:%M}"


def month(value: date) -> str:
    """A month: Dec 2026."""
    return f"{value:%b %Y}"
