"""Stage (MP3): write the session by joining cached MP3 frames, without running the encoder on it.

Each clip (speech, bell, chime) is encoded once, after a frame of silence, and its frames are cached. A
silence is the silent frame repeated. Because the frames are independent (no bit reservoir) and the
decoder is linear, a clip's frames placed after silent frames decode exactly as in its own encode,
so the session is a byte-level join. The cue times are on the frame grid, so every cue starts on
a frame: a clip placed at frame f is heard from sample f * 1152 on. A rebuild with other holds
runs no encoder at all.
"""

from __future__ import annotations

import errno
import subprocess
import tempfile
import threading
import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from voicekit.errors import ExportError
from voicekit.output.mp3 import frames as mp3
from voicekit.output.mp3.framecache import Block, FrameCache, Kit
from voicekit.plan.timeline import SOUNDS, SPEECH, Timeline
from voicekit.store import content_id

if TYPE_CHECKING:
    from voicekit.sound.sources import Sources

GAP_FRAMES = 3  # silent frames between clips in one encoder run: the encoder's look-ahead never spans them


@dataclass(frozen=True)
class Piece:
    """Something to encode: a clip's samples, loaded when the encoder is ready for them, under a cache key."""

    key: str
    load: Callable[[], object]  # -> mono 16-bit samples (a numpy array) at 44.1 kHz


def prepare(timeline: Timeline, sources: Sources, cache: FrameCache) -> dict[int, str]:
    """The frame-cache key of every sounding cue; clips not yet encoded are encoded now, in one go.

    A clip is keyed by its content (so a clip made again is encoded again); a clip heard inside the
    fade-in is keyed by its place too, because it sounds different there."""
    from voicekit.sound.sources import fade_end

    keys: dict[int, str] = {}
    missing: dict[str, Piece] = {}
    checked: set[str] = set()
    fade = fade_end(mp3.RATE)
    for i, first, _ in layout(timeline):
        cue = timeline.cues[i]
        if cue.kind != SPEECH and cue.kind not in SOUNDS:
            continue
        path, start = sources.path(cue), first * mp3.FRAME
        content = content_id(path)
        if content is None:
            raise ExportError(f"the cached clip {path.name} changed during the build; build again")
        key = keys[i] = FrameCache.key(content, start if start < fade else None)
        if key in checked or key in missing:
            continue
        block = cache.get(key)
        if block is not None and block.frames == mp3.frames_for(_samples(path)):
            checked.add(key)
        else:
            missing[key] = Piece(key, lambda p=path, s=start: _cue_samples(p, s))
    for piece, block in zip(missing.values(), encode(list(missing.values())), strict=True):
        cache.put(piece.key, block)
    return keys


def write(timeline: Timeline, keys: dict[int, str], cache: FrameCache, kit: Kit, path: Path) -> None:
    """Write the session to ``path``: for each cue its clip's frames (if any) and silent frames to its end.

    ``keys`` maps cue indexes to frame-cache keys. One clip is in memory at a time; the Info frame,
    which needs the totals, is written last over a placeholder."""
    if not timeline.grid or timeline.grid.samples != mp3.FRAME or timeline.grid.rate != mp3.RATE:
        raise ExportError("the timeline is not on the MP3 frame grid")
    silence = mp3.Runs(kit.silent)
    total = crc = size = 0
    with open(path, "wb") as f:
        f.write(bytes(len(kit.info)))
        for i, _, frames in [*layout(timeline), (-1, 0, 1)]:  # one frame more: the decoder's delay runs out
            quiet = frames
            if i in keys:
                block = cache.get(keys[i])
                if block is None or block.frames > frames:
                    raise ExportError("a cached clip changed during the build; build again")
                f.write(block.data)
                crc = mp3.crc_join(crc, block.crc, len(block.data))
                size, total, quiet = size + len(block.data), total + block.frames, quiet - block.frames
            for start in range(0, quiet, 4096):
                f.write(kit.silent * min(4096, quiet - start))
            crc, size, total = silence.crc(quiet, crc), size + quiet * len(kit.silent), total + quiet
        f.seek(0)
        f.write(mp3.info_frame(kit.info, total, size, crc, timeline.sample(timeline.total, mp3.RATE)))


def layout(timeline: Timeline) -> Iterator[tuple[int, int, int]]:
    """(cue index, first frame, frames) of every cue on the frame grid."""
    for i, cue in enumerate(timeline.cues):
        first = timeline.sample(cue.start, mp3.RATE) // mp3.FRAME
        yield i, first, timeline.sample(cue.end, mp3.RATE) // mp3.FRAME - first


