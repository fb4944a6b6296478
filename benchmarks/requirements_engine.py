"""The renewal-requirements engine at scale: 10,000 seeded professionals, 3 credentials and 150 activities each.

Usage: .venv/bin/python benchmarks/requirements_engine.py [--people 10000] [--activities 150] [--seed 2026]
Prints the workload, the engine time (data generation excluded), evaluations per second, the share of
evaluations that needed the flow solver, and peak memory. Pure engine: no database.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
import tracemalloc
from datetime import date, timedelta

from medpath.catalog.loader import catalog
from medpath.learning.requirements import Activity, CreditAward, Cycle, add_months, evaluate
from medpath.learning.rulesets import rule_set_from_spec

# Who holds what: realistic bundles of three credentials, with the credit types and topics their CE carries.
PROFILES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "california nurse": (
        ["ca-rn-licence", "aha-bls", "aha-acls"],
        ["contact_hours"],
        ["implicit-bias", "pharmacology", "infection-control", "bls-course", "acls-course", "patient-safety"],
    ),
    "florida nurse": (
        ["fl-rn-licence", "aha-bls", "ancc-certification-renewal"],
        ["contact_hours", "ceu"],
        ["medical-errors", "laws-and-rules", "human-trafficking", "impairment", "domestic-violence", "hiv-aids", "bls-course"],
    ),
    "nurse practitioner": (
        ["ancc-aprn-renewal", "tx-rn-licence", "aha-acls"],
        ["contact_hours", "ama_pra_cat1", "practice_hours"],
        ["pharmacology", "controlled-substances", "opioids", "human-trafficking", "acls-course", "medical-ethics"],
    ),
    "michigan physician": (
        ["mi-md-licence", "abim-moc", "aha-acls"],
        ["ama_pra_cat1", "ama_pra_cat2", "moc_points"],
        ["medical-ethics", "pain-management", "controlled-substances", "implicit-bias", "human-trafficking", "medical-knowledge"],
    ),
    "physician assistant": (
        ["nccpa-pa-certification", "nccpa-panre", "aha-bls"],
        ["aapa_cat1", "aapa_cat2", "ama_pra_cat1"],
        ["performance-improvement", "recertification-exam", "bls-course", "pharmacology"],
    ),
    "paramedic": (
        ["nremt-paramedic", "aha-acls", "aha-pals"],
        ["capce_hours", "contact_hours"],
        ["nremt-national", "nremt-local", "nremt-individual", "acls-course", "pals-course"],
    ),
    "radiologic technologist": (
        ["arrt-ce", "aha-bls", "osha-bloodborne-pathogens"],
        ["arrt_ce"],
        ["sonography", "bls-course", "bloodborne-pathogens", "patient-safety"],
    ),
}
FORMATS = ["live", "enduring", "journal", "conference", "self-assessment", "course", "grand-rounds"]


def generate(people: int, per_person: int, seed: int, today: date) -> list[tuple[object, Cycle, list[Activity], dict[str, bool]]]:
    """The seeded workload: one evaluation per (person, credential)."""
    rng = random.Random(seed)  # noqa: S311  (a seeded workload, not a secret)
    specs = catalog().requirement_sets
    rule_sets = {set_id: rule_set_from_spec(spec) for set_id, spec in specs.items()}
    work = []
    profiles = list(PROFILES.values())
    for person in range(people):
        set_ids, credit_types, topics = profiles[person % len(profiles)]
        activities = []
        for index in range(per_person):
            completed = today - timedelta(days=rng.randint(0, 5 * 365))
            awards = [
                CreditAward(
                    rng.choice(credit_types), round(rng.choice([0.5, 1, 1, 1.5, 2, 3, 4, 6, 8]) * rng.uniform(0.8, 1.2), 2)
                )
            ]
            if rng.random() < 0.2:
                awards.append(CreditAward("ceu", round(awards[0].amount / 10, 2)))
            chosen = frozenset(rng.sample(topics, k=rng.choice([0, 0, 1, 1, 2])))
            activities.append(
                Activity(f"{person}-{index}", f"Activity {index}", completed, tuple(awards), chosen, rng.choice(FORMATS))
            )
        facts = {
            "prescriber": rng.random() < 0.4,
            "aprn": "ancc-aprn-renewal" in set_ids,
            "direct_patient_care": rng.random() < 0.9,
        }
        for set_id in set_ids:
            spec = specs[set_id]
            end = today + timedelta(days=rng.randint(-30, spec.cycle_months * 30))
            cycle = Cycle(add_months(end, -spec.cycle_months), end, renewal_number=rng.randint(1, 6))
            work.append((rule_sets[set_id], cycle, activities, facts))
    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--activities", type=int, default=150)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    today = date(2026, 11, 25)
    began = time.perf_counter()
    work = generate(args.people, args.activities, args.seed, today)
    generated = time.perf_counter() - began
    statuses: dict[str, int] = {}
    flows = 0
    began = time.perf_counter()
    for rule_set, cycle, activities, facts in work:
        result = evaluate(rule_set, cycle, activities, today=today, facts=facts)  # type: ignore[arg-type]
        statuses[result.status] = statuses.get(result.status, 0) + 1
        flows += result.used_flow
    engine = time.perf_counter() - began
    # Memory is measured on a second pass so that tracing does not slow the timed one.
    tracemalloc.start()
    for rule_set, cycle, activities, facts in work[: min(len(work), 3000)]:
        evaluate(rule_set, cycle, activities, today=today, facts=facts)  # type: ignore[arg-type]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    awards = sum(len(a.awards) for a in work[0][2]) * len(work) // 1 if work else 0
    print(
        f"workload: {args.people:,} professionals x 3 credentials = {len(work):,} evaluations; {args.activities} activities each "
        f"(about {awards:,} credit awards examined); seed {args.seed}; {len(catalog().requirement_sets)} rule sets"
    )
    print(f"data generation: {generated:.2f} s (not counted)")
    print(f"engine time: {engine:.2f} s  ->  {len(work) / engine:,.0f} evaluations/s  ({engine / len(work) * 1e6:.0f} µs each)")
    print(f"flow solver needed: {flows / len(work):.1%} of evaluations ({flows:,})")
    print("statuses: " + ", ".join(f"{k} {v:,}" for k, v in sorted(statuses.items())))
    print(f"peak memory of the engine (tracemalloc, first 3,000 evaluations): {peak / 1e6:.1f} MB; process peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
