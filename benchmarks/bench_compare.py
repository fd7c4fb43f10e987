"""Benchmark the comparison: build it for 40 and 200 releases and repaint it, as ratios to reading their facts.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_compare.py [--sizes 40 200] [--no-gui]

The releases are the five samples, each copy made distinct (trailing spaces after its last line,
so every content hash differs) and parsed once beforehand. The floor is reading every fact of
those releases (`Release.facts`, a DataFrame per release). Printed for each size, best of three:
- build: the income-statement comparison of all periods (what the app and `iijview compare` do);
- build, every kind: one comparison per statement kind (what the workbook export does);
- repaint: the app's Compare page refreshing (build, table model, column widths, chart) and
  painting itself once, offscreen.
Target: building within 3x the floor.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from iijview.compare import CompareOptions, build_comparison, statement_kinds  # noqa: E402
from iijview.loader import load_text  # noqa: E402

SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.txt"))


def distinct_releases(n: int):
    """n releases from the samples, each with its own content hash."""
    texts = [p.read_bytes() for p in SAMPLES]
    out = []
    for k in range(n):
        base = texts[k % len(texts)]
        out.append(load_text(base + b" " * (k // len(texts) + 1), f"copy{k:03d}-{SAMPLES[k % 5].name}",
                             checks=False))
    assert len({r.sha256 for r in out}) == n
    return out


def best(fn, rounds: int = 3) -> float:
    """Best wall time of a few rounds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def every_kind(releases) -> None:
    for kind in statement_kinds(releases):
        build_comparison(releases, CompareOptions(kind, periods="all"))


def repaint_timer(releases):
    """A function that refreshes and paints the Compare page over these releases (offscreen)."""
    import os
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["IIJVIEW_HOME"] = tempfile.mkdtemp(prefix="iijview-bench-")
    from PySide6.QtWidgets import QApplication

    from iijview.gui.app import create_window
    from iijview.gui.loading import prepare

    app = QApplication.instance() or QApplication([])
    win = create_window([])
    win.resize(1600, 1000)
    win.show()
    for r in releases:
        win.add_result(prepare(r, r.path, win.ws))
    win.act_compare.setChecked(True)
    view = win.compare_view
    app.processEvents()

    def repaint():
        view.refresh()
        view.grab()

    return repaint, win


def main() -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 200])
    parser.add_argument("--no-gui", action="store_true", help="leave out the repaint figure")
    args = parser.parse_args()
    for n in args.sizes:
        start = time.perf_counter()
        releases = distinct_releases(n)
        parse = time.perf_counter() - start
        cells = sum(1 for r in releases for _ in r.iter_cells())
        floor = best(lambda: [r.facts for r in releases])
        build = best(lambda: build_comparison(releases, CompareOptions("income_statement", periods="all")))
        kinds = best(lambda: every_kind(releases))
        comp = build_comparison(releases, CompareOptions("income_statement", periods="all"))
        print(f"{n} releases ({cells:,} figures; parsed in {parse:.1f} s, not counted):")
        print(f"  floor, reading their facts:      {floor * 1000:8.1f} ms")
        print(f"  build (income statement):        {build * 1000:8.1f} ms  = {build / floor:5.2f}x the floor "
              f"(target within 3x; {len(comp.rows)} rows x {len(comp.columns)} columns)")
        print(f"  build, every statement kind:     {kinds * 1000:8.1f} ms  = {kinds / floor:5.2f}x the floor")
        if not args.no_gui:
            repaint, win = repaint_timer(releases)
            paint = best(repaint)
            print(f"  repaint the Compare page:        {paint * 1000:8.1f} ms  = {paint / floor:5.2f}x the floor")
            win.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
