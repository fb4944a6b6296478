"""From catalog requirement sets (YAML specs) to the engine's rule sets. Pure: no Django."""

from __future__ import annotations

from medpath.catalog.requirement_schema import RequirementSetSpec, RuleSpec
from medpath.learning.requirements import Conversion, Filter, Multiplier, RequirementSet, Rule


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
