"""Precision and recall of the privacy guard, per identifier type and per labelled set, with its speed and size.

Usage: .venv/bin/python benchmarks/privacy_guard.py [--sets all|NAME ...] [--names-by model|rules] [--errors]

Sets are tests/privacy/eval_set*.jsonl: ``tune`` and ``heldout`` (the two halves of eval_set.jsonl), ``fresh`` to
``fresh5``, and the blind sets ``blind1`` and ``blind2`` (see tests/privacy/EVAL_SET.md). The learned name detector
is trained on every set except the blind ones, so only the blind figures measure it: they are marked "blind". A
found span counts when it overlaps a labelled span of the same type by at least half of the longer of the two.
Aims (issue 15, on blind sets): names recall >= 0.85, structured recall >= 0.95, precision >= 0.90, at most 5% of
hard negatives flagged; p95 under 10 ms a sentence and under 100 ms for a 2,000-character field.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from medpath.privacy import guard, names
from medpath.privacy.evaluation import STRUCTURED, load, score
from medpath.privacy.guard import TYPES

FOLDER = Path(__file__).resolve().parent.parent / "tests" / "privacy"
# Sets measured blind: written before the detector they measure and read only after its first run on them
# (benchmarks/README.md records which detector each one measured blind).
BLIND = {"blind1", "blind2", "blind3", "blind4", "blind5", "blind6"}


def sets() -> dict[str, tuple[Path, str]]:
    """Every labelled set by name: (file, split)."""
    found = {"tune": (FOLDER / "eval_set.jsonl", "tune"), "heldout": (FOLDER / "eval_set.jsonl", "heldout")}
    for path in sorted(FOLDER.glob("eval_set_*.jsonl")):
        found[path.stem.removeprefix("eval_set_")] = (path, "all")
    return found


def main() -> None:
    known = sets()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="+", default=["all"], choices=["all", *known])
    parser.add_argument("--names-by", default="model", choices=["model", "rules"])
    parser.add_argument("--errors", action="store_true", help="Print every miss and false alarm.")
    args = parser.parse_args()
    chosen = list(known) if "all" in args.sets else args.sets
    if args.names_by == "model" and not names.model_ready():
        raise SystemExit(f"no model at {names.MODEL}: run make train-guard")

    def find(text: str) -> list[guard.Span]:
        return guard.find_identifiers(text, names_by=args.names_by)

    print(f"names decided by: {args.names_by}")
    print(
        f"{'set':9} {'rows':>5} {'neg':>4}  {'names R':>7} {'names P':>7}  {'struct R':>8} {'struct P':>8}  {'all P':>5}  neg flagged"
    )
    every: list[dict[str, object]] = []
    for name in chosen:
        path, split = known[name]
        rows = load(path, split)
        every += rows
        result = score(rows, find)
        negatives = sum(bool(row["hard_negative"]) for row in rows)
        flagged = f"{result.negatives_flagged}/{negatives} ({result.negatives_flagged / max(negatives, 1):.1%})"
        mark = "  blind" if name in BLIND else ""
        print(
            f"{name:9} {len(rows):5} {negatives:4}  {result.recall(['name']):7.3f} {result.precision(['name']):7.3f}  "
            f"{result.recall(STRUCTURED):8.3f} {result.precision(STRUCTURED):8.3f}  {result.precision(TYPES):5.3f}  {flagged}{mark}"
        )
        if args.errors:
            print("\n".join(f"  {error}" for error in result.errors))
    per_type(every, find)
    speed([str(row["text"]) for row in every], args.names_by)
    size()
    adversarial(args.names_by)


def per_type(rows: list[dict[str, object]], find: Callable[[str], list[guard.Span]]) -> None:
    """Recall and precision of each type over the chosen sets together."""
    result = score(rows, find)
    print("\nper type, the chosen sets together:")
    print(f"{'type':13} {'labelled':>8} {'found':>6} {'recall':>7} {'precision':>9}")
    for kind in TYPES:
        labelled = result.hits[kind] + result.misses[kind]
        flagged = result.hits[kind] + result.alarms[kind]
        recall = f"{result.recall([kind]):.2f}" if labelled else "-"
        precision = f"{result.precision([kind]):.2f}" if flagged else "-"
        print(f"{kind:13} {labelled:8} {flagged:6} {recall:>7} {precision:>9}")


def speed(texts: list[str], names_by: str) -> None:
    """Time per sentence (p50, p95) and for 2,000-character fields made of the sentences."""
    guard.find_identifiers("warm up the model", names_by=names_by)
    timings = []
    for text in texts:
        began = time.perf_counter()
        guard.find_identifiers(text, names_by=names_by)
        timings.append((time.perf_counter() - began) * 1000)
    fields = []
    joined = " ".join(texts)
    for start in range(0, max(len(joined) - 2000, 1), 2000)[:200]:
        field = joined[start : start + 2000]
        began = time.perf_counter()
        guard.find_identifiers(field, names_by=names_by)
        fields.append((time.perf_counter() - began) * 1000)
    quantiles = statistics.quantiles(timings, n=20)
    field_quantiles = statistics.quantiles(fields, n=20)
    print(
        f"\nspeed: a sentence p50 {statistics.median(timings):.2f} ms, p95 {quantiles[18]:.2f} ms ({len(timings)} sentences); "
        f"a 2,000-character field p50 {statistics.median(fields):.1f} ms, p95 {field_quantiles[18]:.1f} ms ({len(fields)} fields)"
    )


def size() -> None:
    """The model file, the installed size of the packages the detector added, and this process's peak memory."""
    added = 0
    for package in ("python-crfsuite", "faker"):
        files = importlib.metadata.files(package) or []
        added += sum(Path(str(f.locate())).stat().st_size for f in files if Path(str(f.locate())).is_file())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"size: model {names.MODEL.stat().st_size / 1024:.0f} KB; python-crfsuite and faker installed "
        f"{added / 1024 / 1024:.1f} MB; peak resident memory of this process {peak:.0f} MB"
    )


def adversarial(names_by: str) -> None:
    """Long texts built to make regular expressions backtrack, and text in other scripts: each bounded."""
    cases = {
        "dashed digits": "-".join("111" for _ in range(4000)),
        "dotted words": ".".join("word" for _ in range(3200)),
        "capitalised words": " ".join(["Anna", "Ní", "de", "Mac", "O'Neil", "St."] * 700),
        "apostrophes": "A'" * 8000,
        "a long lower-case word after pt": "pt abc def " + "a" * 16000 + " x",
        "repeated 'policy'": "policy" * 2700,
        "repeated 'sensor'": "sensor" * 2700,
        "Chinese, Arabic and emoji": ("病人今天感觉好多了。" + "المريض بخير " + "🙂🏥 ") * 300,
        "control characters": "\x07\x1b[31m\u200b\ufeff" * 2000,
    }
    for label, text in cases.items():
        began = time.perf_counter()
        guard.find_identifiers(text, names_by=names_by)
        print(f"worst case, {label} ({len(text):,} chars): {(time.perf_counter() - began) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
