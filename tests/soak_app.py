"""Soak the app: thousands of statement-tab switches and edit/undo/redo cycles in one session.

Run as a script (the soak test runs it in a child process, so a crash of the interpreter is a
failed test, not a dead test run):

    QT_QPA_PLATFORM=offscreen python tests/soak_app.py --tabs 20000 --edits 5000 --workspace DIR

Prints one line `soak ok: ...` and exits 0 when the session survived and the workspace holds
exactly the corrections the window shows.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "samples" / "2017-09_6m_fy2017_ocr_usgaap.txt"


def shown_corrections(win) -> dict[tuple[str, str, str], float | None]:
    """(statement, row anchor, column) -> value of every corrected cell of the open release."""
    rs = win.releases[0]
    out = {}
    for st in rs.release.statements:
        table = win.model_for(rs, st.key).table
        for r, item in enumerate(st.items):
            for key, cell in item.cells.items():
                if cell.status == "corrected":
                    out[(st.key, table.anchors[r], key)] = cell.value
    return out


def main(argv=None) -> int:
    """Run the soak; return 0 when the workspace matches the window at the end."""
    p = argparse.ArgumentParser()
    p.add_argument("--tabs", type=int, default=20000)
    p.add_argument("--edits", type=int, default=5000)
    p.add_argument("--workspace", required=True)
    args = p.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from iijview.gui.app import create_window
    from iijview.gui.loading import load
    from iijview.store import Workspace

    app = QApplication.instance() or QApplication(sys.argv[:1])
    win = create_window([], workspace=args.workspace)
    win.show()
    win.add_result(load(str(SAMPLE), win.ws))
    app.processEvents()
    # A "tab switch" is choosing another statement of the release in the library, as a click does.
    tree, proxy = win.library.tree, win.library.proxy
    top = proxy.index(0, 0)
    statements = [proxy.index(k, 0, top) for k in range(proxy.rowCount(top))]
    seen = set()
    t0 = time.perf_counter()
    for n in range(args.tabs):
        tree.setCurrentIndex(statements[(n + 1) % len(statements)])
        seen.add(win.st_key)
        if n % 50 == 0:
            app.processEvents()
    t_tabs = time.perf_counter() - t0
    if args.tabs >= len(statements) and len(seen) != len(statements):
        print(f"soak FAILED: {len(seen)} of {len(statements)} statements were shown")
        return 1
    win.show_statement("balance_sheet")
    model = win.table.model
    cells = [(r, c) for r in range(model.rowCount()) for c in range(1, model.columnCount())
             if model.table.cell(r, c) is not None and model.table.cell(r, c).value is not None][:40]
    t0 = time.perf_counter()
    for n in range(args.edits):
        r, c = cells[n % len(cells)]
        model.setData(model.index(r, c), str(1000 + n))   # the edit a view makes
        win.undo_group.undo()
        win.undo_group.redo()
        if n % 50 == 0:
            app.processEvents()
    t_edits = time.perf_counter() - t0
    app.processEvents()
    expected = shown_corrections(win)
    sha = win.releases[0].release.sha256
    win.close()
    win.ws.close()
    stored = {(c.statement, c.row_key, c.col_key): c.value
              for c in Workspace(args.workspace).corrections(sha) if c.kind == "value"}
    if stored != expected:
        print(f"soak FAILED: workspace holds {len(stored)} corrections, the window shows {len(expected)}")
        return 1
    print(f"soak ok: {args.tabs} tab switches in {t_tabs:.1f} s, {args.edits} edit/undo/redo cycles in "
          f"{t_edits:.1f} s, {len(stored)} corrections stored as shown")
    return 0


if __name__ == "__main__":
    sys.exit(main())
