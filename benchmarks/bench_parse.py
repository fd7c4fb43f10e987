"""Print parse throughput over the five bundled samples, and check `iijview facts` imports no Qt.

Three figures, each the best of several rounds (the minimum is the machine's speed; the spread
above it is other work on the machine):

- first parse: the five samples parsed once with the label caches empty, as a fresh process
  that has just loaded the parser would (regular expressions are already compiled);
- unseen release: each sample parsed after the other four, so the caches hold the labels other
  releases share with it but nothing from the file itself (closest to opening a new release);
- repeated: the five samples parsed again and again (every cache warm: an upper bound).

The target of issue 2 was 0.1 s (2 MB/s) for the five samples.
"""
import statistics
import subprocess
import sys
import time
from pathlib import Path

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "resources" / "samples").glob("*.txt"))
ROUNDS = 7


def _clear_caches() -> None:
    """Empty the parser's memo caches of label and text tests (not the loaded resources)."""
    from iijview.parse import labels, normalise, segment, units
    for module in (labels, normalise, segment, units):
        for name in dir(module):
            fn = getattr(module, name)
            info = getattr(fn, "cache_info", None)
            if info is not None and (info().maxsize or 0) > 64:
                fn.cache_clear()


def _report(name: str, seconds: list[float], size: int) -> None:
    best, median = min(seconds), statistics.median(seconds)
    print(f"{name:15s} best {best:.3f} s ({size / 1e6 / best:.2f} MB/s), median {median:.3f} s")


def main() -> None:
    """Time the three ways of parsing the samples and print seconds and MB/s."""
    from iijview.parse import parse_bytes
    data = [p.read_bytes() for p in SAMPLES]
    size = sum(len(d) for d in data)
    parse_bytes(data[0], "warm-up")  # compiles the patterns and loads the resources once
    print(f"{len(SAMPLES)} samples, {size / 1e6:.3f} MB, best and median of {ROUNDS} rounds")

    first = []
    for _ in range(ROUNDS):
        _clear_caches()
        t0 = time.perf_counter()
        for d, p in zip(data, SAMPLES):
            parse_bytes(d, p.name)
        first.append(time.perf_counter() - t0)
    _report("first parse", first, size)

    unseen = [0.0] * ROUNDS
    for r in range(ROUNDS):
        for i, (d, p) in enumerate(zip(data, SAMPLES)):
            _clear_caches()
            for j, other in enumerate(data):
                if j != i:
                    parse_bytes(other, "other")
            t0 = time.perf_counter()
            parse_bytes(d, p.name)
            unseen[r] += time.perf_counter() - t0
    _report("unseen release", unseen, size)

    repeated = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        for d, p in zip(data, SAMPLES):
            parse_bytes(d, p.name)
        repeated.append(time.perf_counter() - t0)
    _report("repeated", repeated, size)

    code = ("import sys, iijview.cli; iijview.cli.main(['facts', %r]); "
            "print('QT_IMPORTED', any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules), file=sys.stderr)"
            % str(SAMPLES[0]))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    print("facts imports Qt:", "QT_IMPORTED True" in out.stderr)


if __name__ == "__main__":
    main()
