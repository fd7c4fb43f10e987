"""Before Qt starts: find out whether it can open a window, and say why not in one sentence.

Qt aborts the whole process (SIGABRT, "core dumped") when its platform plugin cannot load, and its
message blames `libxcb-cursor0` whatever is really missing. So the app looks first, without
importing Qt's GUI: the platform plugin's own library list (DT_NEEDED entries, read from the ELF
file) is checked library by library with the system's dynamic loader, and the display is
checked for a listening server. Nothing here creates a Qt application.
"""
from __future__ import annotations

import ctypes
import importlib.util
import json
import os
import re
import socket
import struct
import sys
from functools import lru_cache
from pathlib import Path

# Platform plugins that need no display server.
HEADLESS = {"offscreen", "minimal", "minimalegl", "vnc", "linuxfb", "eglfs", "vkkhrdisplay"}
_SONAME = re.compile(r"(lib[\w.+-]+?\.so(?:\.\d+)*)")
_PLUGIN_NAMES = {"xcb": "X11", "wayland": "Wayland"}
CORE_MODULES = ("Core", "Gui", "Widgets", "DBus", "Network")


def qt_problem() -> str | None:
    """One sentence saying why Qt cannot open a window here, or None when it can."""
    if _find_spec("PySide6") is None:
        return ("iijview cannot open its window because PySide6 (Qt for Python) is not installed in "
                f"this Python ({sys.executable}); install it with `{Path(sys.executable).name} -m pip "
                "install PySide6-Essentials`, or use the command line (`iijview --help`), which needs no Qt.")
    qt_dir = _qt_dir() if sys.platform.startswith("linux") else None
    problem = _import_problem(qt_dir)
    if problem or qt_dir is None:
        return problem  # elsewhere (or a frozen layout without Qt's tree) Qt finds its own way
    candidates = platform_candidates()
    problems = [_platform_problem(name, qt_dir) for name in candidates]
    if any(p is None for p in problems):
        return None
    return problems[0]


def platform_candidates() -> list[str]:
    """The platform plugins Qt will try, in order (QT_QPA_PLATFORM, else by session type)."""
    chosen = os.environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return [p.split(":", 1)[0] for p in chosen.split(";") if p.strip()]
    if os.environ.get("WAYLAND_DISPLAY") and os.environ.get("XDG_SESSION_TYPE") == "wayland":
        return ["wayland", "xcb"]
    return ["xcb"]


def _find_spec(name: str):
    try:
        return importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None


def _import_problem(qt_dir: Path | None) -> str | None:
    try:
        import PySide6.QtWidgets  # noqa: F401 - loads Qt's core libraries, which need system ones
    except ImportError as exc:
        missing = []
        if qt_dir is not None:  # name every missing library at once, not only the first
            for binary in [qt_dir / "lib" / f"libQt6{m}.so.6" for m in CORE_MODULES] + [
                    plugin_path(name, qt_dir) for name in platform_candidates()[:1]]:
                if binary is not None and binary.is_file():
                    missing += [m for m in missing_libraries(binary, qt_dir / "lib") if m not in missing]
        missing = missing or _SONAME.findall(str(exc))[:1]
        if missing:
            return missing_sentence("Qt", missing)
        return (f"iijview cannot open its window because Qt could not be loaded ({exc}); reinstall it "
                "with `pip install --force-reinstall PySide6-Essentials`.")
    return None


def _platform_problem(name: str, qt_dir: Path) -> str | None:
    plugin = plugin_path(name, qt_dir)
    if plugin is None:
        return (f"iijview cannot open its window because Qt has no platform plugin named '{name}' "
                f"(QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '')}); unset QT_QPA_PLATFORM "
                "or set it to xcb, wayland or offscreen.")
    missing = missing_libraries(plugin, qt_dir / "lib")
    if missing:
        return missing_sentence(f"Qt's {_PLUGIN_NAMES.get(name, name)} plugin", missing)
    if name in HEADLESS:
        return None
    return display_problem(name)


def _qt_dir() -> Path | None:
    spec = _find_spec("PySide6")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        qt = Path(folder) / "Qt"
        if (qt / "plugins").is_dir():
            return qt
    return None


