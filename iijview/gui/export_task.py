"""Excel export off the GUI thread (the workbook writer is iijview.export.write_workbook)."""
from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, Signal


class _Signals(QObject):
    done = Signal(str, str)       # path, error sentence ("" on success)


class ExportTask(QRunnable):
    """Write releases to a workbook in a worker thread and report (path, error) by signal."""

    def __init__(self, releases, path: str, workspace, write_workbook):
        super().__init__()
        self.setAutoDelete(False)
        self.releases, self.path, self.workspace, self.write = releases, path, workspace, write_workbook
        self.signals = _Signals()

    def run(self):
        """Write the workbook; any failure becomes a sentence."""
        try:
            self.write(self.releases, self.path, workspace=self.workspace)
            error = ""
        except OSError as exc:
            error = f"Cannot write {self.path} ({exc.strerror or exc})."
        except Exception as exc:  # the writer's own errors carry their sentence
            error = f"Export to {self.path} failed: {exc}"
        self.signals.done.emit(self.path, error)
