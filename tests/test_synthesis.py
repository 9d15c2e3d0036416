"""Texts -> clips in the store: only missing clips reach an engine, clips are keyed by everything that
shapes them, and a failing engine names the text it failed on."""

from __future__ import annotations

import pytest
from helpers import PRACTICE, assert_one_line_error

from voicekit.plan.speaker import Speaker
from voicekit.speech.synthesis import synthesize
from voicekit.store import Store

ESPEAK_VOICE, PIPER_VOICE = ("pyttsx3", "gmw/en-us"), ("piper", "en_US-joe-medium")


def test_an_engine_failing_on_one_text_names_it(tmp_path, run_cli, write_seq):
    seq = write_seq(PRACTICE.format(hold="5s").replace("Roll to one side.", "Please FAIL here."))
    ran = run_cli("build", seq, "--engine", "fake", "-o", tmp_path / "x.mp3", "--cache-dir", tmp_path / "c")
    assert_one_line_error(ran, "the fake engine failed on 'Please FAIL here.'")
    assert not (tmp_path / "x.mp3").exists()


def test_only_missing_clips_are_made(tmp_path):
    store = Store(tmp_path)
    voice = Speaker("fake", "low", 140)
    first = synthesize([("Rest here.", 140), ("Breathe.", 140)], voice, store)
    again = synthesize([("Rest here.", 140), ("Breathe.", 120), ("Breathe.", 140)], voice, store)
    assert (first.synthesized, again.synthesized) == (2, 1)  # only the new rate is spoken
    assert again.names[("Rest here.", 140)] == first.names[("Rest here.", 140)]
    assert again.samples[("Breathe.", 120)] > again.samples[("Breathe.", 140)]  # slower, longer


@pytest.mark.slow
def test_both_engines_share_one_store_keyed_by_engine(tmp_path):
    store = Store(tmp_path)
    item = [("Rest here.", 140)]
    espeak, piper = (synthesize(item, Speaker(*v, 140), store) for v in (ESPEAK_VOICE, PIPER_VOICE))
    assert espeak.names[item[0]] != piper.names[item[0]]
    assert synthesize(item, Speaker(*PIPER_VOICE, 140), store).synthesized == 0
