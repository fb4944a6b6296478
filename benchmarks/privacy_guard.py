"""Precision and recall of the privacy guard, per identifier type, on the labelled evaluation set.

Usage: .venv/bin/python benchmarks/privacy_guard.py [--split heldout|tune|all|fresh|fresh2|fresh3|fresh4|fresh5] [--errors]
``fresh`` to ``fresh5`` read tests/privacy/eval_set_fresh*.jsonl, each written blind
after the sets before it had been seen (see tests/privacy/EVAL_SET.md).
A found span counts when it overlaps a labelled span of the same type by at least half of the
longer of the two. Aim (issue 5): recall >= 0.95 on structured identifiers, >= 0.8 on names;
precision >= 0.8.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from medpath.privacy.evaluation import STRUCTURED, load, score
from medpath.privacy.guard import TYPES, find_identifiers

EVAL_SET = Path(__file__).resolve().parent.parent / "tests" / "privacy" / "eval_set.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--split", default="heldout", choices=["heldout", "tune", "all", "fresh", "fresh2", "fresh3", "fresh4", "fresh5"]
    )
    parser.add_argument("--errors", action="store_true", help="Print every miss and false alarm.")
    args = parser.parse_args()
    if args.split.startswith("fresh"):
        rows = load(EVAL_SET.with_name(f"eval_set_{args.split}.jsonl"), args.split)
    else:
        rows = load(EVAL_SET, args.split)
    began = time.perf_counter()
    result = score(rows)
    elapsed = time.perf_counter() - began
    if args.errors:
        print("\n".join(result.errors))
    print(f"split: {args.split}; {len(rows)} sentences; {sum(r['hard_negative'] for r in rows)} hard negatives")
    print(f"{'type':13} {'labelled':>8} {'found':>6} {'recall':>7} {'precision':>9}")
    for kind in TYPES:
        labelled = result.hits[kind] + result.misses[kind]
        flagged = result.hits[kind] + result.alarms[kind]
        recall = f"{result.recall([kind]):.2f}" if labelled else "-"
        precision = f"{result.precision([kind]):.2f}" if flagged else "-"
        print(f"{kind:13} {labelled:8} {flagged:6} {recall:>7} {precision:>9}")
    for label, kinds in (("structured", STRUCTURED), ("names", ("name",)), ("all", TYPES)):
        print(f"{label:13} recall {result.recall(kinds):.3f}  precision {result.precision(kinds):.3f}")
    print(f"hard negatives with any flag: {result.negatives_flagged}")
    print(f"time: {elapsed * 1000 / len(rows):.2f} ms per sentence (scoring included)")
    adversarial()


def adversarial() -> None:
    """Long texts built to make regular expressions backtrack: each must stay far under a second."""
    cases = {
        "dashed digits": "-".join("111" for _ in range(4000)),
        "dotted words": ".".join("word" for _ in range(3200)),
        "capitalised words": " ".join(["Anna", "Ní", "de", "Mac", "O'Neil", "St."] * 700),
        "apostrophes": "A'" * 8000,
        "a long lower-case word after pt": "pt abc def " + "a" * 16000 + " x",
        "repeated 'policy'": "policy" * 2700,
        "repeated 'sensor'": "sensor" * 2700,
    }
    for label, text in cases.items():
        began = time.perf_counter()
        find_identifiers(text)
        print(f"worst case, {label} ({len(text):,} chars): {(time.perf_counter() - began) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
