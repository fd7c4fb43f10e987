"""Opening and closing releases, recent files and the restored session (part of the main window)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QGuiApplication, QUndoStack

from iijview.gui import collector, errors
from iijview.gui.file_dialog import choose_files
from iijview.gui.loading import LoadResult
from iijview.gui.opening import UNREADABLE
from iijview.store.apply import left_out
from iijview.gui.published import OPEN_FILTERS, offer_ocr
from iijview.gui.state import ReleaseState
from iijview.naming import plural

WHAT_TO_DO = ("Check that the file is an IIJ earnings release (text, PDF or HTML), that it still "
              "exists and that you may read it, then open it again with File > Open. "
              "Other open releases are not affected.")
WHAT_TO_DO_MANY = ("Check that each file is an IIJ earnings release (text, PDF or HTML), that it still "
                   "exists and that you may read it, then open it again with File > Open. "
                   "The files that opened are shown; other open releases are not affected.")


FAILURES_LISTED = 12     # failed files named in the message itself; all of them are under Details


def sample_paths() -> list[str]:
    """Paths of the bundled sample releases."""
    from importlib import resources

    folder = resources.files("iijview.resources.samples")
    return sorted(str(p) for p in folder.iterdir() if p.name.endswith(".txt"))


class SessionMixin:
    """MainWindow methods that open, close and remember releases."""

    def open_dialog(self) -> None:
        """File > Open: choose one or more release files."""
        start = str(Path(self.ws.recent_files()[0]).parent) if self.ws.recent_files() else ""
        paths = choose_files(self, "Open IIJ releases", start, OPEN_FILTERS)
        if paths:
            self.open_paths(paths)

    def open_samples(self) -> None:
        """Open the bundled sample releases."""
        self.open_paths(sample_paths())

    def open_paths(self, paths, show: str | None = None) -> None:
        """Start loading files in the background; the first of them (or `show`) is shown when it
        arrives. Already open ones are just shown."""
        todo = []
        for p in paths:
            p = str(Path(p).resolve()) if Path(p).exists() else str(p)
            same = next((i for i, rs in enumerate(self.releases) if rs.path == p), None)
            if same is not None:
                if not todo and show is None:
                    self.show_release(same)
                continue
            todo.append(p)
        if todo:
            self._show_when_loaded = show or todo[0]
            self._new_operation()
        if todo and self.loader.open(todo):
            self._progress_timer.start()

    def open_with_ocr(self, path: str) -> None:
        """Open a scanned PDF again, reading its pages with OCR."""
        self._show_when_loaded = path
        self._new_operation()
        if self.loader.open([path], ocr=True):
            self._progress_timer.start()
            self.say(f"Reading {Path(path).name} with OCR\u2026")

    def cancel_opening(self) -> None:
        """Stop opening the files still opening (the releases already shown stay)."""
        n = self.loader.cancel()
        failed, self._batch, self._failed = self._failed, [], []
        self._tell_failures(failed)
        if n:
            self.say(f"Stopped opening {plural(n, 'file')}."
                     + (f" {self._failures_phrase(failed)}." if failed else ""))

    def _new_operation(self) -> None:
        """Files asked for while nothing is opening start a new opening operation (its own summary)."""
        if not self.loader.busy:
            self._batch, self._failed = [], []

    def _progress(self, done: int, total: int) -> None:
        if total == 0:
            self._progress_timer.stop()
            self.progress.hide()
            self.cancel_open.hide()
            self.progress_label.setText("")
            return
        # QProgressBar repaints at once on a new value, and so paints the whole window then with
        # whatever the releases just taken in changed; with updates off it is painted with the rest.
        self.progress.setUpdatesEnabled(False)
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setUpdatesEnabled(True)
        self.progress_label.setText(f"Opening {done + 1} of {total}\u2026")

    def _show_progress(self) -> None:
        if self.loader.busy:
            self.progress.show()
            self.cancel_open.show()

    def add_results(self, results: list[LoadResult]) -> None:
        """Show the releases one tick of opening brought (the library and the remembered files are
        updated once for all of them)."""
        self._deferring = True
        before = len(self.releases)
        try:
            for result in results:
                self.add_result(result)
        finally:
            self._deferring = False
        if len(self.releases) > before:
            self._add_to_library(before)
        if not self.loader.busy:
            self._say_opened()     # the whole opening operation, not just this tick's batch

    def _add_to_library(self, before: int) -> None:
        """The library and the remembered files take in the releases from index `before` on."""
        self._fill_recent()
        self._save_open()
        shown = self.library.library.rowCount()
        self.library.library.add_releases(self.releases[before:])
        if self.current is not None and shown <= self.releases.index(self.current):
            self.library.select(self.releases.index(self.current), self.st_key)   # shown from this batch
        collector.settle()      # the releases stay: later collections need not walk them again

    def add_result(self, result: LoadResult) -> None:
        """Show a loaded release (or the message saying why it could not be opened)."""
        deferring = getattr(self, "_deferring", False)
        if result.error:
            if result.needs_ocr and offer_ocr(self, result.path, result.error,
                                              lambda _checked=False, p=result.path: self.open_with_ocr(p)):
                return
            self._failed.append(result.error)      # told once, with the others, when opening ends
            if not deferring:
                self._fill_recent()
                if not self.loader.busy:
                    self._say_opened()
            return
        rel = result.release
        dup = next((i for i, rs in enumerate(self.releases) if rs.release.sha256 == rel.sha256), None)
        if dup is not None:
            self.show_release(dup)
            self.say(f"{rel.name} is already open as {self.releases[dup].release.name} "
                     f"(same content).")
            return
        rs = ReleaseState(rel, self.ws, result.path, result.anchors,
                          result.finding_keys or result.parsed_keys, result.messages)
        self.releases.append(rs)
        self.stacks[id(rs)] = QUndoStack(self.undo_group)
        self.ws.add_recent(result.path)
        if not deferring:
            self._fill_recent()
            self._save_open()
            self.library.library.set_releases(self.releases)
        self.stack.setCurrentIndex(1)
        wanted = self._show_when_loaded
        if self.current is None or result.path == wanted:
            # the statement to restore belongs to the release wanted, not to whichever arrives first
            self.show_release(len(self.releases) - 1, self._show_statement if result.path == wanted else None)
            if result.path == wanted:
                self._show_statement = None
        elif self.current is not None and not deferring:
            self.library.select(self.releases.index(self.current), self.st_key)
        self._batch.append(rel.name)
        self._tell_corrections(rel.name, result.messages)
        if not deferring and not self.loader.busy:
            self._say_opened()

    def _tell_corrections(self, name: str, messages: list[str]) -> None:
        """Say what happened to the stored corrections of a release just opened, true to each case."""
        missed = left_out(messages)
        unreadable = [m for m in messages if m.startswith(UNREADABLE)]
        if unreadable:
            errors.message(self, "Stored corrections not read", unreadable[0],
                           "The release is shown as parsed; nothing in the workspace was changed.")
        if missed:
            errors.message(self, "Some corrections did not fit",
                           f"{plural(len(missed), 'stored correction')} of {name} no "
                           f"longer match a cell; they are kept in the workspace.",
                           "The release was probably parsed differently this time. Re-enter the "
                           "corrections where they belong; the old ones stay listed under Details.",
                           "\n".join(missed), errors.QMessageBox.Information)
        notes = [m for m in messages if m not in missed and m not in unreadable]
        if notes:
            self.say(f"{plural(len(notes), 'stored correction')} of {name} applied with a note: {notes[0]}")

    def _say_opened(self) -> None:
        """One sentence for what the whole opening operation did, true of what is shown now, and one
        message listing every file that could not be opened."""
        names, failed, self._batch, self._failed = self._batch, self._failed, [], []
        self._tell_failures(failed)
        rs = self.current
        if rs is None or not names:
            if len(failed) == 1:
                self.say(failed[0])
            elif failed:
                self.say(f"{self._failures_phrase(failed)}.")
            return
        counts = f"{plural(len(rs.release.statements), 'statement')}, {plural(len(rs.places), 'finding')}"
        if len(names) == 1 and names[0] == rs.release.name and not failed:
            self.say(f"Opened {rs.release.name}: {counts}.")
            return
        opened = rs.release.name if len(names) == 1 and names[0] == rs.release.name else plural(len(names), 'release')
        self.say(f"Opened {opened}" + (f"; {self._failures_phrase(failed)}" if failed else "")
                 + f"; showing {rs.summary[0]} ({rs.release.name}): {counts}.")

    @staticmethod
    def _failures_phrase(failed: list[str]) -> str:
        if len(failed) == 1:
            return "1 file could not be opened \u2014 see the message"
        return f"{len(failed)} files could not be opened \u2014 see the list in the message"

    def _tell_failures(self, failed: list[str]) -> None:
        """One message for every file of an opening operation that could not be opened, each with
        its one-sentence reason (not one box per file, each to be dismissed)."""
        if len(failed) == 1:
            errors.message(self, "Could not open a file", failed[0], WHAT_TO_DO)
        elif failed:
            listed = failed[:FAILURES_LISTED]
            more = len(failed) - len(listed)
            errors.message(self, f"Could not open {len(failed)} files",
                           f"{len(failed)} files could not be opened:\n\n"
                           + "\n".join(f"\u2022 {why}" for why in listed)
                           + (f"\n\u2026 and {more} more (see Details)." if more else ""),
                           WHAT_TO_DO_MANY,
                           "\n".join(failed) if more else "")

    def close_release(self) -> None:
        """Close the shown release (its corrections stay in the workspace)."""
        if self.current is None:
            return
        rs = self.current
        i = self.releases.index(rs)
        self.releases.pop(i)
        stack = self.stacks.pop(id(rs))
        self.undo_group.removeStack(stack)
        stack.deleteLater()         # the group's child: it and its commands would keep the release
        for key in [k for k in self.models if k[0] == id(rs)]:
            self.models.pop(key).deleteLater()      # the window's child, likewise
        self.source_index.pop(id(rs), None)
        self.last_statement.pop(id(rs), None)
        self.current = None
        self.st_key = None
        self.matches_stale()
        self.library.library.set_releases(self.releases)
        self._save_open()
        if self.releases:
            order = self.library.visible_order()
            self.show_release(order[min(i, len(order) - 1)] if order else 0)
            self.say(f"Closed {rs.release.name}; its corrections stay in the workspace.")
        else:
            self._show_start()
        QTimer.singleShot(0, collector.reclaim)     # once the stack and models are gone: its memory back

    def _save_open(self) -> None:
        self.ws.set_open_files([rs.path for rs in self.releases])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.ws.recent_files()
        for p in recent:
            act = self.recent_menu.addAction(Path(p).name)
            act.setToolTip(p)
            act.triggered.connect(lambda _c=False, p=p: self.open_paths([p]))
        self.recent_menu.setEnabled(bool(recent))
        self.start.set_recent(recent)

    def _show_start(self) -> None:
        self.stack.setCurrentIndex(0)
        self.setWindowTitle("iijview")
        self.table.set_model(None)
        self.findings.set_release(None)
        self.source.show_text(None, "")      # a closed release's id may be the next one's
        self.source_pane.show_release(None, None, "")
        self.show_where()

    def restore_session(self, files=None) -> None:
        """Restore window layout and the releases open last time, then open `files`."""
        geo, state = self.ws.setting("window_geometry"), self.ws.setting("window_state")
        if geo:
            self.restoreGeometry(QByteArray.fromBase64(geo.encode()))
        else:   # first start: fill the screen there is
            screen = self.screen() or QGuiApplication.primaryScreen()
            if screen is not None:
                self.setGeometry(screen.availableGeometry())
        if state:
            self.restoreState(QByteArray.fromBase64(state.encode()))
        else:
            self.share_space()
            QTimer.singleShot(0, self, self.share_space)     # again once the window has its final size
        previous = self.ws.open_files()
        gone = [p for p in previous if not Path(p).exists()]
        wanted = [p for p in previous if p not in gone]
        for f in files or []:
            f = str(Path(f).resolve()) if Path(f).exists() else str(f)
            if f not in wanted:
                wanted.append(f)
        if gone:
            errors.message(self, "Some releases are gone",
                           f"{plural(len(gone), 'release')} open last time no longer exist{'s' if len(gone) == 1 else ''} and "
                           f"{'was' if len(gone) == 1 else 'were'} not reopened.", "They were moved or deleted. Open them again from their "
                           "new place with File > Open; their corrections are still in the workspace.",
                           "\n".join(gone), errors.QMessageBox.Information)
        if wanted:
            last = self.ws.setting("shown_release")
            shown = next((str(Path(f).resolve()) for f in files or [] if Path(f).exists()), None)
            if shown is None and last in wanted:
                shown = last
                self._show_statement = self.ws.setting("shown_statement")
            self.open_paths(wanted, show=shown)

    def closeEvent(self, event):  # noqa: N802 - Qt API
        """Remember layout and open releases; stop all work still going on (opening files)."""
        self.loader.shutdown()
        self.ws.set_setting("window_geometry", bytes(self.saveGeometry().toBase64()).decode())
        self.ws.set_setting("window_state", bytes(self.saveState().toBase64()).decode())
        self.ws.set_setting("shown_release", self.current.path if self.current else None)
        self.ws.set_setting("shown_statement", self.st_key if self.current else None)
        self._save_open()
        collector.thaw()
        super().closeEvent(event)
