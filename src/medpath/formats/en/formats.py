"""English date formats: |date with no argument gives the house style, 4 Dec 2026 (inputs keep YYYY-MM-DD)."""

from medpath.wording import DATE_FORMAT as _HOUSE_DATE
from medpath.wording import MONTH_FORMAT as _HOUSE_MONTH

DATE_FORMAT = _HOUSE_DATE
YEAR_MONTH_FORMAT = _HOUSE_MONTH
DATETIME_FORMAT = f"{_HOUSE_DATE} H:i"
