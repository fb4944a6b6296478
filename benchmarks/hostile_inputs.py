"""What hostile input costs MedPath: time and peak memory of each bounded reader, beside what the unbounded
reading it replaced would cost (issue 11).

Usage: .venv/bin/python benchmarks/hostile_inputs.py [--sets 2000] [--rules 100]

- A YAML alias bomb (the tester's shape: one rule aliased in a set, the set aliased many times), read as the
  rule-set import read it before (``yaml.safe_load``, then one model per rule) and as it reads it now
  (``parse_own_rule_sets``: no aliases, at most 256 KB, 20 sets of 100 rules).
- A JSON body nested 100,000 deep, parsed as the API's body check does (a RecursionError, caught as a 400).

The PDF bombs are measured by benchmarks/certificate_reader.py.
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import yaml
from pydantic import ValidationError

from medpath.catalog.requirement_schema import RequirementFile
from medpath.learning.rulesets import RulesFileError, parse_own_rule_sets

RULE = "{id: total, label: 12 contact hours, kind: total, amount: 12}"


def alias_bomb(sets: int, rules: int) -> str:
    return (
        f"rule: &rule {RULE}\n"
        f"rules: &rules [{', '.join(['*rule'] * rules)}]\n"
        "set: &set {id: big, name: Big, issuer: Me, credential_kind: licence, unit: contact_hours, cycle_months: 24,"
        " effective_from: 2024-01-01, last_verified: 2026-11-01, source: x, confidence: low, rules: *rules}\n"
        f"requirement_sets: [{', '.join(['*set'] * sets)}]\n"
    )


def measure(work: Callable[[], str]) -> tuple[float, float, str]:
    """Seconds, peak traced MB and the outcome of ``work``."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome = work()
    except Exception as error:  # the outcome is the message
        outcome = f"{type(error).__name__}: {str(error)[:70]}"
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak / 1024 / 1024, outcome


def unbounded_read(text: str) -> str:
    """The rule-set import before issue 11: safe_load expands every alias, then every rule is validated."""
    document: Any = yaml.safe_load(text)
    document.setdefault("sources", [{"id": "x", "title": "x", "url": "https://example.org", "year": 2026}])
    try:
        parsed = RequirementFile.model_validate(document)
    except ValidationError as error:
        return f"{error.error_count():,} problems found after expanding every rule"
    return f"{sum(len(spec.rules) for spec in parsed.requirement_sets):,} rules validated"


def bounded_read(text: str) -> str:
    try:
        parse_own_rule_sets(text)
    except RulesFileError as error:
        return f"refused: {str(error)[:70]}"
    return "accepted"


def nested_json(depth: int) -> str:
    try:
        json.loads("[" * depth + "]" * depth)
    except RecursionError:
        return "RecursionError (answered 400)"
    return "parsed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", type=int, default=2000)
    parser.add_argument("--rules", type=int, default=100)
    args = parser.parse_args()
    bomb = alias_bomb(args.sets, args.rules)
    print(f"YAML alias bomb: {len(bomb) / 1024:.1f} KB, {args.sets:,} sets × {args.rules} rules by alias")
    for name, work in (("before: safe_load + validate", unbounded_read), ("now: bounded reader", bounded_read)):
        seconds, peak, outcome = measure(lambda work=work: work(bomb))
        print(f"  {name:<30} {seconds * 1000:9.1f} ms  peak {peak:8.2f} MB  {outcome}")
    seconds, peak, outcome = measure(lambda: nested_json(100_000))
    print(f"JSON nested 100,000 deep ({200_000 / 1024:.0f} KB): {seconds * 1000:.1f} ms  peak {peak:.2f} MB  {outcome}")


if __name__ == "__main__":
    main()
