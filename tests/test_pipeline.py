"""End to end through espeak-ng and ffmpeg: the built file sounds where the plan says, a rebuild with
other holds speaks nothing new, and a plan made afterwards is the timeline that was built."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from audio_tools import decode, loud_spans, rms_db
from helpers import ESPEAK, JOIN_OPTIONS

from voicekit.pipeline import build, plan
from voicekit.plan.grid import SAMPLE_RATE
from voicekit.plan.options import BuildOptions
from voicekit.plan.timeline import CueKind

SHORT = """\
title: Short test practice
intro: Welcome to this short test.
pauses: {step: 1.5s, pose: 2s}
poses:
  - name: Twist
    sides: [right, left]
    setup:
      - Lie on your back.
      - Lower your knees to the {side}.
    hold: 2 breaths
    breath_cues: silent
    reminders: [Knees level.]
    release: Come back to the centre.
outro: That is all.
"""

TOLERANCE_MS = 100


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    seq = tmp / "short.yaml"
    seq.write_text(SHORT)
    result = build(seq, ESPEAK, output=tmp / "short.mp3", cache_dir=tmp / "cache")
    return result, decode(result.output), tmp


def test_length_matches_the_plan(built):
    result, audio, _ = built
    assert abs(len(audio) * 1000 / SAMPLE_RATE - result.timeline.total) <= 50


def test_speech_where_the_plan_says_and_silence_elsewhere(built):
    result, audio, _ = built
    speech = [c for c in result.timeline.cues if c.kind is CueKind.SPEECH]
    spans = loud_spans(audio, min_gap_ms=900)
    bell = next(c for c in result.timeline.cues if c.kind is CueKind.BELL)
    spans_before_bell = [s for s in spans if s[0] < bell.start - TOLERANCE_MS]
    assert len(spans_before_bell) == len(speech), (spans_before_bell, [(c.start, c.end, c.text) for c in speech])
    for cue, (start, end) in zip(speech, spans_before_bell, strict=True):
        assert abs(start - cue.start) <= TOLERANCE_MS, cue.text
        assert abs(end - cue.end) <= TOLERANCE_MS, cue.text


def test_bell_rings_out_at_the_end(built):
    result, audio, _ = built
    bell = next(c for c in result.timeline.cues if c.kind is CueKind.BELL)
    assert bell is result.timeline.cues[-1]
    start = loud_spans(audio)[-1][0]
    assert abs(start - bell.start) <= TOLERANCE_MS
    seconds = [rms_db(audio[int((bell.start / 1000 + k) * SAMPLE_RATE) :][:SAMPLE_RATE]) for k in range(0, 20, 4)]
    assert all(a > b for a, b in itertools.pairwise(seconds)), seconds  # decays
    assert seconds[0] > -30  # clearly audible
    assert rms_db(audio[-SAMPLE_RATE // 2 :]) < -70  # and gone before the file ends
    assert np.max(np.abs(audio)) < 10 ** (-1.0 / 20)


def test_fade_in_at_the_start(built):
    _, audio, _ = built
    assert np.max(np.abs(audio[: SAMPLE_RATE // 2])) < 1e-3  # lead-in is silent
    first = int(loud_spans(audio)[0][0] * SAMPLE_RATE / 1000)
    early = np.max(np.abs(audio[first : first + SAMPLE_RATE // 10]))
    later = np.max(np.abs(audio[first + SAMPLE_RATE : first + 2 * SAMPLE_RATE]))
    assert early < later


def test_rebuild_with_other_holds_synthesizes_nothing(built):
    first, _, tmp = built
    seq = tmp / "short.yaml"
    again = build(
        seq, BuildOptions(engine="pyttsx3", holds="long", scale=2.0), output=tmp / "long.wav", cache_dir=tmp / "cache"
    )
    assert again.synthesized == 0
    assert first.synthesized > 0
    # Two holds (one per side) of 2 more breaths each, each rounded to whole MP3 frames (26 ms).
    assert abs(again.timeline.total - first.timeline.total - 2 * (2 * 2 * 10_000 - 2 * 10_000)) <= 2 * 27
    assert abs(len(decode(again.output)) * 1000 / SAMPLE_RATE - again.timeline.total) <= 50


def test_plan_uses_real_lengths_of_stored_clips(built):
    result, _, tmp = built
    assert plan(tmp / "short.yaml", ESPEAK, cache_dir=tmp / "cache") == result.timeline


def test_plan_and_build_agree_on_the_grid(joined):
    assert plan(joined.seq, JOIN_OPTIONS, cache_dir=joined.cache) == joined.timeline
