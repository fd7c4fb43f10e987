"""Print what the parser's speed devices buy on the whole user path (facts, export, open in the app).

Each variant runs every path in a fresh process (so import and start-up time count, as for a user),
with one device switched off before iijview is imported: the memo caches (`lru_cache` with more than
64 entries) of one parse module, or all of them. (The label caches were measured with it and removed;
the cycle-collector pause too, then brought back in the loader for what it saves on large files:
README, "Parser speed". Add a variant for the next device.) Prints the
best and median wall and CPU time (user + system, less disturbed by other load) of each path per
variant, and the best as a ratio to the all-devices run.

    python benchmarks/bench_speed_devices.py [--rounds N] [--paths P1,P2]
    python benchmarks/bench_speed_devices.py --instructions   # one run each under callgrind

With --instructions each variant runs once under valgrind's callgrind and the figure is the count
of machine instructions executed: slow (about 50x), but the same from run to run whatever else
the machine is doing, which wall and CPU time on a shared machine are not.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted(str(p) for p in (ROOT / "resources" / "samples").glob("*.txt"))

# Run before iijview is imported: switch a device off according to IIJVIEW_BENCH_OFF.
PRELUDE = r'''
import functools, os, sys
OFF = set(filter(None, os.environ.get("IIJVIEW_BENCH_OFF", "").split(",")))
_real = functools.lru_cache
def _lru_cache(maxsize=128, typed=False):
    caller = sys._getframe(1).f_globals.get("__name__", "")
    module = caller.rsplit(".", 1)[-1]
    plain = caller.startswith("iijview.parse.") and ("memo" in OFF or f"memo:{module}" in OFF)
    if callable(maxsize):  # bare @lru_cache
        return maxsize if plain else _real(maxsize)
    if plain and (maxsize is None or maxsize > 64):
        return lambda f: f
    return _real(maxsize, typed)
functools.lru_cache = _lru_cache
'''

FACTS = "from iijview.cli import main; import sys; sys.stdout = open(os.devnull, 'w'); main(['facts', *ARGS])"
EXPORT = "from iijview.cli import main; main(['export', *ARGS, '-o', OUT])"
APP = r'''
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication([])
from iijview.gui.app import create_window
win = create_window([])
win.show()
win.open_paths(ARGS)
while len(win.releases) < len(ARGS):
    QTest.qWait(5)
QTest.qWait(1)
'''

PATHS = {"iijview facts (5 samples)": FACTS, "iijview export (5 samples)": EXPORT,
         "app: open 5 samples and show": APP}
VARIANTS = {"all devices": "", "no memo caches": "memo",
            "no memo: labels": "memo:labels", "no memo: normalise": "memo:normalise",
            "no memo: segment": "memo:segment", "no memo: units": "memo:units"}


def instructions(code: str, off: str, out: str) -> int:
    """Machine instructions (callgrind's count) of one fresh process running `code`."""
    env = dict(os.environ, IIJVIEW_BENCH_OFF=off, IIJVIEW_HOME=tempfile.mkdtemp(prefix="iijview-bench-"),
               PYTHONMALLOC="malloc")
    script = f"import os\nARGS = {SAMPLES!r}\nOUT = {out!r}\n{PRELUDE}\n{code}\n"
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return int(next(line.split(":")[-1] for line in done.stderr.splitlines()
                    if "Collected" in line).replace(",", "").strip())


def run_once(code: str, off: str, out: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one fresh process running `code` with the devices in `off` off."""
    env = dict(os.environ, IIJVIEW_BENCH_OFF=off, IIJVIEW_HOME=tempfile.mkdtemp(prefix="iijview-bench-"))
    script = f"import os\nARGS = {SAMPLES!r}\nOUT = {out!r}\n{PRELUDE}\n{code}\n"
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", script], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"the {off or 'baseline'} run failed with status {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> int:
    """Measure every path under every variant, rounds interleaved; print best, median and ratios."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--paths", default=",".join(PATHS), help="comma-separated subset of the paths")
    ap.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated subset of the variants")
    ap.add_argument("--instructions", action="store_true", help="count instructions with callgrind")
    args = ap.parse_args()
    paths = [p for p in PATHS if p in args.paths.split(",")]
    variants = {n: off for n, off in VARIANTS.items() if n in args.variants.split(",") or n == "all devices"}
    out = str(Path(tempfile.mkdtemp()) / "bench.xlsx")
    if args.instructions:
        for path in paths:
            counts = {name: instructions(PATHS[path], off, out) for name, off in variants.items()}
            print(f"\n{path}: instructions executed (callgrind), ratio to all devices on", flush=True)
            for name, n in counts.items():
                print(f"  {name:<20} {n / 1e9:8.3f} G   {n / counts['all devices']:6.3f}x", flush=True)
        return 0
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for path in paths:  # warm the disk cache and the .pyc files once
        run_once(PATHS[path], "", out)
    for _ in range(args.rounds):
        for path in paths:
            for name, off in variants.items():
                times.setdefault((path, name), []).append(run_once(PATHS[path], off, out))
    for path in paths:
        base_wall = min(w for w, _c in times[(path, "all devices")])
        base_cpu = min(c for _w, c in times[(path, "all devices")])
        print(f"\n{path}: best and median of {args.rounds} fresh processes; ratios of the best to "
              "all devices on")
        print(f"  {'':<20} {'wall best':>10} {'median':>8} {'ratio':>7} {'CPU best':>10} {'median':>8} {'ratio':>7}")
        for name in variants:
            wall = [w for w, _c in times[(path, name)]]
            cpu = [c for _w, c in times[(path, name)]]
            print(f"  {name:<20} {min(wall) * 1000:7.0f} ms {statistics.median(wall) * 1000:5.0f} ms "
                  f"{min(wall) / base_wall:6.3f}x {min(cpu) * 1000:7.0f} ms "
                  f"{statistics.median(cpu) * 1000:5.0f} ms {min(cpu) / base_cpu:6.3f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