def plugin_path(name: str, qt_dir: Path) -> Path | None:
    """The platform plugin file Qt would load for `name` (QT_QPA_PLATFORM_PLUGIN_PATH first)."""
    folders = [Path(p) for p in os.environ.get("QT_QPA_PLATFORM_PLUGIN_PATH", "").split(os.pathsep) if p]
    folders.append(qt_dir / "plugins" / "platforms")
    for folder in folders:
        path = folder / f"libq{name}.so"
        if path.is_file():
            return path
    return None


def missing_libraries(binary: Path, qt_lib_dir: Path) -> list[str]:
    """System libraries that `binary` (and the Qt libraries it needs) need but the loader cannot load."""
    missing: list[str] = []
    seen: set[str] = set()
    todo = [binary]
    while todo:
        for name in needed_libraries(todo.pop()):
            if name in seen:
                continue
            seen.add(name)
            bundled = qt_lib_dir / name
            if bundled.is_file():
                todo.append(bundled)
            elif not can_load(name):
                missing.append(name)
    return missing


def can_load(soname: str) -> bool:
    """True when the dynamic loader can load the library (LD_LIBRARY_PATH, the ld.so cache)."""
    try:
        ctypes.CDLL(soname, mode=os.RTLD_LAZY | os.RTLD_LOCAL)
    except OSError:
        return False
    return True


