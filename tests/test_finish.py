"""Clip finishing: every clip is levelled to one loudness, whatever the engine, the voice and the rate."""

from __future__ import annotations

import statistics

import pytest
from audio_tools import ebur128, write_wav
from conftest import clip_samples, entries

from voicekit.sequence.model import Voice
from voicekit.speech.synthesis import synthesize
from voicekit.store import Store

VOICES = [Voice(), Voice(id="gmw/en-us+f3"), Voice(id="gmw/en-gb-x-rp", rate=170), Voice(engine="fake")]
VOICES += [Voice(engine="piper")]
TEXTS = [
    "Breathe in.",
    "Now the other side.",
    "Knees level, and let the left side of your waist lengthen.",
    "Rest your calves on the seat of the chair, with the backs of your knees at its edge.",
]


def lufs(cache, name: str, wav) -> float:
    """The integrated loudness of a stored clip, as ffmpeg measures it."""
    return ebur128(write_wav(wav, clip_samples(cache, name)))[0]


@pytest.mark.slow
def test_every_clip_is_level_matched_whatever_the_voice(tmp_path):
    store = Store(tmp_path / "cache")
    levels = []
    for voice in VOICES:
        clips = synthesize([(text, voice.rate) for text in TEXTS], voice, store)
        levels += [lufs(store.root, clips.names[text, voice.rate], tmp_path / "x.wav") for text in TEXTS]
    median = statistics.median(levels)
    assert max(abs(level - median) for level in levels) <= 1.5, levels


@pytest.mark.slow
def test_clips_of_the_shipped_practice_are_level_matched(shipped, tmp_path):
    levels = [lufs(shipped.cache, p.name, tmp_path / "x.wav") for p in entries(shipped.cache, "clip")[:60]]
    speech = [lv for lv in levels if lv > -20.5]  # the bell is levelled by its loudest moment instead
    assert len(speech) == len(levels) - 1
    median = statistics.median(speech)
    assert max(abs(level - median) for level in speech) <= 1.5, speech
