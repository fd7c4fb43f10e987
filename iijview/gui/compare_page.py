"""The Compare page in the main window: View > Compare releases (Ctrl+Shift+K), the toolbar button, the hooks.

`install(window)` is all the main window calls; the page hides the panes about one release while
it is shown and gives them back after.
"""
from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from iijview.gui.compare_view import CompareView


# Panes about one release, hidden while the comparison (of all releases) has the room.
RELEASE_PANES = ("source", "findings", "chart")


def set_compare_shown(window, shown: bool) -> None:
    """Show the Compare page (building its comparison) or go back to the statements."""
    view = window.compare_view
    docks = getattr(window, "docks", {})
    if shown and window.releases:
        if window.stack.currentWidget() is not view:
            view.hidden_panes = [n for n in RELEASE_PANES if n in docks and docks[n].isVisible()]
            for name in view.hidden_panes:
                docks[name].hide()
        window.stack.setCurrentWidget(view)
        view.refresh()
        window.undo_group.setActiveStack(view.stack)
        view.values.setFocus()
    else:
        if window.stack.currentWidget() is view:
            window.stack.setCurrentIndex(1 if window.releases else 0)
        for name in getattr(view, "hidden_panes", []):
            if name in docks:
                docks[name].show()
        view.hidden_panes = []
        if window.current is not None and id(window.current) in window.stacks:
            window.undo_group.setActiveStack(window.stacks[id(window.current)])
    if window.act_compare.isChecked() != (window.stack.currentWidget() is view):
        window.act_compare.blockSignals(True)
        window.act_compare.setChecked(window.stack.currentWidget() is view)
        window.act_compare.blockSignals(False)


def install(window) -> CompareView:
    """Add the Compare page, its action (View menu, toolbar, Ctrl+Shift+K) and its refresh hooks."""
    view = CompareView(window)
    view.status_message.connect(window.say)
    window.compare_view = view
    window.stack.addWidget(view)
    act = QAction("&Compare releases", window)
    act.setCheckable(True)
    act.setShortcut(QKeySequence("Ctrl+Shift+K"))
    act.setStatusTip("Put the open releases side by side: any line over time, with a chart")
    act.toggled.connect(lambda on: set_compare_shown(window, on))
    window.act_compare = act
    window.addAction(act)
    view_menu = next((a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View"), None)
    (view_menu or window.menuBar().addMenu("&Compare")).insertAction(
        view_menu.actions()[0] if view_menu and view_menu.actions() else None, act)
    toolbar = window.findChild(QToolBar, "toolbar_main")
    if toolbar is not None:
        toolbar.addSeparator()
        toolbar.addAction(act)
    window.undo_group.indexChanged.connect(lambda _i: view.schedule_refresh())
    window.stack.currentChanged.connect(lambda _i: set_compare_shown(window, window.stack.currentWidget() is view)
                                        if act.isChecked() != (window.stack.currentWidget() is view) else None)
    window.library.library.modelReset.connect(view.schedule_refresh)
    leave = lambda *_: set_compare_shown(window, False) if window.stack.currentWidget() is view else None  # noqa: E731
    window.library.release_chosen.connect(leave)
    window.library.statement_chosen.connect(leave)
    return view
