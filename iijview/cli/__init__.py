"""Command line: `iijview facts|check|compare|export|corrections|gui|install-desktop`; no command starts the app."""
from __future__ import annotations

import argparse
import difflib
import importlib
import sys
from pathlib import Path

# Each command lives in its own module with register(subparsers) and run(args) -> int.
COMMANDS = ("facts", "check", "compare", "export", "corrections", "gui", "desktop")

DESCRIPTION = ("Read, check, correct and export the earnings releases of Internet Initiative Japan "
               "(IIJ). With no command (or only files), start the desktop app.")
EPILOG = """examples:
  iijview                                  start the app
  iijview release.txt                      start the app and open a release
  iijview facts release.txt > facts.csv    every value of every statement, as CSV
  iijview check release.txt                which totals do not add up, and proposed repairs
  iijview export *.txt -o releases.xlsx    one Excel workbook for several releases
  iijview COMMAND --help                   the options of one command

The command line needs no display and never loads Qt (except `gui`). Exit status: 0 when all went
well, 2 when a file could not be read or an argument is wrong (the other files are still processed).
Corrections live in the workspace: --workspace DIR, else IIJVIEW_HOME, else the user data folder."""


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser with every available subcommand registered."""
    from iijview import __version__

    parser = argparse.ArgumentParser(prog="iijview", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version",
                        version=f"iijview {__version__} (Python {sys.version.split()[0]})")
    parser.add_argument("--ocr", action="store_true", help=OCR_HELP)
    parser.add_argument("--workspace", metavar="DIR", help=WORKSPACE_HELP)
    sub = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"iijview.cli.{name}_command")
        except ModuleNotFoundError:
            continue
        module.register(sub)
    _accept_options_after_command(sub)
    return parser


WORKSPACE_HELP = ("folder of the corrections workspace (default: IIJVIEW_HOME or the user data "
                  "folder); accepted before or after the command")
OCR_HELP = ("read PDF pages that are scans (no text layer) with Tesseract OCR: a few seconds a page; "
            "accepted before or after the command")
OCR_COMMANDS = ("facts", "check", "compare", "export")


def _accept_options_after_command(sub) -> None:
    """Let `--workspace DIR` (and `--ocr` where files are read) follow the command too."""
    for name, parser in sub.choices.items():
        options = {o for a in parser._actions for o in a.option_strings}  # noqa: SLF001
        if "--workspace" not in options:
            parser.add_argument("--workspace", metavar="DIR", default=argparse.SUPPRESS,
                                help=WORKSPACE_HELP)
        if name in OCR_COMMANDS and "--ocr" not in options:
            parser.add_argument("--ocr", action="store_true", default=argparse.SUPPRESS, help=OCR_HELP)
        for action in parser._actions:  # noqa: SLF001 - nested commands (corrections export|import)
            if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
                _accept_options_after_command(action)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `iijview` command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not _is_command(parser, argv) and not any(a in ("-h", "--help", "--version") for a in argv):
        typo = _mistyped_command(parser, argv)
        if typo:
            print(f"iijview: {typo}", file=sys.stderr)
            return 2
        argv = _gui_args(argv)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        return 0
    except KeyboardInterrupt:
        print("iijview: interrupted.", file=sys.stderr)
        return 130


def _gui_args(argv: list[str]) -> list[str]:
    """`iijview [--workspace DIR] FILE...` means `iijview [--workspace DIR] gui FILE...`."""
    if argv[:1] == ["--workspace"]:
        return argv[:2] + ["gui", *argv[2:]]
    if argv[:1] and argv[0].startswith("--workspace="):
        return argv[:1] + ["gui", *argv[1:]]
    return ["gui", *argv]


def _command_names(parser: argparse.ArgumentParser) -> list[str]:
    names: list[str] = []
    for action in parser._subparsers._group_actions:  # noqa: SLF001 - argparse has no public API
        names.extend(action.choices)
    return names


def _first_word(argv: list[str]) -> str:
    words = list(argv)
    # `--workspace DIR` takes a value; skip it when looking for the command word.
    if "--workspace" in words:
        i = words.index("--workspace")
        del words[i:i + 2]
    words = [a for a in words if not a.startswith("-")]
    return words[0] if words else ""


def _is_command(parser: argparse.ArgumentParser, argv: list[str]) -> bool:
    return _first_word(argv) in _command_names(parser)


def _mistyped_command(parser: argparse.ArgumentParser, argv: list[str]) -> str:
    """A sentence when the first word is neither a command nor a file but a bare word ('chek'), else ''."""
    word = _first_word(argv)
    if not word or any(c in word for c in "./\\") or Path(word).exists():
        return ""
    names = _command_names(parser)
    near = difflib.get_close_matches(word, names, n=1)
    hint = f"did you mean '{near[0]}'? " if near else ""
    return (f"'{word}' is neither a command nor a file; {hint}the commands are {', '.join(names)} "
            "(iijview --help).")


if __name__ == "__main__":
    sys.exit(main())
