"""Assemble the export workbook from releases and save it atomically."""
from __future__ import annotations

import datetime as _dt
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

from openpyxl import Workbook

from iijview.export.compare_sheet import add_comparison_sheets
from iijview.export.corrections import workspace_notes
from iijview.export.list_sheets import (ExportedRelease, corrections_sheet, findings_sheet,
                                        sources_sheet, write_list_sheet)
from iijview.export.names import SheetNamer, statement_caption
from iijview.naming import release_label
from iijview.export.statement_sheet import findings_by_cell, statement_sheet
from iijview.export.summary import HEADLINES, add_charts, summary_sheet
from iijview.export.table_writer import write_table_sheet
from iijview.model import Release

Progress = Callable[[int, int], Any]


class ExportError(Exception):
    """The workbook could not be written: the message is one sentence for the user."""


def write_workbook(releases: Iterable[Release], path, workspace=None, *,
                   progress: Progress | None = None) -> Path:
    """Write one workbook for all `releases` to `path` and return the path written.

    `workspace` (an iijview.store.Workspace or None) supplies who/when of corrected cells;
    `progress(done, total)` is called as sheets are built. Raises ExportError.
    """
    releases = list(releases)
    if not releases:
        raise ExportError("Nothing to export: no releases were given.")
    target = Path(path)
    if not target.parent.is_dir():
        raise ExportError(f"Cannot write {target}: the folder {target.parent} does not exist.")
    workbook = build_workbook(releases, workspace, progress=progress)
    save_atomic(workbook, target)
    return target


def build_workbook(releases: list[Release], workspace=None, *, progress: Progress | None = None) -> Workbook:
    """The export workbook in memory: Summary, comparisons, statement sheets, Findings, Corrections, Sources."""
    from iijview import __version__

    total = sum(len(r.statements) for r in releases) + 4
    done = 0

    def step():
        """One more sheet built: tell the caller (who may raise to cancel; nothing is written)."""
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    if progress is not None:
        progress(0, total)
    wb = Workbook()
    wb.properties.creator = f"iijview {__version__}"
    summary_ws = wb.active
    summary_ws.title = "Summary"
    namer = SheetNamer()
    now = _dt.datetime.now()
    exported = []
    for release in releases:
        ex = ExportedRelease(release, namer.release_prefix(release),
                             getattr(release, "parsed_at", None) or now,
                             notes=workspace_notes(workspace, release))
        cells = findings_by_cell(release)
        for st in release.statements:
            name = namer.unique(f"{ex.prefix} {statement_caption(st, release_label(release))}")
            spec = statement_sheet(release, st, name, cells, ex.notes)
            ex.layouts.setdefault(st.key, write_table_sheet(wb.create_sheet(name), spec))
            step()
        exported.append(ex)

    spec, groups, value_columns = summary_sheet(releases, [ex.prefix for ex in exported])
    layout = write_table_sheet(summary_ws, spec)
    add_charts(summary_ws, layout, groups, value_columns)
    step()
    add_comparison_sheets(wb, releases, namer, workspace)
    for sheet in (findings_sheet(exported), corrections_sheet(exported), sources_sheet(exported, __version__)):
        write_list_sheet(wb.create_sheet(sheet.name), sheet)
        step()
    return wb


def save_atomic(workbook: Workbook, target: Path) -> None:
    """Save to a temporary file beside `target`, then rename it over `target`; no half file on failure."""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".~iijview-", suffix=".xlsx.tmp", dir=target.parent)
    except PermissionError:
        raise ExportError(f"Cannot write to the folder {target.parent}: permission denied.") from None
    except OSError as exc:
        raise ExportError(f"Cannot write to the folder {target.parent}: {exc.strerror or exc}.") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            workbook.save(handle)
        os.chmod(tmp, _file_mode(target))   # mkstemp makes the file private (0600)
        os.replace(tmp, target)
    except PermissionError:
        raise ExportError(f"Cannot write {target}: it is open in another program or read-only; "
                          "close it and export again.") from None
    except OSError as exc:
        raise ExportError(f"Cannot write {target}: {exc.strerror or exc}.") from None
    finally:
        if tmp.exists():
            tmp.unlink(missing_ok=True)


def _file_mode(target: Path) -> int:
    """Permissions for the new file: those of the file it replaces, else the usual ones (umask)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        pass
    umask = 0o022
    try:  # reading the umask via os.umask() would change it for every thread for a moment
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                umask = int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o666 & ~umask


__all__ = ["write_workbook", "build_workbook", "save_atomic", "ExportError", "HEADLINES"]
