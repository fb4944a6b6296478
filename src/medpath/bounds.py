"""The range of values MedPath accepts where data comes in (API, imports): days and instants a record can hold, and
database ids. Pure (pydantic types for the API's schemas; plain checks for the file readers).

Python's dates end at 9999-12-31 and the databases' integers at 2**63 - 1; a shift at 9999-12-31T20:00-05:00 is
past the end of time in UTC. Nobody's career needs either: records lie between 1900 and 2100.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field, Strict

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
MAX_ID = 2**63 - 1
MAX_FILE_BYTES = 10 * 1024 * 1024  # the largest file anyone uploads (a certificate PDF or image)
RANGE_MESSAGE = f"a date between {EARLIEST_YEAR} and {LATEST_YEAR}"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def year_in_range(value: date | datetime) -> bool:
    """Whether a day or an instant (by its own calendar date) lies in the years MedPath accepts."""
    return EARLIEST_YEAR <= value.year <= LATEST_YEAR


def _written_as_a_date(value: Any) -> Any:
    # Pydantic would read 0 or "0" as a Unix time (1970-01-01): a date is written YYYY-MM-DD.
    if isinstance(value, int | float) or (isinstance(value, str) and not _ISO_DATE.fullmatch(value.strip())):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


def _in_range(value: Any) -> Any:
    if not year_in_range(value):
        raise ValueError(f"must be {RANGE_MESSAGE}")
    return value


ApiDate = Annotated[date, BeforeValidator(_written_as_a_date), AfterValidator(_in_range)]
ApiInstant = Annotated[AwareDatetime, AfterValidator(_in_range)]
ApiId = Annotated[int, Field(ge=1, le=MAX_ID)]
ApiYear = Annotated[int, Field(ge=EARLIEST_YEAR, le=LATEST_YEAR)]
# A whole number written as a JSON number: pydantic would otherwise take true as 1 and "4" as 4 (an answer on a
# scale, a number of days); the range is the service's to check, with the field's own message.
ApiWhole = Annotated[int, Strict()]
