"""Command line: `iijview facts|check|compare|export|corrections|gui`; with no command, start the app."""
from __future__ import annotations

import argparse
import importlib
import sys

# Each command lives in its own module with register(subparsers) and run(args) -> int.
COMMANDS = ("facts", "check", "compare", "export", "corrections")


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser with every available subcommand registered."""
    from iijview import __version__

    parser = argparse.ArgumentParser(prog="iijview", description=__doc__)
    parser.add_argument("--version", action="version", version=f"iijview {__version__}")
    parser.add_argument("--ocr", action="store_true",
                        help="read PDF pages that are scans (no text layer) with Tesseract OCR: a few seconds a page")
    parser.add_argument("--workspace", metavar="DIR",
                        help="folder of the corrections workspace (default: IIJVIEW_HOME or the user data folder)")
    sub = parser.add_subparsers(dest="command")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"iijview.cli.{name}_command")
        except ModuleNotFoundError:
            continue
        module.register(sub)
    gui = sub.add_parser("gui", help="start the desktop app (the default with no command)")
    gui.add_argument("files", nargs="*", help="release files to open")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `iijview` command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv or not _is_command(parser, argv):
        argv = ["gui", *argv] if not any(a in ("-h", "--help", "--version") for a in argv) else argv
    args = parser.parse_args(argv)
    if args.command == "gui":
        from iijview.gui.app import main as gui_main
        return gui_main(args.files, workspace=args.workspace)
    try:
        return args.run(args)
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        return 0


def _is_command(parser: argparse.ArgumentParser, argv: list[str]) -> bool:
    names = set()
    for action in parser._subparsers._group_actions:  # noqa: SLF001 - argparse has no public API
        names.update(action.choices)
    words = [a for a in argv if not a.startswith("-")]
    # `--workspace DIR` takes a value; skip it when looking for the command word.
    if "--workspace" in argv:
        i = argv.index("--workspace")
        words = [a for a in argv[:i] + argv[i + 2:] if not a.startswith("-")]
    return bool(words) and words[0] in names


if __name__ == "__main__":
    sys.exit(main())
