"""Stage: timeline + clips -> a stream of pydub segments, sample-exact, never the whole session at once."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np

from ._pydub import AudioSegment
from .clips import SAMPLE_RATE
from .timeline import BELL, SPEECH, Timeline

FADE_IN_MS = 1500  # the session starts softly (lead-in silence, then the first words rising)
CHUNK = SAMPLE_RATE * 10  # long silences go out in 10-second pieces


def sample_at(ms: int, rate: int = SAMPLE_RATE) -> int:
    """The sample where millisecond ``ms`` starts; every cue boundary goes through this one rounding."""
    return ms * rate // 1000


def segments(
    timeline: Timeline, clips: Mapping[str, Path], bell: Path, rate: int = SAMPLE_RATE
) -> Iterator[AudioSegment]:
    """Yield the session as consecutive mono 16-bit segments at ``rate``: ``clips`` by text, and the bell."""
    fade = sample_at(FADE_IN_MS, rate)
    position = 0
    for cue in timeline.cues:
        n = sample_at(cue.end, rate) - sample_at(cue.start, rate)
        if cue.kind in (SPEECH, BELL):
            pieces = [_fit(AudioSegment.from_wav(clips[cue.text] if cue.kind == SPEECH else bell), n, rate)]
        else:
            pieces = [silence(min(CHUNK, n - i), rate) for i in range(0, n, CHUNK)]
        for piece in pieces:
            if position < fade:
                piece = _fade_in(piece, position, fade)
            position += int(piece.frame_count())
            yield piece


def silence(n: int, rate: int = SAMPLE_RATE) -> AudioSegment:
    return AudioSegment(data=bytes(2 * n), sample_width=2, frame_rate=rate, channels=1)


def _segment(samples: np.ndarray, rate: int) -> AudioSegment:
    return AudioSegment(data=samples.astype("<i2").tobytes(), sample_width=2, frame_rate=rate, channels=1)


def _fit(seg: AudioSegment, n: int, rate: int) -> AudioSegment:
    """Exactly ``n`` samples: pad with silence (clip lengths are rounded up to whole ms)."""
    have = int(seg.frame_count())
    if have < n:
        return seg + silence(n - have, rate)
    return seg.get_sample_slice(0, n) if have > n else seg


def _fade_in(seg: AudioSegment, position: int, fade: int) -> AudioSegment:
    x = np.frombuffer(seg.raw_data, dtype="<i2").astype(np.float64)
    ramp = np.minimum(1.0, (position + np.arange(len(x))) / fade)
    return _segment(np.round(x * ramp), seg.frame_rate)
