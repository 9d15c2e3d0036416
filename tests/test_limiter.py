"""Levelling a clip: the loudness asked for, its true peak under the ceiling, gain everywhere but the peaks."""

from __future__ import annotations

import numpy as np
import pytest
from audio_tools import speechlike, true_peak

from voicekit.plan.grid import SAMPLE_RATE
from voicekit.sound import limiter, loudness


def test_running_min_matches_brute_force():
    rng = np.random.default_rng(3)
    a = rng.random(1000)
    for radius in (1, 7, 50):
        brute = [a[max(0, i - radius) : i + radius + 1].min() for i in range(len(a))]
        assert np.array_equal(limiter.running_min(a, radius), brute)


@pytest.mark.parametrize("seed", range(4))
def test_normalize_hits_the_target_under_the_ceiling(seed):
    x = speechlike(4, seed)
    y = limiter.normalize(x, SAMPLE_RATE, -18.0, -3.0)
    assert loudness.integrated(y, SAMPLE_RATE) == pytest.approx(-18.0, abs=0.06)
    assert true_peak(y) <= -3.0
    # The limiter works around the peaks only: most of the clip is plain gain.
    ratio = y[np.abs(x) > 1e-3] / x[np.abs(x) > 1e-3]
    assert np.mean(np.isclose(ratio, np.max(ratio), rtol=1e-9)) > 0.6


def test_normalize_leaves_silence_alone():
    assert not np.any(limiter.normalize(np.zeros(SAMPLE_RATE), SAMPLE_RATE, -18.0, -3.0))
