"""Template filters for how numbers read, built into every template (settings.TEMPLATES builtins)."""

from __future__ import annotations

from decimal import InvalidOperation

from django import template

from medpath import wording

register = template.Library()


@register.filter
def amount(value: object) -> str:
    """Hours or credits with at most two decimals and no trailing zeros (346, 346.5); empty for no value."""
    if value is None or value == "":
        return ""
    try:
        return wording.amount(value)  # type: ignore[arg-type]
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