def encode(pieces: list[Piece], processes: int = 2) -> list[Block]:
    """Encode clips, in up to ``processes`` encoder runs side by side (LAME uses one core each)."""
    if not pieces:
        return []
    from concurrent.futures import ThreadPoolExecutor

    groups: list[list[int]] = [[] for _ in range(max(1, min(processes, len(pieces))))]
    for i in range(len(pieces)):
        groups[i % len(groups)].append(i)
    with ThreadPoolExecutor(len(groups)) as pool:  # the threads only feed and wait on ffmpeg
        done = list(pool.map(lambda group: _encode_run([pieces[i] for i in group]), groups))
    out: dict[int, Block] = {}
    for group, blocks in zip(groups, done, strict=True):
        out.update(zip(group, blocks, strict=True))
    return [out[i] for i in range(len(pieces))]


def _encode_run(pieces: list[Piece]) -> list[Block]:
    """One encoder run for many clips: each after a silent frame, with silent frames between.

    The clips are streamed to the encoder one at a time (memory holds one clip and the small
    encoded output). Clip i's block is the frames from the one after its leading silent frame up to
    frames_for(its length); the frames around every block must come out silent."""
    import numpy as np

    spans: list[tuple[int, int]] = []  # (first frame, frames) of each clip

    def feed(stdin) -> None:
        at = 0
        for piece in pieces:
            x = np.asarray(piece.load(), dtype="<i2")
            span = mp3.frames_for(len(x))
            stdin.write(bytes(2 * mp3.FRAME) + x.tobytes() + bytes(2 * ((span + GAP_FRAMES) * mp3.FRAME - len(x))))
            spans.append((at + 1, span))
            at += 1 + span + GAP_FRAMES

    frames = mp3.split(run_encoder(feed, encoder_command("pipe:1", xing=False)))
    blocks = []
    for first, span in spans:
        if not mp3.is_silent(frames[first - 1]) or not all(map(mp3.is_silent, frames[first + span : first + span + 2])):
            raise ExportError("the MP3 encoder spread a clip beyond its frames; please report this")
        data = b"".join(frames[first : first + span])
        blocks.append(Block(data, span, mp3.crc16(data)))
    return blocks


def encode_silence() -> bytes:
    """A few frames of silence led by ffmpeg's Info frame (which needs a real file to be filled in)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "silence.mp3"
        run_encoder(lambda stdin: stdin.write(bytes(2 * mp3.FRAME * 8)), encoder_command(str(out), xing=True))
        return out.read_bytes()


def encoder_command(output: str, xing: bool) -> list[str]:
    from voicekit.output.encoder import ffmpeg_exe

    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "s16le", "-ar", str(mp3.RATE)]
    cmd += ["-ac", "1", "-i", "pipe:0", "-c:a", "libmp3lame", "-b:a", f"{mp3.BITRATE}k", "-reservoir", "0"]
    return [*cmd, "-write_xing", "1" if xing else "0", "-id3v2_version", "0", "-f", "mp3", output]


def run_encoder(feed: Callable[[object], None], cmd: list[str]) -> bytes:
    """Run ffmpeg, ``feed`` writing its input from a thread while its output is read here."""
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors)
        failure: list[BaseException] = []

        def writer() -> None:
            try:
                feed(proc.stdin)
            except BrokenPipeError:
                pass
            except BaseException as e:  # handed to the caller below
                failure.append(e)
            finally:
                proc.stdin.close()

        thread = threading.Thread(target=writer, daemon=True)
        thread.start()
        out = proc.stdout.read()
        thread.join()
        code = proc.wait()
        if failure:
            raise failure[0]
        if code:
            errors.seek(0)
            detail = errors.read().decode(errors="replace").strip().splitlines()
            if any("No space left on device" in line for line in detail):
                raise OSError(errno.ENOSPC, "No space left on device")
            raise ExportError(f"ffmpeg failed to encode MP3: {detail[-1] if detail else 'no message'}")
        return out


def _samples(path: Path) -> int:
    with wave.open(str(path), "rb") as w:
        return w.getnframes()


def _cue_samples(path: Path, start: int) -> object:
    from voicekit.sound.mix import cue_samples  # numpy and pydub: only when something must be encoded

    return cue_samples(path, start, mp3.RATE)
