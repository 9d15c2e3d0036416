"""The audio files as phones play them: loudness on two earbuds under the peak ceiling, the same in
every format, for a practice of long texts and one of short cues; and the exact length players
report, for every encoded format."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
from audio_tools import decode, ebur128
from helpers import ESPEAK

from voicekit.pipeline import build
from voicekit.plan.grid import SAMPLE_RATE

FORMATS = ("mp3", "m4a", "wav")

# Mostly short cues: "Breathe in.", counted breaths, two-sided poses with one-line steps. A short
# clip is mostly edges, so levelled by its own loudness it measured quieter in a session.
SHORT_CUES = """\
title: Short cues
intro: Welcome.
pauses: {step: 2s, pose: 3s}
poses:
  - name: Knees to chest
    setup: [Lie on your back., Hug your knees in.]
    hold: 6 breaths
    breath_cues: counted
    release: Feet down.
  - name: Twist
    sides: [right, left]
    setup: [Arms wide., 'Knees to the {side}.']
    hold: 4 breaths
    breath_cues: guided
    reminders: [Shoulders down.]
    release: Knees up.
    transition: Other side.
  - name: Bridge
    setup: [Feet flat., Lift your hips.]
    hold: 5 breaths
    breath_cues: counted
    release: Lower down.
  - name: Figure four
    sides: [right, left]
    setup: ['Cross your {side} ankle.', 'Hold the {other_side} thigh.']
    hold: 5 breaths
    breath_cues: counted
    release: Let go.
    transition: Switch.
  - name: Rest
    setup: [Legs long., Eyes closed.]
    hold: 6 breaths
    breath_cues: guided
outro: Thank you.
"""


@pytest.fixture(scope="module")
def short_cues(tmp_path_factory):
    """SHORT_CUES spoken by espeak-ng, in every format (one store)."""
    tmp = tmp_path_factory.mktemp("short-cues")
    seq = tmp / "short.yaml"
    seq.write_text(SHORT_CUES)
    made = {
        fmt: build(seq, ESPEAK, output=tmp / f"short.{fmt}", cache_dir=tmp / "cache", companions=False)
        for fmt in FORMATS
    }
    return SimpleNamespace(**made)


def practice(request: pytest.FixtureRequest, name: str) -> SimpleNamespace:
    return request.getfixturevalue(name)


_MEASURED: dict[str, dict[str, tuple[float, float]]] = {}


def measured(session: SimpleNamespace) -> dict[str, tuple[float, float]]:
    """(integrated LUFS, true peak dBTP) on two earbuds, by format (each file measured once)."""
    key = str(session.mp3.output)
    if key not in _MEASURED:  # ffmpeg's ebur128 reads about 100x real time here: the three files at once
        with ThreadPoolExecutor(len(FORMATS)) as pool:
            each = pool.map(lambda fmt: ebur128(getattr(session, fmt).output, dualmono=True), FORMATS)
            _MEASURED[key] = dict(zip(FORMATS, each, strict=True))
    found = _MEASURED[key]
    print({fmt: f"{i:.2f} LUFS, {tp:.2f} dBTP" for fmt, (i, tp) in found.items()})
    return found


@pytest.mark.slow
@pytest.mark.parametrize("name", ["shipped", "short_cues"])
def test_loudness_on_two_earbuds_is_minus_16_lufs_under_the_peak_ceiling_in_every_format(request, name):
    session = practice(request, name)
    assert min(getattr(session, fmt).timeline.total for fmt in FORMATS) >= 5 * 60_000  # long enough to mean it
    for fmt, (integrated, true_peak) in measured(session).items():
        assert integrated == pytest.approx(-16.0, abs=1.0), fmt
        assert true_peak <= -1.5, fmt


# LAME leaves speech about 0.4 dB quieter; what goes into it is raised by as much (frames.GAIN_DB).
@pytest.mark.slow
@pytest.mark.parametrize("name", ["shipped", "short_cues"])
def test_every_format_measures_the_same(request, name):
    levels = [integrated for integrated, _ in measured(practice(request, name)).values()]
    assert max(levels) - min(levels) <= 0.2, levels


# Short cues and long texts measure alike in a session (they were 0.8 LU apart).
@pytest.mark.slow
def test_a_practice_of_short_cues_is_as_loud_as_one_of_long_texts(shipped, short_cues):
    long_texts, short = (measured(s)["mp3"][0] for s in (shipped, short_cues))
    print(f"long texts {long_texts:.2f} LUFS, short cues {short:.2f} LUFS")
    assert abs(long_texts - short) <= 0.5


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["mp3", "m4a"])
def test_players_report_the_true_length(shipped, fmt):
    import mutagen

    result = getattr(shipped, fmt)
    total = result.timeline.total / 1000
    assert mutagen.File(result.output).info.length == pytest.approx(total, abs=0.05)
    assert len(decode(result.output)) / SAMPLE_RATE == pytest.approx(total, abs=0.05)
