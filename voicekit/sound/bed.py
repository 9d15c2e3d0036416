"""A soft sound bed under the session, made in code (no audio assets): brown noise or a drone.

The bed is a loop of a whole number of MP3 frames, made periodic by construction (noise shaped in
the frequency domain; a drone of partials with whole numbers of cycles per loop), so it repeats
without a seam. Under the session it fades in at the start, fades out as the closing bell rings,
and ducks under every spoken cue. Its level is set relative to the voice's loudness.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from voicekit.plan.timeline import CueKind, Timeline
from voicekit.sequence.model import Bed
from voicekit.sound.loudness import SPEECH_LUFS, integrated

LOOP_FRAMES = 766  # 20.0 s at 44.1 kHz, in MP3 frames of 1152 samples
# Clips are levelled to SPEECH_LUFS as they measure in a session (finish.join), so the voice in a
# session measures SPEECH_LUFS or a little above (-18.5 for espeak-ng and Piper on short tests); the bed
# is set against SPEECH_LUFS, with half a decibel to spare, so `level: -20` puts it at least 20 LU
# under the voice whatever the engine.
VOICE_IN_SESSION = SPEECH_LUFS
MARGIN_DB = 0.5
FADE_IN_S = 8.0
FADE_OUT_S = 10.0  # from the moment the closing bell is struck
DUCK_DB = -6.0  # under speech
DUCK_RAMP_S = 0.3
ENVELOPE_STEP = 64  # samples: the envelope moves over tenths of a second, so it is computed this coarsely


@functools.lru_cache(maxsize=4)
def loop(kind: str, level_db: float, rate: int = 44100) -> np.ndarray:
    """One seamless loop of the bed, its loudness ``level_db`` below or above the voice's."""
    n = LOOP_FRAMES * 1152 * rate // 44100
    x = _brown(n, rate) if kind == "brown-noise" else _drone(n, rate)
    return x * 10 ** ((VOICE_IN_SESSION + level_db - MARGIN_DB - integrated(x, rate)) / 20)


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


class BedPlayer:
    """The bed as heard in one session: loop, fades and ducking, sample by sample."""

    def __init__(self, bed: Bed, timeline: Timeline, rate: int = 44100, base: np.ndarray | None = None) -> None:
        self.bed, self.timeline, self.rate = bed, timeline, rate
        self.base = loop(bed.kind, bed.level, rate) if base is None else base  # one cycle of the loop
        bell = next((c for c in timeline.cues if c.kind is CueKind.BELL), None)
        # It fades out as the bell is struck, or over the last seconds of a session with no bell.
        self.bell_s = bell.start / 1000 if bell else max(0.0, timeline.total / 1000 - FADE_OUT_S)
        self.speech = np.array([(c.start / 1000, c.end / 1000) for c in timeline.cues if c.kind is CueKind.SPEECH])
        self.speech = self.speech.reshape(-1, 2)

    def samples(self, start: int, n: int) -> np.ndarray:
        """The bed for samples [start, start + n) of the session, as floats."""
        where = np.arange(start, start + n)
        points = np.arange(start, start + n + ENVELOPE_STEP, ENVELOPE_STEP)
        gain = np.interp(where, points, self.envelope(points))
        return self.base[where % len(self.base)] * gain

    def envelope(self, where: np.ndarray) -> np.ndarray:
        """The bed's gain at sample positions ``where``: fades, and ducking around every spoken cue."""
        t = np.asarray(where) / self.rate
        gain = np.clip(t / FADE_IN_S, 0.0, 1.0) * np.clip(1 - (t - self.bell_s) / FADE_OUT_S, 0.0, 1.0)
        duck = np.zeros(len(t))
        if len(t):
            near = (self.speech[:, 1] > t[0] - DUCK_RAMP_S) & (self.speech[:, 0] < t[-1] + DUCK_RAMP_S)
            for a, b in self.speech[near]:
                inside = np.minimum(t - (a - DUCK_RAMP_S), (b + DUCK_RAMP_S) - t) / DUCK_RAMP_S
                duck = np.maximum(duck, np.clip(inside, 0.0, 1.0))
        return gain * (1 - (1 - 10 ** (DUCK_DB / 20)) * duck)
