"""Load the catalog's requirement sets and evaluate each against no activities; print a summary or the first error.

Usage: .venv/bin/python scripts/check_requirements.py
"""

import sys
from datetime import date

from medpath.catalog.loader import CatalogError, load_catalog
from medpath.learning.requirements import Cycle, add_months, evaluate
from medpath.learning.rulesets import rule_set_from_spec


def main() -> int:
    try:
        catalog = load_catalog()
    except CatalogError as error:
        print(f"catalog error: {error}")
        return 1
    today = date(2026, 11, 25)
    for spec in catalog.requirement_sets.values():
        rule_set = rule_set_from_spec(spec)
        cycle = Cycle(start=today, end=add_months(today, spec.cycle_months), renewal_number=2)
        result = evaluate(rule_set, cycle, [], today=today, facts={"prescriber": True, "aprn": True, "direct_patient_care": True})
        rules = ", ".join(f"{r.id}={r.required:g}" for r in result.rules)
        print(f"{spec.id:32} {spec.cycle_months:3} mo  {spec.confidence:6}  verified {spec.last_verified}  {rules}")
    print(f"{len(catalog.requirement_sets)} requirement sets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
