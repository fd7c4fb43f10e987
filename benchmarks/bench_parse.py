"""Print parse throughput over the five bundled samples, and check `iijview facts` imports no Qt."""
import subprocess
import sys
import time
from pathlib import Path

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "resources" / "samples").glob("*.txt"))


def main() -> None:
    """Parse every sample (no checks) several times and print seconds and MB/s."""
    from iijview.loader import load_text
    data = [p.read_bytes() for p in SAMPLES]
    size = sum(len(d) for d in data)
    load_text(data[0], "warm-up", checks=False)
    runs = 5
    t0 = time.perf_counter()
    for _ in range(runs):
        for d, p in zip(data, SAMPLES):
            load_text(d, p.name, checks=False)
    dt = (time.perf_counter() - t0) / runs
    print(f"parse: {len(SAMPLES)} samples, {size / 1e6:.3f} MB in {dt:.3f} s -> {size / 1e6 / dt:.2f} MB/s")
    code = ("import sys, iijview.cli; iijview.cli.main(['facts', %r]); "
            "print('QT_IMPORTED', any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules), file=sys.stderr)"
            % str(SAMPLES[0]))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    print("facts imports Qt:", "QT_IMPORTED True" in out.stderr)


if __name__ == "__main__":
    main()
