"""Stages that begin on an academic or training calendar (residency on 1 July). Pure: no Django.

The catalog's months and days never include 29 February, so every year has the day.
"""

from __future__ import annotations

import calendar
from datetime import date


def next_start(after: date, month: int, day: int) -> date:
    """The first ``day`` of ``month`` on or after ``after``."""
    candidate = date(after.year, month, day)
    return candidate if candidate >= after else date(after.year + 1, month, day)


def previous_start(before: date, month: int, day: int) -> date:
    """The last ``day`` of ``month`` on or before ``before``."""
    candidate = date(before.year, month, day)
    return candidate if candidate <= before else date(before.year - 1, month, day)


def describe(month: int, day: int) -> str:
    """1 July."""
    return f"{day} {calendar.month_name[month]}"
