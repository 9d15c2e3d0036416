"""Bring a clip to a loudness without letting its true peak pass a ceiling: gain, then a limiter.

Gain alone cannot do it: espeak-ng speaks with peaks 13-20 dB above its loudness, so the gain that
reaches the loudness would push the loudest syllables over full scale. The limiter turns down only
the few milliseconds around such a peak, with a smooth, look-ahead gain curve.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from voicekit.sound import loudness

LIMIT_RADIUS_S = 0.02  # the gain dips over about 40 ms around a peak: no audible pumping, no clicks
_ROUNDS = 5


def db_to_gain(db: float) -> float:
    return 10 ** (db / 20)


def running_min(a: np.ndarray, radius: int) -> np.ndarray:
    """Minimum over [i - radius, i + radius] for every i, in O(n) (van Herk / Gil-Werman)."""
    n, w = len(a), 2 * radius + 1
    if not n or radius <= 0:
        return a.copy()
    tail = -(n + w - 1) % w
    pad = np.concatenate([np.full(radius, np.inf), a, np.full(radius + tail, np.inf)])
    blocks = pad.reshape(-1, w)
    prefix = np.minimum.accumulate(blocks, axis=1).ravel()
    suffix = np.minimum.accumulate(blocks[:, ::-1], axis=1)[:, ::-1].ravel()
    i = np.arange(n)
    return np.minimum(suffix[i], prefix[i + w - 1])


def moving_mean(a: np.ndarray, radius: int, edge: float = 1.0) -> np.ndarray:
    """Mean over [i - radius, i + radius], ``edge`` beyond the ends."""
    if radius <= 0:
        return a.copy()
    pad = np.concatenate([np.full(radius + 1, edge), a, np.full(radius, edge)])
    sums = np.cumsum(pad)
    w = 2 * radius + 1
    return (sums[w:] - sums[:-w]) / w


def limit(x: np.ndarray, ceiling: float, rate: int) -> np.ndarray:
    """``x`` with its true peak at or under ``ceiling`` (linear), touching only what is over it."""
    return x * limiter_gain(x, ceiling, rate)


def limiter_gain(x: np.ndarray, ceiling: float, rate: int) -> np.ndarray | float:
    """The gain curve that brings ``x``'s true peak under ``ceiling``: 1.0 where nothing is over.

    It is the running minimum of the gain each sample needs, averaged over half that span: an
    average of values that are each at most the need at the centre is itself at most the need, so
    no peak escapes, and the curve has no corners."""
    env = loudness.peak_envelope(x, ceiling * 0.5)
    if not len(env) or float(np.max(env)) <= ceiling:
        return 1.0
    need = np.minimum(1.0, ceiling / np.maximum(env, 1e-12))
    radius = max(1, int(LIMIT_RADIUS_S * rate))
    return np.minimum(moving_mean(_coarse_running_min(need, radius), radius // 2), need)


def _coarse_running_min(need: np.ndarray, radius: int, block: int = 64) -> np.ndarray:
    """At most the running minimum (never above it, so still safe), computed on blocks: 64x less work."""
    n = len(need)
    blocks = np.concatenate([need, np.ones(-n % block)]).reshape(-1, block).min(axis=1)
    # A window of +-radius samples lies inside the blocks within +-(radius // block + 1) of its own.
    coarse = running_min(blocks, radius // block + 1)
    return np.repeat(coarse, block)[:n]


def normalize(
    x: np.ndarray,
    rate: int,
    target_lufs: float,
    ceiling_dbtp: float,
    measure: Callable[[np.ndarray, int], float] = loudness.integrated_weighted,
) -> np.ndarray:
    """Loudness ``target_lufs`` (within 0.05 LU, as ``measure`` reads the K-weighted signal: integrated
    by default) with true peak under ``ceiling_dbtp``.

    Limiting takes a little loudness away, so the gain is found by a few secant steps on
    gain -> loudness after limiting, each step limiting the original clip once (never twice).
    The K-weighting filter runs once: the limiter's gain moves over tens of milliseconds and the
    filter's memory is a few, so the filtered limited clip is the filtered clip times the gain."""
    weighted = loudness.k_weighted(x, rate)
    loud = measure(weighted, rate)
    if not math.isfinite(loud):
        return x
    ceiling = db_to_gain(ceiling_dbtp) * 0.995  # the interpolated peak is an estimate: keep a hair under

    def attempt(gain_db: float) -> tuple[np.ndarray, float]:
        scaled = x * db_to_gain(gain_db)
        gain = limiter_gain(scaled, ceiling, rate)
        estimate = measure(weighted * db_to_gain(gain_db) * gain, rate)
        return scaled * gain, estimate - target_lufs

    g0 = target_lufs - loud
    y, e0 = attempt(g0)
    g1 = g0 - e0
    for _ in range(_ROUNDS):
        if abs(e0) < 0.05:
            break
        y, e1 = attempt(g1)
        slope = (e1 - e0) / (g1 - g0) if g1 != g0 else 1.0
        g0, e0 = g1, e1
        g1 = g1 - e1 / (slope if slope > 0.1 else 1.0)
    return y
