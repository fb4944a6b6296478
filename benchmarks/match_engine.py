"""Speed and memory of the Match engine at national scale, and side by side with a reference implementation.

Usage: .venv/bin/python benchmarks/match_engine.py [--seed 1] [--skip-reference] [--reference-applicants 16000]

1. National scale (benchmarks/match_instances.py's defaults: 45,000 applicants of whom 1,100 couples, 6,400
   programs, 41,500 positions): the time to read the JSON instance, the time to solve it, whether the matching is
   stable, and the peak resident memory of the process. Aim (issue 16): solve in under 10 s on the 2-core machine.
2. Singles only, 16,000 applicants (programs and positions scaled alike): MedPath's engine and the reference
   hospital/resident solver of the ``matching`` package (1.4.3, resident-optimal; a test-only dependency) on the
   same instance in this one process; both results must be the same matching. Aim: at least 100x faster.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import threading
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from match_instances import generate

from medpath.match.engine import solve
from medpath.match.instance import UNMATCHED, loads


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def national(seed: int) -> None:
    began = time.perf_counter()
    text = json.dumps(generate(seed=seed))
    made = time.perf_counter() - began
    print(f"national instance generated in {made:.1f} s ({len(text) / 1e6:.1f} MB of JSON)")
    began = time.perf_counter()
    instance = loads(text)
    read = time.perf_counter() - began
    del text
    result = solve(instance, seed=seed)
    stats = result.stats
    print(
        f"  {stats['applicants']:,} applicants, {stats['couples']:,} couples, {len(instance.programs):,} programs, "
        f"{stats['positions']:,} positions"
    )
    print(f"  read and checked the JSON: {read:.2f} s")
    print(
        f"  solve: {result.seconds:.2f} s   (aim: under 10 s)   proposals {result.proposals:,}, re-entry rounds {result.rounds}"
    )
    print(
        f"  stable: {'yes' if result.stable else 'no'} ({len(result.blocking)} blocking pairs); matched "
        f"{stats['matched_share']:.1%} of applicants, filled {stats['filled_share']:.1%} of positions; "
        f"couples with both matched {stats['couples_both_matched']:,} of {stats['couples']:,}"
    )
    print(f"  peak resident memory of this process: {_peak_mb():.0f} MB")


def side_by_side(seed: int, applicants: int, reference: bool) -> None:
    programs = round(6400 * applicants / 45000)
    positions = round(41500 * applicants / 45000)
    data = generate(applicants=applicants, couples=0, programs=programs, positions=positions, seed=seed)
    instance = loads(json.dumps(data))
    began = time.perf_counter()
    ours = solve(instance, seed=seed)
    mine = time.perf_counter() - began
    print(f"singles only: {applicants:,} applicants, {programs:,} programs, {positions:,} positions")
    print(f"  MedPath engine: {mine:.3f} s (stable: {'yes' if ours.stable else 'no'})")
    if not reference:
        return
    from matching.games import HospitalResident

    def reference_run() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # it warns about each applicant who ranks a program not ranking them
            game = HospitalResident.create_from_dictionaries(data["applicants"], data["programs"], data["capacities"], clean=True)
            box.append(game.solve(optimal="resident"))

    # Its set-up deep-copies linked player objects, which recurses once per link: give it a deep stack.
    box: list = []  # type: ignore[type-arg]
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(1024 * 1024 * 1024)
    began = time.perf_counter()
    worker = threading.Thread(target=reference_run)
    worker.start()
    worker.join()
    theirs = time.perf_counter() - began
    if not box:
        print("  matching 1.4.3 (reference): failed (see above)")
        return
    matched = box[0]
    expected = {r.name: h.name for h, residents in matched.items() for r in residents}
    got = {instance.applicants[a]: instance.programs[p] for a, p in enumerate(ours.matching) if p != UNMATCHED}
    print(f"  matching 1.4.3 (reference): {theirs:.1f} s; same matching: {'yes' if got == expected else 'NO'}")
    print(f"  MedPath is {theirs / mine:,.0f}x faster   (aim: at least 100x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-reference", action="store_true", help="leave out the slow reference solver")
    parser.add_argument("--reference-applicants", type=int, default=16000)
    args = parser.parse_args()
    national(args.seed)
    side_by_side(args.seed, args.reference_applicants, not args.skip_reference)


if __name__ == "__main__":
    main()
