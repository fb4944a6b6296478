"""Searching, filtering and comparing careers (pure). Unknown stays unknown.

A filter on a figure the catalog lacks (no sourced pay, say) neither keeps nor
drops the career silently: it goes to a separate "unknown" list, shown as such.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from medpath.catalog.schema import EDUCATION_LEVELS, Career
from medpath.plans.pathways import typical_years_of_education


@dataclass(frozen=True)
class CareerFilters:
    """What the explorer asks for; None means no filter."""

    text: str = ""
    family: str = ""
    max_years: float | None = None
    min_pay: int | None = None
    min_growth: float | None = None
    max_education: str = ""


@dataclass(frozen=True)
class CareerSummary:
    """The figures the explorer shows for one career."""

    career: Career
    years: float | None

    @property
    def pay(self) -> int | None:
        """Median pay, if sourced."""
        return self.career.median_pay.amount if self.career.median_pay else None

    @property
    def growth(self) -> float | None:
        """Projected growth, if sourced."""
        return self.career.growth.percent if self.career.growth else None

    @property
    def education(self) -> str:
        """Typical entry education, if sourced."""
        return self.career.entry_education.level if self.career.entry_education else ""


@dataclass(frozen=True)
class ExploreResult:
    """Careers that match, and careers whose figures are unknown for a filter asked."""

    matches: list[CareerSummary]
    unknown: list[tuple[CareerSummary, list[str]]]


def summarize(career: Career) -> CareerSummary:
    """The explorer's view of one career."""
    return CareerSummary(career=career, years=typical_years_of_education(career))


def _text_match(career: Career, text: str) -> bool:
    words = text.lower().split()
    haystack = " ".join([career.id, career.name, career.summary, *career.aliases, *(b.name for b in career.bodies)]).lower()
    return all(word in haystack for word in words)


def explore(careers: Iterable[Career], filters: CareerFilters) -> ExploreResult:
    """Apply the filters; sort matches by name."""
    matches: list[CareerSummary] = []
    unknown: list[tuple[CareerSummary, list[str]]] = []
    ceiling = EDUCATION_LEVELS.index(filters.max_education) if filters.max_education in EDUCATION_LEVELS else None
    for career in sorted(careers, key=lambda c: c.name.lower()):
        if filters.text and not _text_match(career, filters.text):
            continue
        if filters.family and career.family != filters.family:
            continue
        summary = summarize(career)
        missing: list[str] = []
        checks: list[tuple[bool, object, str]] = [
            (filters.max_years is not None, summary.years, "years of education"),
            (filters.min_pay is not None, summary.pay, "median pay"),
            (filters.min_growth is not None, summary.growth, "projected growth"),
            (ceiling is not None, summary.education or None, "entry education"),
        ]
        if any(asked and value is None for asked, value, _ in checks):
            missing = [label for asked, value, label in checks if asked and value is None]
        passes = True
        if filters.max_years is not None and summary.years is not None:
            passes &= summary.years <= filters.max_years
        if filters.min_pay is not None and summary.pay is not None:
            passes &= summary.pay >= filters.min_pay
        if filters.min_growth is not None and summary.growth is not None:
            passes &= summary.growth >= filters.min_growth
        if ceiling is not None and summary.education:
            passes &= EDUCATION_LEVELS.index(summary.education) <= ceiling
        if not passes:
            continue
        if missing:
            unknown.append((summary, missing))
        else:
            matches.append(summary)
    return ExploreResult(matches=matches, unknown=unknown)
