"""Write a finished file in one step: the old file or the new one, never half a file or a stray temporary.

The content is complete in memory before the disk is touched. On Linux it is written into an
unnamed file (O_TMPFILE) that only gets a name, beside the target, a moment before it is renamed
over it; elsewhere into a named temporary. Either way a kill at any moment leaves the target as
it was, and a temporary left by a killed process is removed by the next save into that folder.
"""
from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from pathlib import Path

TEMP_PREFIX = ".~iijview-"
_TEMP = re.compile(re.escape(TEMP_PREFIX) + r"(\d+)-.*\.tmp$")


class SaveError(Exception):
    """The file could not be written: the message is one sentence for the user."""


def save_bytes(data: bytes, target: Path) -> None:
    """Put `data` at `target` atomically; raise SaveError with a clear sentence when it cannot be."""
    target = Path(target)
    folder = target.parent
    check_target(target)
    sweep(folder)
    mode = _file_mode(target)
    tmp: Path | None = None
    try:
        tmp = _write_unnamed(data, folder, mode) or _write_named(data, folder, mode)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise SaveError(_why(exc, target)) from None
    finally:
        if tmp is not None:
            try:
                tmp.unlink()
            except OSError:
                pass


def check_target(target: Path) -> None:
    """Raise SaveError when `target` cannot be written: no such folder, or a file the user made
    read-only (renaming over it would succeed, so it is refused here)."""
    if not target.parent.is_dir():
        raise SaveError(f"Cannot write {target}: the folder {target.parent} does not exist.")
    try:
        st = target.stat()
    except OSError:
        return
    if not stat.S_ISREG(st.st_mode):
        raise SaveError(f"Cannot write {target}: it is not a file.")
    if not st.st_mode & stat.S_IWUSR:
        raise SaveError(f"Cannot write {target}: the file is read-only. Choose another name, or make "
                        f"the file writable and export again.")


def _temp_name(folder: Path) -> Path:
    return folder / f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(4).hex()}.tmp"


def _write_unnamed(data: bytes, folder: Path, mode: int) -> Path | None:
    """Linux: write into an unnamed file in `folder`, then give it a temporary name; None if unsupported."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        fd = os.open(folder, flag | os.O_WRONLY, mode)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return None      # the filesystem has no unnamed files: use a named temporary
        raise
    try:
        _write_all(fd, data)
        os.fchmod(fd, mode)
        tmp = _temp_name(folder)
        if not _link_fd(fd, tmp):
            return None
        return tmp
    finally:
        os.close(fd)


def _link_fd(fd: int, name: Path) -> bool:
    """Give the unnamed file open as `fd` a name (linkat with AT_SYMLINK_FOLLOW through /proc)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        at_fdcwd, at_symlink_follow = -100, 0x400
        done = libc.linkat(at_fdcwd, f"/proc/self/fd/{fd}".encode(), at_fdcwd, os.fsencode(name),
                           at_symlink_follow)
    except (OSError, AttributeError):
        return False
    if done != 0:
        err = ctypes.get_errno()
        if err in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
            raise OSError(err, os.strerror(err))
        return False
    return True


def _write_named(data: bytes, folder: Path, mode: int) -> Path:
    fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp", dir=folder)
    tmp = Path(name)
    try:
        _write_all(fd, data)
        os.chmod(tmp, mode)     # mkstemp makes the file private (0600)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    return tmp


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]
    os.fsync(fd)


def sweep(folder: Path) -> int:
    """Remove temporaries that processes no longer running left in `folder`; return how many."""
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        m = _TEMP.match(name)
        if m is None or _alive(int(m.group(1))):
            continue
        try:
            os.unlink(folder / name)
            removed += 1
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, ValueError, OverflowError):
        return True     # someone else's process, or cannot tell: leave its file alone
    return True


def _why(exc: OSError, target: Path) -> str:
    """One sentence for a failed save, true to the cause."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return (f"Cannot write {target}: the disk is full. Free some space and export again; "
                f"{'the old file is unchanged' if target.exists() else 'nothing was written'}.")
    if exc.errno == errno.EROFS:
        return f"Cannot write {target}: the disk is read-only. Choose another folder."
    if isinstance(exc, PermissionError):
        return (f"Cannot write {target}: it is open in another program or the folder may not be written; "
                f"close it (or choose another folder) and export again.")
    return f"Cannot write {target}: {exc.strerror or exc}."


def _file_mode(target: Path) -> int:
    """Permissions for the new file: those of the file it replaces, else the usual ones (umask)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        pass
    umask = 0o022
    try:  # reading the umask via os.umask() would change it for every thread for a moment
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                umask = int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o666 & ~umask
