"""Timeline + clips -> the session's samples: streamed cue by cue, or any stretch of it, the bed mixed in.

The one place that says what a cue sounds like at its place in the session (``cue_samples``): the
streamed formats and the MP3 frame join encode from it, so every format agrees sample for sample.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from voicekit.plan.grid import SAMPLE_RATE
from voicekit.plan.timeline import Cue, Timeline
from voicekit.sound.sources import Sources
from voicekit.sound.wav import clip16

if TYPE_CHECKING:
    from voicekit.sound.bed import BedPlayer

CHUNK = SAMPLE_RATE * 10  # long silences go out in 10-second pieces


def cue_samples(sources: Sources, cue: Cue, position: int, rate: int = SAMPLE_RATE) -> np.ndarray:
    """A cue's 16-bit samples as heard when it starts at sample ``position`` (faded in near the start)."""
    x = sources.samples(cue)
    fade = sources.fade_end(rate)
    if position >= fade or not len(x):
        return x
    ramp = np.minimum(1.0, (position + np.arange(len(x))) / fade)
    return np.round(x * ramp).astype("<i2")


def segments(timeline: Timeline, sources: Sources, rate: int = SAMPLE_RATE) -> Iterator[tuple[int, bytes]]:
    """The session as consecutive pieces of mono 16-bit little-endian samples, cue by cue, the bed mixed
    in, never the whole session at once: (cue index, the piece's bytes)."""
    for i, cue in enumerate(timeline.cues):
        start = timeline.sample(cue.start, rate)
        n = timeline.sample(cue.end, rate) - start
        pieces = [cue_samples(sources, cue, start, rate)[:n]] if cue.sounds else []
        done = sum(map(len, pieces))
        pieces += [np.zeros(min(CHUNK, n - j), dtype="<i2") for j in range(done, n, CHUNK)]
        at = start
        for x in pieces:
            yield i, _with_bed(x, at, sources.bed).tobytes()
            at += len(x)


def render(timeline: Timeline, sources: Sources, start: int, n: int, rate: int = SAMPLE_RATE) -> np.ndarray:
    """Samples [start, start + n) of the session as 16-bit (zeros outside it), the bed mixed in.

    The same sounds ``segments`` gives, for any stretch: the MP3 join encodes such stretches."""
    out = np.zeros(n)
    lo, hi = max(0, start), min(start + n, timeline.sample(timeline.total, rate))
    for cue in timeline.cues:
        if not cue.sounds:
            continue
        at = timeline.sample(cue.start, rate)
        end = timeline.sample(cue.end, rate)
        if end <= lo or at >= hi:
            continue
        x = cue_samples(sources, cue, at, rate)[: end - at]
        a, b = max(at, lo), min(at + len(x), hi)
        if a < b:
            out[a - start : b - start] += x[a - at : b - at]
    if lo < hi:
        out[lo - start : hi - start] = _with_bed(out[lo - start : hi - start], lo, sources.bed)
    return clip16(out)


def _with_bed(x: np.ndarray, at: int, bed: BedPlayer | None) -> np.ndarray:
    """Samples ``x`` (16-bit scale) starting at session sample ``at``, with the bed added (as 16-bit)."""
    if bed is None:
        return x
    return clip16(x + bed.samples(at, len(x)) * 32767)
