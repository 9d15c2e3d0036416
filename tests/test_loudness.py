"""Loudness and true peak as BS.1770 measures them, checked against ffmpeg's ebur128 and by construction."""

from __future__ import annotations

import numpy as np
import pytest
from audio_tools import ebur128, speechlike, tone, true_peak, write_wav

from voicekit.plan.grid import SAMPLE_RATE
from voicekit.sound import loudness, wav


@pytest.mark.parametrize(
    "signal",
    [tone(1000, 3, -20), tone(100, 2, -10), tone(5000, 1.5, -25), speechlike(), speechlike(0.3)],
    ids=["1k", "100Hz", "5k", "speechlike", "shorter-than-a-block"],
)
def test_integrated_and_true_peak_agree_with_ffmpeg(signal, tmp_path):
    path = write_wav(tmp_path / "x.wav", signal)
    x, rate = wav.read(path)
    assert rate == SAMPLE_RATE
    integrated, peak = ebur128(path)
    if len(x) >= 0.4 * SAMPLE_RATE:  # ffmpeg has no block to measure in a shorter clip
        assert loudness.integrated(x, SAMPLE_RATE) == pytest.approx(integrated, abs=0.1)
    assert true_peak(x) == pytest.approx(peak, abs=0.2)


@pytest.mark.slow
def test_gating_ignores_how_much_silence_there_is():
    x = tone(1000, 2, -20)
    some, lots = (np.concatenate([np.zeros(SAMPLE_RATE * s), x, np.zeros(SAMPLE_RATE * s)]) for s in (1, 60))
    assert loudness.integrated(lots, SAMPLE_RATE) == pytest.approx(loudness.integrated(some, SAMPLE_RATE), abs=0.01)
    assert loudness.integrated(np.zeros(SAMPLE_RATE), SAMPLE_RATE) == -np.inf


def test_true_peak_finds_peaks_between_samples():
    # A quarter-rate sine sampled at +-45 degrees: every sample is at 0.707 of the real peak.
    n = np.arange(4000)
    x = 0.5 * np.sin(2 * np.pi * n / 4 + np.pi / 4)
    assert 20 * np.log10(np.max(np.abs(x))) == pytest.approx(-9.03, abs=0.05)
    assert true_peak(x) == pytest.approx(-6.02, abs=0.15)
