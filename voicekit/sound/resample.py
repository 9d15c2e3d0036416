"""Band-limited resampling between any integer rates, in the frequency domain."""

from __future__ import annotations

import math

import numpy as np


def fft_size(n: int) -> int:
    """The smallest 2^a 3^b 5^c >= n: a transform length numpy's FFT handles fast."""
    best = 1 << max(0, n - 1).bit_length()
    p5 = 1
    while p5 < best:
        p35 = p5
        while p35 < best:
            p = p35
            while p < n:
                p *= 2
            best = min(best, p)
            p35 *= 3
        p5 *= 5
    return best


def resample(x: np.ndarray, src: int, dst: int) -> np.ndarray:
    """``x`` at ``src`` Hz as samples at ``dst`` Hz.

    The spectrum is cut or zero-extended at the lower rate's Nyquist frequency: an ideal low-pass.
    A tenth of a second of padding keeps the transform's wrap-around out of the clip."""
    if src == dst or not len(x):
        return x
    g = math.gcd(src, dst)
    up, down = dst // g, src // g
    blocks = fft_size(-(-(len(x) + src // 10) // down))
    n, m = blocks * down, blocks * up
    spectrum = np.fft.rfft(x, n)
    out = np.zeros(m // 2 + 1, dtype=spectrum.dtype)
    keep = min(len(spectrum), len(out))
    out[:keep] = spectrum[:keep]
    return np.fft.irfft(out, m)[: len(x) * up // down] * (m / n)
