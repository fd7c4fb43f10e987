"""File > Export to Excel, written off the GUI thread by iijview.export.write_workbook."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from iijview.gui import errors
from iijview.gui.file_dialog import choose_save
from iijview.naming import plural


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


class ExportMixin:
    """MainWindow methods for File > Export to Excel."""

    def export_excel(self, all_open: bool) -> None:
        """File > Export to Excel: write the shown (or every open) release to a workbook."""
        try:
            from iijview.export import write_workbook
        except ImportError:
            self.say("Excel export is not installed in this build.")
            return
        rels = [rs.release for rs in self.releases] if all_open else \
            ([self.current.release] if self.current else [])
        if not rels:
            self.say("Open a release first.")
            return
        default = Path(rels[0].path).with_suffix(".xlsx").name if len(rels) == 1 else "iijview.xlsx"
        path = choose_save(self, "Export to Excel", default, "Excel workbook (*.xlsx)", "xlsx")
        if path:
            self.export_to(rels, path, write_workbook)

    def export_to(self, rels, path: str, write_workbook) -> None:
        """Write a workbook off the GUI thread; report the outcome in the status bar or a message."""
        self.say(f"Exporting {plural(len(rels), 'release')} to {path}\u2026")
        self._export_task = ExportTask(rels, path, self.ws, write_workbook)
        self._export_task.signals.done.connect(self._exported)
        self.loader.pool.start(self._export_task)

    def _exported(self, path: str, error: str) -> None:
        if error:
            errors.message(self, "Export failed", error,
                           "Choose another file name or folder and try again.")
        else:
            self.say(f"Exported to {path}.")
