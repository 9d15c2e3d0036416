"""The one WAV reader and writer, and the one conversion between float and 16-bit samples.

Floats in [-1, 1] become 16-bit as round(x * 32767), and 16-bit samples read back as x / 32768, as
they always have: changing either would change every file a build writes by a bit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    import numpy as np


def to_int16(x: np.ndarray) -> np.ndarray:
    """Float samples in [-1, 1] as 16-bit ones, rounded and clipped."""
    return clip16(x * 32767.0)


def clip16(x: np.ndarray) -> np.ndarray:
    """Values already on the 16-bit scale as 16-bit samples, rounded and clipped."""
    import numpy as np

    return np.clip(np.round(x), -32768, 32767).astype("<i2")


def from_int16(data: bytes | np.ndarray, dtype: str = "float64") -> np.ndarray:
    """16-bit samples (bytes or an array) as floats (``float32`` for long recordings: half the memory)."""
    import numpy as np

    a = np.frombuffer(data, dtype="<i2") if isinstance(data, (bytes, bytearray, memoryview)) else data
    return a.astype(dtype) / 32768.0


def read(path: str | Path) -> tuple[np.ndarray, int]:
    """A 16-bit PCM WAV file as mono float samples (channels averaged) and its rate."""

    with open(path, "rb") as f:
        data = f.read()
    chunks = _chunks(data, str(path))
    fmt, samples = chunks.get(b"fmt "), chunks.get(b"data")
    if not fmt or samples is None or len(fmt) < 16 or int.from_bytes(fmt[:2], "little") not in (1, 0xFFFE):
        raise ValueError(f"{path}: not a PCM WAV file")
    channels, rate, width = int.from_bytes(fmt[2:4], "little"), int.from_bytes(fmt[4:8], "little"), fmt[14]
    if width != 16:
        raise ValueError(f"{path}: expected 16-bit samples, got {width}-bit")
    x = from_int16(samples[: len(samples) // (2 * channels) * 2 * channels])
    return (x.reshape(-1, channels).mean(axis=1) if channels > 1 else x), rate


def _chunks(data: bytes, name: str) -> dict[bytes, bytes]:
    if not is_wav(data):
        raise ValueError(f"{name}: not a WAV file")
    chunks: dict[bytes, bytes] = {}
    pos = 12
    while pos + 8 <= len(data):
        kind, size = data[pos : pos + 4], int.from_bytes(data[pos + 4 : pos + 8], "little")
        chunks.setdefault(kind, data[pos + 8 : pos + 8 + size])
        pos += 8 + size + (size & 1)
    return chunks


def is_wav(head: bytes) -> bool:
    """Do these first bytes of a file start a WAV file?"""
    return head[:4] == b"RIFF" and head[8:12] == b"WAVE"


def info(f: BinaryIO) -> dict[bytes, bytes]:
    """The fields of an open WAV file's LIST/INFO chunks (``ISFT``: who made it), each without its
    terminating NULs, read by seeking past the samples."""
    fields: dict[bytes, bytes] = {}
    pos = 12
    for _ in range(64):  # voicekit's LIST comes second; a file of many tiny chunks is not read to its end
        f.seek(pos)
        head = f.read(12)
        if len(head) < 8:
            break
        size = int.from_bytes(head[4:8], "little")
        if head[:4] == b"LIST" and head[8:12] == b"INFO":
            body = f.read(max(0, min(size, 65536) - 4))
            at = 0
            while at + 8 <= len(body):
                length = int.from_bytes(body[at + 4 : at + 8], "little")
                fields.setdefault(body[at : at + 4], body[at + 8 : at + 8 + length].rstrip(b"\0"))
                at += 8 + length + (length & 1)
        pos += 8 + size + (size & 1)
    return fields


class Writer:
    """A mono 16-bit WAV written as it streams: the sizes are filled in when it is closed.

    ``software`` goes into a LIST/INFO chunk before the samples: who made the file."""

    def __init__(self, f: BinaryIO, rate: int, software: str) -> None:
        name = software.encode() + b"\0"
        name += b"\0" * (len(name) & 1)
        info = b"INFO" + b"ISFT" + len(name).to_bytes(4, "little") + name
        fmt = (1).to_bytes(2, "little") + (1).to_bytes(2, "little") + rate.to_bytes(4, "little")
        fmt += (2 * rate).to_bytes(4, "little") + (2).to_bytes(2, "little") + (16).to_bytes(2, "little")
        self._header = b"fmt " + len(fmt).to_bytes(4, "little") + fmt + b"LIST" + len(info).to_bytes(4, "little")
        self._header += info
        self.f, self.size = f, 0
        f.write(b"RIFF" + bytes(4) + b"WAVE" + self._header + b"data" + bytes(4))

    def write(self, samples: bytes) -> None:
        self.f.write(samples)
        self.size += len(samples)

    def close(self) -> None:
        pad = self.size & 1
        if pad:
            self.f.write(b"\0")
        self.f.seek(4)
        self.f.write((4 + len(self._header) + 8 + self.size + pad).to_bytes(4, "little"))
        self.f.seek(12 + len(self._header) + 4)
        self.f.write(self.size.to_bytes(4, "little"))
