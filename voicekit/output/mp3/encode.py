"""The frames a join needs, from the store or encoded now: each clip's frames (encoded once, by an
encoder of its own, after a frame of silence), and the kit (an Info frame to fill in, a silent frame to repeat).

A clip's frames are keyed by its content (so a clip made again is encoded again), and by its place
too when it is heard inside the fade-in, because it sounds different there.
"""

from __future__ import annotations

import functools
import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

from voicekit import ffmpeg
from voicekit.errors import ExportError, StoreChanged
from voicekit.output.mp3 import frames as mp3
from voicekit.output.mp3.join import Block, Kit, Repeat, Span, Stored, layout
from voicekit.plan.grid import FRAME, SAMPLE_RATE, frames_for
from voicekit.plan.timeline import Cue, Timeline
from voicekit.progress import OnProgress
from voicekit.sound.sources import Sources, clip_samples
from voicekit.store import CLIP, FRAMES, Store, key

AFTER_FRAMES = 3  # silent frames after a clip: the encoder's look-ahead runs out in them
BATCH = 16  # clips to one ffmpeg run at most (each a filter branch and an output of its own)
T = TypeVar("T")
R = TypeVar("R")


def _one(item: object) -> int:
    return 1


@dataclass(frozen=True)
class ToEncode:
    """Something to encode: a clip's samples, loaded when the encoder is ready for them, under a key."""

    name: str
    load: Callable[[], object]  # -> mono 16-bit samples (a numpy array) at 44.1 kHz


def frames_name(*parts: object) -> str:
    return key(kind=FRAMES, settings=mp3.SETTINGS, parts=list(parts))


def get_block(store: Store, name: str) -> Block | None:
    return Block.from_entry(store.view(FRAMES, name))


def stored(store: Store, name: str) -> Stored | None:
    """A frames entry as a span read when it is written, its frame count and bytes read from its last
    bytes; None if it is not in the store."""
    size, tail = store.size(FRAMES, name), store.end(FRAMES, name, Block.TAIL)
    if size is None or tail is None:
        return None
    return Stored(Block.counted(tail), size - Block.TAIL, functools.partial(get_block, store, name))


def spans(timeline: Timeline, sources: Sources, kit: Kit, on_encode: OnProgress) -> Iterator[Span]:
    """The plain session: each cue's clip frames (if it sounds), then silence to its end, and one silent
    frame more (the decoder's delay runs out in it). Clips never encoded before are encoded first."""
    names = _prepare(timeline, sources, on_encode)
    silence = kit.silence
    for i, _, frames in [*layout(timeline), (-1, 0, 1)]:
        quiet = frames
        if i in names:
            block = stored(sources.store, names[i])
            if block is None or block.frames > frames:
                raise StoreChanged()
            yield block
            quiet -= block.frames
        if quiet:
            yield Repeat(silence, 0, quiet)


def _prepare(timeline: Timeline, sources: Sources, on_encode: OnProgress) -> dict[int, str]:
    """The frame entry of every sounding cue; clips not yet encoded are encoded now, in one go. An entry
    is known by its seal here and read whole once, by ``spans``: one found damaged there is discarded,
    and the build made again (``StoreChanged``) encodes it anew."""
    names: dict[int, str] = {}
    missing: dict[str, ToEncode] = {}
    fade = sources.fade_end(SAMPLE_RATE)
    for i, first, _ in layout(timeline):
        cue = timeline.cues[i]
        if not cue.sounds:
            continue
        start = first * FRAME
        name = names[i] = frames_name(sources.content(cue), start if start < fade else None)
        if name not in missing and sources.store.size(FRAMES, name) is None:
            missing[name] = ToEncode(name, functools.partial(_cue_samples, sources, cue, start))
    blocks = encode(list(missing.values()), on_encode, scratch=sources.store.tmp)
    for piece, block in zip(missing.values(), blocks, strict=True):
        sources.store.put(FRAMES, piece.name, block.entry())
    return names


