"""Load the catalog and plan every career, route and specialty; print a summary or the first error.

Usage: .venv/bin/python scripts/check_catalog.py
"""

import sys
from datetime import date

from medpath.catalog.loader import CatalogError, load_catalog
from medpath.plans.pathways import pathway
from medpath.plans.roadmap import PlanError, PlanOptions, build_plan


def main() -> int:
    try:
        catalog = load_catalog()
    except CatalogError as error:
        print(f"catalog error: {error}")
        return 1
    start = date(2026, 9, 1)
    plans = 0
    for career in catalog.careers.values():
        for route in career.routes:
            for specialty in [s.id for s in career.specialties] or [None]:
                try:
                    path = pathway(career, route.id, specialty)
                    plan = build_plan(path.stages, PlanOptions(start=start, today=start))
                except PlanError as error:
                    print(f"plan error: {career.id} / {route.id} / {specialty}: {error}")
                    return 1
                plans += 1
        facts = [name for name in ("entry_education", "median_pay", "growth") if getattr(career, name) is None]
        print(
            f"{career.id:34} routes={len(career.routes)} stages={len(career.stages)} "
            f"years≈{plan.total_days / 365.25:4.1f} missing={','.join(facts) or '-'}"
        )
    print(f"{len(catalog.careers)} careers, {len(catalog.sources)} sources, {plans} plans made")
    return 0


if __name__ == "__main__":
    sys.exit(main())
