"""Showing catalog facts with their sources."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from medpath.catalog.schema import STAGE_KIND_LABELS, Source, Sourced

register = template.Library()


@register.simple_tag
def cite(fact: Sourced | None, sources: dict[str, Source]) -> str:
    """A small citation: the source's title and year as a link, and the confidence."""
    if fact is None:
        return ""
    source = sources.get(fact.source)
    if source is None:
        return format_html('<span class="cite">source {}</span>', fact.source)
    note = format_html(" — {}", fact.note) if fact.note else ""
    return format_html(
        '<span class="cite">(<a href="{}" rel="noopener noreferrer">{}, {}</a>; {} confidence{})</span>',
        str(source.url),
        source.title,
        source.year,
        fact.confidence,
        note,
    )


@register.filter
def months_range(duration: object) -> str:
    """'24–36 months (typically 27)' from a Months fact."""
    low, typical, high = (getattr(duration, name, None) for name in ("min", "typical", "max"))
    if typical is None:
        return ""

    def fmt(value: object) -> str:
        return f"{float(value):g}"  # type: ignore[arg-type]

    if low == high:
        return f"{fmt(typical)} months"
    return f"{fmt(low)}–{fmt(high)} months (typically {fmt(typical)})"


@register.filter
def years(days: int) -> str:
    """Days as years with one decimal."""
    return f"{days / 365.25:.1f}"


@register.filter
def stage_kind(kind: str) -> str:
    """A stage's kind in words: 'Admission exam' for admission_exam."""
    return STAGE_KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())
