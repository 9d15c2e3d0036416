"""A soft sound bed under the session, made in code (no audio assets): brown noise or a drone.

The bed is a loop of a whole number of MP3 frames, made periodic by construction (noise shaped in
the frequency domain; a drone of partials with whole numbers of cycles per loop), so it repeats
without a seam. Under the session it fades in at the start, fades out as the closing bell rings,
and ducks under every spoken cue. Its level is set relative to the voice's loudness.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from .clips import SPEECH_LUFS
from .loudness import integrated
from .model import Bed
from .timeline import BELL, SPEECH, Timeline

LOOP_FRAMES = 766  # 20.0 s at 44.1 kHz, in MP3 frames of 1152 samples
FADE_IN_S = 8.0
FADE_OUT_S = 10.0  # from the moment the closing bell is struck
DUCK_DB = -6.0  # under speech
DUCK_RAMP_S = 0.4


@functools.lru_cache(maxsize=4)
def loop(kind: str, level_db: float, rate: int = 44100) -> np.ndarray:
    """One seamless loop of the bed, its loudness ``level_db`` below or above the voice's."""
    n = LOOP_FRAMES * 1152 * rate // 44100
    x = _brown(n, rate) if kind == "brown-noise" else _drone(n, rate)
    return x * 10 ** ((SPEECH_LUFS + level_db - integrated(x, rate)) / 20)


def _brown(n: int, rate: int) -> np.ndarray:
    """Brown noise (power falling 6 dB an octave), kept between 40 Hz and about 1.5 kHz: a deep rush."""
    spectrum = np.fft.rfft(np.random.default_rng(20261125).standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / rate)
    shape = np.where(f >= 40, 1 / np.maximum(f, 1), 0.0) / (1 + (f / 1500) ** 2)
    return np.fft.irfft(spectrum * shape, n)  # a circular transform: the loop joins itself exactly


def _drone(n: int, rate: int) -> np.ndarray:
    """A low chord on G (98 Hz, its fifth and octaves), each partial breathing slowly in and out."""
    seconds = n / rate
    t = np.arange(n) / rate
    x = np.zeros(n)
    # (frequency, amplitude, breaths per loop); frequencies rounded to whole cycles per loop.
    for hz, amp, breaths in ((98.0, 1.0, 2), (147.0, 0.5, 3), (196.0, 0.35, 4), (294.0, 0.15, 5), (98.6, 0.6, 3)):
        cycles = round(hz * seconds)
        swell = 0.75 + 0.25 * np.sin(2 * math.pi * breaths * t / seconds + hz)
        x += amp * swell * np.sin(2 * math.pi * cycles * t / seconds)
    return x


@dataclass(frozen=True)
class BedPlayer:
    """The bed as heard in one session: loop, fades and ducking, sample by sample."""

    bed: Bed
    timeline: Timeline
    rate: int = 44100

    def samples(self, start: int, n: int) -> np.ndarray:
        """The bed for samples [start, start + n) of the session, as floats."""
        base = loop(self.bed.kind, self.bed.level, self.rate)
        where = np.arange(start, start + n)
        return base[where % len(base)] * self.envelope(where)

    def envelope(self, where: np.ndarray) -> np.ndarray:
        t = where / self.rate
        gain = np.clip(t / FADE_IN_S, 0.0, 1.0)
        bell = next((c for c in self.timeline.cues if c.kind == BELL), None)
        if bell is not None:
            gain *= np.clip(1 - (t - bell.start / 1000) / FADE_OUT_S, 0.0, 1.0)
        duck = np.zeros(len(where))
        lo, hi = t[0] - DUCK_RAMP_S if len(t) else 0, t[-1] + DUCK_RAMP_S if len(t) else 0
        for cue in self.timeline.cues:
            a, b = cue.start / 1000, cue.end / 1000
            if cue.kind != SPEECH or b < lo or a > hi:
                continue
            inside = np.clip(np.minimum(t - (a - DUCK_RAMP_S), (b + DUCK_RAMP_S) - t) / DUCK_RAMP_S, 0.0, 1.0)
            duck = np.maximum(duck, inside)
        return gain * (1 - (1 - 10 ** (DUCK_DB / 20)) * duck)
