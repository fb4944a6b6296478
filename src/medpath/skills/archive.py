"""How feedback requests travel in the full archive: only as the counters the person may see, never anything that
could tell who answered (docs/skills.md, "Privacy of feedback"; docs/portfolio.md, "Archive format").

Leaving: the comments stay behind (a colleague's words can name them); the per-role counters are summed over roles,
and only for a closed request whose results are released, with every statement whose scores the release withholds
given as ``scores: null``. Coming back: the summed counters are stored under one role, so no role breakdown is
shown, and a withheld statement gets placeholder counters that the release withholds again.
"""

from __future__ import annotations

from typing import Any

from medpath.archive.registry import KindHooks, Record, register_kind_hooks
from medpath.skills.models import FeedbackRequest, RaterRole
from medpath.skills.release import release
from medpath.skills.services.feedback import instrument_of

ONE_ROLE = RaterRole.OTHER.value


def _export(row: FeedbackRequest, record: Record) -> Record:
    record.pop("comments", None)
    record["tally"] = None
    if row.is_closed() and not row.withheld:
        items = [item.id for item in instrument_of(row.instrument_id).items]
        result = release(row.tally, items, row.minimum_answers)
        if result.released and result.overall is not None:
            record["tally"] = {
                item.item_id: {"cannot_assess": item.cannot_assess, "scores": None if item.withheld else list(item.counts)}
                for item in result.overall.items
            }
    return record


def _import(record: Record) -> Record:
    record["comments"] = []
    summary: Any = record.get("tally")
    if summary is None:
        record["tally"] = {}
        return record
    answers = int(record.get("answers") or 0)
    tally: dict[str, dict[str, list[int]]] = {}
    for item_id, counts in dict(summary).items():
        cannot = int(counts["cannot_assess"])
        scores = counts["scores"]
        # counters[0] is "cannot assess", 1-5 the scale points, as release reads them
        counters = [cannot, *scores] if scores is not None else [cannot, max(answers - cannot, 0), 0, 0, 0, 0]
        tally[str(item_id)] = {ONE_ROLE: [int(c) for c in counters]}
    record["tally"] = tally
    return record


def register() -> None:
    """Feedback requests go through the hooks above."""
    register_kind_hooks(
        "skills.feedbackrequest",
        KindHooks(
            _export,
            _import,
            {
                "tally": "the released results only, summed over rater roles: statement id -> {cannot_assess, "
                "scores (5 counters, points 1 to 5, or null when withheld)}; null while open or when not released",
                "comments": "never in the archive (a colleague's words could identify them)",
            },
        ),
    )
