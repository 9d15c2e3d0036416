"""Band-limited resampling: the pitch, the level and the length carry over."""

from __future__ import annotations

import numpy as np
import pytest
from audio_tools import tone

from voicekit.plan.grid import SAMPLE_RATE
from voicekit.sound.resample import resample


@pytest.mark.parametrize("src", [16000, 22050, 24000, 48000])
def test_resample_keeps_pitch_level_and_length(src):
    x = tone(440, 2, -6, src)
    y = resample(x, src, SAMPLE_RATE)
    assert len(y) == len(x) * SAMPLE_RATE // src
    spectrum = np.abs(np.fft.rfft(y[SAMPLE_RATE // 4 : SAMPLE_RATE // 4 + SAMPLE_RATE]))
    assert np.argmax(spectrum) == 440  # one-second window: bin = Hz
    assert 20 * np.log10(np.sqrt(2) * np.std(y[1000:-1000])) == pytest.approx(-6, abs=0.05)
