"""Server time and query count of the roadmap and dashboard pages for a user with many milestones.

Usage: MEDPATH_DATA_DIR=.cache/bench .venv/bin/python benchmarks/roadmap_pages.py [--stages 80] [--careers 99] [--requests 30]
Uses a fresh SQLite database in the data directory (or MEDPATH_DATABASE_URL). The user's
target is a private career with --stages stages in a chain, every other one ticked done
and the rest booked, plus --careers other private careers in their catalog.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stages", type=int, default=80)
    parser.add_argument("--careers", type=int, default=99, help="Other private careers (MedPath keeps at most 100 per person).")
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    data = Path(os.environ.setdefault("MEDPATH_DATA_DIR", ".cache/bench"))
    data.mkdir(parents=True, exist_ok=True)
    (data / "bench.sqlite3").unlink(missing_ok=True)
    os.environ.setdefault("MEDPATH_DATABASE_URL", f"sqlite:///{(data / 'bench.sqlite3').resolve()}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "medpath.settings"
    import django

    django.setup()
    from datetime import date, timedelta

    import yaml
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from medpath.accounts.models import User
    from medpath.plans import services

    setup_test_environment()
    call_command("migrate", verbosity=0)
    user = User.objects.create_user("bench@example.org", "bench passphrase 123", time_zone="UTC")
    source = {"id": "bench-src", "title": "Benchmark source", "url": "https://example.org/bench", "year": 2025}
    stages = [
        {
            "id": f"s{i}",
            "name": f"Stage {i}",
            "kind": "degree",
            "duration": {"min": 1, "typical": 2, "max": 3, "source": "bench-src", "confidence": "low"},
            **({"requires": [f"s{i - 1}"]} if i else {}),
        }
        for i in range(args.stages)
    ]
    target = {
        "id": "bench-career",
        "name": "Benchmark career",
        "family": "other",
        "summary": "Many stages.",
        "stages": stages,
        "routes": [{"id": "main", "name": "Main", "stages": [s["id"] for s in stages]}],
    }
    others = [{**target, "id": f"other-{n}", "name": f"Other {n}"} for n in range(args.careers)]
    services.custom_careers_import(user=user, text=yaml.safe_dump({"sources": [source], "careers": [target]}))
    for batch in range(0, len(others), 20):  # imports hold at most 20 careers
        services.custom_careers_import(user=user, text=yaml.safe_dump({"careers": others[batch : batch + 20]}))
    start = date.today() - timedelta(days=60 * args.stages // 2)
    services.roadmap_set_target(user=user, target=services.Target(career_id="bench-career", start_date=start))
    for i in range(args.stages):
        if i % 2 == 0 and start + timedelta(days=60 * (i + 1)) <= date.today():
            services.milestone_update(user=user, stage_id=f"s{i}", completed_on=start + timedelta(days=60 * (i + 1)))
        else:
            services.milestone_update(user=user, stage_id=f"s{i}", booked_for=start + timedelta(days=61 * (i + 1)))
    client = Client()
    client.force_login(user)
    print(f"user: {args.stages} milestones on the target route, {args.careers + 1} private careers; database {connection.vendor}")
    for name, url in (("roadmap", "/plan/"), ("dashboard", "/")):
        client.get(url)  # warm caches
        times = []
        for _ in range(args.requests):
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, response.status_code
        print(
            f"{name:10} median {statistics.median(times):6.1f} ms  p90 {sorted(times)[int(len(times) * 0.9) - 1]:6.1f} ms  "
            f"queries {len(queries)}  bytes {len(response.content):,}"
        )


if __name__ == "__main__":
    sys.exit(main())
