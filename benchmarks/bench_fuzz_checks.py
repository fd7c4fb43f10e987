"""Time the checks apart from the parse on releases mutated from the samples (tests/mutations.py).

bench_fuzz.py times each case as a whole; this one parses each case without checks, then times
`run_checks` on it, and prints the cases whose checks take longest, and how many cases up to 1 MB
have checks past 1 s or longer than their parse. One process, no time budget.

    python benchmarks/bench_fuzz_checks.py [--cases 300] [--start 0]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from iijview.checks import run_checks  # noqa: E402
from iijview.loader import ReleaseError, load_text  # noqa: E402
from mutations import case  # noqa: E402

MB = 1_000_000


def main() -> None:
    """Parse and check the cases; print the figures."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cases", type=int, default=300)
    p.add_argument("--start", type=int, default=0)
    args = p.parse_args()
    rows = []   # (checks seconds, parse seconds, size, name)
    for seed in range(args.start, args.start + args.cases):
        name, data = case(seed)
        t0 = time.perf_counter()
        try:
            release = load_text(data, name, checks=False, budget=None)
        except ReleaseError:
            continue   # refused with a sentence: nothing to check
        t1 = time.perf_counter()
        run_checks(release)
        rows.append((time.perf_counter() - t1, t1 - t0, len(data), name))
    small = [r for r in rows if r[2] <= MB]
    print(f"{len(rows)} cases checked of {args.cases} ({len(small)} up to 1 MB); checks {sum(r[0] for r in rows):.1f} s, "
          f"parse {sum(r[1] for r in rows):.1f} s in all")
    print(f"up to 1 MB: {sum(1 for r in small if r[0] > 1.0)} with checks past 1 s; "
          f"{sum(1 for r in small if r[0] > r[1])} with checks longer than the parse, the worst "
          f"{max((r[0] for r in small if r[0] > r[1]), default=0.0):.2f} s")
    for checks, parse, size, name in sorted(rows, reverse=True)[:10]:
        print(f"  checks {checks:6.2f} s  parse {parse:6.2f} s  {size / MB:5.2f} MB  {name}")


if __name__ == "__main__":
    main()
