"""The catalog's renewal requirement sets: sourced, dated, in the shared vocabulary, and evaluable."""

from datetime import date
from pathlib import Path

import pytest

from medpath.catalog.loader import CatalogError, catalog, load_catalog, requirement_citations
from medpath.learning.requirements import Cycle, add_months, evaluate
from medpath.learning.rulesets import rule_set_from_spec
from tests.pagetext import rough_text

REQUIRED = [
    "abim-moc",
    "nccpa-pa-certification",
    "ancc-aprn-renewal",
    "ca-rn-licence",
    "fl-rn-licence",
    "mi-md-licence",
    "aha-bls",
    "aha-acls",
    "aha-pals",
    "nremt-emt",
    "nremt-aemt",
    "nremt-paramedic",
    "arrt-ce",
]


def test_required_sets_are_present() -> None:
    """Every set the learning pillar promises is in the catalog."""
    assert not [set_id for set_id in REQUIRED if set_id not in catalog().requirement_sets]


def test_every_set_is_sourced_dated_and_verified() -> None:
    """Each set cites registered sources, has effective dates, a last-verified date and a confidence."""
    known = catalog()
    for spec in known.requirement_sets.values():
        for _, source_id in requirement_citations(spec):
            assert source_id in known.sources
            assert "shared/reference" not in str(known.sources[source_id].url)
        assert spec.effective_from <= spec.last_verified
        assert spec.confidence in {"high", "medium", "low"}


def test_every_set_evaluates() -> None:
    """The engine evaluates every set for a holder with every fact, and for one with none."""
    today = date(2026, 11, 25)
    for spec in catalog().requirement_sets.values():
        cycle = Cycle(today, add_months(today, spec.cycle_months), renewal_number=2)
        for facts in ({}, {"prescriber": True, "aprn": True, "direct_patient_care": True}):
            result = evaluate(rule_set_from_spec(spec), cycle, [], today=today, facts=facts)
            assert result.status in {"met", "on-track", "at-risk", "exempt"}


def test_florida_cadences() -> None:
    """Florida: impairment every other renewal, domestic violence every third, on top of the 24 hours."""
    spec = catalog().requirement_sets["fl-rn-licence"]
    rule_set = rule_set_from_spec(spec)
    today = date(2026, 1, 1)
    second = evaluate(rule_set, Cycle(date(2025, 5, 1), date(2027, 4, 30), 2), [], today=today)
    third = evaluate(rule_set, Cycle(date(2025, 5, 1), date(2027, 4, 30), 3), [], today=today)
    assert second.rule("impairment").applies
    assert not third.rule("impairment").applies
    assert third.rule("domestic-violence").applies


def test_unknown_vocabulary_is_refused(tmp_path: Path) -> None:
    """A rule naming a topic the vocabulary lacks stops loading, naming the set and field."""
    import shutil

    from medpath.catalog.loader import DATA_DIR

    shutil.copytree(DATA_DIR, tmp_path / "data")
    target = tmp_path / "data" / "requirements" / "nursing_ca.yaml"
    target.write_text(target.read_text().replace("topics: [implicit-bias]", "topics: [astrology]"))
    with pytest.raises(CatalogError) as error:
        load_catalog(tmp_path / "data")
    assert error.value.entry == "ca-rn-licence"
    assert "astrology" in str(error.value)


def test_what_the_credential_page_shows_of_a_set_is_in_words() -> None:
    """A set's note and each rule's label and note are read by people: no field names or vocabulary ids in them."""
    for set_id, spec in catalog().requirement_sets.items():
        shown = [spec.name, spec.note] + [text for rule in spec.rules for text in (rule.label, rule.note)]
        for text in shown:
            assert rough_text(text) == [], (set_id, text)
