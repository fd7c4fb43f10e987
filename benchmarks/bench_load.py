"""Time `load_release` of the five samples against a floor: reading the files and finding every number.

The floor is the least any parser must do: read each file's bytes, decode them and run the number
pattern over the text. Everything is printed as a ratio to the floor measured in the same run (best
of ROUNDS), split into parse and checks, and `Release.facts` is timed on top.

    python benchmarks/bench_load.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from iijview.checks import run_checks  # noqa: E402
from iijview.loader import load_release  # noqa: E402
from iijview.parse import numbers  # noqa: E402
from iijview.parse.decode import decode  # noqa: E402

ROUNDS = 7
SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.txt"))


def best(fn) -> float:
    """Best wall time of ROUNDS calls of fn, in seconds."""
    times = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def floor() -> int:
    """Read, decode and find every number in the five samples; return how many numbers."""
    n = 0
    for path in SAMPLES:
        text = decode(path.read_bytes())[0]
        n += sum(1 for _ in numbers.NUMBER_RE.finditer(text))
    return n


def main() -> None:
    """Print the floor and each stage as a ratio to it."""
    load_release(SAMPLES[0])  # import and warm the resource caches once
    t_floor = best(floor)
    t_load = best(lambda: [load_release(p) for p in SAMPLES])
    t_parse = best(lambda: [load_release(p, checks=False) for p in SAMPLES])
    parsed = [load_release(p, checks=False) for p in SAMPLES]
    t_checks = best(lambda: [run_checks(r) for r in parsed])
    t_facts = best(lambda: [r.facts for r in parsed])
    size = sum(p.stat().st_size for p in SAMPLES) / 1e6
    print(f"five samples, {size:.3f} MB, {floor()} numbers; best of {ROUNDS} rounds")
    print(f"floor (read + decode + find every number): {t_floor * 1000:7.1f} ms   1.0x")
    for name, t in (("load_release (parse + checks)", t_load), ("  parse only", t_parse),
                    ("  checks only", t_checks), ("Release.facts (all five)", t_facts)):
        print(f"{name:42} {t * 1000:7.1f} ms {t / t_floor:6.1f}x")


if __name__ == "__main__":
    main()
