"""Open 40 and 100 releases in the app and print the longest stall of the event loop and the total time,
against the floor of parsing the same files in a plain loop (`load_release`, one after another).

The releases are the five samples, each copied with its own first line so that every copy is a
release of its own. A 5 ms timer runs while the app opens them; the longest gap between two of its
ticks is the longest time the window could not answer. Runs offscreen unless QT_QPA_PLATFORM says
otherwise (e.g. under xvfb-run with QT_QPA_PLATFORM=xcb).

    python benchmarks/bench_open.py [--counts 40 100]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.txt"))


def make_releases(folder: Path, n: int) -> list[str]:
    """n distinct release files made from the samples."""
    out = []
    for k in range(n):
        src = SAMPLES[k % len(SAMPLES)]
        path = folder / f"copy{k:03d}_{src.name}"
        path.write_bytes(f"Copy {k} of the release\n".encode() + src.read_bytes())
        out.append(str(path))
    return out


def plain_loop(paths: list[str]) -> float:
    """Seconds to parse and check the files one after another in this process."""
    from iijview.loader import load_release

    t0 = time.perf_counter()
    for p in paths:
        load_release(p)
    return time.perf_counter() - t0


def in_app(paths: list[str]) -> tuple[float, float, int]:
    """(seconds until all are shown, longest event-loop stall in seconds, stalls over 100 ms)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from iijview.gui.app import create_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    win = create_window([], workspace=tempfile.mkdtemp(prefix="iijview-bench-ws-"))
    win.resize(1600, 1000)
    win.show()
    app.processEvents()
    ticks: list[float] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    t0 = time.perf_counter()
    ticks.append(t0)
    win.open_paths(paths)
    while len(win.releases) < len(paths) or win.loader.busy:
        app.processEvents()
        time.sleep(0.001)
        if time.perf_counter() - t0 > 600:
            break
    total = time.perf_counter() - t0
    app.processEvents()
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    win.close()
    return total, max(gaps), sum(1 for g in gaps if g > 0.1)


def main() -> None:
    """Print the figures for each count."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--counts", type=int, nargs="+", default=[40, 100])
    args = p.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="iijview-bench-open-"))
    print(f"{os.cpu_count()} cores, QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}")
    for n in args.counts:
        paths = make_releases(folder / str(n), n) if (folder / str(n)).mkdir() is None else []
        floor = plain_loop(paths)
        total, stall, long_stalls = in_app(paths)
        print(f"{n:4d} releases: plain loop {floor:6.2f} s (floor); app {total:6.2f} s = {total / floor:4.2f}x the floor; "
              f"longest stall of the event loop {stall * 1000:5.0f} ms; stalls over 100 ms: {long_stalls}")


if __name__ == "__main__":
    main()
