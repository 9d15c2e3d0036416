"""Stage (MP3): write the session by joining cached MP3 frames, without running the encoder on it.

Each clip (speech, bell) is encoded once, after a frame of silence, and its frames are cached. A
silence is the silent frame repeated. Because the frames are independent (no bit reservoir) and the
decoder is linear, a clip's frames placed after silent frames decode exactly as in its own encode,
so the session is a byte-level join. The cue times are on the frame grid, so every cue starts on
a frame: a clip placed at frame f is heard from sample f * 1152 on. A rebuild with other holds
runs no encoder at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import subprocess
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import mp3frames as mp3
from .errors import ExportError
from .files import write_bytes
from .timeline import BELL, SPEECH, Timeline

SETTINGS = f"libmp3lame {mp3.BITRATE}k cbr mono {mp3.RATE} reservoir-off v3"
GAP_FRAMES = 3  # silent frames between clips in a batch encode: the encoder's look-ahead never spans them
_MAGIC = b"VKF1"


@dataclass(frozen=True)
class Block:
    """A clip's frames: ``frames`` frames of ``data``, whose CRC-16 is ``crc``."""

    data: bytes
    frames: int
    crc: int


@dataclass(frozen=True)
class Kit:
    """What every join needs: an Info frame to fill in, and a silent frame to repeat."""

    info: bytes
    silent: bytes


@dataclass(frozen=True)
class Piece:
    """Something to encode: a clip's samples (a file, or made on demand), under a cache key."""

    key: str
    load: Callable[[], object]  # -> mono 16-bit samples (a numpy array) at 44.1 kHz


