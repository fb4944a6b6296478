"""Countries (ISO 3166-1) and their regions (ISO 3166-2), from pycountry's data."""

from __future__ import annotations

import unicodedata
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


def _folded(text: str) -> str:
    """Case and accents folded away: "Tamil Nādu" and "tamil nadu" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().replace("-", " ").strip()


def normalize_place(country: str, region: str) -> tuple[str, str]:
    """Checked, canonical (country, region) codes; accepts "ca", "US-CA", "California" or "sao paulo"."""
    country = country.strip().upper()
    region = region.strip()
    found = pycountry.countries.get(alpha_2=country) if country else None
    if country and found is None:
        raise ValidationError({"country": f"“{country}” is not an ISO 3166 country code (for example US, GB, IN)."})
    if not region:
        return country, ""
    if found is None:
        raise ValidationError({"region": "Choose the country before the region."})
    regions = _regions(country)
    if not regions:
        raise ValidationError({"region": f"{found.name} has no regions in ISO 3166-2; leave this empty."})
    wanted = _folded(region)
    for code, name in regions.items():
        if wanted in {_folded(code), _folded(code.split("-", 1)[1]), _folded(name)}:
            return country, code
    raise ValidationError(
        {"region": f"“{region}” is not a region of {found.name}. Use its ISO 3166-2 code or name, e.g. {_example(regions)}."}
    )


def _example(regions: dict[str, str]) -> str:
    code = sorted(regions)[len(regions) // 2]
    return f"{code} ({regions[code]})"
