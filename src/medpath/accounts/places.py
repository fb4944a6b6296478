"""Countries (ISO 3166-1) and their regions (ISO 3166-2), from pycountry's data."""

from __future__ import annotations

from functools import cache
from typing import Any

import pycountry
from django.core.exceptions import ValidationError


@cache
def country_choices() -> list[tuple[str, str]]:
    """(alpha-2 code, name) for every country, sorted by name."""
    return sorted(((c.alpha_2, c.name) for c in pycountry.countries), key=lambda pair: pair[1])


@cache
def _regions(country: str) -> dict[str, str]:
    """Region code (US-CA) to name for one country."""
    found: Any = pycountry.subdivisions.get(country_code=country)  # type: ignore[no-untyped-call]
    return {s.code: s.name for s in found or []}


def normalize_place(country: str, region: str) -> tuple[str, str]:
    """Checked, canonical (country, region) codes; accepts "ca", "US-CA" or "California"."""
    country = country.strip().upper()
    region = region.strip()
    if country and pycountry.countries.get(alpha_2=country) is None:
        raise ValidationError({"country": f"“{country}” is not an ISO 3166 country code (for example US, GB, IN)."})
    if not region:
        return country, ""
    if not country:
        raise ValidationError({"region": "Choose the country before the region."})
    regions = _regions(country)
    wanted = region.upper()
    for code, name in regions.items():
        if wanted in {code.upper(), code.split("-", 1)[1].upper(), name.upper()}:
            return country, code
    example = next(iter(sorted(regions)), f"{country}-XX")
    raise ValidationError({"region": f"“{region}” is not a region of {country} (use a code such as {example})."})
