"""Scoring the guard against a labelled set: per-type hits, misses and false alarms. Pure."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medpath.privacy.guard import TYPES, Span, find_identifiers

STRUCTURED = tuple(kind for kind in TYPES if kind not in {"name", "date", "age-over-89"})


@dataclass
class Score:
    """Counts per identifier type, and the errors behind them."""

    hits: Counter[str] = field(default_factory=Counter)
    misses: Counter[str] = field(default_factory=Counter)
    alarms: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    negatives_flagged: int = 0

    def recall(self, kinds: Iterable[str]) -> float:
        """Share of labelled identifiers of these types that were found."""
        kinds = list(kinds)
        right = sum(self.hits[k] for k in kinds)
        labelled = right + sum(self.misses[k] for k in kinds)
        return right / labelled if labelled else 1.0

    def precision(self, kinds: Iterable[str]) -> float:
        """Share of flags of these types that were right."""
        kinds = list(kinds)
        right = sum(self.hits[k] for k in kinds)
        flagged = right + sum(self.alarms[k] for k in kinds)
        return right / flagged if flagged else 1.0


def load(path: Path, split: str) -> list[dict[str, Any]]:
    """Rows of the JSON-lines evaluation set, of one split ("tune", "heldout") or "all"."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row for row in rows if split == "all" or row["split"] == split]


def _matches(found: Span, start: int, end: int) -> bool:
    """Same identifier when they overlap by at least half of the longer span."""
    overlap = min(found.end, end) - max(found.start, start)
    return overlap > 0 and overlap * 2 >= max(found.end - found.start, end - start)


def score(rows: Iterable[dict[str, Any]], find: Callable[[str], list[Span]] = find_identifiers) -> Score:
    """Run the guard (or ``find``) on every row and count, per type, what it found, missed and wrongly flagged."""
    result = Score()
    for row in rows:
        text = row["text"]
        found = find(text)
        truth = [(s["start"], s["end"], s["type"]) for s in row["spans"]]
        used: set[int] = set()
        for span in found:
            match = next(
                (i for i, (s, e, t) in enumerate(truth) if i not in used and t == span.type and _matches(span, s, e)), None
            )
            if match is None:
                result.alarms[span.type] += 1
                result.errors.append(f"FALSE {span.type:12} {span.text!r:32} in {text}")
            else:
                used.add(match)
                result.hits[span.type] += 1
        for i, (s, e, t) in enumerate(truth):
            if i not in used:
                result.misses[t] += 1
                result.errors.append(f"MISS  {t:12} {text[s:e]!r:32} in {text}")
        result.negatives_flagged += bool(row["hard_negative"] and found)
    return result
