"""What a client can make the server keep: the versions built on demand take at most ``--keep`` bytes of
the output folder; past it, the least recently played are removed, never a file built any other way.

Which files the server built is written down in the output folder (``.voicekit-served.json``, hidden,
so never served): each version's files with the size and modification time they had when it built
them, and when the version was last played. A file that no longer matches (rebuilt from the command
line, replaced, removed) is not the server's any more and is left alone. A version that was already in
the folder, built some other way, stays the user's when the server builds it again.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path

from voicekit import files
from voicekit.errors import OptionsError

LEDGER = ".voicekit-served.json"
MARK = "versions voicekit serve built on demand"
DEFAULT_LIMIT = 2 * 10**9
"""2 GB: some fifty hour-long sessions."""
PLAYED_EVERY_S = 60
_SIZE = re.compile(r"(\d+(?:\.\d*)?)\s*([kmgt]?)b?", re.IGNORECASE)
_UNITS = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "t": 10**12}


def parse_size(text: str) -> int:
    """Bytes from '2GB', '500MB', '1.5g', '0'; OptionsError for anything else."""
    m = _SIZE.fullmatch(text.strip())
    if m is None:
        raise OptionsError(f"--keep {text!r}: write a size such as 500MB or 2GB")
    return int(float(m[1]) * _UNITS[m[2].lower()])


class Kept:
    """The versions the server built in ``folder``, kept within ``limit`` bytes."""

    def __init__(self, folder: Path, limit: int = DEFAULT_LIMIT, clock: Callable[[], float] = time.time) -> None:
        self.folder = folder
        self.limit = limit
        self.clock = clock
        self.path: Path | None = folder / LEDGER
        self._lock = threading.Lock()
        self._written = clock()
        self._versions: dict[str, dict] = self._read()
        """Audio file name -> {"files": {name: [size, mtime_ns]}, "played": time}."""

    def theirs(self, audio: Path) -> bool:
        """Whether ``audio`` is in the folder and not as the server built it (so it stays the user's)."""
        with self._lock:
            version = self._versions.get(audio.name)
            return audio.exists() and (version is None or audio.name not in self._ours(version))

    def built(self, audio: Path, companions: tuple[Path, ...] = ()) -> list[str]:
        """Write down a version the server just built, then remove the least recently played others
        while the versions take more than the limit; the names of the files removed."""
        stamps = {p.name: stamp for p in (audio, *companions) if (stamp := _stamp(p)) is not None}
        with self._lock:
            self._versions[audio.name] = {"files": stamps, "played": self.clock()}
            removed = self._trim(keep=audio.name)
            self._write()
        return removed

    def played(self, name: str) -> None:
        """A version was played (its file fetched): it is the last to go. Written down at most once a
        minute (a player asks for many ranges); the next build writes it anyway."""
        with self._lock:
            version = self._versions.get(name)
            if version is not None:
                version["played"] = self.clock()
                if self.clock() - self._written >= PLAYED_EVERY_S:
                    self._write()

    def size(self) -> int:
        """The bytes the server's versions take (those files of theirs that are still as it built them)."""
        with self._lock:
            return sum(v["files"][f][0] for v in self._versions.values() for f in self._ours(v))

    def _trim(self, keep: str) -> list[str]:
        for name, version in list(self._versions.items()):  # forget what is no longer as the server built it
            version["files"] = {f: version["files"][f] for f in self._ours(version)}
            if not version["files"]:
                del self._versions[name]
        total = sum(s for v in self._versions.values() for s, _ in v["files"].values())
        removed: list[str] = []
        for name in sorted(self._versions, key=lambda n: self._versions[n]["played"]):
            if total <= self.limit:
                break
            if name != keep:
                for file, (size, _) in self._versions.pop(name)["files"].items():
                    with contextlib.suppress(OSError):  # gone already, or not ours to remove after all
                        os.unlink(self.folder / file)
                        removed.append(file)
                    total -= size
        return removed

    def _ours(self, version: dict) -> list[str]:
        """The files of a version that are still as the server built them."""
        return [name for name, stamp in version["files"].items() if _stamp(self.folder / name) == stamp]

    def _read(self) -> dict[str, dict]:
        assert self.path is not None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            data = None
        if not isinstance(data, dict) or data.get("voicekit") != MARK or not isinstance(data.get("versions"), dict):
            self.path = None  # not the server's own: never written over; this run remembers in memory only
            return {}
        return {
            name: {"files": {f: list(s) for f, s in v["files"].items()}, "played": float(v["played"])}
            for name, v in data["versions"].items()
            if _valid(v)
        }

    def _write(self) -> None:
        self._written = self.clock()
        if self.path is not None:
            data = json.dumps({"voicekit": MARK, "versions": self._versions}, indent=1)
            files.write_bytes(self.path, data.encode("utf-8"))


def _stamp(path: Path) -> list[int] | None:
    """A regular file's size and modification time (what tells a file rebuilt by someone else); None for
    anything else, a link included."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns] if stat.S_ISREG(info.st_mode) else None


def _valid(version: object) -> bool:
    """A ledger entry as ``Kept`` writes it (anything else is left out, and its files left alone)."""
    if not isinstance(version, dict) or not isinstance(version.get("played"), (int, float)):
        return False
    stamps = version.get("files")
    return isinstance(stamps, dict) and all(
        isinstance(f, str)
        and os.path.basename(f) == f
        and f not in ("", ".", "..")
        and isinstance(s, list)
        and len(s) == 2
        and all(type(x) is int for x in s)
        for f, s in stamps.items()
    )
