"""Benchmark the Excel export: the five samples (target < 2 s) and 100 releases (target < 20 s).

Run: python benchmarks/bench_export.py [--tracemalloc]
Parsing is timed separately; the export figures cover building and saving the workbook.
Peak memory is the process's peak resident size (and, with --tracemalloc, the Python heap peak
of the 100-release export, which runs slower under tracing).
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from iijview import load_release  # noqa: E402
from iijview.export import write_workbook  # noqa: E402

SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.txt"))


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _export(releases, path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    write_workbook(releases, path)
    return time.perf_counter() - start, path.stat().st_size


def main() -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tracemalloc", action="store_true", help="also measure the Python heap peak")
    args = parser.parse_args()

    start = time.perf_counter()
    releases = [load_release(p) for p in SAMPLES]
    parse_s = time.perf_counter() - start
    sheets = sum(len(r.statements) for r in releases)
    cells = sum(1 for r in releases for _ in r.iter_cells())
    print(f"parsed {len(releases)} samples in {parse_s:.2f} s ({sheets} statements, {cells} cells)")

    with tempfile.TemporaryDirectory() as tmp:
        seconds, size = _export(releases, Path(tmp) / "five.xlsx")
        print(f"export 5 samples:    {seconds:6.2f} s  {size / 1024:8.0f} KiB  (target < 2 s)")
        hundred = (releases * 20)[:100]
        seconds, size = _export(hundred, Path(tmp) / "hundred.xlsx")
        print(f"export 100 releases: {seconds:6.2f} s  {size / 1024:8.0f} KiB  (target < 20 s, "
              f"{sheets * 20} statement sheets)")
        print(f"peak resident memory of the process: {_peak_rss_mb():.0f} MiB")
        if args.tracemalloc:
            tracemalloc.start()
            _export(hundred, Path(tmp) / "traced.xlsx")
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"Python heap peak during the 100-release export (tracemalloc): {peak / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
