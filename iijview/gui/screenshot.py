"""Make the README screenshot from the app itself: `python -m iijview.gui.screenshot [FILE.png]`.

Opens the bundled samples on a throw-away workspace, repairs the OCR sample's balance sheet the
way a user would (delete the garbage row, apply the proposed Treasury stock line), and saves the
window. Run with QT_QPA_PLATFORM=offscreen to make it without a display.
"""
from __future__ import annotations

import os
import sys
import tempfile


def main(argv=None) -> int:
    """Save a screenshot of the main window to the given path (default docs/screenshot.png)."""
    argv = sys.argv[1:] if argv is None else argv
    out = argv[0] if argv else "docs/screenshot.png"
    os.environ["IIJVIEW_HOME"] = tempfile.mkdtemp(prefix="iijview-shot-")
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    from iijview.gui.app import create_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    win = create_window([])
    win.resize(1480, 900)
    win.show()
    win.open_samples()
    while len(win.releases) < 5 or win.loader.busy:
        QTest.qWait(10)
    rs = next(r for r in win.releases if "ocr" in r.release.name)
    win.show_release(win.releases.index(rs))
    st = rs.release.statement("balance_sheet")
    win.show_statement(st.key)
    t = win.table.model.table
    for i, item in enumerate(t.st.items):
        if item.label == "asse":          # the OCR's garbage row
            win.table.go(i, 0)
            win.table.delete_rows()
            break
    win.recheck()
    for n, place in enumerate(rs.places):
        if place.insert_after and place.insert_after[0] == st.key:
            win.apply_repair(n)
    win.recheck()
    total = next(i for i, it in enumerate(t.st.items) if it.label.startswith("Total Internet"))
    win.table.go(total, 2)
    win.table.values.scrollTo(win.table.model.index(max(0, total - 14), 2),
                              QAbstractItemView.PositionAtTop)
    QTest.qWait(50)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    ok = win.grab().save(out)
    print(f"saved {out}" if ok else f"could not save {out}")
    win.close()
    app.processEvents()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
