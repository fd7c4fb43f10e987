"""Print GUI timings: start to a shown window with the five samples, repaints of big statements."""
from __future__ import annotations

import time

T0 = time.perf_counter()

import datetime as dt  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["IIJVIEW_HOME"] = tempfile.mkdtemp(prefix="iijview-bench-")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def ms(seconds: float) -> str:
    """Seconds as milliseconds text."""
    return f"{seconds * 1000:,.1f} ms"


def repaint(win) -> float:
    """Time one synchronous repaint of both halves of the statement table."""
    t = time.perf_counter()
    win.table.labels.viewport().repaint()
    win.table.values.viewport().repaint()
    return time.perf_counter() - t


def scroll_all(win) -> tuple[float, int]:
    """Page through the whole table, repainting each page; return (median time, pages)."""
    bar = win.table.values.verticalScrollBar()
    times = []
    bar.setValue(0)
    while True:
        times.append(repaint(win))
        if bar.value() >= bar.maximum():
            break
        bar.setValue(bar.value() + bar.pageStep())
    return statistics.median(times), len(times)


def synthetic(rows: int = 1000, cols: int = 8):
    """A release with one statement of `rows` rows and `cols` columns."""
    from iijview.model import Cell, Column, LineItem, Period, Release, Statement

    columns = [Column(f"c{i}", Period(dt.date(2010 + i, 3, 31), 12), scale=1000) for i in range(cols)]
    st = Statement("income_statement", "income_statement", "Synthetic statement", columns=columns)
    for r in range(rows):
        st.items.append(LineItem(f"Line item number {r}", level=r % 3, is_total=r % 10 == 9,
                                 cells={c.key: Cell(f"{(r * 7919 + i) % 9_000_000:,}",
                                                    float((r * 7919 + i) % 9_000_000) * (-1 if r % 5 == 0 else 1))
                                        for i, c in enumerate(columns)}))
    return Release(path="synthetic.txt", text="", sha256="f" * 64, fiscal_period=columns[-1].period,
                   standard="U.S. GAAP", layout="web", statements=[st])


def main() -> int:
    """Run the measurements and print them."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from iijview.gui.app import create_window
    from iijview.gui.loading import prepare

    win = create_window([])
    win.resize(1500, 900)
    win.show()
    win.open_samples()
    while len(win.releases) < 5:
        QTest.qWait(5)
    QTest.qWait(1)
    shown = time.perf_counter() - T0
    print(f"start to shown window with all 5 samples open: {ms(shown)}  (imports included)")

    # Largest statement of the samples by cell count.
    best = max(((rs, st) for rs in win.releases for st in rs.release.statements),
               key=lambda p: len(p[1].items) * len(p[1].columns))
    rs, st = best
    win.library.selectRow(win.releases.index(rs))
    win.show_statement(st.key)
    QTest.qWait(20)
    first = repaint(win)
    again = statistics.median(repaint(win) for _ in range(20))
    med, pages = scroll_all(win)
    print(f"largest sample statement: {rs.release.name} / {st.title} "
          f"({len(st.items)} rows x {len(st.columns)} columns)")
    print(f"  full repaint of the visible table: first {ms(first)}, then median {ms(again)}")
    print(f"  scrolling through it: {pages} pages, median {ms(med)} per page repaint")

    t = time.perf_counter()
    win.add_result(prepare(synthetic(), "synthetic.txt", None))
    QTest.qWait(1)
    opened = time.perf_counter() - t
    win.library.selectRow(len(win.releases) - 1)
    QTest.qWait(20)
    first = repaint(win)
    again = statistics.median(repaint(win) for _ in range(20))
    med, pages = scroll_all(win)
    m = win.table.model
    t = time.perf_counter()
    for r in range(m.rowCount()):
        for c in range(m.columnCount()):
            m.data(m.index(r, c))
    walk = time.perf_counter() - t
    print("synthetic statement (1,000 rows x 8 columns):")
    print(f"  add to the library and show: {ms(opened)}")
    print(f"  full repaint of the visible table: first {ms(first)}, then median {ms(again)}")
    print(f"  scrolling through it: {pages} pages, median {ms(med)} per page repaint")
    print(f"  data() for all 9,000 cells: {ms(walk)} ({walk / 9000 * 1e6:.2f} us per call)")
    t = time.perf_counter()
    win.set_mode("millions")
    print(f"  switch display unit to millions (recompute cached text): {ms(time.perf_counter() - t)}")

    lib = win.library
    many = win.releases * 17
    t = time.perf_counter()
    lib.library.set_releases(many[:100])
    lib.tree.viewport().repaint()
    print(f"library of 100 releases: fill and repaint {ms(time.perf_counter() - t)}")
    lib.library.set_releases(win.releases)
    win.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
