"""The one MP3 writer: a session is a join over spans of frames, written without running the encoder.

A span is a block of cached frames (a clip's encode, or an encoded stretch of a session with a bed)
or a loop repeated from some frame of it (the bed's loop; a silence is a loop one frame long).
Because the frames are independent (no bit reservoir) and the decoder is linear, frames placed side
by side decode as they did in their own encodes, so the session is a byte-level join. Here, and only
here: the grid is checked, the Info frame's placeholder written, the CRCs combined, and the Info
frame (counts, seek table, delay and padding, CRCs) written over the placeholder at the end.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import InitVar, dataclass, field
from pathlib import Path

from voicekit.errors import ExportError, StoreChanged
from voicekit.output.mp3 import frames as mp3
from voicekit.plan.grid import FRAME, SAMPLE_RATE
from voicekit.plan.timeline import Timeline

WRITE_BYTES = 1 << 20  # a long run of a loop is written a megabyte or so at a time


@dataclass(frozen=True)
class Block:
    """Frames to write once: ``frames`` frames of ``data``, whose CRC-16 (for the Info frame) is ``crc``
    (read from the store, ``data`` is a view of the entry: written as it is, never copied)."""

    data: bytes | memoryview
    frames: int
    crc: int

    TAIL = 6
    """A store entry's bytes after the frames: their count (4) and CRC-16 (2)."""

    @staticmethod
    def of(data: bytes, frames: int) -> Block:
        return Block(data, frames, mp3.crc16(data))

    def entry(self) -> bytes:
        """As a store entry."""
        return bytes(self.data) + self.frames.to_bytes(4, "big") + self.crc.to_bytes(2, "big")

    @staticmethod
    def from_entry(body: bytes | memoryview | None) -> Block | None:
        if body is None or len(body) < Block.TAIL:
            return None
        return Block(body[:-6], int.from_bytes(body[-6:-2], "big"), int.from_bytes(body[-2:], "big"))

    @staticmethod
    def counted(tail: bytes) -> int:
        """The frame count in an entry's last TAIL bytes."""
        return int.from_bytes(tail[:4], "big")


@dataclass(frozen=True)
class Stored:
    """Frames in the store, read when they are written (one clip's in memory at a time): how many and
    their bytes are known before, from the entry's last bytes, so the tag before them can be made first."""

    frames: int
    size: int
    read: Callable[[], Block | None]
    """The frames themselves (None, or others than these, if the entry changed since: the build is made again)."""


