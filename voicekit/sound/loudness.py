"""Loudness as ITU-R BS.1770-4 measures it (what ffmpeg's ebur128 reports), and true peak. numpy only.

Mono throughout: a mono file heard on two earbuds is 3 LU louder than this measures (ebur128's
``dualmono``), which is why the targets elsewhere are 3 LU under the -16 LUFS phones aim for.
"""

from __future__ import annotations

import functools
import math

import numpy as np

BLOCK_S = 0.4  # gating block
STEP_S = 0.1  # 75% overlap
ABSOLUTE_GATE = -70.0
RELATIVE_GATE = -10.0
OVERSAMPLE = 4  # true peak: BS.1770 asks for at least 4x at 48 kHz
_TAPS = 12  # each side of the interpolation kernel
_CHUNK = 1 << 15
_PAD_S = 0.5  # the K-filter's impulse response has died out long before this


def _biquad_response(b: tuple[float, ...], a: tuple[float, ...], w: np.ndarray) -> np.ndarray:
    z = np.exp(-1j * w)
    return (b[0] + b[1] * z + b[2] * z * z) / (a[0] + a[1] * z + a[2] * z * z)


@functools.lru_cache(maxsize=8)
def _k_response(n: int, rate: int) -> np.ndarray:
    """The K-weighting filter (shelf + high-pass) at the rfft bins of an n-point transform.

    Coefficients for any rate from the analog prototype, as libebur128 derives them."""
    w = 2 * np.pi * np.fft.rfftfreq(n) if n else np.zeros(0)
    f0, gain_db, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = math.tan(math.pi * f0 / rate)
    vh = 10 ** (gain_db / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf_b = ((vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0)
    shelf_a = (1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0)
    f0, q = 38.13547087602444, 0.5003270373238773
    k = math.tan(math.pi * f0 / rate)
    a0 = 1 + k / q + k * k
    high_a = (1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0)
    return _biquad_response(shelf_b, shelf_a, w) * _biquad_response((1.0, -2.0, 1.0), high_a, w)


def k_weighted(x: np.ndarray, rate: int) -> np.ndarray:
    """``x`` through the K-weighting filter (in the frequency domain, padded so nothing wraps)."""
    n = 1 << (len(x) + int(_PAD_S * rate) - 1).bit_length()  # powers of two: the response stays cached
    return np.fft.irfft(np.fft.rfft(x, n) * _k_response(n, rate), n)[: len(x)]


def block_powers(x: np.ndarray, rate: int, weighted: bool = False, step_s: float = STEP_S) -> np.ndarray:
    """Mean square of the K-weighted signal in each 400 ms block, blocks every 100 ms (or ``step_s``).

    ``weighted``: ``x`` has been through the K-weighting filter already."""
    y = (x if weighted else k_weighted(x, rate)) ** 2
    block, step = int(BLOCK_S * rate), int(step_s * rate)
    if len(y) < block:  # shorter than one block: the whole clip is the block
        y = np.concatenate([y, np.zeros(block - len(y))])
    sums = np.concatenate([[0.0], np.cumsum(y)])
    starts = np.arange(0, len(y) - block + 1, step)
    return (sums[starts + block] - sums[starts]) / block


def _lufs(power: float) -> float:
    return -0.691 + 10 * math.log10(power) if power > 0 else -math.inf


def integrated(x: np.ndarray, rate: int) -> float:
    """Gated integrated loudness in LUFS (mono); -inf for silence."""
    return integrated_weighted(k_weighted(x, rate), rate)


def integrated_weighted(y: np.ndarray, rate: int) -> float:
    """``integrated()`` of a signal already through the K-weighting filter."""
    return _gated(block_powers(y, rate, weighted=True))


def in_session_weighted(y: np.ndarray, rate: int) -> float:
    """The loudness of a K-weighted clip as it measures in a session: quiet on both sides, and the
    400 ms blocks falling anywhere on it (every 10 ms), so the blocks that straddle its edges count
    as they do in a session. A short cue ("Breathe in.") is mostly edges: levelled by its own
    integrated loudness, it measured quieter in a session, and a practice of short cues quieter than
    one of long texts (-16.9 against -16.1 LUFS, measured)."""
    quiet = np.zeros(int(BLOCK_S * rate))
    return _gated(block_powers(np.concatenate([quiet, y, quiet]), rate, weighted=True, step_s=0.01))


def _gated(z: np.ndarray) -> float:
    z = z[z > 10 ** ((ABSOLUTE_GATE + 0.691) / 10)]
    if not len(z):
        return -math.inf
    z = z[z > 10 ** ((_lufs(float(np.mean(z))) + RELATIVE_GATE + 0.691) / 10)]
    return _lufs(float(np.mean(z)))


def momentary_max(x: np.ndarray, rate: int) -> float:
    """Loudest 400 ms block in LUFS: how loud a short sound seems at its strongest."""
    z = block_powers(x, rate)
    return _lufs(float(np.max(z))) if len(z) else -math.inf


def _kernel() -> np.ndarray:
    """Windowed-sinc weights, one row per in-between phase (1/4, 2/4, 3/4 of a sample)."""
    d = np.arange(1, OVERSAMPLE)[:, None] / OVERSAMPLE - np.arange(-_TAPS + 1, _TAPS + 1)[None, :]
    window = np.i0(8.0 * np.sqrt(np.clip(1 - (d / _TAPS) ** 2, 0, 1))) / np.i0(8.0)
    return np.sinc(d) * window


def peak_envelope(x: np.ndarray, floor: float = 0.0) -> np.ndarray:
    """Per sample: the largest magnitude of the signal between this sample and the next (4x oversampled).

    Only samples louder than ``floor`` are interpolated: an inter-sample peak is at most a few dB
    above its neighbours, so quiet stretches cannot hide one above the ceiling."""
    env = np.abs(x)
    candidates = np.nonzero(env > floor)[0]
    if not len(candidates):
        return env
    padded = np.concatenate([np.zeros(_TAPS), x, np.zeros(_TAPS + 1)])
    kernel = _kernel().T
    for i in range(0, len(candidates), _CHUNK):  # in pieces: (candidates, taps) gets large
        c = candidates[i : i + _CHUNK]
        taps = c[:, None] + np.arange(2 * _TAPS)[None, :] + 1  # x[c-TAPS+1 .. c+TAPS] in padded
        between = padded[taps] @ kernel  # (candidates, phases)
        env[c] = np.maximum(env[c], np.max(np.abs(between), axis=1))
    return env
