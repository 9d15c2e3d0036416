"""Writing files so that nothing is ever half-written or lost: temporary files beside the target,
renamed into place, and locks that let two processes write one file in turn.

A temporary file is named ``.TARGET.PID-RANDOM.part``. A process that is killed leaves its temporaries
behind; the next write to the same folder removes those whose process is gone, and never touches
the temporaries of a process that is still running. What a build may replace, and the renaming of its
files together, is ``output.targets``'s.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from voicekit.errors import ExportError

_STALE = re.compile(r"^\..+\.(\d+)-[^.]+\.part$")
_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
}
DISK_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG)


def not_regular(mode: int) -> str | None:
    """What a file that is not a regular file is ("a FIFO", "a folder"), for messages; None for a regular file."""
    return _KINDS.get(stat.S_IFMT(mode))


def printable(path: Path) -> str:
    """A path for a message, whatever bytes its name holds."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def temp_beside(target: Path) -> Path:
    """A new, empty temporary file in ``target``'s folder (OSError if it cannot be made)."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}-", suffix=".part")
    os.close(fd)
    return Path(tmp)


def temp_folder_beside(target: Path) -> Path:
    """A new, empty temporary folder in ``target``'s folder, to be renamed to ``target`` when it is whole."""
    return Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}-", suffix=".part"))


def temp_in(folder: Path, name: str) -> Path:
    """A new, empty temporary file for ``name`` in ``folder`` (made if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    return temp_beside(folder / name)


def remove_stale(folder: Path) -> None:
    """Delete temporaries (files, and folders such as a voice being downloaded) in ``folder`` left by
    processes that no longer run."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            found = _STALE.match(entry.name)
            if found and not _alive(int(found.group(1))):
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                    continue
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError, ValueError):
        return True  # someone else's process, a number no process has, or a platform that cannot tell
    return True


@contextlib.contextmanager
def locked(paths: list[Path]) -> Iterator[None]:
    """Hold a lock file (``.NAME.lock`` beside it) for each path, taken in one order so builds never deadlock.

    The lock file is removed on release; a waiter that locked a removed file tries again."""
    held: list[tuple[int, Path]] = []
    try:
        for path in sorted(set(paths)):
            held.append(_lock(path.parent / f".{path.name}.lock"))
        yield
    finally:
        for fd, lock in reversed(held):
            _unlock(fd, lock)


def _lock(lock: Path) -> tuple[int, Path]:
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as e:
            raise ExportError(f"{printable(lock.parent)}: cannot write a lock file there ({e.strerror})") from None
        try:
            _flock(fd)
            if _still_there(fd, lock):
                return fd, lock
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder removed it while we waited: lock the new one


def _still_there(fd: int, lock: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(lock))
    except FileNotFoundError:
        return False


def _unlock(fd: int, lock: Path) -> None:
    if os.name != "nt":  # an open file cannot be removed on Windows: the lock file stays there
        with contextlib.suppress(OSError):
            os.unlink(lock)
    os.close(fd)


def _flock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]  # Windows only
                return
            except OSError:
                continue  # LK_LOCK gives up after 10 seconds; a build renames in milliseconds
    fcntl.flock(fd, fcntl.LOCK_EX)


def write_bytes(target: Path, data: bytes, exclusive: bool = False, tmp_dir: Path | None = None) -> bool:
    """Write ``data`` to ``target`` atomically. With ``exclusive``, an existing file wins and is kept
    (for cache entries: two builds making the same entry then agree on one). The temporary goes in
    ``tmp_dir`` (same file system) if given, else beside the target. Returns True if written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_in(tmp_dir, target.name) if tmp_dir else temp_beside(target)
    try:
        tmp.write_bytes(data)
        if not exclusive:
            os.replace(tmp, target)
            return True
        try:
            os.link(tmp, target)  # fails if the target exists: first writer wins
            return True
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links
            os.replace(tmp, target)
            return True
    finally:
        tmp.unlink(missing_ok=True)


def new_file_mode() -> int:
    """The permissions a new file gets (0o666 less the umask): mkstemp makes its files 0600."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
