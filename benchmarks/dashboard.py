"""Server time and query count of the dashboard for a person with five years of records in every pillar.

Usage: MEDPATH_DATA_DIR=.cache/bench .venv/bin/python benchmarks/dashboard.py [--years 5] [--requests 30]
(add MEDPATH_DATABASE_URL=postgres://…/medpath_bench for PostgreSQL; that database must exist and may be emptied).

The person: about 1,500 experience entries (some verified, some waiting), 6,000 shifts (a
resident's five years), 400 CE activities, 12 credentials with renewal rules, a roadmap with
milestones on three careers, and a few snoozed actions. Prints the median and 90th-percentile
server time of GET / (cards and the ranked next actions) and its query count. Aim: under 50 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    data = Path(os.environ.setdefault("MEDPATH_DATA_DIR", ".cache/bench"))
    data.mkdir(parents=True, exist_ok=True)
    (data / "dashboard.sqlite3").unlink(missing_ok=True)
    os.environ.setdefault("MEDPATH_DATABASE_URL", f"sqlite:///{(data / 'dashboard.sqlite3').resolve()}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "medpath.settings"
    import django

    django.setup()
    import random
    from datetime import UTC, date, datetime, timedelta
    from decimal import Decimal

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from medpath.accounts.models import User
    from medpath.experience.models import ExperienceEntry, Shift, Verification
    from medpath.learning import services as learning
    from medpath.learning.models import CreditAward, LearningActivity
    from medpath.plans import services as plans
    from medpath.plans.models import Milestone, Roadmap

    setup_test_environment()
    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":  # the benchmark database is emptied, as the usage line says
        call_command("flush", interactive=False, verbosity=0)
    rng = random.Random(2026)  # noqa: S311 (made-up records, not secrets)
    today = date.today()
    first = today - timedelta(days=365 * args.years)
    user = User.objects.create_user(
        "bench@example.org", "bench passphrase 123", time_zone="America/Chicago", career_stage="resident"
    )

    # Learning: 12 credentials with rules, 400 activities with one or two awards.
    sets = [
        "ca-rn-licence",
        "aha-bls",
        "aha-acls",
        "ancc-certification-renewal",
        "tx-physician-licence",
        "nccpa-pa-certification",
    ]
    for i in range(12):
        learning.credential_save(
            user=user,
            kind="licence" if sets[i % len(sets)].endswith("licence") else "board_certification",
            name=f"Credential {i}",
            expires_on=today + timedelta(days=30 + 60 * i),
            requirement_set_id="" if i % 4 == 3 else sets[i % len(sets)] if not sets[i % len(sets)].startswith("aha") else "",
        )
    activities = LearningActivity.objects.for_user(user).bulk_create(
        [
            LearningActivity(
                owner=user,
                title=f"Course {i}",
                completed_on=first + timedelta(days=rng.randrange(365 * args.years)),
                topics=rng.sample(["implicit-bias", "medical-ethics", "opioids", "pharmacology", "patient-safety"], 2),
            )
            for i in range(80 * args.years)
        ]
    )
    CreditAward.objects.for_user(user).bulk_create(
        [
            CreditAward(owner=user, activity=a, credit_type="contact_hours", amount=Decimal(rng.choice([1, 2, 3])))
            for a in activities
        ]
        + [CreditAward(owner=user, activity=a, credit_type="ama_pra_cat1", amount=Decimal(2)) for a in activities[::3]]
    )
    # Experience: 300 entries a year, 1,200 shifts a year.
    ExperienceEntry.objects.for_user(user).bulk_create(
        [
            ExperienceEntry(
                owner=user,
                kind=rng.choice(["clinical_work", "shadowing", "volunteering_clinical", "research"]),
                title=f"Entry {i}",
                started_on=first + timedelta(days=rng.randrange(365 * args.years)),
                hours=Decimal(rng.choice([2, 4, 8])),
                supervisor_email="sup@clinic.example.org" if i % 3 else "",
                verification=rng.choice([Verification.UNVERIFIED, Verification.VERIFIED]),
            )
            for i in range(300 * args.years)
        ]
    )
    start = datetime.combine(first, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
    every = timedelta(hours=365 * 24 * args.years / (1200 * args.years + 40))  # 1,200 work periods a year
    Shift.objects.for_user(user).bulk_create(
        [
            Shift(owner=user, starts_at=start + every * i, ends_at=start + every * i + timedelta(hours=6), kind="clinical")
            for i in range(1200 * args.years)
            if start + every * i + timedelta(hours=6) < datetime.now(tz=UTC)
        ]
    )
    # Education: a roadmap, milestones on three careers (switching target keeps each career's milestones).
    for career in ("registered-nurse", "nurse-practitioner", "registered-nurse"):
        plans.roadmap_set_target(user=user, target=plans.Target(career_id=career, start_date=first))
    roadmap = Roadmap.objects.for_user(user).get()
    Milestone.objects.for_user(user).bulk_create(
        [
            Milestone(owner=user, roadmap=roadmap, career_id=c, stage_id=f"extra-{c}-{n}", completed_on=first)
            for c in ("a", "b", "c")
            for n in range(10)
        ]
    )
    client = Client()
    client.force_login(user)
    client.get("/")  # warm: the session's first write, imports, the catalog
    if os.environ.get("MEDPATH_BENCH_PROFILE"):
        import cProfile
        import pstats

        profile = str(data / "dashboard.prof")
        cProfile.runctx("client.get('/')", globals(), {"client": client}, profile)
        pstats.Stats(profile).sort_stats("cumtime").print_stats(25)
    times = []
    for _ in range(args.requests):
        started = time.perf_counter()
        response = client.get("/")
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    counts = {
        "entries": ExperienceEntry.objects.for_user(user).count(),
        "shifts": Shift.objects.for_user(user).count(),
        "activities": LearningActivity.objects.for_user(user).count(),
        "credentials": 12,
    }
    print(f"person: {counts}; database {connection.vendor}")
    times.sort()
    print(
        f"dashboard  median {statistics.median(times):6.1f} ms  p90 {times[int(len(times) * 0.9) - 1]:6.1f} ms  "
        f"queries {len(captured.captured_queries)}  (aim: median under 50 ms)"
    )


if __name__ == "__main__":
    main()
