"""Clip finishing: an engine's raw pieces and the written pauses between them -> one levelled clip.

Each piece is trimmed of the quiet at its ends, the pieces and pauses are joined, and the whole is
levelled to the voice's loudness under a true-peak ceiling, then resampled to 44.1 kHz.
"""

from __future__ import annotations

import numpy as np

from voicekit.plan.grid import SAMPLE_RATE
from voicekit.sound.levels import CEILING_DBTP, SPEECH_LUFS
from voicekit.sound.limiter import normalize
from voicekit.sound.loudness import in_session_weighted
from voicekit.sound.resample import resample

TRIM_DBFS = -45.0  # quieter than this at the ends of a clip counts as silence
_WINDOW = 0.005  # seconds: trim decisions look at 5 ms of sound, not single samples

Spoken = tuple[np.ndarray, int] | int
"""Spoken samples (float, mono) with their rate, or a written pause in milliseconds."""


def trim(x: np.ndarray, rate: int, threshold_dbfs: float = TRIM_DBFS) -> np.ndarray:
    """Cut leading and trailing silence so a clip starts and ends with the voice."""
    n = max(1, int(rate * _WINDOW))
    if len(x) < n:
        return x
    frames = len(x) // n
    rms = np.sqrt(np.mean(x[: frames * n].reshape(frames, n) ** 2, axis=1))
    loud = np.nonzero(rms > 10 ** (threshold_dbfs / 20))[0]
    if not len(loud):
        return x[:0]
    return x[loud[0] * n : min(len(x), (loud[-1] + 1) * n)]


def join(parts: list[Spoken], gain: float = 1.0) -> np.ndarray:
    """Spoken pieces (each trimmed) and pauses -> one levelled clip at SAMPLE_RATE (empty if nothing was said).

    Levelled at the engine's own rate (fewer samples), then resampled: both are linear in the band
    the voice uses, so loudness and peaks carry over. Quiet inside the clip does not count toward
    its loudness (the gating leaves it out), so a clip with pauses is as loud as one without."""
    spoken = [p for p in parts if not isinstance(p, int)]
    rate = spoken[0][1] if spoken else SAMPLE_RATE
    pieces = []
    for part in parts:
        if isinstance(part, int):
            pieces.append(np.zeros(part * rate // 1000))
        else:
            x, piece_rate = part
            pieces.append(trim(resample(x, piece_rate, rate), rate))
    if not any(len(p) for p, part in zip(pieces, parts, strict=True) if not isinstance(part, int)):
        return np.zeros(0)  # the engine said nothing at all
    x = np.concatenate(pieces)
    levelled = normalize(x, rate, SPEECH_LUFS, CEILING_DBTP, measure=in_session_weighted)
    return resample(levelled, rate, SAMPLE_RATE) * gain
