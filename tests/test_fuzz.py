"""Fuzzing: a few hundred releases mutated from the samples (tests/mutations.py), opened as the app opens
them, in worker processes: no crash, no file past the time budget, a one-sentence refusal at most.

benchmarks/bench_fuzz.py runs 10,000 of them, full size, and prints the figures.
"""
from __future__ import annotations

import time

from iijview.workers import WorkerPool
from mutations import run_case

CASES = 240
SEED = 15_000        # the benchmark uses seeds from 0: the suite sees other cases


def test_mutated_releases_never_crash_or_hang():
    pool = WorkerPool(size=2, deadline=120)
    for seed in range(SEED, SEED + CASES):
        pool.submit(str(seed), run_case, seed, 20.0, True)
    results = []
    try:
        while pool.busy:
            for o in pool.poll():
                assert not o.error, (o.job_id, o.error)
                results.append(o.result)
            time.sleep(0.02)
    finally:
        pool.shutdown()
    assert len(results) == CASES
    crashes = [r for r in results if r["outcome"] == "crash"]
    assert not crashes, crashes[0]["name"] + "\n" + crashes[0]["detail"]
    assert not [r for r in results if r["outcome"] == "over_budget"]
    for r in results:
        if r["outcome"] == "refused":
            assert "\n" not in r["detail"] and "Traceback" not in r["detail"] and r["detail"].endswith((".", ")"))
    assert sum(r["outcome"] == "ok" for r in results) > CASES // 3


def test_a_case_cut_to_a_byte_is_still_made():
    # seeds whose truncation left a byte or less for the next mutation to work on
    from mutations import case
    for seed in (3247, 4069, 5402, 5952, 9686):
        name, data = case(seed)
        assert name.startswith(f"{seed}:") and len(data) <= 1
