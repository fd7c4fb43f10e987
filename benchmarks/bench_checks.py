"""Time the accounting checks on the five bundled samples (parse excluded) and print the figures."""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from iijview.checks import run_checks  # noqa: E402
from iijview.loader import load_release  # noqa: E402

ROUNDS = 5


def main() -> None:
    """Parse each sample once, then run the checks ROUNDS times and report the best time."""
    samples = sorted((ROOT / "resources" / "samples").glob("*.txt"))
    total_best = 0.0
    print(f"{'sample':42} {'checks':>7} {'failed':>7} {'best ms':>8} {'mean ms':>8}")
    for path in samples:
        release = load_release(path, checks=False)
        times = []
        for _ in range(ROUNDS):
            release.findings = [f for f in release.findings]
            t0 = time.perf_counter()
            run_checks(release)
            times.append(time.perf_counter() - t0)
        n = sum(sum(c.values()) for c in release.check_counts.values())
        failed = sum(c["failed"] for c in release.check_counts.values())
        best, mean = min(times) * 1000, sum(times) / len(times) * 1000
        total_best += best
        print(f"{path.name:42} {n:7d} {failed:7d} {best:8.1f} {mean:8.1f}")
    print(f"{'all five samples':42} {'':7} {'':7} {total_best:8.1f}")
    t0 = time.perf_counter()
    for path in samples:
        load_release(path)
    print(f"load_release with checks, all five samples: {(time.perf_counter() - t0) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
