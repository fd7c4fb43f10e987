"""Open 10,000 releases mutated from the samples (tests/mutations.py) as the app does, in worker processes,
and print crashes, hangs, the worst times and memory.

Each case is parsed, checked and turned into facts with the app's time budget; a worker that runs
past the budget plus a margin is killed and counted as a hang. Times are wall-clock seconds (and the
processor time of the case itself, which a busy machine does not inflate), in seconds and as
a ratio to a floor measured in the same run: reading, decoding and finding every number of the
five samples (benchmarks/bench_load.py's floor), per megabyte.

    python benchmarks/bench_fuzz.py [--cases 10000] [--workers 2] [--start 0] [--save results.jsonl]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_load import SAMPLES, best, floor  # noqa: E402
from iijview import limits  # noqa: E402
from iijview.workers import WorkerPool  # noqa: E402
from mutations import run_case  # noqa: E402

MB = 1_000_000


def main() -> None:
    """Run the cases; print the figures."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cases", type=int, default=10000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--start", type=int, default=0)
    p.add_argument("--save", type=Path, help="write every case's figures here, one JSON object a line")
    args = p.parse_args()
    per_mb = best(floor) / (sum(s.stat().st_size for s in SAMPLES) / MB)
    pool = WorkerPool(size=args.workers, deadline=limits.TIME_BUDGET + 10)
    for seed in range(args.start, args.start + args.cases):
        pool.submit(str(seed), run_case, seed, limits.TIME_BUDGET)
    results, killed, unmade = [], [], []
    t0 = time.perf_counter()
    while pool.busy:
        for o in pool.poll():
            if o.error:
                killed.append((o.job_id, o.error, o.seconds))
            elif isinstance(o.result, Exception):  # the case could not be made (outside the app's call)
                unmade.append((o.job_id, str(o.result)))
            else:
                results.append(o.result)
            done = len(results) + len(killed) + len(unmade)
            if done % 500 == 0:
                print(f"  {done} cases, {time.perf_counter() - t0:.0f} s", flush=True)
        time.sleep(0.01)
    pool.shutdown()
    if args.save:
        args.save.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "detail"}) + "\n"
                                     for r in results))
    small = [r for r in results if r["size"] <= MB]
    slow = [r for r in small if r["seconds"] > 1.0]
    slow_cpu = [r for r in small if r["cpu"] > 1.0]
    outcomes = Counter(r["outcome"] for r in results)
    print(f"{len(results) + len(killed)} mutated releases ({len(small)} up to 1 MB, "
          f"{sum(r['size'] for r in results) / MB:,.0f} MB in all), {args.workers} workers, "
          f"{time.perf_counter() - t0:,.0f} s; floor {per_mb * 1000:.1f} ms per MB")
    print(f"outcomes: {dict(outcomes)}; workers killed (hung past the budget or died): {len(killed)}; "
          f"cases that could not be made: {len(unmade)}")
    print(f"crashes (an exception other than a refusal sentence): {outcomes['crash']}")
    print(f"hangs past the {limits.TIME_BUDGET:g} s budget: {outcomes['over_budget'] + len(killed)}")
    print(f"up to 1 MB: {len(slow)} past 1 s; worst {max(r['seconds'] for r in small):.2f} s "
          f"({max(r['seconds'] / max(r['size'] / MB, 0.001) for r in small) / per_mb:,.0f}x the floor for its size)")
    # on a busy machine a case waits for the processor: its own processor time says what it costs
    print(f"up to 1 MB, processor time of the case itself: {len(slow_cpu)} past 1 s; worst "
          f"{max(r['cpu'] for r in small):.2f} s")
    big = [r for r in results if r["size"] > MB]
    if big:
        print(f"over 1 MB ({len(big)} cases, up to {max(r['size'] for r in big) / MB:.1f} MB): worst "
              f"{max(r['seconds'] for r in big):.2f} s")
    print(f"peak memory of a worker: {max(r['rss_mb'] for r in results):,.0f} MB")
    for r in sorted(results, key=lambda r: -r["seconds"])[:12]:
        print(f"  {r['seconds']:7.2f} s (processor {r['cpu']:5.2f} s) {r['size'] / MB:6.2f} MB {r['outcome']:11} {r['name']}")
    for r in [r for r in results if r["outcome"] == "crash"][:5]:
        print(f"CRASH {r['name']}\n{r['detail']}")
    for job, error, seconds in killed[:5]:
        print(f"KILLED case {job} after {seconds:.0f} s: {error}")
    for job, error in unmade[:5]:
        print(f"NOT MADE: case {job}: {error}")


if __name__ == "__main__":
    main()