def _cue_samples(sources: Sources, cue: Cue, start: int) -> object:
    from voicekit.sound.mix import cue_samples  # numpy: only when something must be encoded

    return cue_samples(sources, cue, start, SAMPLE_RATE)


def clip_frames(store: Store, clip: str) -> None:
    """Encode the stored ``clip``'s frames as heard after the fade-in (where ``spans`` looks for them)
    unless they are stored: for a build that encodes each clip as soon as it is made, while the engine
    speaks the others."""
    content = store.content(CLIP, clip)
    if content is None:  # damaged or gone: the join finds it and the build is made again
        return
    name = frames_name(content, None)  # as _prepare names a clip heard after the fade-in
    if store.size(FRAMES, name) is None:
        store.put(FRAMES, name, _encode_alone(ToEncode(name, functools.partial(clip_samples, store, clip))).entry())


def encode(
    pieces: list[ToEncode],
    on_encode: OnProgress = lambda done, total: None,
    runs: int = 2,
    scratch: Path | None = None,
) -> list[Block]:
    """Encode clips, each by an encoder of its own (see ``each_alone``), several to an ffmpeg run
    (``_encode_batch``), up to ``runs`` runs side by side. ``scratch``: the folder a run writes its
    outputs in (the store's temporaries: the cache's disk, whose room a build checked, swept if the
    build is killed); the system's temporary folder if None."""
    size = max(1, min(BATCH, -(-len(pieces) // (4 * runs))))  # four batches a run at least: a moving bar
    batches = [pieces[i : i + size] for i in range(0, len(pieces), size)]
    run = functools.partial(_encode_batch, scratch=scratch)
    return [block for batch in each_alone(batches, run, on_encode, runs, len) for block in batch]


def each_alone(
    items: list[T], run: Callable[[T], R], on_encode: OnProgress, runs: int = 2, weight: Callable[[T], int] = _one
) -> list[R]:
    """``run`` on every item, up to ``runs`` at a time, in order. Each item gets an encoder run of its own:
    LAME carries what it heard from one stretch of sound to the next (its psychoacoustic model, its
    threshold), so a stretch encoded after others comes out slightly different (about -42 dB), and what
    was encoded together would depend on what the store held before, not on the input alone. Progress
    counts ``weight(item)`` for each item done (a batch: its clips)."""
    if not items:
        return []
    from concurrent.futures import ThreadPoolExecutor  # it loads logging: only when something is encoded

    done = [0]
    total = sum(map(weight, items))
    lock = threading.Lock()

    def counted(item: T) -> R:
        out = run(item)
        with lock:
            done[0] += weight(item)
            on_encode(done[0], total)
        return out

    with ThreadPoolExecutor(max(1, min(runs, len(items)))) as pool:  # the threads only feed and wait on ffmpeg
        return list(pool.map(counted, items))


def _encode_batch(pieces: list[ToEncode], scratch: Path | None = None) -> list[Block]:
    """Clips encoded in one ffmpeg run, each by an encoder of its own: the run reads them one after
    another, each padded as ``_encode_alone`` pads it, and cuts them apart by sample count, so that each
    encoder hears exactly what a run of its own would (the same bytes). A run's start (~15 ms) cost as
    much as encoding a short clip: batches halve the CPU of encoding a practice's clips."""
    if len(pieces) == 1:
        return [_encode_alone(pieces[0])]
    padded = [_padded(piece) for piece in pieces]
    graph, outputs, start = [f"[0:a]asplit={len(pieces)}" + "".join(f"[in{i}]" for i in range(len(pieces)))], [], 0
    if scratch is not None:
        scratch.mkdir(parents=True, exist_ok=True)
    temporary = tempfile.TemporaryDirectory(
        dir=scratch, prefix=f".frames.{os.getpid()}-", suffix=".part", ignore_cleanup_errors=True
    )  # named as the store's sweep knows a killed process's temporaries
    with temporary as name:
        folder = Path(name)
        for i, (body, _) in enumerate(padded):
            end = start + len(body) // 2
            graph.append(f"[in{i}]atrim=start_sample={start}:end_sample={end},asetpts=PTS-STARTPTS[out{i}]")
            outputs += ["-map", f"[out{i}]", *mp3.lame_args(str(folder / f"{i}.mp3"), False)]
            start = end
        args = [*ffmpeg.pcm_input(SAMPLE_RATE), "-filter_complex", ";".join(graph), *outputs]
        ffmpeg.run(args, lambda stdin: [stdin.write(body) for body, _ in padded], "encode MP3")
        return [_block(mp3.split((folder / f"{i}.mp3").read_bytes()), span) for i, (_, span) in enumerate(padded)]


def _encode_alone(piece: ToEncode) -> Block:
    """One clip after a silent frame, then silent frames while the encoder's look-ahead runs out.

    The clip is loaded when the encoder is ready for it (memory holds the clips being encoded and the
    small output). Its block is the frames from the one after the leading silent frame up to
    frames_for(its length); the frames around it must come out silent."""
    body, span = _padded(piece)
    return _block(encode_stream(lambda stdin: stdin.write(body)), span)


def _padded(piece: ToEncode) -> tuple[bytes, int]:
    """What an encoder is fed for a clip (a silent frame, the clip, silence to AFTER_FRAMES past its
    frames), and how many frames the clip takes."""
    import numpy as np

    x = mp3.louder(np.asarray(piece.load(), dtype="<i2"))
    span = frames_for(len(x))
    pad = bytes(2 * ((span + AFTER_FRAMES) * FRAME - len(x)))
    return bytes(2 * FRAME) + x.tobytes() + pad, span


def _block(frames: list[bytes], span: int) -> Block:
    """A clip's block from its encoder's frames: those after the leading silent frame, ``span`` of them."""
    if not mp3.is_silent(frames[0]) or not all(map(mp3.is_silent, frames[1 + span : 3 + span])):
        raise ExportError("the MP3 encoder spread a clip beyond its frames; please report this")
    return Block.of(b"".join(frames[1 : 1 + span]), span)


def encode_stream(feed: Callable[[IO[bytes]], object]) -> list[bytes]:
    """The frames of one encoder run over what ``feed`` writes (for stretches of a session)."""
    return mp3.split(ffmpeg.run([*ffmpeg.pcm_input(SAMPLE_RATE), *mp3.lame_args("pipe:1", False)], feed, "encode MP3"))


def kit(store: Store) -> Kit:
    """The Info template and the silent frame, from one short encode of silence (made once, stored)."""
    name = frames_name("kit")
    body = store.get(FRAMES, name)
    if body is not None:
        found = _unpack_kit(body)
        if found:
            return found
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "silence.mp3"
        silence = bytes(2 * FRAME * 8)
        args = [*ffmpeg.pcm_input(SAMPLE_RATE), *mp3.lame_args(str(out), True)]
        ffmpeg.run(args, lambda f: f.write(silence), "encode MP3")
        frames = mp3.split(out.read_bytes())
    silent = next(f for f in frames[2:] if len(f) == max(map(len, frames[1:])) and mp3.is_silent(f))
    made = Kit(mp3.branded(frames[0]), silent)
    store.put(FRAMES, name, len(made.info).to_bytes(2, "big") + made.info + made.silent)
    return made


def _unpack_kit(body: bytes) -> Kit | None:
    n = int.from_bytes(body[:2], "big")
    info, silent = body[2 : 2 + n], body[2 + n :]
    try:
        ok = len(mp3.split(info)) == len(mp3.split(silent)) == 1 and mp3.is_silent(silent)
        mp3.info_frame(info, 1, 0, 0, 0)  # the template has the layout the Info writer expects
    except ValueError:
        return None
    return Kit(info, silent) if ok else None
