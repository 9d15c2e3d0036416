"""The bell that closes a session and the chimes between poses, measured in built files."""

from __future__ import annotations

import statistics

import numpy as np
import pytest
from audio_tools import RATE, cue_audio, decode, voice_lufs
from conftest import build_bed

from voicekit.plan.timeline import CueKind
from voicekit.sound import loudness


@pytest.mark.slow
def test_bell_is_audible_never_startling_and_rings_out(shipped):
    audio = decode(shipped.mp3.output)
    cues = shipped.mp3.timeline.cues
    bell = next(c for c in cues if c.kind is CueKind.BELL)
    ring = audio[bell.start * RATE // 1000 :]
    spoken = [audio[c.start * RATE // 1000 : c.end * RATE // 1000] for c in cues if c.kind is CueKind.SPEECH]
    voice_peak = max(loudness.true_peak(x) for x in spoken)
    voice_level = statistics.median(loudness.integrated(x, RATE) for x in spoken)
    assert loudness.true_peak(ring) <= voice_peak
    assert loudness.momentary_max(ring, RATE) <= voice_level  # at its loudest, no louder than the voice
    assert loudness.momentary_max(ring, RATE) >= voice_level - 6  # but clearly heard
    assert np.max(np.abs(audio[-RATE // 2 :])) < 10 ** (-70 / 20)  # rung out before the file ends


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
    assert voice - 12 < loudness.momentary_max(ring, RATE) < loudness.momentary_max(bell, RATE)  # soft, heard
    assert np.max(np.abs(ring[-RATE // 4 :])) < 10 ** (-60 / 20)  # rung out before the pose begins
