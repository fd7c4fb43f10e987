"""Assemble the export workbook from releases and save it atomically."""
from __future__ import annotations

import datetime as _dt
import io
from pathlib import Path
from typing import Any, Callable, Iterable

from openpyxl import Workbook

from iijview.export.compare_sheet import add_comparison_sheets
from iijview.export.corrections import workspace_notes
from iijview.export.list_sheets import (ExportedRelease, corrections_sheet, findings_sheet,
                                        sources_sheet, write_list_sheet)
from iijview.export.names import SheetNamer, statement_caption
from iijview.export.saving import SaveError, check_target, save_bytes
from iijview.export.statement_sheet import findings_by_cell, statement_sheet
from iijview.export.summary import HEADLINES, add_charts, summary_sheet
from iijview.export.table_writer import write_table_sheet
from iijview.model import Release
from iijview.naming import release_label

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
    try:
        check_target(target)       # before the work of building: a read-only target is refused at once
    except SaveError as exc:
        raise ExportError(str(exc)) from None
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
    """Save the workbook to `target` in one step (iijview.export.saving): the old file or the new one,
    never half a file or a stray temporary, whatever happens (disk full, a kill, a read-only target)."""
    buffer = io.BytesIO()
    workbook.save(buffer)          # complete in memory before the disk is touched
    try:
        save_bytes(buffer.getvalue(), target)
    except SaveError as exc:
        raise ExportError(str(exc)) from None


__all__ = ["write_workbook", "build_workbook", "save_atomic", "ExportError", "HEADLINES"]
