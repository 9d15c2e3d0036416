"""The content store: every cached thing a build makes (spoken clips, made sounds, encoded MP3 frames,
voice lists) under one key function, in one sealed entry format, checked on every read.

An entry is its body, the entry it is (its kind and key), a magic word and a CRC-32 of all three. A
truncated or damaged entry, one copied or moved to another entry's place, and anything that is not a
regular file of sensible size (a folder, a FIFO, a link to a device) is found, removed, reported once
as a warning and made again, never played. The quick reads (an entry's size, its content) read only
its last bytes, so they find a misplaced entry too; a whole read checks every byte. Entries are
written once: when two builds make the same entry, the first one written stays. Every temporary file
lives in ``tmp/``, and each build sweeps the ones that dead processes left. The build owns the store
and hands it to the stages that read and write it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import zlib
from pathlib import Path
from typing import ClassVar

from voicekit.errors import CacheError
from voicekit.files import DISK_FULL, remove_stale, temp_in, write_bytes
from voicekit.places import cache_dir

FORMAT = 8  # bump when what an entry holds changes, so old entries are not reused (8: entries sealed with their key)
MAGIC = b"VKS8"
LARGEST = 1 << 30  # bytes: no entry is larger (a text's clip, even 1000 characters of minute pauses, is half that)
END_BYTES = 16  # a quick read takes this many of the body's last bytes with the seal (``Store.end``)
ROOM_MARGIN = 8_000_000  # bytes the store's disk must have free beyond what a build's new entries need
# The kinds of entry, each a folder of the store:
CLIP = "clip"  # 16-bit mono samples at 44.1 kHz: speech, the bell, the chime, a bed's loop
FRAMES = "frames"  # MP3 frames
VOICES = "voices"  # an engine's voice list, as JSON
COVER = "cover"  # a practice's cover, as PNG
YAML = "yaml"  # a YAML file's tree with its lines (sequence.yaml_tree), as JSON


def default_dir() -> Path:
    """$VOICEKIT_CACHE_DIR, else the platform's user cache folder."""
    return cache_dir()


