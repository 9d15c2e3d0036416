"""Stage: timeline + clips -> a stream of pydub segments, sample-exact, never the whole session at once.

Also the one place that says what a cue sounds like at its place in the session (``cue_samples``),
which the MP3 frame join encodes from, so both ways of making a file agree sample for sample.
"""

from __future__ import annotations

import wave
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np

from ._pydub import AudioSegment
from .shape import clip_path, fade_end
from .timeline import BELL, SAMPLE_RATE, SPEECH, Timeline

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


def segments(
    timeline: Timeline, clips: Mapping[tuple[str, int], Path], bell: Path, rate: int = SAMPLE_RATE
) -> Iterator[AudioSegment]:
    """Yield the session as consecutive mono 16-bit segments at ``rate``: ``clips`` by text, and the bell."""
    for cue in timeline.cues:
        start = timeline.sample(cue.start, rate)
        n = timeline.sample(cue.end, rate) - start
        if cue.kind in (SPEECH, BELL):
            x = cue_samples(clip_path(cue, clips, bell), start, rate)[:n]
            yield _segment(x.tobytes(), rate)
            n -= len(x)
        for i in range(0, n, CHUNK):
            yield silence(min(CHUNK, n - i), rate)


def silence(n: int, rate: int = SAMPLE_RATE) -> AudioSegment:
    return _segment(bytes(2 * n), rate)


def _segment(data: bytes, rate: int) -> AudioSegment:
    return AudioSegment(data=data, sample_width=2, frame_rate=rate, channels=1)
