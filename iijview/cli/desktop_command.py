"""`iijview install-desktop`: a freedesktop menu entry, icons and "Open With" for text, HTML, PDF."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

APP_ID = "iijview"

HELP = "add iijview to the desktop's application menu and to \"Open With\" (Linux)"
DESCRIPTION = (
    "Write a freedesktop .desktop entry and the app icon into your data folder ($XDG_DATA_HOME, "
    "default ~/.local/share), so that iijview appears in the application menu and in \"Open "
    "With\" for text, HTML and PDF files. iijview is made the default application for no file "
    "type: where the desktop would now pick it only because it comes first, the application it "
    "picked before is written down as your choice (xdg-mime). Nothing outside your home folder is "
    "touched. The entry starts this installation of iijview; run the command again after moving it.")


def register(sub) -> None:
    """Add the `install-desktop` subcommand."""
    p = sub.add_parser("install-desktop", help=HELP, description=DESCRIPTION)
    p.add_argument("--uninstall", action="store_true",
                   help="remove the menu entry and the icons that install-desktop wrote")
    p.set_defaults(run=run)


def run(args) -> int:
    """Install (or uninstall) the desktop entry; one sentence on stderr and status 2 on failure."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        print("iijview install-desktop: this is for Linux desktops; on Windows and macOS use the "
              "desktop build (see README, 'Windows and macOS').", file=sys.stderr)
        return 2
    data = data_home()
    try:
        if args.uninstall:
            removed = uninstall(data)
            print(f"Removed {len(removed)} file(s) of iijview's desktop entry from {data}.")
        else:
            before = default_apps()
            entry = install(data, launch_command())
            _refresh_caches(data)
            kept = keep_defaults(before)
            print(f"Installed {entry}: iijview is in the application menu and in \"Open With\" for "
                  f"text, HTML and PDF files.")
            for mime, app in kept.items():
                print(f"{app} stays the default application for {mime}.")
            return 0
    except OSError as exc:
        print(f"iijview install-desktop: could not write to {data} ({exc.strerror or exc}).",
              file=sys.stderr)
        return 2
    _refresh_caches(data)
    return 0


def default_apps() -> dict[str, str]:
    """The desktop's default application of each MIME type (xdg-mime; '' when none or unknown)."""
    from iijview.parse.originals import MIME_TYPES

    if not shutil.which("xdg-mime"):
        return {}
    out = {}
    for mime in MIME_TYPES:
        try:
            done = subprocess.run(["xdg-mime", "query", "default", mime], capture_output=True,
                                  text=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            return {}
        out[mime] = done.stdout.strip()
    return out


def keep_defaults(before: dict[str, str]) -> dict[str, str]:
    """Where the new entry took over a type's default (a desktop with no explicit choice falls back
    to the first registered application, and the user's folder comes first), pin the old one."""
    after = default_apps()
    kept = {}
    for mime, app in before.items():
        if app and app != f"{APP_ID}.desktop" and after.get(mime) == f"{APP_ID}.desktop":
            subprocess.run(["xdg-mime", "default", app, mime], capture_output=True, timeout=10,
                           check=False)
            kept[mime] = app
    return kept


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share as the freedesktop base directory spec says."""
    env = os.environ.get("XDG_DATA_HOME", "")
    return Path(env) if env and Path(env).is_absolute() else Path.home() / ".local" / "share"


def launch_command() -> list[str]:
    """The command that starts this installation of iijview."""
    if getattr(sys, "frozen", False):  # the PyInstaller build
        return [sys.executable]
    script = Path(sys.executable).with_name("iijview")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "iijview"]


def desktop_entry(command: list[str]) -> str:
    """The text of the .desktop file for a launch command."""
    from iijview.parse.originals import MIME_TYPES  # what iijview opens: text, HTML (and saved pages), PDF

    exec_line = " ".join(_quote(a) for a in command)
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        "Name=iijview",
        "GenericName=Earnings release viewer",
        "Comment=Read, check, correct and export the earnings releases of IIJ",
        f"Exec={exec_line} gui %F",
        f"TryExec={command[0]}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Office;Finance;Spreadsheet;Qt;",
        "MimeType=" + "".join(f"{m};" for m in MIME_TYPES),
        "Keywords=IIJ;earnings;release;financial statements;spreadsheet;Excel;",
        "StartupNotify=true",
        f"StartupWMClass={APP_ID}",
        "",
    ])


def install(data: Path, command: list[str]) -> Path:
    """Write the entry and the icons under `data`; return the entry's path."""
    apps = data / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    for key, source in icon_files().items():
        target = _icon_target(data, key, source.suffix)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    entry = apps / f"{APP_ID}.desktop"
    tmp = entry.with_suffix(".desktop.tmp")
    tmp.write_text(desktop_entry(command), encoding="utf-8")
    os.replace(tmp, entry)
    return entry


def uninstall(data: Path) -> list[Path]:
    """Remove what install wrote; return the removed files."""
    paths = [data / "applications" / f"{APP_ID}.desktop"]
    paths += [_icon_target(data, key, source.suffix) for key, source in icon_files().items()]
    removed = []
    for path in paths:
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed


def icon_files() -> dict[str, Path]:
    """The bundled icons: {'scalable': SVG, '16': 16 px PNG, ...}."""
    from importlib import resources

    folder = Path(str(resources.files("iijview.resources.icons")))
    out = {"scalable": folder / f"{APP_ID}.svg"}
    for png in folder.glob(f"{APP_ID}-*.png"):
        out[png.stem.rsplit("-", 1)[1]] = png
    return {k: p for k, p in out.items() if p.is_file()}


def _icon_target(data: Path, key: str, suffix: str) -> Path:
    size = "scalable" if key == "scalable" else f"{key}x{key}"
    return data / "icons" / "hicolor" / size / "apps" / f"{APP_ID}{suffix}"


def _refresh_caches(data: Path) -> None:
    """Let the desktop see the change now (the tools are optional: desktops also rescan)."""
    for tool, target in (("update-desktop-database", data / "applications"),
                         ("gtk-update-icon-cache", data / "icons" / "hicolor")):
        if shutil.which(tool) and target.is_dir():
            args = [tool, "-q", str(target)] if tool == "update-desktop-database" else \
                [tool, "-q", "-t", "-f", str(target)]
            subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def _quote(arg: str) -> str:
    """Quote one Exec argument as the desktop entry spec says."""
    if arg and not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`='):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return f'"{escaped}"'
