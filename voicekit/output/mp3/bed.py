"""The spans of a session with a bed: the bed's loop is encoded once and stored as frames, as silence
is; only the stretches where anything else sounds (speech, chimes, the bell, the fades, the ducking
around speech) go through the encoder on each build.

The loop is a whole number of frames and was encoded three times over, keeping the middle copy:
its frames are in the steady state, so frame g of a stretch where the bed plays alone is simply
loop frame g mod K. An encoded stretch starts and ends with MARGIN frames of the real session
around it, so the frames kept encode the same signal as their neighbours from the loop, and the
codec's overlapping windows still cancel each other's aliasing at the joins.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import IO

from voicekit.errors import ExportError
from voicekit.output.mp3 import frames as mp3
from voicekit.output.mp3.encode import FRAMES, encode_stream, frames_name, get_block
from voicekit.output.mp3.join import Block, Loop, Repeat, Span, check_grid
from voicekit.plan.timeline import CueKind, Timeline
from voicekit.sound.bed import DUCK_RAMP_S, FADE_IN_S, LOOP_FRAMES, BedPlayer
from voicekit.sound.sources import Sources
from voicekit.sound.wav import to_int16
from voicekit.store import Store

MARGIN = 3  # frames of the real session either side of an encoded stretch


def loop_frames(player: BedPlayer, store: Store) -> Loop:
    """The loop's frames, from the store or encoded now (three copies, the middle one kept)."""
    pcm = mp3.louder(to_int16(player.base)).tobytes()
    name = frames_name("bed", hashlib.sha256(pcm).hexdigest(), LOOP_FRAMES)
    block = get_block(store, name)
    if block is None or block.frames != LOOP_FRAMES:
        frames = encode_stream(lambda stdin: stdin.write(pcm * 3))
        block = Block.of(b"".join(frames[LOOP_FRAMES : 2 * LOOP_FRAMES]), LOOP_FRAMES)
        store.put(FRAMES, name, block.entry())
    return Loop(mp3.split(block.data))


def busy_frames(timeline: Timeline, total: int, rate: int = mp3.RATE) -> list[bool]:
    """For each data frame: does anything but the bed at full level reach into it?

    Data frame g carries the sound of samples from about (g-1)*1152 - DELAY to (g+2)*1152 - DELAY
    (its own, and the halves of its neighbours its windows overlap)."""
    busy = [False] * total
    spans = [(0, int(FADE_IN_S * rate))]  # the fade-in
    ramp = int(DUCK_RAMP_S * rate)
    for cue in timeline.cues:
        start, end = timeline.sample(cue.start, rate), timeline.sample(cue.end, rate)
        if cue.kind is CueKind.SPEECH:
            spans.append((start - ramp, end + ramp))  # the words, and the bed ducking around them
        elif cue.kind.made:
            spans.append((start, end if cue.kind is not CueKind.BELL else total * mp3.FRAME))  # and the fade-out
    for lo, hi in spans:
        first = max(0, (lo + mp3.DELAY) // mp3.FRAME - 2)
        last = min(total, (hi + mp3.DELAY) // mp3.FRAME + 2)
        busy[first:last] = [True] * (last - first)
    return busy


def runs(flags: list[bool]) -> list[tuple[int, int, bool]]:
    """[(first, end, flag)] of the maximal runs of equal flags."""
    out: list[tuple[int, int, bool]] = []
    for i, flag in enumerate(flags):
        if out and out[-1][2] == flag:
            out[-1] = (out[-1][0], i + 1, flag)
        else:
            out.append((i, i + 1, flag))
    return out


def spans(timeline: Timeline, sources: Sources, on_encode: Callable[[int, int], None]) -> Iterator[Span]:
    """The session with its bed (``sources.bed``): encoded stretches and runs of the loop."""
    from voicekit.sound.mix import render

    check_grid(timeline)
    assert sources.bed is not None
    total = timeline.sample(timeline.total, mp3.RATE) // mp3.FRAME + 1  # one frame more: the decoder's delay
    cycle = loop_frames(sources.bed, sources.store)
    stretches = runs(busy_frames(timeline, total))
    encode = [(a, b) for a, b, busy in stretches if busy]
    groups = [encode[0::2], encode[1::2]]  # two encoder runs side by side (LAME uses one core each)
    fed = [0]

    def run(group: list[tuple[int, int]]) -> list[bytes]:
        def feed(stdin: IO[bytes]) -> None:
            for a, b in group:
                lo, n = (a - MARGIN) * mp3.FRAME, (b - a + 2 * MARGIN) * mp3.FRAME
                stdin.write(mp3.louder(render(timeline, sources, lo, n)).tobytes())
                fed[0] += 1
                on_encode(fed[0], len(encode))

        return encode_stream(feed) if group else []

    with ThreadPoolExecutor(2) as pool:
        encoded = list(pool.map(run, groups))
    used = [0, 0]  # encoder frames taken from each run so far
    busy_index = 0
    for a, b, busy in stretches:
        if not busy:
            yield Repeat(cycle, a % LOOP_FRAMES, b - a)
            continue
        which = busy_index % 2
        busy_index += 1
        frames = encoded[which][used[which] + MARGIN : used[which] + MARGIN + b - a]
        used[which] += b - a + 2 * MARGIN
        if len(frames) != b - a:
            raise ExportError("the MP3 encoder returned fewer frames than it was given")
        yield Block.of(b"".join(frames), b - a)
