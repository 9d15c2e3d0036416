"""A singing-bowl strike, synthesized (no audio asset).

A bowl's modes sit near 1, 2.98, 5.70, 9.0 and 12.8 times the fundamental. Each mode is a pair of
partials a few hertz apart (the bowl is not perfectly round), and the slow beating between them is
what makes it sound like a bowl rather than a beep. Every mode decays exponentially, the
fundamental longest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


FUNDAMENTAL_HZ = 196.0  # G3: warm, not shrill
# (ratio, amplitude, seconds to fall 60 dB, beat in Hz between the pair)
MODES = (
    (1.0, 1.0, 26.0, 0.9),
    (2.98, 0.5, 13.0, 1.7),
    (5.70, 0.22, 7.0, 2.6),
    (9.0, 0.1, 4.0, 3.4),
    (12.8, 0.05, 2.5, 4.1),
)
# Its loudest 400 ms sit 2 LU under the voice's average loudness: audible, never startling. A bowl is
# almost pure tones, so its peak then lands far below the voice's peaks.
BELL_LUFS = -21.0
# A chime between poses is the same bowl, struck lightly: 6 LU quieter and ringing a fifth as long.
CHIME_LUFS = -27.0
CHIME_DECAY = 0.2
# A bell inside a hold marks the time in a quiet meditation: 4 LU softer than the end bell (and its
# strike a decibel under the bell's in 10 ms windows too), ringing 0.4 times as long, so it is heard
# without pulling the listener out of the hold.
HOLD_BELL_LUFS = -25.0
HOLD_BELL_DECAY = 0.4
DOUBLE_GAP_S = 4.0  # the second strike of `bell: double`, as the first has settled
ATTACK_S = 0.006
FADE_S = 1.5  # the last stretch fades to true zero so the file never ends mid-ring

SOUNDS = {  # name (a made cue's text): (loudest moment in LUFS, how long the modes ring, strikes in s)
    "bell": (BELL_LUFS, 1.0, (0.0,)),
    "double bell": (BELL_LUFS, 1.0, (0.0, DOUBLE_GAP_S)),
    "chime": (CHIME_LUFS, CHIME_DECAY, (0.0,)),
    "hold bell": (HOLD_BELL_LUFS, HOLD_BELL_DECAY, (0.0,)),
}


def made(name: str, duration_ms: int, rate: int) -> np.ndarray:
    """The made sound ``name`` (see SOUNDS), rung out within ``duration_ms``."""
    lufs, decay, strikes = SOUNDS[name]
    return bowl(duration_ms, rate, decay, lufs, strikes)


def bowl(
    duration_ms: int,
    rate: int,
    decay: float = 1.0,
    lufs: float = BELL_LUFS,
    strikes: tuple[float, ...] = (0.0,),
) -> np.ndarray:
    """A bowl struck at ``strikes`` seconds that rings out within ``duration_ms``, its modes ringing
    ``decay`` times their usual length; its loudest moment at ``lufs``."""
    import numpy as np  # here, not at the top: a rebuild reads the constants above, and needs no numpy

    from voicekit.sound.loudness import momentary_max
    from voicekit.sound.resample import resample

    if rate % 4 == 0 and rate // 4 > 2 * FUNDAMENTAL_HZ * 14:  # every partial is far below its Nyquist:
        low = bowl(duration_ms, rate // 4, decay, lufs, strikes)
        return resample(low, rate // 4, rate)[: duration_ms * rate // 1000]  # 4x less work
    n = duration_ms * rate // 1000
    x = np.zeros(n)
    for at in strikes:
        start = min(n, round(at * rate))
        x[start:] += _strike(n - start, rate, decay)
    fade = min(n, int(FADE_S * rate))
    if fade:
        x[n - fade :] *= np.linspace(1.0, 0.0, fade) ** 2
    loudest = momentary_max(x, rate) if n else -np.inf
    return x * 10 ** ((lufs - loudest) / 20) if np.isfinite(loudest) else x


def _strike(n: int, rate: int, decay: float) -> np.ndarray:
    """``n`` samples of one strike of the bowl, at full amplitude."""
    import numpy as np

    t = np.arange(n, dtype=np.float64) / rate
    x = np.zeros(n)
    for ratio, amp, t60, beat in MODES:
        f = FUNDAMENTAL_HZ * ratio
        envelope = amp * np.exp(-6.9078 * t / (t60 * decay))  # ln(1000): -60 dB at t60
        x += envelope * (np.sin(2 * np.pi * (f - beat / 2) * t) + 0.8 * np.sin(2 * np.pi * (f + beat / 2) * t + 1.3))
    attack = min(n, int(ATTACK_S * rate))
    x[:attack] *= np.linspace(0.0, 1.0, attack)
    return x
