"""Loudness, true peak, the limiter and the resampler, checked against ffmpeg's ebur128 and by construction."""

from __future__ import annotations

import numpy as np
import pytest
from audio_tools import ebur128

from voicekit.sound import limiter as level
from voicekit.sound import loudness
from voicekit.speech.finish import SAMPLE_RATE, read_wav, resample, write_wav

RATE = SAMPLE_RATE


def tone(freq: float, seconds: float, db: float, rate: int = RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return 10 ** (db / 20) * np.sin(2 * np.pi * freq * t)


def speechlike(seconds: float = 3.0, seed: int = 0) -> np.ndarray:
    """Bursts of filtered noise with sharp peaks: loudness and peaks far apart, like espeak-ng."""
    rng = np.random.default_rng(seed)
    x = np.convolve(rng.standard_normal(int(seconds * RATE)), np.hanning(9), "same") * 0.05
    syllables = (np.sin(2 * np.pi * 3.5 * np.arange(len(x)) / RATE) > 0).astype(float)
    x *= syllables
    x[rng.integers(0, len(x), 8)] = rng.choice([-0.98, 0.98], 8)  # clicks and plosives
    return x


@pytest.mark.parametrize(
    "signal",
    [tone(1000, 3, -20), tone(100, 2, -10), tone(5000, 1.5, -25), speechlike(), speechlike(0.3)],
    ids=["1k", "100Hz", "5k", "speechlike", "shorter-than-a-block"],
)
def test_integrated_and_true_peak_agree_with_ffmpeg(signal, tmp_path):
    path = tmp_path / "x.wav"
    write_wav(path, signal)
    x, _ = read_wav(path)
    integrated, peak = ebur128(path)
    if len(x) >= 0.4 * RATE:  # ffmpeg has no block to measure in a shorter clip
        assert loudness.integrated(x, RATE) == pytest.approx(integrated, abs=0.1)
    assert loudness.true_peak(x) == pytest.approx(peak, abs=0.2)


def test_gating_ignores_how_much_silence_there_is():
    x = tone(1000, 2, -20)
    some, lots = (np.concatenate([np.zeros(RATE * s), x, np.zeros(RATE * s)]) for s in (1, 60))
    assert loudness.integrated(lots, RATE) == pytest.approx(loudness.integrated(some, RATE), abs=0.01)
    assert loudness.integrated(np.zeros(RATE), RATE) == -np.inf


def test_true_peak_finds_peaks_between_samples():
    # A quarter-rate sine sampled at +-45 degrees: every sample is at 0.707 of the real peak.
    n = np.arange(4000)
    x = 0.5 * np.sin(2 * np.pi * n / 4 + np.pi / 4)
    assert 20 * np.log10(np.max(np.abs(x))) == pytest.approx(-9.03, abs=0.05)
    assert loudness.true_peak(x) == pytest.approx(-6.02, abs=0.15)


def test_running_min_matches_brute_force():
    rng = np.random.default_rng(3)
    a = rng.random(1000)
    for radius in (1, 7, 50):
        brute = [a[max(0, i - radius) : i + radius + 1].min() for i in range(len(a))]
        assert np.array_equal(level.running_min(a, radius), brute)


@pytest.mark.parametrize("seed", range(4))
def test_normalize_hits_the_target_under_the_ceiling(seed):
    x = speechlike(4, seed)
    y = level.normalize(x, RATE, -18.0, -3.0)
    assert loudness.integrated(y, RATE) == pytest.approx(-18.0, abs=0.06)
    assert loudness.true_peak(y) <= -3.0
    # The limiter works around the peaks only: most of the clip is plain gain.
    ratio = y[np.abs(x) > 1e-3] / x[np.abs(x) > 1e-3]
    assert np.mean(np.isclose(ratio, np.max(ratio), rtol=1e-9)) > 0.6


def test_normalize_leaves_silence_alone():
    assert not np.any(level.normalize(np.zeros(RATE), RATE, -18.0, -3.0))


@pytest.mark.parametrize("src", [16000, 22050, 24000, 48000])
def test_resample_keeps_pitch_level_and_length(src):
    x = tone(440, 2, -6, src)
    y = resample(x, src, RATE)
    assert len(y) == len(x) * RATE // src
    spectrum = np.abs(np.fft.rfft(y[RATE // 4 : RATE // 4 + RATE]))
    assert np.argmax(spectrum) == 440  # one-second window: bin = Hz
    assert 20 * np.log10(np.sqrt(2) * np.std(y[1000:-1000])) == pytest.approx(-6, abs=0.05)