def needed_libraries(path: Path) -> list[str]:
    """The DT_NEEDED entries of an ELF shared object (empty when the file is not ELF)."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] not in (1, 2) or data[5] not in (1, 2):
        return []
    wide = data[4] == 2
    end = "<" if data[5] == 1 else ">"
    if wide:
        shoff, = struct.unpack_from(end + "Q", data, 0x28)
        shentsize, shnum = struct.unpack_from(end + "HH", data, 0x3A)
        sh_fmt, dyn_fmt = end + "IIQQQQIIQQ", end + "qQ"
    else:
        shoff, = struct.unpack_from(end + "I", data, 0x20)
        shentsize, shnum = struct.unpack_from(end + "HH", data, 0x2E)
        sh_fmt, dyn_fmt = end + "IIIIIIIIII", end + "iI"
    sections = [struct.unpack_from(sh_fmt, data, shoff + i * shentsize) for i in range(shnum)]
    out = []
    for _name, kind, _flags, _addr, offset, size, link, *_rest in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strtab = sections[link][4]
        step = struct.calcsize(dyn_fmt)
        for at in range(offset, offset + size, step):
            tag, value = struct.unpack_from(dyn_fmt, data, at)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                start = strtab + value
                out.append(data[start:data.index(b"\0", start)].decode("ascii", "replace"))
    return out


@lru_cache(maxsize=1)
def _packages() -> dict[str, list[str]]:
    from importlib import resources

    text = resources.files("iijview.resources").joinpath("qt_system_libraries.json").read_text("utf-8")
    return json.loads(text)["libraries"]


def missing_sentence(what: str, libraries: list[str]) -> str:
    """The one sentence for missing system libraries, naming the Debian/Ubuntu and Fedora packages."""
    table = _packages()
    debian = _unique(table[lib][0] for lib in libraries if lib in table)
    fedora = _unique(table[lib][1] for lib in libraries if lib in table)
    unknown = [lib for lib in libraries if lib not in table]
    if debian:
        how = (f"install {'them' if len(libraries) > 1 else 'it'} with `sudo apt install "
               f"{' '.join(debian)}` (Debian/Ubuntu) or `sudo dnf install {' '.join(fedora)}` (Fedora)")
        if unknown:
            how += f" and the package that provides {_join(unknown)}"
    else:
        how = f"install the package that provides {_join(unknown)}"
    return (f"iijview cannot open its window because {what} needs the system "
            f"librar{'ies' if len(libraries) > 1 else 'y'} {_join(libraries)}, which "
            f"{'are' if len(libraries) > 1 else 'is'} missing; {how}.")


def display_problem(platform: str) -> str | None:
    """One sentence when no display server is reachable for the platform plugin, else None."""
    xvfb = ("or run it on a virtual display with `xvfb-run iijview` (package xvfb on Debian/Ubuntu, "
            "xorg-x11-server-Xvfb on Fedora), or use the command line (`iijview --help`), which needs no display")
    if platform == "wayland":
        name = os.environ.get("WAYLAND_DISPLAY", "")
        runtime = os.environ.get("XDG_RUNTIME_DIR", "")
        if name and (Path(name).is_absolute() or runtime) and _can_connect_unix(
                name if Path(name).is_absolute() else os.path.join(runtime, name)):
            return None
        return (f"iijview cannot open its window because no Wayland display is reachable "
                f"(WAYLAND_DISPLAY={name or 'not set'}); start it in a desktop session, {xvfb}.")
    display = os.environ.get("DISPLAY", "")
    if not display:
        return ("iijview cannot open its window because there is no graphical display (DISPLAY is not "
                f"set); start it in a desktop session, {xvfb}.")
    if x_server_reachable(display):
        return None
    return (f"iijview cannot open its window because the X display {display} does not answer; check "
            f"DISPLAY, start it in a desktop session, {xvfb}.")


def x_server_reachable(display: str) -> bool:
    """True when something listens where an X client would connect for DISPLAY."""
    m = re.fullmatch(r"(?:(?P<host>[^:]*)/)?(?P<host2>[^:/]*):(?P<num>\d+)(?:\.\d+)?", display)
    if m is None:
        return True  # a form we do not know (launchd paths on macOS...): let Qt try
    host = m.group("host2") or ""
    num = int(m.group("num"))
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{num}"
        return _can_connect_unix("\0" + path) or _can_connect_unix(path)
    try:
        with socket.create_connection((host, 6000 + num), timeout=2):
            return True
    except OSError:
        return False


def _can_connect_unix(path: str) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(2)
            s.connect(path)
        return True
    except OSError:
        return False


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def report(sentence: str) -> None:
    """Tell the user: on stderr, in the log, and in a small dialog when started from a desktop."""
    import logging
    import shutil
    import subprocess

    print(sentence, file=sys.stderr)
    logging.getLogger("iijview").error(sentence)
    if (sys.stderr is not None and sys.stderr.isatty()) or not os.environ.get("DISPLAY"):
        return
    # Started from a menu or "Open With": nobody reads stderr, so try a desktop tool.
    for tool, args in (("zenity", ["--error", "--no-markup", "--text"]), ("kdialog", ["--error"]),
                       ("xmessage", ["-center"])):
        if shutil.which(tool):
            try:
                subprocess.Popen([tool, *args, sentence], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
            except OSError:
                continue
            return


FALLBACK = ("iijview cannot open its window because Qt could not start ({reason}); if a system "
            "library is missing, install Qt's runtime libraries with `sudo apt install libegl1 "
            "libgl1 libfontconfig1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 "
            "libxcb-image0 libxcb-render-util0 libxcb-shape0` (Debian/Ubuntu) or `sudo dnf install "
            "libglvnd-egl libglvnd-glx fontconfig libxkbcommon-x11 xcb-util-cursor xcb-util-wm "
            "xcb-util-keysyms xcb-util-image xcb-util-renderutil` (Fedora).")


def route_qt_messages() -> None:
    """Send Qt's messages to the log; a fatal one (Qt is about to abort) becomes our sentence.

    Qt's own fatal text ("Reinstalling the application may fix this problem", the xcb-cursor0
    hint) is misleading, and abort() leaves a core dump: the sentence goes out and the process
    ends with status 2 instead. Reached only where the checks above could not foresee the failure.
    """
    import logging

    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    log = logging.getLogger("iijview.qt")
    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR}
    seen: list[str] = []

    def handler(kind, _context, text):
        if kind == QtMsgType.QtFatalMsg:
            reason = next((m for m in seen if "could not connect" in m or "Could not load" in m),
                          text.splitlines()[0] if text else "unknown reason")
            report(FALLBACK.format(reason=reason.rstrip(".")))
            logging.shutdown()
            os._exit(2)
        seen.append(text)
        del seen[:-20]
        log.log(levels.get(kind, logging.WARNING), "%s", text)

    qInstallMessageHandler(handler)
