"""Stage: timeline + clips -> a stream of pydub segments, sample-exact, never the whole session at once.

Also the one place that says what a cue sounds like at its place in the session (``cue_samples``),
which the MP3 frame join encodes from, so both ways of making a file agree sample for sample.
"""

from __future__ import annotations

import wave
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from voicekit.plan.timeline import SAMPLE_RATE, SOUNDS, SPEECH, Timeline
from voicekit.sound._pydub import AudioSegment
from voicekit.sound.sources import Sources, fade_end

if TYPE_CHECKING:
    from voicekit.sound.bed import BedPlayer

CHUNK = SAMPLE_RATE * 10  # long silences go out in 10-second pieces


def cue_samples(path: Path, position: int, rate: int = SAMPLE_RATE) -> np.ndarray:
    """A clip's 16-bit samples as heard when it starts at sample ``position`` (faded in near the start)."""
    with wave.open(str(path), "rb") as w:
        x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    fade = fade_end(rate)
    if position >= fade or not len(x):
        return x
    ramp = np.minimum(1.0, (position + np.arange(len(x))) / fade)
    return np.round(x * ramp).astype("<i2")


def segments(timeline: Timeline, sources: Sources, rate: int = SAMPLE_RATE) -> Iterator[AudioSegment]:
    """Yield the session as consecutive mono 16-bit segments at ``rate``, cue by cue, the bed mixed in."""
    for cue in timeline.cues:
        start = timeline.sample(cue.start, rate)
        n = timeline.sample(cue.end, rate) - start
        pieces = []
        if cue.kind == SPEECH or cue.kind in SOUNDS:
            pieces.append(cue_samples(sources.path(cue), start, rate)[:n])
        done = sum(map(len, pieces))
        pieces += [np.zeros(min(CHUNK, n - i), dtype="<i2") for i in range(done, n, CHUNK)]
        at = start
        for x in pieces:
            yield _segment(_with_bed(x, at, sources.bed).tobytes(), rate)
            at += len(x)


def render(timeline: Timeline, sources: Sources, start: int, n: int, rate: int = SAMPLE_RATE) -> np.ndarray:
    """Samples [start, start + n) of the session as 16-bit (zeros outside it), the bed mixed in.

    The same sounds ``segments`` streams, for any stretch: the MP3 join encodes such stretches."""
    out = np.zeros(n)
    lo, hi = max(0, start), min(start + n, timeline.sample(timeline.total, rate))
    for cue in timeline.cues:
        if cue.kind != SPEECH and cue.kind not in SOUNDS:
            continue
        at = timeline.sample(cue.start, rate)
        end = timeline.sample(cue.end, rate)
        if end <= lo or at >= hi:
            continue
        x = cue_samples(sources.path(cue), at, rate)[: end - at]
        a, b = max(at, lo), min(at + len(x), hi)
        if a < b:
            out[a - start : b - start] += x[a - at : b - at]
    if lo < hi:
        out[lo - start : hi - start] = _with_bed(out[lo - start : hi - start], lo, sources.bed)
    return np.clip(np.round(out), -32768, 32767).astype("<i2")


def _with_bed(x: np.ndarray, at: int, bed: BedPlayer | None) -> np.ndarray:
    """Samples ``x`` (16-bit scale) starting at session sample ``at``, with the bed added (as 16-bit)."""
    if bed is None:
        return x
    return np.clip(np.round(x + bed.samples(at, len(x)) * 32767), -32768, 32767).astype("<i2")


def _segment(data: bytes, rate: int) -> AudioSegment:
    return AudioSegment(data=data, sample_width=2, frame_rate=rate, channels=1)
