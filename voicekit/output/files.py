"""Writing files so that nothing is ever half-written or lost: temporary files beside the target,
renamed into place together, and only over regular files a build made.

A temporary file is named ``.TARGET.PID-RANDOM.part``. A build that is killed leaves its temporaries
behind; the next write to the same folder removes those whose process is gone, and never touches
the temporaries of a build that is still running. The renames of one build's files happen under a
lock per file, so two builds of the same target never leave a mix of their files.
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
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Target:
    """A file a build will write: as the user named it, and the regular file that is written."""

    shown: Path
    """The path as given (for messages)."""
    path: Path
    """Where the bytes go: a symlink's destination, never the link itself."""
    hint: str
    """What to do when it cannot be written (another -o, --no-companions)."""
    make_folder: bool = False
    """Make its folder when the files are written (voicekit makes only its default output/)."""


def printable(path: Path) -> str:
    """A path for a message, whatever bytes its name holds."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def target(path: Path, hint: str, source: Path | None = None, make_folder: bool = False) -> Target:
    """``path`` checked for writing: not the input, not a device, FIFO or socket, not somebody's file.

    A symlink is followed: its destination is replaced, atomically, and the link stays a link."""
    shown = printable(path)
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        raise ExportError(f"{shown}: the file name is not valid UTF-8; choose a name in UTF-8") from None
    real = Path(os.path.realpath(path))
    if source is not None and _same(real, source):
        raise ExportError(f"{shown} is the sequence being built and would be overwritten; {hint}")
    found = Target(path, real, hint, make_folder)
    _check_replaceable(found)
    return found


def _check_replaceable(target: Target) -> None:
    """Nothing is at ``target`` yet, or a regular file voicekit made: anything else is refused."""
    from voicekit.output.provenance import made_by_voicekit

    shown, hint = printable(target.shown), target.hint
    try:
        info = os.stat(target.path)
    except FileNotFoundError:
        return
    except OSError as e:
        raise ExportError(f"{shown}: cannot check it ({e.strerror}); {hint}") from None
    kind = not_regular(info.st_mode)
    if kind:
        raise ExportError(f"{shown} is {kind}, not a regular file; voicekit writes only regular files; {hint}")
    if not made_by_voicekit(target.path):
        raise ExportError(f"{shown} exists and was not made by voicekit, so it is left alone; {hint}")


def _same(a: Path, b: Path) -> bool:
    try:
        if os.path.samefile(a, b):
            return True
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)


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
def replacing(targets: list[Target]) -> Iterator[list[Path]]:
    """Temporary paths for ``targets``; each replaces its target only if the whole block succeeds.

    The renames happen together at the end, in the order given (put the most precious file last),
    under a lock on every target, so concurrent builds of one target cannot interleave their files.
    A write that fails names the target, not the temporary."""
    for folder in {t.path.parent for t in targets}:
        if any(t.make_folder and t.path.parent == folder for t in targets):
            folder.mkdir(exist_ok=True)
        remove_stale(folder)
    temps: list[Path] = []
    try:
        for t in targets:
            try:
                temps.append(temp_beside(t.path))
            except OSError as e:
                where = printable(t.path.parent)
                raise ExportError(f"{printable(t.shown)}: cannot write in {where} ({e.strerror}); {t.hint}") from None
        try:
            yield temps
        except OSError as e:
            raise _write_error(e, targets, temps) from None
        mode = 0o666 & ~_umask()  # mkstemp makes 0600; give the files normal permissions
        with locked([t.path for t in targets]):
            for t in targets:  # a file the user put there while the build worked is still theirs
                _check_replaceable(t)
            for tmp, t in zip(temps, targets, strict=True):
                os.chmod(tmp, mode)
                try:
                    os.replace(tmp, t.path)
                except OSError as e:
                    raise ExportError(f"{printable(t.shown)}: cannot replace it ({e.strerror})") from None
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)


def _write_error(e: OSError, targets: list[Target], temps: list[Path]) -> ExportError:
    """The error of a failed write, naming the output file it was for (the temporary is deleted)."""
    which = targets[-1]
    for tmp, t in zip(temps, targets, strict=False):
        if e.filename and os.fsdecode(e.filename) == str(tmp):
            which = t
    if e.errno in DISK_FULL:
        return ExportError(f"{printable(which.shown)}: the disk is full; free some space or choose another -o")
    return ExportError(f"{printable(which.shown)}: cannot write it ({e.strerror or e})")


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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
