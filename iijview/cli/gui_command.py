"""`iijview gui [FILE...]` (also `iijview` with no command, and `iijview-gui`): start the desktop app."""
from __future__ import annotations

import sys

HELP = "start the desktop app (the default with no command)"
DESCRIPTION = (
    "Start the desktop app and open the given release files. If iijview is already running "
    "with the same workspace, the files are handed to it and its window comes to the front. "
    "Without a display or with a system library missing, one sentence says what to install.")
EPILOG = ("environment: IIJVIEW_HOME (workspace and log folder), QT_QPA_PLATFORM (Qt's platform "
          "plugin, e.g. offscreen), IIJVIEW_SMOKE=1 (open the files, print a summary line and quit: "
          "used by CI).")


def register(sub) -> None:
    """Add the `gui` subcommand."""
    p = sub.add_parser("gui", help=HELP, description=DESCRIPTION, epilog=EPILOG)
    p.add_argument("files", nargs="*", metavar="FILE", help="release files to open")
    p.add_argument("--samples", action="store_true",
                   help="also open the five sample releases that come with iijview")
    p.add_argument("--new-instance", action="store_true",
                   help="start a separate app even if one is running (default: hand the files to it)")
    p.set_defaults(run=run)


def run(args) -> int:
    """Start the app (it checks first that Qt can open a window)."""
    from iijview.gui.app import main

    return main(args.files, workspace=getattr(args, "workspace", None), samples=args.samples,
                new_instance=args.new_instance)


def main() -> int:
    """Entry point of `iijview-gui`: the arguments are those of `iijview gui`."""
    from iijview.cli import main as cli_main

    return cli_main(["gui", *sys.argv[1:]])
