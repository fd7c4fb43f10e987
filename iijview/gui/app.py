"""Start the desktop app: `iijview`, `iijview gui FILE...` or `python -m iijview.gui.app FILE...`."""
from __future__ import annotations

import sys


def create_window(files=None, workspace=None):
    """Build the main window on a workspace and restore the last session (used by main and tests)."""
    from iijview.gui import errors
    from iijview.gui.main_view import MainWindow
    from iijview.store import Workspace

    ws = Workspace(workspace)
    win = MainWindow(ws)
    errors.install_excepthook(lambda: win)
    win.restore_session(files)
    return win


def main(files=None, workspace=None) -> int:
    """Run the app until its window closes; return the exit status."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from iijview.store import WorkspaceError

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("iijview")
    app.setOrganizationName("iijview")
    try:
        win = create_window(files, workspace)
    except WorkspaceError as exc:
        QMessageBox.critical(None, "iijview", f"{exc}\n\nStart iijview with --workspace DIR to use "
                             "another folder, or move the broken file away.")
        return 2
    win.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
