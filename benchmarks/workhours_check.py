"""The stateless work-hour check at scale: 1,000 residents x one academic year (about 320,000 shifts).

Usage: .venv/bin/python benchmarks/workhours_check.py [--residents 1000] [--seed 2026]
Generates a distinct, seeded schedule CSV (not timed), then times what `medpath hours check` does —
`check_text`: CSV parsing and all seven rules, rolling windows — on one process and on every core,
and prints shifts per second and peak memory.
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import time
import tracemalloc
from datetime import datetime, timedelta, timezone

from medpath.experience.batch import check_text, default_workers
from medpath.experience.schedule import read_schedule
from medpath.experience.standards import default_settings, limits
from medpath.experience.workhours import check


def generate(residents: int, seed: int) -> tuple[str, int]:
    """A schedule CSV: rotations of days, nights, call and clinic, with leave and some moonlighting."""
    rng = random.Random(seed)  # noqa: S311  (a seeded workload, not a secret)
    out = io.StringIO()
    out.write("resident,start,end,kind,pgy,rotation\n")
    rows = 0
    year_start = datetime(2026, 7, 1, tzinfo=timezone(timedelta(hours=-4)))
    for resident in range(residents):
        pgy = rng.randint(1, 5)
        day = 0
        busy_until = year_start
        while day < 365:
            rotation = rng.choice(["wards", "icu", "nights", "clinic", "surgery"])
            for _ in range(28):
                if day >= 365:
                    break
                when = year_start + timedelta(days=day)
                weekday = when.weekday()
                if rotation == "nights" and weekday < 6:
                    parts = [(19, 12, "clinical"), (7, 1, "transition")]
                elif rotation == "icu" and day % 4 == 0:
                    parts = [(7, 24, "in-house-call"), (7, 2, "transition")]
                elif weekday < 5:
                    parts = (
                        [(6, rng.choice([10, 11, 12]), "clinical"), (18, 1, "education")]
                        if rng.random() < 0.2
                        else [(6, rng.choice([9, 10, 11, 12]), "clinical")]
                    )
                elif rng.random() < 0.3:
                    parts = [(7, 12, "clinical")]
                else:
                    parts = []
                cursor = None
                if parts and datetime(when.year, when.month, when.day, parts[0][0], tzinfo=when.tzinfo) < busy_until:
                    parts = []  # post-call: the day after a call starts free
                for hour, length, kind in parts:
                    start = datetime(when.year, when.month, when.day, hour, tzinfo=when.tzinfo) if cursor is None else cursor
                    end = start + timedelta(hours=length)
                    out.write(f"res-{resident:04d},{start.isoformat()},{end.isoformat()},{kind},{pgy},{rotation}\n")
                    rows += 1
                    cursor = end
                    busy_until = end
                if pgy > 1 and rng.random() < 0.02 and not parts:
                    start = datetime(when.year, when.month, when.day, 18, tzinfo=when.tzinfo)
                    end = start + timedelta(hours=5)
                    out.write(f"res-{resident:04d},{start.isoformat()},{end.isoformat()},moonlighting,{pgy},{rotation}\n")
                    rows += 1
                day += 1
    return out.getvalue(), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--residents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    began = time.perf_counter()
    text, rows = generate(args.residents, args.seed)
    generated = time.perf_counter() - began
    rules, settings = limits(), default_settings()
    began = time.perf_counter()
    single = check_text(text, None, rules, settings, workers=1)
    single_elapsed = time.perf_counter() - began
    cores = default_workers()
    began = time.perf_counter()
    report = check_text(text, None, rules, settings, workers=cores)
    elapsed = time.perf_counter() - began
    assert report.violations == single.violations, "the workers must find what one process finds"
    assert report.advisories == single.advisories, "the workers must find what one process finds"
    tracemalloc.start()
    check(read_schedule("\n".join(text.splitlines()[: min(rows, 40_000)]) + "\n"), rules, settings)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = len(text) / 1e6
    print(f"workload: {args.residents:,} residents x one academic year = {rows:,} shifts ({size:.1f} MB CSV); seed {args.seed}")
    print(f"generation: {generated:.2f} s (not counted)")
    print("check = CSV parsing + all seven rules, rolling windows")
    print(f"check, one process: {single_elapsed:.2f} s  ->  {rows / single_elapsed:,.0f} shifts/s")
    print(f"check, {cores} worker processes (as `medpath hours check` runs): {elapsed:.2f} s  ->  {rows / elapsed:,.0f} shifts/s")
    found = (len(report.violations), len(report.advisories), len(report.warnings))
    print("found: {:,} violations, {:,} advisories, {:,} near-limit warnings".format(*found))
    print(f"peak memory (tracemalloc, first 40,000 rows): {peak / 1e6:.1f} MB; process peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
