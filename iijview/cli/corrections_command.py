"""`iijview corrections export|import`: share the workspace's corrections as CSV."""
from __future__ import annotations

import sys

from iijview.cli.common import say
from iijview.safe_text import for_terminal

_WHO = "iijview corrections"


def register(subparsers) -> None:
    """Add the `corrections` command and its export/import subcommands."""
    p = subparsers.add_parser("corrections", help="export or import corrections as CSV",
                              description="Share corrections: export them to CSV, import a CSV.")
    sub = p.add_subparsers(dest="action", metavar="export|import", help="what to do")
    ex = sub.add_parser("export", help="write corrections to CSV (all, or of the given releases)",
                        description="Write the workspace's corrections as CSV: all of them, or those "
                        "of the given release files.")
    ex.add_argument("-o", "--output", metavar="FILE.csv", help="output file (default: standard output)")
    ex.add_argument("files", nargs="*", metavar="FILE", help="release files whose corrections to export")
    im = sub.add_parser("import", help="merge corrections from a CSV file into the workspace",
                        description="Merge a colleague's corrections CSV into the workspace. A newer "
                        "local correction is never overwritten; a malformed file changes nothing.")
    im.add_argument("csv", metavar="FILE.csv", help="a CSV written by `iijview corrections export`")
    p.set_defaults(run=run)


def run(args) -> int:
    """Run export or import; bad input gives one sentence on stderr and status 2."""
    from iijview.store import Workspace, WorkspaceError

    action = getattr(args, "action", None)
    if action not in ("export", "import"):
        say("say `export` or `import` (see iijview corrections -h).", _WHO)
        return 2
    try:
        ws = Workspace(args.workspace)
        if action == "export":
            return _export(ws, args)
        n = ws.import_csv(args.csv)
        print(for_terminal(f"Imported {n} correction{'s' if n != 1 else ''} into {ws.path}."), file=sys.stderr)
        return 0
    except WorkspaceError as exc:
        say(str(exc), _WHO)
        return 2


def _export(ws, args) -> int:
    from iijview import ReleaseError, load_release

    hashes = None
    if args.files:
        hashes = []
        for path in args.files:
            try:
                hashes.append(load_release(path, checks=False).sha256)
            except ReleaseError as exc:
                say(str(exc), _WHO)
                return 2
    if args.output:
        n = ws.export_csv(args.output, hashes)
        print(for_terminal(f"Exported {n} correction{'s' if n != 1 else ''} to {args.output}."), file=sys.stderr)
    else:
        ws.export_csv(sys.stdout, hashes)
    return 0
