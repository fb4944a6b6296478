"""Plans per second over every career, route and specialty in the catalog.

Usage: .venv/bin/python benchmarks/plans_per_second.py [--seconds 3]
Prints the number of distinct plans and the planning rate (pure engine, no database).
"""

from __future__ import annotations

import argparse
import time
from datetime import date

from medpath.catalog.loader import catalog
from medpath.plans.pathways import pathway
from medpath.plans.roadmap import PlanOptions, build_plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0, help="How long to keep planning.")
    args = parser.parse_args()
    known = catalog()
    paths = [
        pathway(career, route.id, specialty)
        for career in known.careers.values()
        for route in career.routes
        for specialty in ([s.id for s in career.specialties] or [None])
    ]
    start = date(2026, 9, 1)
    options = PlanOptions(start=start, today=start, part_time_factor=1.5)
    stages = sum(len(p.stages) for p in paths)
    done = 0
    began = time.perf_counter()
    while time.perf_counter() - began < args.seconds:
        for path in paths:
            build_plan(path.stages, options)
        done += len(paths)
    elapsed = time.perf_counter() - began
    print(f"careers: {len(known.careers)}  distinct plans (career x route x specialty): {len(paths)}  stages in them: {stages}")
    print(f"plans made: {done} in {elapsed:.2f} s  ->  {done / elapsed:,.0f} plans/s  ({elapsed / done * 1e6:.0f} µs per plan)")


if __name__ == "__main__":
    main()
