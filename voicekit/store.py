"""Content-addressed store of finished clips (WAV), safe to share between concurrent builds.

Every entry carries a CRC-32 of its samples in a chunk after the data (players and the wave module
skip it), so a truncated or corrupted entry is found, deleted and made again, never played.
Entries are written once: when two builds make the same clip, the first one written stays.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import wave
import zlib
from pathlib import Path

from voicekit.errors import CacheError

ENV = "VOICEKIT_CACHE_DIR"
FORMAT = 5  # bump when clip processing changes, so old entries are not reused (5: espeak-ng flutter reset)
CHECK_CHUNK = b"vkcs"  # a chunk after the samples: their CRC-32


def default_dir() -> Path:
    """$VOICEKIT_CACHE_DIR, else the platform's user cache folder."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    elif sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "voicekit"


ROOM_MARGIN = 8_000_000  # bytes the cache's disk must have free beyond what a build's new clips need


class ClipCache:
    """Clips stored by a hash of everything that shapes them.

    Every temporary file of the cache (an engine's raw output, an entry being written) lives in
    ``tmp/``, so the temporaries a killed build left are found in one place and removed by the next."""

    def __init__(self, root: str | Path | None = None) -> None:
        self.root = Path(root) if root else default_dir()
        self.tmp = self.root / "tmp"
        self.warnings: list[str] = []

    def sweep(self) -> None:
        """Remove the temporaries of builds (and engine workers) that are no longer running."""
        from voicekit.output.files import remove_stale

        remove_stale(self.tmp)

    def ensure_room(self, needed: int) -> None:
        """Fail now, naming the folder, if its disk cannot take ``needed`` more bytes (and a margin):
        a full disk found mid-build makes an engine wait for a file it can never write."""
        import shutil

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
                f"needs about {(needed + ROOM_MARGIN) / 1e6:.0f} MB; free some space or choose another "
                "folder with --cache-dir"
            )

    @staticmethod
    def key(**parts: object) -> str:
        blob = json.dumps({"format": FORMAT, **parts}, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()[:32]

    def path(self, key: str) -> Path:
        return self.root / "clips" / key[:2] / f"{key}.wav"

    def frames(self, key: str) -> int | None:
        """Sample count of an entry, from its header (quick: for plans and lengths); None if missing."""
        path = self.path(key)
        try:
            with wave.open(str(path), "rb") as w:
                n, width, channels = w.getnframes(), w.getsampwidth(), w.getnchannels()
            if path.stat().st_size < 44 + n * width * channels:
                return None
            return n
        except (OSError, EOFError, wave.Error):
            return None

    def verified(self, key: str) -> int | None:
        """Sample count of an entry whose samples match its checksum; a damaged entry is deleted."""
        path = self.path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:  # the cache folder may not be a folder at all: reported when the clip is written
            return None
        frames = wav_check(data)
        if frames is None:
            self.warnings.append(f"discarded a damaged cache entry {path.name}; it will be made again")
            with contextlib.suppress(OSError):
                path.unlink()
        return frames


def store_write(path: Path, data: bytes, tmp: Path | None = None) -> None:
    """Write a cache entry once (the first writer wins), its temporary in ``tmp``.

    A cache that cannot be written is a CacheError naming the cache's folder and what to do."""
    from voicekit.output.files import DISK_FULL, write_bytes

    root = tmp.parent if tmp else path.parent
    try:
        write_bytes(path, data, exclusive=True, tmp_dir=tmp)
    except OSError as e:
        if e.errno in DISK_FULL:
            raise CacheError(
                f"the clip cache {root} is full; free some space or choose another folder with --cache-dir"
            ) from None
        raise CacheError(
            f"cannot write the clip cache {root} ({e.strerror}); choose another folder with --cache-dir"
        ) from None


def content_id(path: Path) -> str | None:
    """What a checksummed clip holds, read cheaply from its last bytes: its samples' CRC-32 and its size."""
    try:
        with open(path, "rb") as f:
            f.seek(-12, os.SEEK_END)
            tail, size = f.read(12), f.tell()
    except OSError:
        return None
    if tail[:4] != CHECK_CHUNK or tail[4:8] != (4).to_bytes(4, "little"):
        return None
    return f"{int.from_bytes(tail[8:], 'little'):08x}-{size}"


def wav_with_check(wav: bytes) -> bytes:
    """A mono 16-bit WAV (header + data) with the checksum chunk appended and the RIFF size updated."""
    data = wav[44:]
    out = wav + CHECK_CHUNK + (4).to_bytes(4, "little") + zlib.crc32(data).to_bytes(4, "little")
    return out[:4] + (len(out) - 8).to_bytes(4, "little") + out[8:]


def wav_check(data: bytes) -> int | None:
    """Samples in a checksummed entry, or None when anything about it is wrong."""
    chunks, pos = {}, 12
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE" or int.from_bytes(data[4:8], "little") != len(data) - 8:
        return None
    while pos + 8 <= len(data):
        name, size = data[pos : pos + 4], int.from_bytes(data[pos + 4 : pos + 8], "little")
        chunks[name] = data[pos + 8 : pos + 8 + size]
        pos += 8 + size + (size & 1)
    fmt, samples, check = chunks.get(b"fmt "), chunks.get(b"data"), chunks.get(CHECK_CHUNK)
    if pos != len(data) or not fmt or samples is None or not check or len(samples) % 2:
        return None
    if fmt[:4] != b"\x01\x00\x01\x00" or fmt[14:16] != b"\x10\x00":  # PCM, mono, 16-bit
        return None
    return len(samples) // 2 if zlib.crc32(samples) == int.from_bytes(check, "little") else None
