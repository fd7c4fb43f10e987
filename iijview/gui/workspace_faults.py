"""What the app says and does when the workspace fails: an edit not stored, a read-only or damaged workspace."""
from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from iijview.gui import errors
from iijview.store import Workspace, WorkspaceError, default_folder
from iijview.store.faults import DAMAGED

NOTHING_UNSAVED = "Every correction the tables show is stored in the workspace."


def show_store_failure(window, title: str, text: str, why: str) -> None:
    """An edit (or its undo) could not be stored and was not made: say so, why and what to do."""
    window.say(text)
    errors.message(window, title, text, f"{why} {NOTHING_UNSAVED}")


def announce(window) -> None:
    """At start: say once that the workspace is read-only, when it is."""
    problem = getattr(window.ws, "problem", "")
    if problem:
        window.say("The workspace is read-only: corrections cannot be saved.")
        errors.message(window, "Workspace is read-only", "Corrections cannot be saved in this session.",
                       problem, icon=QMessageBox.Information)


def set_aside(folder) -> Path:
    """Rename a damaged workspace file (and its journal files) out of the way; return its new name."""
    folder = Path(folder).expanduser() if folder else default_folder()
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    main = folder / "workspace.sqlite3"
    kept = main.with_name(f"{main.name}.damaged-{stamp}")
    os.replace(main, kept)
    for suffix in ("-wal", "-shm"):
        extra = main.with_name(main.name + suffix)
        if extra.exists():
            os.replace(extra, kept.with_name(kept.name + suffix))
    return kept


def recover(exc: WorkspaceError, folder) -> bool:
    """The workspace could not be opened at start: explain; for a damaged file offer to set it aside
    and start with a new one. True when a usable workspace is now there (open it again)."""
    if exc.kind != DAMAGED:
        QMessageBox.critical(None, "iijview", f"{exc}\n\nStart iijview with --workspace DIR to use "
                             "another folder.")
        return False
    box = QMessageBox(QMessageBox.Critical, "iijview: the workspace is damaged", str(exc))
    box.setInformativeText("iijview can keep the damaged file beside the new one (renamed, nothing is "
                           "deleted) and start with an empty workspace.")
    start = box.addButton("Keep it aside and start afresh", QMessageBox.AcceptRole)
    box.addButton("Quit", QMessageBox.RejectRole)
    box.exec()
    if box.clickedButton() is not start:
        return False
    try:
        kept = set_aside(folder)
        Workspace(folder).close()
    except (OSError, WorkspaceError) as again:
        QMessageBox.critical(None, "iijview", f"The damaged workspace could not be set aside: {again}")
        return False
    QMessageBox.information(None, "iijview", f"The damaged workspace was kept as {kept}; iijview starts "
                            "with a new, empty workspace.")
    return True
