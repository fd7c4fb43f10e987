"""Before Qt starts: a missing system library, no display or a broken one gets one sentence, no abort."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from iijview.gui import preflight


def _qt_dir() -> Path:
    qt = preflight._qt_dir()
    assert qt is not None
    return qt


def _start_app(env_changes: dict, tmp_path) -> subprocess.CompletedProcess:
    """Run `iijview` (the app) in a fresh process with the environment changed as given."""
    env = dict(os.environ, IIJVIEW_HOME=str(tmp_path / "home"))
    for key in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE"):
        env.pop(key, None)
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run([sys.executable, "-m", "iijview"], capture_output=True, text=True,
                          env=env, timeout=120)


def _one_sentence(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 2, (done.returncode, done.stderr)  # not -6 (SIGABRT, core dumped)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    text = lines[0]
    assert text.startswith("iijview cannot open its window because ") and text.endswith(".")
    # Never a traceback, and never Qt's misleading hint.
    assert "Traceback" not in text and "Reinstalling the application" not in text
    return text


def test_reads_the_libraries_qt_s_x11_plugin_needs():
    needed = preflight.needed_libraries(_qt_dir() / "plugins" / "platforms" / "libqxcb.so")
    assert {"libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0", "libxcb.so.1"} <= set(needed)
    assert preflight.needed_libraries(Path(__file__)) == []  # not ELF


def test_every_library_qt_needs_has_its_packages_named():
    """Each system library of the Qt libraries and plugins the app uses is in the package table."""
    qt = _qt_dir()
    binaries = [qt / "plugins" / "platforms" / f"libq{p}.so" for p in ("xcb", "offscreen", "wayland")]
    binaries += [qt / "lib" / f"libQt6{m}.so.6" for m in ("Core", "Gui", "Widgets", "Network", "XcbQpa")]
    table = preflight._packages()
    base = {"libc.so.6", "libm.so.6", "libgcc_s.so.1", "ld-linux-x86-64.so.2", "libdl.so.2",
            "libpthread.so.0", "librt.so.1", "ld-linux-aarch64.so.1", "libresolv.so.2"}
    for binary in binaries:
        if not binary.exists():
            continue
        for lib in preflight.needed_libraries(binary):
            if not (qt / "lib" / lib).exists() and lib not in base and not lib.startswith("libicu"):
                assert lib in table, f"{lib} (needed by {binary.name}) has no packages in the table"


def test_sentence_names_debian_and_fedora_packages():
    text = preflight.missing_sentence("Qt's X11 plugin", ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    assert "`sudo apt install libxcb-icccm4 libxcb-keysyms1` (Debian/Ubuntu)" in text
    assert "`sudo dnf install xcb-util-wm xcb-util-keysyms` (Fedora)" in text
    one = preflight.missing_sentence("Qt", ["libEGL.so.1"])
    assert "library libEGL.so.1, which is missing; install it with `sudo apt install libegl1`" in one
    odd = preflight.missing_sentence("Qt", ["libodd.so.7"])
    assert odd.endswith("install the package that provides libodd.so.7.")


def test_missing_xcb_libraries_found_by_the_loader(tmp_path):
    """Unloadable copies first on LD_LIBRARY_PATH are what a missing package looks like to Qt."""
    bad = tmp_path / "libs"
    bad.mkdir()
    for name in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1"):
        (bad / name).write_bytes(b"")  # an empty file: the loader refuses it, as Qt's would
    text = _one_sentence(_start_app({"LD_LIBRARY_PATH": str(bad), "DISPLAY": ":0"}, tmp_path))
    assert "Qt's X11 plugin needs the system libraries libxcb-icccm.so.4 and libxcb-keysyms.so.1" in text
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in text
    assert "sudo dnf install xcb-util-wm xcb-util-keysyms" in text
    assert "xcb-cursor" not in text


def test_missing_core_library_when_qt_is_imported(tmp_path):
    bad = tmp_path / "libs"
    bad.mkdir()
    (bad / "libEGL.so.1").write_bytes(b"")
    text = _one_sentence(_start_app({"LD_LIBRARY_PATH": str(bad), "DISPLAY": ":0"}, tmp_path))
    assert "Qt needs the system library libEGL.so.1" in text
    assert "sudo apt install libegl1" in text and "sudo dnf install libglvnd-egl" in text


def test_no_display(tmp_path):
    text = _one_sentence(_start_app({}, tmp_path))
    assert "no graphical display (DISPLAY is not set)" in text
    assert "xvfb-run iijview" in text and "xorg-x11-server-Xvfb" in text and "iijview --help" in text


def test_display_that_does_not_answer(tmp_path):
    text = _one_sentence(_start_app({"DISPLAY": ":987"}, tmp_path))
    assert "the X display :987 does not answer" in text


def test_unknown_platform_plugin(tmp_path):
    text = _one_sentence(_start_app({"QT_QPA_PLATFORM": "nosuch"}, tmp_path))
    assert "no platform plugin named 'nosuch'" in text


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="abstract sockets are Linux's")
def test_failure_the_checks_cannot_foresee_still_gives_one_sentence(tmp_path):
    """A socket that accepts but is no X server: Qt's fatal error becomes our sentence, no abort."""
    number = 6000 + os.getpid() % 3000
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(f"\0/tmp/.X11-unix/X{number}")
    server.listen(4)
    stop = threading.Event()

    def serve():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _addr = server.accept()
            except OSError:
                continue
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        text = _one_sentence(_start_app({"DISPLAY": f":{number}"}, tmp_path))
    finally:
        stop.set()
        thread.join()
        server.close()
    assert "Qt could not start (could not connect to display" in text
    assert "sudo apt install" in text and "sudo dnf install" in text
    log = (tmp_path / "home" / "logs" / "iijview.log").read_text()
    assert "Qt could not start" in log


def test_headless_platform_needs_no_display(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.delenv("DISPLAY", raising=False)
    assert preflight.qt_problem() is None


def test_platform_order(monkeypatch):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")
    assert preflight.platform_candidates() == ["wayland", "xcb"]
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb:dpi=96;offscreen")
    assert preflight.platform_candidates() == ["xcb", "offscreen"]


def test_x_display_forms(tmp_path):
    assert not preflight.x_server_reachable(":4321")
    assert not preflight.x_server_reachable("unix:4321.0")
    assert preflight.x_server_reachable("weird-form")  # unknown forms are left to Qt
    if shutil.which("Xvfb"):
        proc = subprocess.Popen(["Xvfb", ":4322", "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                if preflight.x_server_reachable(":4322"):
                    break
                threading.Event().wait(0.05)
            assert preflight.x_server_reachable(":4322.0")
        finally:
            proc.terminate()
            proc.wait()
