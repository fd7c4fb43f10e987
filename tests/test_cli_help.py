"""The command line's help: `--version`, and a complete `--help` for every command."""
from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from iijview import __version__
from iijview.cli import build_parser, main


def _commands(parser: argparse.ArgumentParser, prefix=()):
    """Every (command words, parser) pair, nested commands included."""
    for action in parser._actions:  # noqa: SLF001 - argparse has no public API for this
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for name, sub in action.choices.items():
                yield (*prefix, name), sub
                yield from _commands(sub, (*prefix, name))


ALL = list(_commands(build_parser()))


def test_every_command_is_there():
    names = {" ".join(words) for words, _p in ALL}
    assert {"facts", "check", "export", "corrections", "corrections export", "corrections import",
            "gui", "install-desktop"} <= names


@pytest.mark.parametrize("words,parser", ALL, ids=[" ".join(w) for w, _p in ALL])
def test_command_help_is_complete(words, parser, capsys):
    """Each command says what it does, and every argument and option says what it is for."""
    top = build_parser()
    listed = {a.dest: a for a in top._actions}  # noqa: SLF001
    assert "command" in listed
    assert parser.description, f"`iijview {' '.join(words)}` has no description"
    for action in parser._actions:  # noqa: SLF001
        if isinstance(action, argparse._HelpAction):  # noqa: SLF001
            continue
        assert action.help and action.help != argparse.SUPPRESS, \
            f"`iijview {' '.join(words)}`: {action.option_strings or action.dest} has no help"
    with pytest.raises(SystemExit) as done:
        main([*words, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: iijview {' '.join(words)}")
    assert parser.description.split()[0] in out


def test_top_help_lists_commands_and_examples(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for name in ("facts", "check", "export", "corrections", "gui", "install-desktop"):
        assert f"\n    {name}" in out
    assert "examples:" in out and "iijview export *.txt -o releases.xlsx" in out


def test_version_in_a_fresh_process():
    done = subprocess.run([sys.executable, "-m", "iijview", "--version"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0
    assert done.stdout.strip() == f"iijview {__version__} (Python {sys.version.split()[0]})"


def test_workspace_option_before_or_after_the_command(tmp_path):
    parser = build_parser()
    before = parser.parse_args(["--workspace", str(tmp_path), "facts", "a.txt"])
    after = parser.parse_args(["facts", "--workspace", str(tmp_path), "a.txt"])
    nested = parser.parse_args(["corrections", "export", "--workspace", str(tmp_path)])
    assert before.workspace == after.workspace == nested.workspace == str(tmp_path)
    assert parser.parse_args(["facts", "a.txt"]).workspace is None
    assert parser.parse_args(["facts", "--ocr", "a.pdf"]).ocr is True
    assert parser.parse_args(["--ocr", "export", "a.pdf", "-o", "x.xlsx"]).ocr is True
    assert parser.parse_args(["check", "a.pdf"]).ocr is False


def test_files_alone_mean_the_app(monkeypatch):
    """`iijview FILE`, `iijview --workspace DIR FILE` and `iijview --samples` start the app."""
    seen = []
    from iijview.cli import gui_command

    monkeypatch.setattr(gui_command, "run", lambda args: seen.append(args) or 0)
    build = build_parser

    def patched():
        parser = build()
        for action in parser._actions:  # noqa: SLF001
            if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
                action.choices["gui"].set_defaults(run=gui_command.run)
        return parser

    monkeypatch.setattr("iijview.cli.build_parser", patched)
    assert main(["a.txt", "b.txt"]) == 0
    assert main(["--workspace", "W", "c.txt"]) == 0
    assert main(["--samples"]) == 0
    assert [a.files for a in seen] == [["a.txt", "b.txt"], ["c.txt"], []]
    assert seen[1].workspace == "W" and seen[2].samples


def test_a_mistyped_command_is_said_not_opened_as_a_file(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["chek", "release.txt"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("iijview: 'chek' is neither a command nor a file; did you mean 'check'? the commands are ")
    assert main(["--workspace", "W", "summarise"]) == 2
    assert "'summarise' is neither a command nor a file; the commands are " in capsys.readouterr().err
    from iijview.cli import _mistyped_command

    (tmp_path / "notes").write_text("a file without a dot is still a file")
    assert _mistyped_command(build_parser(), ["notes"]) == ""
    assert _mistyped_command(build_parser(), ["missing.txt"]) == ""     # a file name: the app says it is missing
