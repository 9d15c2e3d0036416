"""Stage (MP3 with a bed): the bed's loop is encoded once and cached as frames, like silence is;
only the stretches where anything else sounds (speech, chimes, the bell, the fades, the ducking
around speech) go through the encoder on each build.

The loop is a whole number of frames and was encoded three times over, keeping the middle copy:
its frames are in the steady state, so frame g of a stretch where the bed plays alone is simply
loop frame g mod K. An encoded stretch starts and ends with MARGIN frames of the real session
around it, so the frames kept encode the same signal as their neighbours from the loop, and the
codec's overlapping windows still cancel each other's aliasing at the joins.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from voicekit.errors import ExportError
from voicekit.output.mp3 import frames as mp3
from voicekit.output.mp3.framecache import Block, FrameCache, Kit
from voicekit.output.mp3.join import encoder_command, run_encoder
from voicekit.plan.timeline import BELL, SOUNDS, SPEECH, Timeline
from voicekit.sound.bed import DUCK_RAMP_S, FADE_IN_S, LOOP_FRAMES, BedPlayer
from voicekit.sound.sources import Sources

MARGIN = 3  # frames of the real session either side of an encoded stretch


@dataclass(frozen=True)
class Loop:
    """The bed's loop as frames: ``data`` with each frame's offset, and CRCs of every prefix."""

    data: bytes
    offsets: list[int]
    prefix_crc: list[int]

    def crc(self, i: int, j: int) -> int:
        """CRC of loop frames [i, j)."""
        length = self.offsets[j] - self.offsets[i]
        return self.prefix_crc[j] ^ mp3.crc_shift(self.prefix_crc[i], length)

    def bytes(self, i: int, j: int) -> bytes:
        return self.data[self.offsets[i] : self.offsets[j]]


def loop_frames(player: BedPlayer, cache: FrameCache) -> Loop:
    """The loop's frames, from the cache or encoded now (three copies, the middle one kept)."""
    pcm = (player.base * 32767).round().clip(-32768, 32767).astype("<i2").tobytes()
    key = FrameCache.key("bed", hashlib.sha256(pcm).hexdigest(), LOOP_FRAMES)
    block = cache.get(key)
    if block is None or block.frames != LOOP_FRAMES:
        frames = mp3.split(run_encoder(lambda stdin: stdin.write(pcm * 3), encoder_command("pipe:1", xing=False)))
        data = b"".join(frames[LOOP_FRAMES : 2 * LOOP_FRAMES])
        block = Block(data, LOOP_FRAMES, mp3.crc16(data))
        cache.put(key, block)
    frames = mp3.split(block.data)
    offsets, prefix = [0], [0]
    for frame in frames:
        offsets.append(offsets[-1] + len(frame))
        prefix.append(mp3.crc16(frame, prefix[-1]))
    return Loop(block.data, offsets, prefix)


def busy_frames(timeline: Timeline, total: int, rate: int = mp3.RATE) -> list[bool]:
    """For each data frame: does anything but the bed at full level reach into it?

    Data frame g carries the sound of samples from about (g-1)*1152 - DELAY to (g+2)*1152 - DELAY
    (its own, and the halves of its neighbours its windows overlap)."""
    busy = [False] * total
    spans = [(0, int(FADE_IN_S * rate))]  # the fade-in
    ramp = int(DUCK_RAMP_S * rate)
    for cue in timeline.cues:
        start, end = timeline.sample(cue.start, rate), timeline.sample(cue.end, rate)
        if cue.kind == SPEECH:
            spans.append((start - ramp, end + ramp))  # the words, and the bed ducking around them
        elif cue.kind in SOUNDS:
            spans.append((start, end if cue.kind != BELL else total * mp3.FRAME))  # the bell: and the fade-out
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


def write(timeline: Timeline, sources: Sources, cache: FrameCache, kit: Kit, path: Path) -> None:
    """The session with its bed (``sources.bed``), as an MP3 at ``path``."""
    from voicekit.sound.mix import render

    if not timeline.grid or timeline.grid.samples != mp3.FRAME or timeline.grid.rate != mp3.RATE:
        raise ExportError("the timeline is not on the MP3 frame grid")
    samples = timeline.sample(timeline.total, mp3.RATE)
    total = samples // mp3.FRAME + 1  # one frame more: the decoder's delay runs out
    cycle = loop_frames(sources.bed, cache)
    stretches = runs(busy_frames(timeline, total))
    encode = [(a, b) for a, b, busy in stretches if busy]

    # The stretches to encode, in two encoder runs side by side (LAME uses one core each).
    groups = [encode[0::2], encode[1::2]]

    def run(group: list[tuple[int, int]]) -> list[bytes]:
        def feed(stdin) -> None:
            for a, b in group:
                lo, n = (a - MARGIN) * mp3.FRAME, (b - a + 2 * MARGIN) * mp3.FRAME
                stdin.write(render(timeline, sources, lo, n).tobytes())

        return mp3.split(run_encoder(feed, encoder_command("pipe:1", xing=False))) if group else []

    with ThreadPoolExecutor(2) as pool:
        encoded = list(pool.map(run, groups))
    used = [0, 0]  # encoder frames taken from each run so far
    crc = size = busy_index = 0
    with open(path, "wb") as f:
        f.write(bytes(len(kit.info)))
        for a, b, busy in stretches:
            if busy:
                which = busy_index % 2
                busy_index += 1
                frames = encoded[which][used[which] + MARGIN : used[which] + MARGIN + b - a]
                used[which] += b - a + 2 * MARGIN
                if len(frames) != b - a:
                    raise ExportError("the MP3 encoder returned fewer frames than it was given")
                data = b"".join(frames)
                crc = mp3.crc_join(crc, mp3.crc16(data), len(data))
                f.write(data)
                size += len(data)
                continue
            g = a
            while g < b:  # the loop, from frame g's place in it, up to a whole cycle at a time
                i = g % LOOP_FRAMES
                j = min(LOOP_FRAMES, i + b - g)
                length = cycle.offsets[j] - cycle.offsets[i]
                crc = mp3.crc_join(crc, cycle.crc(i, j), length)
                f.write(cycle.bytes(i, j))
                size, g = size + length, g + j - i
        f.seek(0)
        f.write(mp3.info_frame(kit.info, total, size, crc, samples))
