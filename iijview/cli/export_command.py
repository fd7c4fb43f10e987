"""`iijview export FILE... -o OUT.xlsx`: one Excel workbook for all the given release files."""
from __future__ import annotations

from pathlib import Path

from iijview.cli.common import say
from iijview.naming import plural
from iijview.store.apply import left_out


def register(subparsers) -> None:
    """Add the `export` subcommand."""
    p = subparsers.add_parser(
        "export", help="write one Excel workbook for the given release files",
        description="Parse the release files, apply the workspace's corrections and write one "
                    "workbook: a sheet per statement, Summary with charts, Findings, Corrections, Sources.")
    p.add_argument("files", nargs="+", metavar="FILE", help="release files (text)")
    p.add_argument("-o", "--output", required=True, metavar="OUT.xlsx",
                   help="workbook to write (given a folder: in it, named after the one release or releases.xlsx)")
    p.add_argument("--no-checks", action="store_true", help="skip the consistency checks (no findings)")
    p.set_defaults(run=run)


def run(args) -> int:
    """Export the files; bad files are reported in one sentence each and the rest exported."""
    from iijview import ReleaseError, load_release
    from iijview.cli.common import ocr_hint
    from iijview.export import ExportError, write_workbook

    output = Path(args.output)
    if output.is_dir():   # a folder: the workbook goes in it, named after the one release or 'releases'
        output = output / (f"{Path(args.files[0]).stem}.xlsx" if len(args.files) == 1 else "releases.xlsx")
    if output.suffix == "":
        output = output.with_suffix(".xlsx")
    if output.suffix.lower() != ".xlsx":
        _say(f"the output must be an .xlsx workbook, not {output.name}.")
        return 2
    workspace, problem = _open_workspace(getattr(args, "workspace", None))
    failed = 0
    if problem:
        _say(problem)
        failed += 1
    releases = []
    for name in args.files:
        try:
            release = load_release(name, checks=not args.no_checks, ocr=getattr(args, "ocr", False))
        except ReleaseError as exc:
            _say(str(exc) + ocr_hint(exc))
            failed += 1
            continue
        except Exception as exc:  # noqa: BLE001 - a bad file must never end the export with a traceback
            _say(f"{name}: could not be read ({type(exc).__name__}: {exc}).")
            failed += 1
            continue
        if workspace is not None:
            try:
                messages = workspace.apply(release) or []
            except Exception as exc:  # noqa: BLE001 - export as parsed rather than not at all
                _say(f"{name}: stored corrections could not be applied; exported as parsed. {exc}")
            else:
                missed = left_out(messages)
                if missed:
                    _say(f"{name}: {len(missed)} stored correction(s) no longer fit this file "
                         f"and were left out (first: {missed[0]}).")
                notes = [m for m in messages if m not in missed]
                if notes:
                    _say(f"{name}: {len(notes)} stored correction(s) were applied with a note "
                         f"(first: {notes[0]}).")
        releases.append(release)
    if not releases:
        _say("nothing to export: no file could be read.")
        return 2
    try:
        path = write_workbook(releases, output, workspace)
    except ExportError as exc:
        _say(str(exc))
        return 2
    finally:
        if workspace is not None:
            workspace.close()
    sheets = sum(len(r.statements) for r in releases)
    print(f"Wrote {path}: {plural(len(releases), 'release')}, {plural(sheets, 'statement sheet')}.")
    return 2 if failed else 0


def _open_workspace(folder):
    """(Workspace or None, problem sentence or ''): the corrections store, if there is one.

    An explicit --workspace must exist; the default one (IIJVIEW_HOME or the user data folder)
    may not exist yet, which simply means no corrections (and exporting must not create it).
    """
    explicit = bool(folder)
    try:
        from iijview.store import Workspace, default_folder
    except ImportError:
        return None, ("corrections not applied: this build has no workspace support." if explicit else "")
    path = Path(folder) if explicit else default_folder()
    if not path.is_dir():
        return None, (f"corrections not applied: the workspace folder {path} does not exist."
                      if explicit else "")
    try:
        return Workspace(path), ""
    except Exception as exc:  # noqa: BLE001 - WorkspaceError or worse: say it, export as parsed
        return None, f"corrections not applied: {str(exc).rstrip('.')}."


def _say(sentence: str) -> None:
    say(sentence, "iijview export")
