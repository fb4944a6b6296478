"""From requirement sets in YAML (the catalog's, or a person's own file) to the engine's rule sets. Pure: no Django."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from medpath.catalog.loader import (
    CatalogError,
    catalog,
    check_counts,
    check_requirement_sources,
    check_vocabulary,
    parse_document,
    read_user_yaml,
)
from medpath.catalog.requirement_schema import RequirementFile, RequirementSetSpec, RuleSpec
from medpath.catalog.schema import Source, SourceFile
from medpath.learning.requirements import Conversion, Filter, Multiplier, RequirementSet, Rule


class RulesFileError(ValueError):
    """A rule file that cannot be used; the message says where and why, as the Renewal rules page shows it."""


@dataclass(frozen=True)
class OwnRuleSets:
    """The requirement sets of a person's own file, checked, with the sources it brought."""

    sets: list[RequirementSetSpec]
    sources: list[Source]


def parse_own_rule_sets(text: str, *, taken: Collection[str] = ()) -> OwnRuleSets:
    """Read a file of one's own requirement sets (the catalog's format, with its own ``sources:``).

    Every set must cite known sources and use the shared vocabulary; an id in ``taken`` (the
    catalog's, or the person's other sets) is refused. RulesFileError says what is wrong.
    """
    label = "your file"
    try:
        raw = read_user_yaml(text, label)
        if not isinstance(raw, dict):
            raise CatalogError(label, "", "", "expected a mapping with a requirement_sets: list")
        own = raw.pop("sources", []) or []
        known = catalog()
        sources = dict(known.sources)
        brought = parse_document({"sources": own}, SourceFile, label).sources if own else []
        sources.update({source.id: source for source in brought})
        check_counts(
            raw, label, items="requirement_sets", most=MAX_OWN_SETS, parts="rules", most_parts=MAX_OWN_RULES,
            noun="rule sets", part_noun="rules", per="rule set",
        )  # fmt: skip
        document: RequirementFile = parse_document(raw, RequirementFile, label)
        for spec in document.requirement_sets:
            if spec.id in taken or f"mine:{spec.id}" in taken:
                raise CatalogError(label, spec.id, "id", "this id is already used; choose another")
            check_requirement_sources(spec, sources, label)
            assert known.vocabulary is not None
            check_vocabulary(spec, known.vocabulary, label)
    except CatalogError as error:
        raise RulesFileError(str(error)) from None
    return OwnRuleSets(sets=list(document.requirement_sets), sources=list(brought))


MAX_OWN_SETS = 20
MAX_OWN_RULES = 100


def _filter(spec: RuleSpec) -> Filter:
    return Filter(
        credit_types=frozenset(spec.credit_types),
        topics=frozenset(spec.topics),
        formats=frozenset(spec.formats),
        exclude_formats=frozenset(spec.exclude_formats),
    )


def rule_set_from_spec(spec: RequirementSetSpec) -> RequirementSet:
    """The engine's view of a catalog requirement set."""
    return RequirementSet(
        id=spec.id,
        name=spec.name,
        unit=spec.unit,
        cycle_months=spec.cycle_months,
        accepted_types=frozenset(spec.accepted_types or [spec.unit]),
        conversions=tuple(Conversion(c.from_type, c.to_type, c.factor) for c in spec.conversions),
        multipliers=tuple(
            Multiplier(m.factor, Filter(frozenset(m.credit_types), frozenset(m.topics), frozenset(m.formats)), m.limit)
            for m in spec.multipliers
        ),
        rounding_step=spec.rounding_step,
        grace_days=spec.grace_days,
        end_of_month=spec.end_of_month,
        exempt_if={str(k): v for k, v in spec.exempt_if.items()},
        rules=tuple(
            Rule(
                id=rule.id,
                label=rule.label,
                kind=rule.kind,
                amount=rule.amount,
                filter=_filter(rule),
                counts_toward_total=rule.counts_toward_total,
                cadence=rule.cadence,
                cadence_n=rule.cadence_n,
                applies_if={str(k): v for k, v in rule.applies_if.items()},
                exempt_if={str(k): v for k, v in rule.exempt_if.items()},
                window_months=rule.window_months,
                per_year=rule.per_year,
                overlaps=rule.overlaps,
            )
            for rule in spec.rules
        ),
    )
