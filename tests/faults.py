"""Real faults for the fault tests: a small disk that fills up, a read-only disk, a damaged page.

As root (the test machine) a tmpfs of a few kilobytes is mounted, or remounted read-only; without
the right to mount, `small_disk` returns None (the tests then fill the disk another way) and
`read_only` takes the write permission away, which binds anyone but root.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextlib.contextmanager
def small_disk(where: Path, kilobytes: int):
    """A folder on a tmpfs of `kilobytes` (None when this machine may not mount)."""
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _mount("-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs", str(where)):
        yield None
        return
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


@contextlib.contextmanager
def read_only(folder: Path):
    """Make `folder` (and what is in it) unwritable for the duration."""
    if os.geteuid() == 0:
        copy = folder.with_name(folder.name + ".content")
        shutil.copytree(folder, copy)
        if _mount("-t", "tmpfs", "-o", "size=64m", "tmpfs", str(folder)):
            shutil.copytree(copy, folder, dirs_exist_ok=True)
            shutil.rmtree(copy)
            try:
                assert _mount("-o", "remount,ro", str(folder)), "remount read-only"
                yield folder
            finally:
                subprocess.run(["umount", "-l", str(folder)], capture_output=True)
            return
        shutil.rmtree(copy)
    modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}
    for p in modes:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        yield folder
    finally:
        for p, mode in modes.items():
            p.chmod(mode)


def damaged_workspace(folder: Path, sha: str) -> Path:
    """A workspace of some thousand corrections of release `sha` with one page in the middle overwritten."""
    from iijview.store import Workspace

    with Workspace(folder) as ws:
        with ws.transaction():
            for k in range(3000):
                ws.set_value(sha, "balance_sheet", f"/Line {k:05d}#0", "c1", float(k), "x" * 40)
    path = folder / "workspace.sqlite3"
    damage_page(path, path.stat().st_size // 4096 // 2)
    return folder


def damage_page(path: Path, page: int, page_size: int = 4096) -> None:
    """Overwrite one page of a (closed) SQLite file with garbage, as a bad sector would."""
    with open(path, "r+b") as fh:
        fh.seek(page * page_size)
        fh.write(bytes((7 * k + 13) % 251 for k in range(page_size)))