def key(**parts: object) -> str:
    """The one key function: a hash of everything that shapes an entry (and of the store's format)."""
    blob = json.dumps({"format": FORMAT, **parts}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def label(kind: str, name: str) -> bytes:
    """What an entry is (its kind and key) and the magic word: its seal, but for the CRC-32 after them."""
    return f"{kind}/{name}".encode() + MAGIC


def seal(body: bytes, kind: str, name: str) -> bytes:
    """The entry ``kind``/``name`` holding ``body``, as it is written."""
    sealed = body + label(kind, name)
    return sealed + zlib.crc32(sealed).to_bytes(4, "big")


def unseal(raw: bytes, kind: str, name: str) -> memoryview | None:
    """The body of the entry ``kind``/``name`` (a view of ``raw``, not a copy: a warm build reads 16 MB of
    frames), or None when any byte of it is wrong or it is another entry."""
    tail = label(kind, name)
    whole = memoryview(raw)
    if not _tail_fits(raw, tail) or zlib.crc32(whole[:-4]) != int.from_bytes(raw[-4:], "big"):
        return None
    return whole[: -len(tail) - 4]


def _tail_fits(raw: bytes, tail: bytes) -> bool:
    return len(raw) >= len(tail) + 4 and raw[-len(tail) - 4 : -4] == tail


def cache_error(root: Path, e: OSError) -> CacheError:
    """The store at ``root`` cannot be written: named for the store, never for what was writing in it."""
    if e.errno in DISK_FULL:
        return CacheError(f"the clip cache {root} is full; free some space or choose another folder with --cache-dir")
    return CacheError(f"cannot write the clip cache {root} ({e.strerror or e}); choose another folder with --cache-dir")


class Store:
    """Entries by kind and key under ``root``; see the module docstring."""

    def __init__(self, root: str | Path | None = None, keep_in_memory: bool = False) -> None:
        self.root = Path(root) if root else default_dir()
        self.tmp = self.root / "tmp"
        self.warnings: list[str] = []
        self.keep_in_memory = keep_in_memory
        """When the disk will not take an entry: keep it for this build, with a warning (else CacheError)."""
        self._memory: dict[str, bytes] = {}
        self._seals: dict[str, tuple[bytes, int]] = {}
        self._root = str(self.root)

    def path(self, kind: str, name: str) -> Path:
        return Path(self._where(kind, name))

    def _where(self, kind: str, name: str) -> str:
        """The entry's path as a string: a build looks up hundreds of entries (pathlib was a tenth of its work)."""
        return f"{self._root}{os.sep}{kind}{os.sep}{name[:2]}{os.sep}{name}"

    def get(self, kind: str, name: str) -> bytes | None:
        """The entry's body, checked; a damaged entry is deleted, reported, and None returned."""
        body = self.view(kind, name)
        return None if body is None else body.tobytes()

    def view(self, kind: str, name: str) -> memoryview | None:
        """``get`` without copying the body (the MP3 join writes stored frames as they are)."""
        path = self._where(kind, name)
        raw = self._memory.get(path)
        if raw is None:
            found = self._read(path)
            if found is None:
                return None
            raw = found[0]
        body = unseal(raw, kind, name)
        if body is None:
            self._discard(path)
        return body

    def size(self, kind: str, name: str) -> int | None:
        """The body's length in bytes, from the entry's last bytes (quick: for plans); None if missing."""
        found = self._seal(kind, name)
        return None if found is None else found[1] - len(label(kind, name)) - 4

    def content(self, kind: str, name: str) -> str | None:
        """What an entry holds, read cheaply from its seal: its CRC-32 and its size."""
        found = self._seal(kind, name)
        return None if found is None else f"{found[0][-4:].hex()}-{found[1]}"

    def end(self, kind: str, name: str, count: int) -> bytes | None:
        """The body's last ``count`` bytes (at most END_BYTES), read with its seal: what a join needs to
        know of a frames entry before it reads it (its frame count)."""
        found = self._seal(kind, name)
        if found is None or count > END_BYTES:
            return None
        body_end = found[0][: -len(label(kind, name)) - 4]
        return body_end[-count:] if len(body_end) >= count else None

    def _seal(self, kind: str, name: str) -> tuple[bytes, int] | None:
        """The entry's seal and its size in bytes; None if it is missing, or (then discarded) not this entry.
        Read once: a build asks for a clip's size three times (its plan, its synthesis, its frames' name)."""
        path = self._where(kind, name)
        found = self._seals.get(path)
        if found is not None:
            return found
        n = len(label(kind, name)) + 4 + END_BYTES
        raw = self._memory.get(path)
        found = (raw[-n:], len(raw)) if raw is not None else self._read(path, n)
        if found is not None and not _tail_fits(found[0], label(kind, name)):
            self._discard(path)
            return None
        if found is not None:
            self._seals[path] = found
        return found

    def _read(self, path: str, last: int | None = None) -> tuple[bytes, int] | None:
        """The bytes of the file at ``path`` (its ``last`` bytes, if given) and its size; None if there is
        none. Only a regular file of at most LARGEST bytes is read: anything else there is discarded (a
        FIFO would block the build, a link to /dev/zero fill its memory, a folder never be replaced)."""
        try:
            if not _readable(os.stat(path)):  # not opened at all: opening some devices does things
                self._discard(path)
                return None
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        except OSError:  # missing, or the store's folder is not a folder: reported when written
            return None
        try:  # with the descriptor alone: a file object's buffer and tty check cost more than the read
            info = os.fstat(fd)
            if not _readable(info):  # put there since the check above
                self._discard(path)
                return None
            size = info.st_size
            want = size if last is None else min(last, size)
            if want < size:
                os.lseek(fd, size - want, os.SEEK_SET)
            data = os.read(fd, want)
            while len(data) < want:  # a read may return less
                more = os.read(fd, want - len(data))
                if not more:
                    break
                data += more
            return data, size
        except OSError:
            return None
        finally:
            os.close(fd)

    def _discard(self, path: str) -> None:
        """Remove whatever is at a damaged entry's place, and say so once."""
        warning = f"discarded a damaged cache entry {os.path.basename(path)}; it will be made again"
        if warning not in self.warnings:
            self.warnings.append(warning)
        self._memory.pop(path, None)
        self._seals.pop(path, None)
        with contextlib.suppress(OSError):
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            else:
                os.unlink(path)

    def put(self, kind: str, name: str, body: bytes) -> None:
        """Store an entry once (if another build stored it first, theirs stays)."""
        path = self._where(kind, name)
        raw = seal(body, kind, name)
        try:
            write_bytes(Path(path), raw, exclusive=True, tmp_dir=self.tmp)
        except OSError as e:
            if not self.keep_in_memory:
                raise cache_error(self.root, e) from None
            if not self._memory:
                self.warnings.append(
                    f"cannot write the cache in {self.root} ({e.strerror}); what is made is kept for this build only"
                )
            self._memory[path] = raw

    def sweep(self) -> None:
        """Remove the temporaries of builds (and engine workers) that are no longer running."""
        remove_stale(self.tmp)

    def ensure_room(self, needed: int) -> None:
        """CacheError now, naming the folder, if it cannot be written, or its disk cannot take ``needed``
        more bytes and a margin: found mid-build, either would be an engine's failure, or a wait for a
        file it can never write."""
        try:
            temp_in(self.tmp, "probe").unlink()
        except OSError as e:
            raise cache_error(self.root, e) from None
        try:
            free = shutil.disk_usage(self.root).free
        except OSError:
            return
        if free < needed + ROOM_MARGIN:
            raise CacheError(
                f"the clip cache {self.root} is on a disk with only {free / 1e6:.1f} MB free and this build "
                f"needs room for about {(needed + ROOM_MARGIN) / 1e6:.0f} MB; free some space or choose another "
                "folder with --cache-dir"
            )


class Shelf:
    """The entries of one kind, by name: how a stage that does not import the store keeps something in
    it (``sequence.yaml_tree``'s parsed trees). A new entry waits in this process until ``save``, which
    a build calls once it is made: a build its checks refuse, a check and a plan leave the store as they
    found it. An entry that cannot be written is not kept, no more."""

    _waiting: ClassVar[dict[tuple[str, str], dict[str, bytes]]] = {}
    """New entries by store folder and kind, for this process."""

    def __init__(self, store: Store, kind: str) -> None:
        self.store = store
        self.kind = kind
        self._key = (str(store.root), kind)

    def get(self, name: str) -> bytes | None:
        found = self._waiting.get(self._key, {}).get(name)
        return found if found is not None else self.store.get(self.kind, name)

    def put(self, name: str, body: bytes) -> None:
        self._waiting.setdefault(self._key, {})[name] = body

    def save(self) -> None:
        """Write the entries waiting for this store and kind."""
        for name, body in self._waiting.pop(self._key, {}).items():
            with contextlib.suppress(CacheError):
                self.store.put(self.kind, name, body)


def _readable(info: os.stat_result) -> bool:
    return stat.S_ISREG(info.st_mode) and info.st_size <= LARGEST
