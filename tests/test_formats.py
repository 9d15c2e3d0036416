"""The audio files as phones play them: loudness on two earbuds under the peak ceiling, and the exact
length players report, for every encoded format."""

from __future__ import annotations

import pytest
from audio_tools import RATE, decode, ebur128


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["mp3", "m4a"])
def test_loudness_on_two_earbuds_is_minus_16_lufs_under_the_peak_ceiling(shipped, fmt):
    integrated, true_peak = ebur128(getattr(shipped, fmt).output, dualmono=True)
    assert integrated == pytest.approx(-16.0, abs=1.0)
    assert true_peak <= -1.5


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["mp3", "m4a"])
def test_players_report_the_true_length(shipped, fmt):
    import mutagen

    result = getattr(shipped, fmt)
    total = result.timeline.total / 1000
    assert mutagen.File(result.output).info.length == pytest.approx(total, abs=0.05)
    assert len(decode(result.output)) / RATE == pytest.approx(total, abs=0.05)
