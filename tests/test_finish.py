"""Clip finishing: every clip is levelled to one loudness as heard in a session, whatever the engine, the
voice, the rate and the length of the text."""

from __future__ import annotations

import statistics
from pathlib import Path

import numpy as np
import pytest
from audio_tools import ebur128, write_wav
from helpers import clip_samples, entries

from voicekit.plan.grid import SAMPLE_RATE
from voicekit.plan.speaker import Speaker
from voicekit.speech.synthesis import synthesize
from voicekit.store import CLIP, Store

VOICES = [
    Speaker("pyttsx3", "gmw/en-us", 140),
    Speaker("pyttsx3", "gmw/en-us+f3", 140),
    Speaker("pyttsx3", "gmw/en-gb-x-rp", 170),
    Speaker("fake", "low", 140),
    Speaker("piper", "en_US-joe-medium", 140),
]
TEXTS = [
    "Breathe in.",
    "Now the other side.",
    "Knees level, and let the left side of your waist lengthen.",
    "Rest your calves on the seat of the chair, with the backs of your knees at its edge.",
]


def lufs(cache: Path, name: str, wav: Path) -> float:
    """The integrated loudness of a stored clip as it is heard in a session, with quiet either side,
    as ffmpeg measures it. (A short clip alone measures up to 1.8 LU louder than in a session: its
    edges are most of it. Clips are levelled as they are heard.)"""
    quiet = np.zeros(SAMPLE_RATE)
    return ebur128(write_wav(wav, np.concatenate([quiet, clip_samples(cache, name), quiet])))[0]


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
    levels = [lufs(shipped.cache, p.name, tmp_path / "x.wav") for p in entries(shipped.cache, CLIP)[:60]]
    speech = [lv for lv in levels if lv > -20.5]  # the bell is levelled by its loudest moment instead
    assert len(speech) == len(levels) - 1
    median = statistics.median(speech)
    assert max(abs(level - median) for level in speech) <= 1.5, speech
