"""The beds made in code (no audio assets), brown noise or a drone, and the levelling every bed's loop
gets, made or from a file.

A made loop is a whole number of MP3 frames and periodic by construction (noise shaped in the frequency
domain; a drone whose partials are harmonics of the frame rate, 44100 / 1152 Hz), so it repeats
without a seam. The drone's partials also repeat every frame, so a crossfade from one place in its
loop to another (``bed_layout``) never sets two copies of a partial against each other: only its slow
swells differ.
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

from voicekit.plan.grid import FRAME, SAMPLE_RATE
from voicekit.sound.levels import SPEECH_LUFS

if TYPE_CHECKING:
    import numpy as np

LOOP_FRAMES = 766  # 20.0 s at 44.1 kHz, in MP3 frames of 1152 samples
# Clips are levelled to SPEECH_LUFS as they measure in a session (finish.join), so the voice in a
# session measures SPEECH_LUFS or a little above (-18.5 for espeak-ng and Piper on short tests); the bed
# is set against SPEECH_LUFS, with half a decibel to spare, so `level: -20` puts it at least 20 LU
# under the voice whatever the engine.
MARGIN_DB = 0.5
CALIBRATION = (SPEECH_LUFS, MARGIN_DB)
# The drone: (harmonic of 44100/1152 Hz, amplitude, swells per loop). 2, 3, 4 and 6: a root near
# 76.6 Hz, its fifth and their octaves; the root swells quickly, as two close partials beat.
DRONE = ((2, 1.0, 12), (3, 0.5, 3), (4, 0.35, 4), (6, 0.15, 5))


@functools.lru_cache(maxsize=4)
def loop(kind: str, level_db: float) -> np.ndarray:
    """One seamless loop of a made bed, its loudness ``level_db`` below the voice's."""
    n = LOOP_FRAMES * FRAME
    return levelled(_brown(n) if kind == "brown-noise" else _drone(n), level_db)


def levelled(x: np.ndarray, level_db: float, loudness: float | None = None) -> np.ndarray:
    """``x`` (whose ``loudness`` is measured here if not given) scaled so that its loudness is
    ``level_db`` below (or above) the voice's in a session."""
    from voicekit.sound.loudness import integrated

    measured = integrated(x, SAMPLE_RATE) if loudness is None else loudness
    return x * 10 ** ((SPEECH_LUFS + level_db - MARGIN_DB - measured) / 20)


def _brown(n: int) -> np.ndarray:
    """Brown noise (power falling 6 dB an octave), kept between 40 Hz and about 1.5 kHz: a deep rush."""
    import numpy as np

    spectrum = np.fft.rfft(np.random.default_rng(20261125).standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / SAMPLE_RATE)
    shape = np.where(f >= 40, 1 / np.maximum(f, 1), 0.0) / (1 + (f / 1500) ** 2)
    return np.fft.irfft(spectrum * shape, n)  # a circular transform: the loop joins itself exactly


def _drone(n: int) -> np.ndarray:
    """A low open chord, each partial swelling slowly in and out (whole swells per loop)."""
    import numpy as np

    t = np.arange(n)
    x = np.zeros(n)
    for harmonic, amp, swells in DRONE:
        swell = 0.75 + 0.25 * np.sin(2 * math.pi * swells * t / n + harmonic)
        x += amp * swell * np.sin(2 * math.pi * harmonic * t / FRAME)
    return x
