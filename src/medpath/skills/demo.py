"""Demo soft skills: (being written)."""

from __future__ import annotations

from medpath.demo import register_demo_filler


def _fill(users: dict[str, object]) -> None:
    return None


register_demo_filler(_fill)
