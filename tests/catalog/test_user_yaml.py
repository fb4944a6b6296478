"""A person's own YAML (rule sets, careers) is bounded before it is read: aliases refused, size and counts capped.

Issue 11, finding 1: an 11 KB document of aliased rules took 28 s and 1.3 GB in the rule-set import."""

from __future__ import annotations

import tracemalloc

import pytest

from medpath.catalog.loader import MAX_IMPORT_BYTES, CatalogError, parse_custom_careers
from medpath.learning.rulesets import RulesFileError, parse_own_rule_sets

RULE = "{id: total, label: 12 contact hours, kind: total, amount: 12}"


def alias_bomb(sets: int = 2000, rules: int = 100) -> str:
    """The tester's shape: one rule aliased ``rules`` times in one set, that set aliased ``sets`` times."""
    return (
        f"rule: &rule {RULE}\n"
        f"rules: &rules [{', '.join(['*rule'] * rules)}]\n"
        "set: &set {id: big, name: Big, issuer: Me, credential_kind: licence, unit: contact_hours, cycle_months: 24,"
        " effective_from: 2024-01-01, last_verified: 2026-11-01, source: x, confidence: low, rules: *rules}\n"
        f"requirement_sets: [{', '.join(['*set'] * sets)}]\n"
    )


def test_an_alias_bomb_is_refused_as_such_in_bounded_memory() -> None:
    """200,000 rules from 13 KB of aliases: refused naming aliases, in well under 50 MB."""
    bomb = alias_bomb()
    assert len(bomb) < 14 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(RulesFileError, match="alias"):
            parse_own_rule_sets(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024


def test_a_careers_import_refuses_aliases_too() -> None:
    text = "base: &b {id: x}\ncareers: [*b, *b]\n"
    with pytest.raises(CatalogError, match="alias"):
        parse_custom_careers(text, sources={}, taken=set())


def test_an_oversized_file_is_refused_before_it_is_parsed() -> None:
    text = "requirement_sets: []\n" + "#" * MAX_IMPORT_BYTES
    with pytest.raises(RulesFileError, match="larger than"):
        parse_own_rule_sets(text)


def test_too_many_sets_or_rules_are_refused() -> None:
    one = (
        "  - {{id: s{n}, name: S, issuer: Me, credential_kind: licence, unit: contact_hours, cycle_months: 24,"
        " effective_from: 2024-01-01, last_verified: 2026-11-01, source: x, confidence: low, rules: [{rule}]}}\n"
    )
    many_sets = "requirement_sets:\n" + "".join(one.format(n=n, rule=RULE) for n in range(21))
    with pytest.raises(RulesFileError, match="at most 20"):
        parse_own_rule_sets(many_sets)
    many_rules = "requirement_sets:\n" + one.format(n=0, rule=", ".join([RULE] * 101))
    with pytest.raises(RulesFileError, match="at most 100"):
        parse_own_rule_sets(many_rules)
