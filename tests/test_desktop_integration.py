"""`iijview install-desktop` into a temporary XDG folder: menu entry, MIME types, icons, uninstall."""
from __future__ import annotations

import configparser
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from iijview.cli import desktop_command

SIZES = ("16", "24", "32", "48", "64", "128", "256", "512")
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="freedesktop only")


def _run(args: list[str], data: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, XDG_DATA_HOME=str(data))
    return subprocess.run([sys.executable, "-m", "iijview", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def _entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_install_writes_entry_icons_and_mime_types(tmp_path):
    data = tmp_path / "xdg data"  # a space, to exercise Exec quoting of the icon and paths
    done = _run(["install-desktop"], data)
    assert done.returncode == 0, done.stderr
    path = data / "applications" / "iijview.desktop"
    assert str(path) in done.stdout
    entry = _entry(path)
    assert entry["Type"] == "Application" and entry["Name"] == "iijview"
    assert entry["Icon"] == "iijview" and entry["Terminal"] == "false"
    assert set(entry["MimeType"].rstrip(";").split(";")) == {
        "text/plain", "text/html", "application/xhtml+xml", "application/pdf", "application/x-mimearchive"}
    assert "Office;" in entry["Categories"]
    argv = shlex.split(entry["Exec"])
    assert argv[-2:] == ["gui", "%F"]
    # The command in the entry starts this installation (checked with --version, no window).
    run = subprocess.run(argv[:-2] + ["--version"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and run.stdout.startswith("iijview ")
    assert Path(entry["TryExec"]).exists()
    for size in SIZES:
        png = data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "iijview.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = data / "icons" / "hicolor" / "scalable" / "apps" / "iijview.svg"
    assert svg.read_text().lstrip().startswith("<?xml")
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout
    if shutil.which("update-desktop-database"):  # "Open With" lists come from this cache
        cache = (data / "applications" / "mimeinfo.cache").read_text()
        for mime in ("text/plain", "text/html", "application/pdf"):
            assert f"{mime}=iijview.desktop;" in cache


def test_reinstall_then_uninstall(tmp_path):
    data = tmp_path / "data"
    assert _run(["install-desktop"], data).returncode == 0
    assert _run(["install-desktop"], data).returncode == 0  # again: replaces, no error
    done = _run(["install-desktop", "--uninstall"], data)
    assert done.returncode == 0, done.stderr
    assert not (data / "applications" / "iijview.desktop").exists()
    assert not list((data / "icons").rglob("iijview.*"))


def test_unwritable_folder_gets_one_sentence(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = _run(["install-desktop"], blocker)
    assert done.returncode == 2
    assert done.stderr.startswith("iijview install-desktop: could not write to ")
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_exec_quoting_follows_the_spec():
    line = desktop_command.desktop_entry(["/opt/my apps/iijview", "-m", 'a"b$c'])
    exec_line = next(x for x in line.splitlines() if x.startswith("Exec="))
    assert exec_line == 'Exec="/opt/my apps/iijview" -m "a\\"b\\$c" gui %F'


def test_default_data_home(monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert desktop_command.data_home() == tmp_path / ".local" / "share"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")  # the spec says: absolute only
    assert desktop_command.data_home() == tmp_path / ".local" / "share"


@pytest.mark.skipif(not shutil.which("xdg-mime") or not shutil.which("update-desktop-database"),
                    reason="needs xdg-utils and desktop-file-utils, as a Linux desktop has")
def test_install_takes_over_no_default(tmp_path):
    """A desktop without an explicit choice falls back to the first registered app (the user's
    folder first): the app it picked before install-desktop stays the default."""
    system = tmp_path / "system"
    (system / "applications").mkdir(parents=True)
    (system / "applications" / "othereditor.desktop").write_text(
        "[Desktop Entry]\nType=Application\nName=Other editor\nExec=true %F\n"
        "MimeType=text/plain;\n", encoding="utf-8")
    subprocess.run(["update-desktop-database", str(system / "applications")], check=True)
    data, config = tmp_path / "data", tmp_path / "config"
    env = dict(os.environ, XDG_DATA_HOME=str(data), XDG_CONFIG_HOME=str(config),
               XDG_DATA_DIRS=str(system), XDG_CURRENT_DESKTOP="")

    def default(mime):
        return subprocess.run(["xdg-mime", "query", "default", mime], capture_output=True,
                              text=True, env=env).stdout.strip()

    assert default("text/plain") == "othereditor.desktop"
    done = subprocess.run([sys.executable, "-m", "iijview", "install-desktop"], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "othereditor.desktop stays the default application for text/plain." in done.stdout
    assert default("text/plain") == "othereditor.desktop"
    assert "text/plain=othereditor.desktop" in (config / "mimeapps.list").read_text()
