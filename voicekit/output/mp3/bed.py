"""The spans of an MP3 with a bed, where ``sound.bed_layout`` puts them: runs of the loop's frames, the
bridges of its bank, and the pieces where more than the bed sounds, each encoded once and stored. A
rebuild with other holds runs no encoder: a piece sounds the same wherever it falls, so its frames are
stored under what it holds; the bed alone between pieces is whole loops and bank bridges, and the whole
bank is encoded with the loop.

The loop is encoded with CONTEXT frames of itself either side (its end before it, its start after it),
then dropped: its frames are what an encoder running through the loop again and again makes, so a
frame where the bed plays alone is a loop frame. A piece, or a bridge's crossfade, is encoded with
CONTEXT frames of the session either side (dropped too), which the layout makes plain loop at a fixed
place, so its frames encode the same sound as their neighbours and the codec's overlapping windows
still cancel each other's aliasing at the joins.

What an encoder run holds is fixed by the input alone (LAME carries state from one stretch to the
next): each piece is encoded in a run of its own, and the bank in two runs of a fixed order.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

from voicekit.errors import ExportError, StoreChanged
from voicekit.output.mp3 import frames as mp3
from voicekit.output.mp3.encode import each_alone, encode_stream, frames_name, stored
from voicekit.output.mp3.join import Block, Loop, Repeat, Span, Stored, check_grid
from voicekit.plan.grid import FRAME
from voicekit.plan.timeline import Timeline
from voicekit.progress import OnProgress
from voicekit.sound.bed import BedPlayer, play
from voicekit.sound.bed_layout import CONTEXT, CROSS, EDGE, TAIL, Bridge, Piece, Run, bank, bridge_switch
from voicekit.sound.sources import Sources
from voicekit.sound.wav import to_int16
from voicekit.store import FRAMES, Store

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class Stretch:
    """A stretch to encode and store: its ``frames``, rendered with CONTEXT frames either side."""

    name: str
    frames: int
    render: Callable[[], np.ndarray] = field(compare=False)  # 16-bit samples


def spans(timeline: Timeline, sources: Sources, on_encode: OnProgress) -> Iterator[Span]:
    """The session with its bed (``sources.bed``) as spans; stretches never encoded before are encoded first."""
    check_grid(timeline)
    player = sources.bed
    assert player is not None
    layout, store = player.layout, sources.store
    cycle = loop_frames(player, store)
    banked = bank_runs(player)
    jobs: dict[int, tuple[Stretch, list[Stretch]]] = {}  # by part: its stretch, and the encoder run that makes it
    missing: list[list[Stretch]] = []  # entries are read only when their frames are written
    for i, part in enumerate(layout.parts):
        if isinstance(part, Piece):
            job = piece_job(timeline, sources, part)
            jobs[i] = job, [job]
            if [job] not in missing and store.size(FRAMES, job.name) is None:
                missing.append([job])
        elif isinstance(part, Bridge):
            job = bridge_job(player, part.frames)
            jobs[i] = job, next(run for run in banked if job in run)
    # The whole bank, once: a build with other holds finds every bridge it needs.
    missing += [run for run in banked if None in [store.size(FRAMES, job.name) for job in run]]  # each checked
    encode(missing, store, on_encode)
    for i, part in enumerate(layout.parts):
        if isinstance(part, Run):
            yield Repeat(cycle, 0, part.frames)
        elif isinstance(part, Bridge):  # the loop from its start, the stored crossfade, the loop's last frames
            yield Repeat(cycle, 0, part.frames - TAIL - CROSS - EDGE)
            yield _block(store, *jobs[i])
            yield Repeat(cycle, layout.loop - TAIL + EDGE, TAIL - EDGE)
        else:
            yield _block(store, *jobs[i])


def loop_frames(player: BedPlayer, store: Store) -> Loop:
    """The loop's frames, from the store or encoded now (with CONTEXT frames of itself either side). The
    entry holds the CRCs of the loop's first 0, 1, ... L frames too: a long loop's take a while to compute."""
    loop = player.layout.loop
    name = frames_name("bed-loop", player.identity, loop, CONTEXT, "with its CRCs")
    body = store.get(FRAMES, name)
    table = 2 * (loop + 1)
    if body is not None and len(body) > table:
        crcs = [int.from_bytes(body[i : i + 2], "big") for i in range(0, table, 2)]
        with contextlib.suppress(ValueError):
            return Loop(mp3.split(body[table:]), crcs)
    pcm = mp3.louder(to_int16(player.base))
    edge = CONTEXT * FRAME
    made = Loop(
        encode_stream(lambda stdin: stdin.write(pcm[-edge:].tobytes() + pcm.tobytes() + pcm[:edge].tobytes()))[
            CONTEXT : CONTEXT + loop
        ]
    )
    store.put(FRAMES, name, b"".join(crc.to_bytes(2, "big") for crc in made.prefix_crc) + made.data)
    return made


def piece_job(timeline: Timeline, sources: Sources, piece: Piece) -> Stretch:
    """A piece: stored under what it holds (the clips' contents too), rendered from the session."""
    assert sources.bed is not None
    contents = [sources.content(timeline.cues[i]) for i in piece.cues]
    fade = sources.fade_in_ms if piece.first == 0 else None
    name = frames_name("bed-piece", sources.bed.identity, piece.signature, contents, fade, CONTEXT)

    def render() -> np.ndarray:
        from voicekit.sound import mix  # numpy: only when a piece is encoded

        frames = piece.end - piece.first + 2 * CONTEXT
        return mix.render(timeline, sources, (piece.first - CONTEXT) * FRAME, frames * FRAME)

    return Stretch(name, piece.end - piece.first, render)


def bank_runs(player: BedPlayer) -> list[list[Stretch]]:
    """The crossfades of the loop's whole bank, in two encoder runs of a fixed order: a bridge's frames
    depend on what its run encoded before it, so the runs are a function of the bed alone, never of
    which bridges a store happened to be missing."""
    jobs = [bridge_job(player, n) for n in bank(player.layout.loop)]
    return [jobs[0::2], jobs[1::2]]


def bridge_job(player: BedPlayer, frames: int) -> Stretch:
    """The crossfade of a bridge ``frames`` long (EDGE frames either side of it), the same in every session."""
    loop = player.layout.loop
    name = frames_name("bed-bridge", player.identity, loop, frames, CROSS, TAIL, CONTEXT)

    def render() -> np.ndarray:
        switch = bridge_switch(Bridge(0, frames))
        lo = (switch.frame - EDGE - CONTEXT) * FRAME
        return to_int16(play(player.base, 0, [switch], lo, (CROSS + 2 * EDGE + 2 * CONTEXT) * FRAME))

    return Stretch(name, CROSS + 2 * EDGE, render)


def encode(runs: list[list[Stretch]], store: Store, on_encode: OnProgress) -> None:
    """Encode and store the jobs' frames: each run of jobs an encoder run of its own (see ``each_alone``)."""

    def run(jobs: list[Stretch]) -> None:
        def feed(stdin: IO[bytes]) -> None:
            for job in jobs:
                stdin.write(mp3.louder(job.render()).tobytes())

        frames = encode_stream(feed)
        at = 0
        for job in jobs:
            kept = frames[at + CONTEXT : at + CONTEXT + job.frames]
            at += job.frames + 2 * CONTEXT
            if len(kept) != job.frames:
                raise ExportError("the MP3 encoder returned fewer frames than it was given")
            store.put(FRAMES, job.name, Block.of(b"".join(kept), job.frames).entry())

    each_alone(runs, run, on_encode)


def _block(store: Store, job: Stretch, run: list[Stretch]) -> Stored:
    """The job's stored frames, read when they are written (its run encoded again if the entry turned
    out damaged)."""
    found = stored(store, job.name)
    if found is None or found.frames != job.frames:
        encode([run], store, lambda done, total: None)
        found = stored(store, job.name)
        if found is None or found.frames != job.frames:
            raise StoreChanged("a stored stretch of the bed")
    return found
