"""The content store: every cached thing a build makes (spoken clips, made sounds, encoded MP3 frames,
voice lists) under one key function, in one sealed entry format, checked on every read.

An entry is its body, a magic word and a CRC-32 of both: a truncated or damaged entry is found,
deleted, reported once as a warning and made again, never played. Entries are written once: when
two builds make the same entry, the first one written stays. Every temporary file lives in
``tmp/``, and each build sweeps the ones that dead processes left. The build owns the store and
hands it to the stages that read and write it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import zlib
from pathlib import Path

from voicekit.errors import CacheError

FORMAT = (
    7  # bump when what an entry holds changes, so old entries are not reused (7: clips levelled as heard in a session)
)
MAGIC = b"VKS6"
SEAL = len(MAGIC) + 4
ROOM_MARGIN = 8_000_000  # bytes the store's disk must have free beyond what a build's new entries need
KINDS = ("clip", "frames", "voices")
"""clip: 16-bit mono samples at 44.1 kHz (speech, bell, chime, bed loop); frames: MP3 frames; voices: JSON."""


def default_dir() -> Path:
    """$VOICEKIT_CACHE_DIR, else the platform's user cache folder."""
    from voicekit.places import cache_dir

    return cache_dir()


def key(**parts: object) -> str:
    """The one key function: a hash of everything that shapes an entry (and of the store's format)."""
    blob = json.dumps({"format": FORMAT, **parts}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def seal(body: bytes) -> bytes:
    return body + MAGIC + zlib.crc32(body + MAGIC).to_bytes(4, "big")


def unseal(raw: bytes) -> bytes | None:
    """The body of a sealed entry, or None when any byte of it is wrong."""
    if len(raw) < SEAL or raw[-SEAL:-4] != MAGIC or zlib.crc32(raw[:-4]) != int.from_bytes(raw[-4:], "big"):
        return None
    return raw[:-SEAL]


class Store:
    """Entries by kind and key under ``root``; see the module docstring."""

    def __init__(self, root: str | Path | None = None, keep_in_memory: bool = False) -> None:
        self.root = Path(root) if root else default_dir()
        self.tmp = self.root / "tmp"
        self.warnings: list[str] = []
        self.keep_in_memory = keep_in_memory
        """When the disk will not take an entry: keep it for this build, with a warning (else CacheError)."""
        self._memory: dict[Path, bytes] = {}

    def path(self, kind: str, name: str) -> Path:
        return self.root / kind / name[:2] / name

    def get(self, kind: str, name: str) -> bytes | None:
        """The entry's body, checked; a damaged entry is deleted, reported, and None returned."""
        path = self.path(kind, name)
        raw = self._memory.get(path)
        if raw is None:
            try:
                raw = path.read_bytes()
            except OSError:  # missing, or the store's folder is not a folder: reported when written
                return None
        body = unseal(raw)
        if body is None:
            self.warnings.append(f"discarded a damaged cache entry {path.name}; it will be made again")
            self._memory.pop(path, None)
            with contextlib.suppress(OSError):
                path.unlink()
        return body

    def has(self, kind: str, name: str) -> bool:
        return self.get(kind, name) is not None

    def size(self, kind: str, name: str) -> int | None:
        """The body's length in bytes, from the file's size alone (quick: for plans); None if missing."""
        path = self.path(kind, name)
        if path in self._memory:
            return len(self._memory[path]) - SEAL
        try:
            size = path.stat().st_size
        except OSError:
            return None
        return size - SEAL if size >= SEAL else None

    def content(self, kind: str, name: str) -> str | None:
        """What an entry holds, read cheaply from its seal: its CRC-32 and its size."""
        path = self.path(kind, name)
        if path in self._memory:
            raw = self._memory[path]
            return f"{raw[-4:].hex()}-{len(raw)}"
        try:
            with open(path, "rb") as f:
                f.seek(-SEAL, os.SEEK_END)
                tail, size = f.read(SEAL), f.tell()
        except OSError:
            return None
        return f"{tail[-4:].hex()}-{size}" if tail[:-4] == MAGIC else None

    def put(self, kind: str, name: str, body: bytes) -> None:
        """Store an entry once (if another build stored it first, theirs stays)."""
        from voicekit.output.files import DISK_FULL, write_bytes

        path = self.path(kind, name)
        raw = seal(body)
        try:
            write_bytes(path, raw, exclusive=True, tmp_dir=self.tmp)
        except OSError as e:
            if self.keep_in_memory:
                if not self._memory:
                    self.warnings.append(
                        f"cannot write the cache in {self.root} ({e.strerror}); "
                        "what is made is kept for this build only"
                    )
                self._memory[path] = raw
                return
            if e.errno in DISK_FULL:
                raise CacheError(
                    f"the clip cache {self.root} is full; free some space or choose another folder with --cache-dir"
                ) from None
            raise CacheError(
                f"cannot write the clip cache {self.root} ({e.strerror}); choose another folder with --cache-dir"
            ) from None

    def sweep(self) -> None:
        """Remove the temporaries of builds (and engine workers) that are no longer running."""
        from voicekit.output.files import remove_stale

        remove_stale(self.tmp)

    def ensure_room(self, needed: int) -> None:
        """CacheError now, naming the folder, if its disk cannot take ``needed`` more bytes and a margin:
        a full disk found mid-build would make an engine wait for a file it can never write."""
        folder = self.root
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        try:
            free = shutil.disk_usage(folder).free
        except OSError:
            return
        if free < needed + ROOM_MARGIN:
            raise CacheError(
                f"the clip cache {self.root} is on a disk with only {free / 1e6:.1f} MB free and this build "
                f"needs room for about {(needed + ROOM_MARGIN) / 1e6:.0f} MB; free some space or choose another "
                "folder with --cache-dir"
            )