@dataclass
class Loop:
    """Frames to repeat: one cycle of ``frames``, with what it takes to write and checksum any run of it."""

    frames: list[bytes]
    known: InitVar[list[int] | None] = None
    """The CRCs of the loop's first 0, 1, ... len(frames) frames, if they were stored (a long loop's
    take a while to compute)."""
    data: bytes = field(init=False)
    offsets: list[int] = field(init=False)
    prefix_crc: list[int] = field(init=False)
    powers: list[tuple[int, int]] = field(init=False)
    """(CRC, length) of 2**k whole cycles."""

    def __post_init__(self, known: list[int] | None) -> None:
        self.data = b"".join(self.frames)
        self.offsets, self.prefix_crc = [0], [0]
        for frame in self.frames:
            self.offsets.append(self.offsets[-1] + len(frame))
            if known is None:
                self.prefix_crc.append(mp3.crc16(frame, self.prefix_crc[-1]))
        if known is not None:
            if len(known) != len(self.frames) + 1:
                raise ValueError("a loop's stored CRCs do not match its frames")
            self.prefix_crc = known
        self.powers = [(self.prefix_crc[-1], len(self.data))]
        for _ in range(24):  # up to 2**24 cycles: more than 12 hours of one-frame silence
            crc, n = self.powers[-1]
            if 2 * n >= 1 << 40:  # a terabyte: more than any session (and as far as crc_shift reaches)
                break
            self.powers.append((mp3.crc_join(crc, crc, n), 2 * n))

    def size(self, phase: int, count: int) -> int:
        """The bytes of ``count`` frames of the loop from frame ``phase`` of it (what ``pieces`` yields)."""
        cycle = len(self.frames)
        i = phase % cycle
        whole, rest = divmod(count, cycle)
        j = i + rest
        if j <= cycle:
            return whole * len(self.data) + self.offsets[j] - self.offsets[i]
        return whole * len(self.data) + self.offsets[-1] - self.offsets[i] + self.offsets[j - cycle]

    def pieces(self, phase: int, count: int) -> Iterator[tuple[bytes | memoryview, int, int]]:
        """(bytes, CRC, frames) that make ``count`` frames of the loop from frame ``phase`` of it."""
        cycle = len(self.frames)
        i = phase % cycle
        while count:
            if i or count < cycle:  # part of a cycle
                j = min(cycle, i + count)
                length = self.offsets[j] - self.offsets[i]
                crc = self.prefix_crc[j] ^ mp3.crc_shift(self.prefix_crc[i], length)
                yield self.data[self.offsets[i] : self.offsets[j]], crc, j - i
                count, i = count - (j - i), j % cycle
                continue
            whole = min(count // cycle, self._chunk_cycles)
            yield self._chunk[: whole * len(self.data)], self._cycles_crc(whole), whole * cycle
            count -= whole * cycle

    @property
    def _chunk_cycles(self) -> int:
        return max(1, WRITE_BYTES // len(self.data))

    @functools.cached_property
    def _chunk(self) -> memoryview:
        """The most whole cycles written at once, made once: a session's many silences are views of it
        (made for each, they took 2 of a warm rebuild's 19 ms of join)."""
        return memoryview(self.data * self._chunk_cycles)

    def _cycles_crc(self, n: int) -> int:
        crc, k = 0, 0
        while n:
            if n & 1:
                run_crc, run_len = self.powers[k]
                crc = mp3.crc_join(crc, run_crc, run_len)
            n >>= 1
            k += 1
        return crc


@dataclass(frozen=True)
class Repeat:
    """A span of ``frames`` frames of ``loop``, starting at its frame ``phase``."""

    loop: Loop
    phase: int
    frames: int


Span = Block | Stored | Repeat


@dataclass(frozen=True)
class Kit:
    """What every join needs: an Info frame to fill in, and a silent frame to repeat."""

    info: bytes
    silent: bytes

    @functools.cached_property
    def silence(self) -> Loop:
        """Silence: a loop one frame long."""
        return Loop([self.silent])


def check_grid(timeline: Timeline) -> None:
    """The timeline must be laid out on the MP3 frame grid for its cues to be joined as frames."""
    if not timeline.grid or timeline.grid.samples != FRAME or timeline.grid.rate != SAMPLE_RATE:
        raise ExportError("the timeline is not on the MP3 frame grid")


def layout(timeline: Timeline) -> Iterator[tuple[int, int, int]]:
    """(cue index, first frame, frames) of every cue, on the frame grid."""
    check_grid(timeline)
    for i, cue in enumerate(timeline.cues):
        first = timeline.sample(cue.start, SAMPLE_RATE) // FRAME
        yield i, first, timeline.sample(cue.end, SAMPLE_RATE) // FRAME - first


Head = Callable[[int], bytes]
"""What goes before an MP3's frames (its tag), made for the bytes of MP3 after it."""


def write(path: Path, spans: Iterable[Span], kit: Kit, samples: int, head: Head | None = None) -> None:
    """Write ``spans`` to ``path`` as one MP3 holding ``samples`` samples: ``head(n)`` first (the tag, made
    for the ``n`` bytes of MP3 after it), then the Info frame and the frames.

    Stored frames are read as the file is written, so one clip's frames are in memory at a time."""
    spans = list(spans)
    audio = len(kit.info) + sum(_size(span) for span in spans)
    total = crc = size = 0
    with open(path, "wb") as f:
        f.write(head(audio) if head else b"")
        start = f.tell()
        f.write(bytes(len(kit.info)))
        for span in spans:
            if isinstance(span, Stored):
                block = span.read()
                if block is None or (block.frames, len(block.data)) != (span.frames, span.size):
                    raise StoreChanged()
                span = block
            pieces = [(span.data, span.crc, span.frames)] if isinstance(span, Block) else (
                span.loop.pieces(span.phase, span.frames)
            )  # fmt: skip
            for data, piece_crc, frames in pieces:
                f.write(data)
                crc = mp3.crc_join(crc, piece_crc, len(data))
                size, total = size + len(data), total + frames
        f.seek(start)
        f.write(mp3.info_frame(kit.info, total, size, crc, samples))


def _size(span: Span) -> int:
    if isinstance(span, Block):
        return len(span.data)
    if isinstance(span, Stored):
        return span.size
    return span.loop.size(span.phase, span.frames)
