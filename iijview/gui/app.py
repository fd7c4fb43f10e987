"""Start the desktop app: `iijview`, `iijview gui FILE...` or `python -m iijview.gui.app FILE...`."""
from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger("iijview")


def create_window(files=None, workspace=None):
    """Build the main window on a workspace and restore the last session (used by main and tests)."""
    from iijview.gui import collector, errors
    from iijview.gui.main_view import MainWindow
    from iijview.store import Workspace

    from iijview.gui.workspace_faults import announce

    ws = Workspace(workspace)
    win = MainWindow(ws)
    errors.install_excepthook(lambda: win)
    win.restore_session(files)
    announce(win)
    collector.settle()      # modules and widgets stay for the session: collections need not walk them
    return win


def main(files=None, workspace=None, *, samples: bool = False, new_instance: bool = False) -> int:
    """Run the app until its window closes; return the exit status."""
    from iijview.gui.preflight import qt_problem, report, route_qt_messages
    from iijview.logging_setup import start_logging

    start_logging()
    problem = qt_problem()
    if problem:
        report(problem)
        return 2
    route_qt_messages()
    from PySide6.QtWidgets import QApplication

    from iijview.gui import single_instance
    from iijview.gui.app_icon import app_icon
    from iijview.gui.session import sample_paths
    from iijview.store import WorkspaceError, default_folder

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("iijview")
    app.setOrganizationName("iijview")
    app.setDesktopFileName("iijview")
    app.setWindowIcon(app_icon())
    files = list(files or []) + (sample_paths() if samples else [])
    smoke = bool(os.environ.get("IIJVIEW_SMOKE"))
    name = single_instance.server_name(workspace or default_folder())
    if not (new_instance or smoke) and single_instance.hand_over(name, files):
        return 0
    try:
        win = create_window(files, workspace)
    except WorkspaceError as exc:
        log.error("workspace cannot be opened: %s", exc)
        from iijview.gui.workspace_faults import recover

        if not recover(exc, workspace):
            return 2
        win = create_window(files, workspace)
    if not smoke:
        serve_hand_overs(win, name)
    win.show()
    if smoke:
        return _smoke_run(app, win, files)
    status = app.exec()
    log.info("iijview closed (status %d)", status)
    return status


def serve_hand_overs(win, name: str):
    """Listen for later starts: open the files they hand over and come to the front."""
    from iijview.gui.single_instance import InstanceServer, bring_to_front

    def receive(paths: list[str]) -> None:
        if paths:
            win.open_paths(paths)
        bring_to_front(win)

    server = InstanceServer(name, win)
    if not server.listen():
        return None
    server.files_received.connect(receive)
    return server


def _smoke_run(app, win, files: list[str]) -> int:
    """IIJVIEW_SMOKE=1: wait until the files are open, print one line, quit (CI's start test)."""
    import time
    from pathlib import Path

    from PySide6.QtCore import QTimer

    started = time.perf_counter()
    wanted = {str(Path(f).resolve()) for f in files}
    result = {"status": 1}

    def poll():
        timed_out = time.perf_counter() - started > 120
        if getattr(win.loader, "busy", False) and not timed_out:
            return
        timer.stop()
        opened = {rs.path for rs in win.releases} | {rs.release.sha256 for rs in win.releases}
        found = {f for f in wanted if f in opened or _sha256(f) in opened}  # same content counts
        statements = sum(len(rs.release.statements) for rs in win.releases)
        print(f"iijview smoke run: {len(found)} of {len(wanted)} file(s) open "
              f"({len(win.releases)} release(s) in all, {statements} statements), window "
              f"{win.width()}x{win.height()}, {time.perf_counter() - started:.1f} s"
              f"{' (timed out)' if timed_out else ''}")
        result["status"] = 0 if found == wanted and not timed_out else 1
        win.close()
        app.quit()

    timer = QTimer(win, interval=50)
    timer.timeout.connect(poll)
    timer.start()
    app.exec()
    return result["status"]


def _sha256(path: str) -> str:
    import hashlib

    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    except OSError:
        return ""


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
