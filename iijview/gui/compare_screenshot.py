"""Make the README's comparison screenshot: `python -m iijview.gui.compare_screenshot [FILE.png] [WxH]`.

Opens the bundled samples on a throw-away workspace, shows View > Compare releases for the
income statement by quarter, charts total revenues with the operating margin, and saves the
window. Run with QT_QPA_PLATFORM=offscreen (or under Xvfb) to make it without a display.
"""
from __future__ import annotations

import os
import sys
import tempfile


def main(argv=None) -> int:
    """Save a screenshot of the Compare page to the given path (default docs/compare.png)."""
    argv = sys.argv[1:] if argv is None else argv
    out = argv[0] if argv else "docs/compare.png"
    width, height = (int(x) for x in (argv[1] if len(argv) > 1 else "1600x1000").split("x"))
    os.environ["IIJVIEW_HOME"] = tempfile.mkdtemp(prefix="iijview-shot-")
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from iijview.gui.app import create_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    win = create_window([])
    win.resize(width, height)
    win.show()
    win.open_samples()
    while len(win.releases) < 5 or win.loader.busy:
        QTest.qWait(10)
    win.act_compare.setChecked(True)
    view = win.compare_view
    view.period_box.setCurrentIndex(view.period_box.findData("quarters"))
    comp = view.comp
    revenue, margin = comp.row_index("total_revenues"), comp.row_index("ratio:operating_margin")
    q3 = next(c for c, col in enumerate(comp.columns, start=1) if col.title == "3Q18")
    view.go(revenue, q3)
    view.values.selectionModel().select(view.model.index(margin, q3), QItemSelectionModel.Select)
    view.values.scrollTo(view.model.index(revenue, len(comp.columns)))   # the IFRS columns too
    QTest.qWait(200)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    ok = win.grab().save(out)
    print(f"saved {out}" if ok else f"could not save {out}")
    win.close()
    app.processEvents()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