class FrameCache:
    """Encoded blocks on disk, beside the clip cache; each entry checked when read."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root) / "mp3"
        self.warnings: list[str] = []

    @staticmethod
    def key(*parts: object) -> str:
        return hashlib.sha256(repr((SETTINGS, *parts)).encode()).hexdigest()[:32]

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.frames"

    def get(self, key: str) -> Block | None:
        """The entry, checked frame by frame; a damaged one is deleted (with a warning) and None returned."""
        path = self.path(key)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        block = _parse(raw)
        if block is None:
            self.warnings.append(f"discarded a damaged cache entry {path.name}; it will be made again")
            with contextlib.suppress(OSError):
                path.unlink()
        return block

    def frames(self, key: str) -> int | None:
        """Frame count of a sound entry (read and checked, then let go: memory stays flat)."""
        block = self.get(key)
        return block.frames if block else None

    def put(self, key: str, block: Block) -> None:
        """Store a block (once: if another build stored this key first, theirs is kept)."""
        trailer = _MAGIC + block.frames.to_bytes(4, "big") + block.crc.to_bytes(2, "big")
        write_bytes(self.path(key), block.data + trailer + zlib.crc32(block.data).to_bytes(4, "big"), exclusive=True)


def _parse(raw: bytes) -> Block | None:
    """An entry is frames + magic + frame count + CRC-16 + CRC-32; anything that does not add up fails."""
    if len(raw) < 14 or raw[-14:-10] != _MAGIC or zlib.crc32(raw[:-14]) != int.from_bytes(raw[-4:], "big"):
        return None
    data, frames, crc = raw[:-14], int.from_bytes(raw[-10:-6], "big"), int.from_bytes(raw[-6:-4], "big")
    pos = count = 0
    try:
        while pos < len(data):
            pos += mp3.frame_length(data, pos)
            count += 1
    except ValueError:
        return None
    return Block(data, frames, crc) if pos == len(data) and count == frames else None


def kit(cache: FrameCache) -> Kit:
    """The Info template and the silent frame, from one short encode of silence (cached)."""
    path = cache.root / f"kit-{FrameCache.key('kit')}.bin"
    with contextlib.suppress(OSError):
        raw = path.read_bytes()
        n = int.from_bytes(raw[:2], "big")
        info, silent = raw[2 : 2 + n], raw[2 + n :]
        if n and _frames_ok(info) and _frames_ok(silent) and mp3.is_silent(silent):
            return Kit(info, silent)
    frames = mp3.split(_ffmpeg_encode(bytes(2 * mp3.FRAME * 8), xing=True))
    padded = next(f for f in frames[2:] if len(f) == max(map(len, frames[1:])) and mp3.is_silent(f))
    made = Kit(frames[0], padded)
    write_bytes(path, len(made.info).to_bytes(2, "big") + made.info + made.silent)
    return made


def _frames_ok(data: bytes) -> bool:
    try:
        return len(mp3.split(data)) == 1
    except ValueError:
        return False


def encode(pieces: list[Piece], processes: int = 2) -> list[Block]:
    """Encode clips, in up to ``processes`` encoder runs side by side (LAME uses one core each)."""
    if not pieces:
        return []
    from concurrent.futures import ThreadPoolExecutor

    groups: list[list[int]] = [[] for _ in range(max(1, min(processes, len(pieces))))]
    for i in range(len(pieces)):
        groups[i % len(groups)].append(i)
    with ThreadPoolExecutor(len(groups)) as pool:  # the threads only wait on ffmpeg
        done = list(pool.map(lambda group: _encode_run([pieces[i] for i in group]), groups))
    out: list[Block | None] = [None] * len(pieces)
    for group, blocks in zip(groups, done, strict=True):
        for i, block in zip(group, blocks, strict=True):
            out[i] = block
    return out  # type: ignore[return-value]


def _encode_run(pieces: list[Piece]) -> list[Block]:
    """One encoder run for many clips: each after a silent frame, with silent frames between.

    Clip i's block is the frames from the one after its leading silent frame up to frames_for(its
    length); the frames around every block must come out silent, or the clips were too close."""
    import numpy as np

    layout, chunks, at = [], [], 0  # at: frames so far
    for piece in pieces:
        x = np.asarray(piece.load(), dtype="<i2")
        span = mp3.frames_for(len(x))
        chunks += [np.zeros(mp3.FRAME, "<i2"), x, np.zeros((span + GAP_FRAMES) * mp3.FRAME - len(x), "<i2")]
        layout.append((at + 1, span))
        at += 1 + span + GAP_FRAMES
    frames = mp3.split(_ffmpeg_encode(np.concatenate(chunks).tobytes(), xing=False))
    blocks = []
    for first, span in layout:
        if not mp3.is_silent(frames[first - 1]) or not all(map(mp3.is_silent, frames[first + span : first + span + 2])):
            raise ExportError("the MP3 encoder spread a clip beyond its frames; please report this")
        data = b"".join(frames[first : first + span])
        blocks.append(Block(data, span, mp3.crc16(data)))
    return blocks


def _ffmpeg_encode(pcm: bytes, xing: bool) -> bytes:
    """Bare MP3 frames for 16-bit samples; with ``xing``, led by the Info frame (which needs a real file)."""
    from .ffmpeg import ffmpeg_exe

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "x.mp3"
        cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "s16le", "-ar", str(mp3.RATE)]
        cmd += ["-ac", "1", "-i", "pipe:0", "-c:a", "libmp3lame", "-b:a", f"{mp3.BITRATE}k", "-reservoir", "0"]
        cmd += ["-write_xing", "1" if xing else "0", "-id3v2_version", "0", "-f", "mp3", str(out)]
        proc = subprocess.run(cmd, input=pcm, capture_output=True)
        if proc.returncode:
            detail = proc.stderr.decode(errors="replace").strip().splitlines()
            raise ExportError(f"ffmpeg failed to encode MP3: {detail[-1] if detail else 'no message'}")
        return out.read_bytes()


def layout(timeline: Timeline) -> Iterator[tuple[int, int, int]]:
    """(cue index, first frame, frames) of every cue on the frame grid."""
    for i, cue in enumerate(timeline.cues):
        first = timeline.sample(cue.start, mp3.RATE) // mp3.FRAME
        yield i, first, timeline.sample(cue.end, mp3.RATE) // mp3.FRAME - first


def write(timeline: Timeline, keys: dict[int, str], cache: FrameCache, parts: Kit, path: Path) -> None:
    """Write the session to ``path``: for each cue its clip's frames (if any) and silent frames to its end.

    ``keys`` maps cue indexes to frame-cache keys. One clip is in memory at a time; the Info frame,
    which needs the totals, is written last over a placeholder."""
    if not timeline.grid or timeline.grid.samples != mp3.FRAME or timeline.grid.rate != mp3.RATE:
        raise ExportError("the timeline is not on the MP3 frame grid")
    silence = mp3.Runs(parts.silent)
    total = crc = size = 0
    with open(path, "wb") as f:
        f.write(bytes(len(parts.info)))
        for i, _, frames in [*layout(timeline), (-1, 0, 1)]:  # one frame more: the decoder's delay runs out
            quiet = frames
            if i in keys:
                block = cache.get(keys[i])
                if block is None or block.frames > frames:
                    raise ExportError("a cached clip changed during the build; build again")
                f.write(block.data)
                crc, size, total = (
                    mp3.crc_join(crc, block.crc, len(block.data)),
                    size + len(block.data),
                    total + block.frames,
                )
                quiet -= block.frames
            for start in range(0, quiet, 4096):
                f.write(parts.silent * min(4096, quiet - start))
            crc, size, total = silence.crc(quiet, crc), size + quiet * len(parts.silent), total + quiet
        f.seek(0)
        f.write(mp3.info_frame(parts.info, total, size, crc, timeline.sample(timeline.total, mp3.RATE)))


def prepare(timeline: Timeline, clips: dict[tuple[str, int], Path], bell: Path, cache: FrameCache) -> dict[int, str]:
    """The frame-cache key of every sounding cue; clips not yet encoded are encoded now, in one go.

    A clip is keyed by its file (named by a hash of what made it); a clip heard inside the fade-in is
    keyed by its place too, because it sounds different there."""
    from .shape import clip_path, fade_end

    keys: dict[int, str] = {}
    missing: dict[str, Piece] = {}
    checked: set[str] = set()
    fade = fade_end(mp3.RATE)
    for i, first, _ in layout(timeline):
        cue = timeline.cues[i]
        if cue.kind not in (SPEECH, BELL):
            continue
        path, start = clip_path(cue, clips, bell), first * mp3.FRAME
        key = keys[i] = FrameCache.key(path.name, start if start < fade else None)
        if key in checked or key in missing:
            continue
        if cache.frames(key) is None:
            missing[key] = Piece(key, lambda p=path, s=start: _cue_samples(p, s))
        else:
            checked.add(key)
    for piece, block in zip(missing.values(), encode(list(missing.values())), strict=True):
        cache.put(piece.key, block)
    return keys


def _cue_samples(path: Path, start: int) -> object:
    from .assemble import cue_samples  # numpy and pydub: only when something must be encoded

    return cue_samples(path, start, mp3.RATE)
