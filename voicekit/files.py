"""Writing files so that nothing is ever half-written: temporary files beside the target, renamed into place.

A temporary file is named ``.TARGET.PID-RANDOM.part``. A build that is killed leaves its temporaries
behind; the next write to the same folder removes those whose process is gone, and never touches
the temporaries of a build that is still running.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import ExportError

_STALE = re.compile(r"^\..+\.(\d+)-[^.]+\.part$")


def temp_beside(target: Path) -> Path:
    """A new, empty temporary file in ``target``'s folder."""
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}-", suffix=".part")
    except OSError as e:
        raise ExportError(f"{target}: cannot write in {target.parent} ({e.strerror})") from None
    os.close(fd)
    return Path(tmp)


def remove_stale(folder: Path) -> None:
    """Delete temporaries in ``folder`` left by processes that no longer run."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            found = _STALE.match(entry.name)
            if found and not _alive(int(found.group(1))):
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
def replacing(targets: list[Path]) -> Iterator[list[Path]]:
    """Temporary paths for ``targets``; each replaces its target only if the whole block succeeds.

    The renames happen together at the end, in the order given (put the most precious file last)."""
    for target in targets:  # every target checked first: a failure later would leave some files replaced
        if target.is_dir():
            raise ExportError(f"{target} is a folder; move it away or choose another -o")
    folders = {t.parent for t in targets}
    for folder in folders:
        remove_stale(folder)
    temps: list[Path] = []
    try:
        for target in targets:
            temps.append(temp_beside(target))
        yield temps
        mode = 0o666 & ~_umask()  # mkstemp makes 0600; give the files normal permissions
        for tmp, target in zip(temps, targets, strict=True):
            os.chmod(tmp, mode)
            try:
                os.replace(tmp, target)
            except OSError as e:
                raise ExportError(f"{target}: cannot replace it ({e.strerror})") from None
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)


def write_bytes(target: Path, data: bytes, exclusive: bool = False) -> bool:
    """Write ``data`` to ``target`` atomically. With ``exclusive``, an existing file wins and is kept
    (for cache entries: two builds making the same entry then agree on one). Returns True if written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_beside(target)
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
