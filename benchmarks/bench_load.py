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

ROUNDS = 15
SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.txt"))


def best(fn) -> float:
    """Best wall time of ROUNDS calls of fn, in seconds."""
    return best_of({"fn": fn})["fn"]


def best_of(fns: dict) -> dict:
    """Best wall time of each of fns over ROUNDS rounds, the functions taking turns within each round
    (a busy spell of the machine then slows the floor and the stage it is compared with alike)."""
    times: dict = {name: [] for name in fns}
    for _ in range(ROUNDS):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    return {name: min(ts) for name, ts in times.items()}


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
    parsed = [load_release(p, checks=False) for p in SAMPLES]
    t = best_of({"floor": floor, "load": lambda: [load_release(p) for p in SAMPLES],
                 "parse": lambda: [load_release(p, checks=False) for p in SAMPLES],
                 "checks": lambda: [run_checks(r) for r in parsed], "facts": lambda: [r.facts for r in parsed]})
    t_floor, t_load, t_parse, t_checks, t_facts = t["floor"], t["load"], t["parse"], t["checks"], t["facts"]
    size = sum(p.stat().st_size for p in SAMPLES) / 1e6
    print(f"five samples, {size:.3f} MB, {floor()} numbers; best of {ROUNDS} rounds")
    print(f"floor (read + decode + find every number): {t_floor * 1000:7.1f} ms   1.0x")
    for name, t in (("load_release (parse + checks)", t_load), ("  parse only", t_parse),
                    ("  checks only", t_checks), ("Release.facts (all five)", t_facts)):
        print(f"{name:42} {t * 1000:7.1f} ms {t / t_floor:6.1f}x")


if __name__ == "__main__":
    main()
