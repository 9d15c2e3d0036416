"""The bell that closes a session and the chimes between poses, measured in built files."""

from __future__ import annotations

import statistics

import numpy as np
import pytest
from audio_tools import cue_audio, decode, envelope, onsets, true_peak, voice_lufs
from helpers import FAKE, build_bed

from voicekit.pipeline import build
from voicekit.plan.grid import SAMPLE_RATE
from voicekit.plan.timeline import CueKind
from voicekit.sound import loudness


@pytest.mark.slow
def test_bell_is_audible_never_startling_and_rings_out(shipped):
    audio = decode(shipped.mp3.output)
    cues = shipped.mp3.timeline.cues
    bell = next(c for c in cues if c.kind is CueKind.BELL)
    ring = audio[bell.start * SAMPLE_RATE // 1000 :]
    spoken = [
        audio[c.start * SAMPLE_RATE // 1000 : c.end * SAMPLE_RATE // 1000] for c in cues if c.kind is CueKind.SPEECH
    ]
    voice_peak = max(true_peak(x) for x in spoken)
    voice_level = statistics.median(loudness.integrated(x, SAMPLE_RATE) for x in spoken)
    assert true_peak(ring) <= voice_peak
    assert loudness.momentary_max(ring, SAMPLE_RATE) <= voice_level  # at its loudest, no louder than the voice
    assert loudness.momentary_max(ring, SAMPLE_RATE) >= voice_level - 6  # but clearly heard
    assert np.max(np.abs(audio[-SAMPLE_RATE // 2 :])) < 10 ** (-70 / 20)  # rung out before the file ends


@pytest.mark.slow
def test_chimes_ring_softly_before_each_later_pose(tmp_path):
    result, audio = build_bed(tmp_path, "chimes", "chimes: true", fmt="mp3")
    t = result.timeline
    chimes = [c for c in t.cues if c.kind is CueKind.CHIME]
    assert [c.pose for c in chimes] == ["Second"]  # before each pose after the first
    assert chimes[0] is next(c for c in t.cues if c.pose == "Second")  # the chapter starts with it
    ring = cue_audio(result, audio, CueKind.CHIME)[0]
    bell = cue_audio(result, audio, CueKind.BELL)[0]
    voice = voice_lufs(result, audio)
    chime_max, bell_max = loudness.momentary_max(ring, SAMPLE_RATE), loudness.momentary_max(bell, SAMPLE_RATE)
    assert voice - 12 < chime_max < bell_max  # soft, heard
    assert np.max(np.abs(ring[-SAMPLE_RATE // 4 :])) < 10 ** (-60 / 20)  # rung out before the pose begins


ENDING = """\
title: Ending
outro: Thank you.
{bell}
poses:
  - name: Sit
    setup: Sit tall.
    hold: 20s
    bells: [2s]
"""


def ring_ms(x: np.ndarray, floor_db: float = -60.0) -> int:
    """How long ``x`` sounds: the end of its last 10 ms window above ``floor_db``."""
    loud = np.nonzero(20 * np.log10(envelope(x) + 1e-12) > floor_db)[0]
    return int(loud[-1] + 1) * 10 if len(loud) else 0


@pytest.mark.slow
def test_the_end_bell_choices_and_the_soft_bell_inside_a_hold(tmp_path, warm_cache):
    built = {}
    for choice in ("bowl", "chime", "double", "none"):
        seq = tmp_path / f"{choice}.yaml"
        seq.write_text(ENDING.format(bell=f"bell: {choice}"))
        result = build(seq, FAKE, output=tmp_path / f"{choice}.mp3", cache_dir=warm_cache, companions=False)
        audio = decode(result.output)
        outro = next(c for c in result.timeline.cues if c.text == "Thank you.")
        built[choice] = (result, audio, audio[outro.end * SAMPLE_RATE // 1000 :])  # all that follows the words
    bowl, chime, double, none = (built[c][2] for c in ("bowl", "chime", "double", "none"))
    assert ring_ms(chime) < 6000 < 15_000 < ring_ms(bowl)  # the chime is short
    assert len(none) < SAMPLE_RATE and ring_ms(none) == 0  # no bell: the file ends with the words
    assert not any(c.kind is CueKind.BELL for c in built["none"][0].timeline.cues)
    strikes = [ms - 2000 for ms in onsets(double, rise_db=6)]  # 2s of quiet before the bell
    assert len(strikes) == 2 and abs(strikes[0]) <= 100 and abs(strikes[1] - 4000) <= 100, strikes
    assert len(onsets(bowl, rise_db=6)) == 1
    # The bell inside the hold: softer than the end bell, yet heard.
    result, audio, _ = built["bowl"]
    hold_bell = cue_audio(result, audio, CueKind.HOLD_BELL)[0]
    end_bell = cue_audio(result, audio, CueKind.BELL)[0]
    voice = voice_lufs(result, audio)
    assert (
        voice - 12 < loudness.momentary_max(hold_bell, SAMPLE_RATE) <= loudness.momentary_max(end_bell, SAMPLE_RATE) - 3
    )
    assert np.max(np.abs(envelope(hold_bell))) < np.max(np.abs(envelope(end_bell)))  # its strike too
