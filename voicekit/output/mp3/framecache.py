"""The frame cache: each clip's encoded MP3 frames, and the kit every join needs, checked on every read.

An entry is keyed by the clip's content (its samples' CRC-32 and length), so a clip made again
never meets frames encoded from its old self. Every entry ends with a CRC-32 of everything before
it; a damaged entry is deleted, made again and reported. When the cache cannot be written (a
read-only folder), new frames are kept in memory for the build, with a warning.
"""

from __future__ import annotations

import contextlib
import hashlib
import zlib
from dataclasses import dataclass
from pathlib import Path

from voicekit.output.files import write_bytes
from voicekit.output.mp3 import frames as mp3

SETTINGS = f"libmp3lame {mp3.BITRATE}k cbr mono {mp3.RATE} reservoir-off v4"
_ENTRY, _KIT = b"VKF2", b"VKK2"


@dataclass(frozen=True)
class Block:
    """A clip's frames: ``frames`` frames of ``data``, whose CRC-16 (for the Info header) is ``crc``."""

    data: bytes
    frames: int
    crc: int


@dataclass(frozen=True)
class Kit:
    """What every join needs: an Info frame to fill in, and a silent frame to repeat."""

    info: bytes
    silent: bytes


class FrameCache:
    def __init__(self, root: Path) -> None:
        self.root = Path(root) / "mp3"
        self.tmp = Path(root) / "tmp"  # the cache's one folder for temporaries
        self.warnings: list[str] = []
        self._memory: dict[str, bytes] = {}  # entries the disk would not take

    @staticmethod
    def key(*parts: object) -> str:
        return hashlib.sha256(repr((SETTINGS, *parts)).encode()).hexdigest()[:32]

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.frames"

    def get(self, key: str) -> Block | None:
        """The entry, checked; a damaged one is deleted (with a warning) and None returned."""
        raw = self._read(self.path(key), key)
        block = None if raw is None else _unpack_block(raw)
        if raw is not None and block is None:
            self._discard(self.path(key))
        return block

    def put(self, key: str, block: Block) -> None:
        """Store a block (once: if another build stored this key first, theirs is kept)."""
        raw = block.data + block.frames.to_bytes(4, "big") + block.crc.to_bytes(2, "big")
        self._write(self.path(key), key, _sealed(_ENTRY, raw))

    def kit(self) -> Kit:
        """The Info template and the silent frame, from one short encode of silence (made once, cached)."""
        key = self.key("kit")
        path = self.root / f"kit-{key}.bin"
        raw = self._read(path, key)
        if raw is not None:
            found = _unpack_kit(raw)
            if found:
                return found
            self._discard(path)
        from voicekit.output.mp3.join import encode_silence

        frames = mp3.split(encode_silence())
        silent = next(f for f in frames[2:] if len(f) == max(map(len, frames[1:])) and mp3.is_silent(f))
        made = Kit(mp3.branded(frames[0]), silent)
        self._write(path, key, _sealed(_KIT, len(made.info).to_bytes(2, "big") + made.info + made.silent))
        return made

    def _read(self, path: Path, key: str) -> bytes | None:
        if key in self._memory:
            return self._memory[key]
        try:
            return path.read_bytes()
        except OSError:
            return None

    def _write(self, path: Path, key: str, raw: bytes) -> None:
        try:
            write_bytes(path, raw, exclusive=True, tmp_dir=self.tmp)
        except OSError as e:
            if not self._memory:
                self.warnings.append(
                    f"cannot write the frame cache in {self.root} ({e.strerror}); "
                    "encoded clips are kept for this build only"
                )
            self._memory[key] = raw

    def _discard(self, path: Path) -> None:
        self.warnings.append(f"discarded a damaged cache entry {path.name}; it will be made again")
        with contextlib.suppress(OSError):
            path.unlink()


def _sealed(magic: bytes, body: bytes) -> bytes:
    """``body`` + magic + a CRC-32 of both: nothing in an entry goes unchecked."""
    return body + magic + zlib.crc32(body + magic).to_bytes(4, "big")


def _opened(magic: bytes, raw: bytes) -> bytes | None:
    if len(raw) < 8 or raw[-8:-4] != magic or zlib.crc32(raw[:-4]) != int.from_bytes(raw[-4:], "big"):
        return None
    return raw[:-8]


def _unpack_block(raw: bytes) -> Block | None:
    body = _opened(_ENTRY, raw)
    if body is None or len(body) < 6:
        return None
    # The seal's CRC-32 covers every byte; the frames were parsed and counted when the entry was made.
    data, frames, crc = body[:-6], int.from_bytes(body[-6:-2], "big"), int.from_bytes(body[-2:], "big")
    return Block(data, frames, crc)


def _unpack_kit(raw: bytes) -> Kit | None:
    body = _opened(_KIT, raw)
    if body is None or len(body) < 2:
        return None
    n = int.from_bytes(body[:2], "big")
    info, silent = body[2 : 2 + n], body[2 + n :]
    try:
        ok = len(mp3.split(info)) == len(mp3.split(silent)) == 1 and mp3.is_silent(silent)
        mp3.info_frame(info, 1, 0, 0, 0)  # the template has the layout the Info writer expects
    except ValueError:
        return None
    return Kit(info, silent) if ok else None
