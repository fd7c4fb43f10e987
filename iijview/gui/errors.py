"""Messages for the user: non-blocking message boxes and a last-resort handler for unexpected errors."""
from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

shown: list[QMessageBox] = []     # kept alive (and inspectable by tests) until closed


def message(parent, title: str, text: str, informative: str = "", details: str = "",
            icon=QMessageBox.Warning) -> QMessageBox:
    """Show a window-modal message box without blocking the event loop."""
    box = QMessageBox(icon, title, text, QMessageBox.Ok, parent)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    box.setWindowModality(Qt.WindowModal)
    box.finished.connect(lambda _r, b=box: shown.remove(b) if b in shown else None)
    shown.append(box)
    box.open()
    return box


def install_excepthook(parent_getter) -> None:
    """Show unexpected errors in a dialog (with the traceback under Details) instead of dying."""
    def hook(exc_type, exc, tb):
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        logging.getLogger("iijview").error("unexpected error\n%s", details.rstrip())
        if sys.__stderr__ is not None:
            sys.__stderr__.write(details)
        try:
            message(parent_getter(), "iijview: unexpected error",
                    f"Something went wrong: {exc_type.__name__}: {exc}",
                    "Every correction the tables show is stored in the workspace. You can go on "
                    "working; if this happens again, send the details to the maintainers.",
                    details, QMessageBox.Critical)
        except Exception:  # never let the hook itself raise
            pass

    sys.excepthook = hook
