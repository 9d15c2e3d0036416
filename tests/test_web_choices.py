"""The page's choices: read and checked as the CLI checks its options, never a path; each names its
own file in the output folder and its build options over the server's defaults."""

from __future__ import annotations

import pytest
from helpers import FAKE

from voicekit.plan.options import BuildOptions
from voicekit.plan.speaker import Speaker
from voicekit.web.choices import BadChoice, Choice, parse
from voicekit.web.voices import VoiceChoice, offered_voices

VOICES = (
    VoiceChoice("fake", "low", "Test tone: low"),
    VoiceChoice("pyttsx3", "gmw/en-us", "espeak-ng: English (America)"),
)


def test_the_choices_become_options_and_a_file_name():
    choice = parse({"holds": "long", "voice": "pyttsx3:gmw/en-us"}, VOICES)
    assert choice == Choice("long", voice=VOICES[1])
    assert choice.options(BuildOptions(engine="fake", scale=2)) == BuildOptions(
        holds="long", scale=2, engine="pyttsx3", voice="gmw/en-us"
    )
    assert choice.file_name("lumbar-release") == "lumbar-release-long-pyttsx3-gmw-en-us.mp3"
    assert parse({}, VOICES) == Choice()
    default_voice = parse([("holds", "short"), ("voice", "")], VOICES)
    assert default_voice.options(FAKE) == BuildOptions(holds="short", engine="fake")
    assert Choice("short").file_name("desk-break") == "desk-break-short.mp3"
    fitted = parse({"holds": "short", "length": "20"}, VOICES)
    assert fitted.options(FAKE) == BuildOptions(holds="short", engine="fake", length_ms=1_200_000)
    assert fitted.file_name("desk-break") == "desk-break-20min.mp3"
    assert parse({"length": ""}, VOICES) == Choice()
    quiet = parse({"holds": "long", "guidance": "quiet", "voice": "fake:low"}, VOICES)
    assert quiet.options(FAKE) == BuildOptions(holds="long", engine="fake", voice="low", guidance="quiet")
    assert quiet.file_name("bedtime") == "bedtime-long-quiet-fake-low.mp3"
    assert quiet.query() == {"holds": "long", "guidance": "quiet", "voice": "fake:low"}
    assert parse({"guidance": ""}, VOICES) == Choice()  # as the practice says


@pytest.mark.parametrize(
    ("form", "reason"),
    [
        ([("holds", "Long")], "holds must be one of short, medium, long, not 'Long'"),
        ([("holds", "")], "holds must be one of"),
        ([("voice", "gmw/en-us")], "voice 'gmw/en-us' is not one of the voices offered"),
        ([("voice", "piper:/home/me/voice.onnx")], "is not one of the voices offered"),
        (
            [("hold", "1=20m")],
            "unknown choice 'hold'; the choices are holds, length, guidance, bed, chimes, bell, rest, voice",
        ),
        ([("guidance", "loud")], "guidance must be one of quiet, guided, full, not 'loud'"),
        ([("holds", "long"), ("holds", "short")], "holds is given twice"),
        ([("voice", "x" * 300)], "voice is too long"),
        ([("length", "721")], "length must be a whole number of minutes from 1 to 720, not '721'"),
        ([("length", "²")], "length must be a whole number of minutes"),  # a digit to isdigit(), not to int()
        ([("length", "2.5")], "length must be a whole number of minutes"),
    ],
)
def test_a_bad_choice_says_why(form, reason):
    with pytest.raises(BadChoice) as info:
        parse(form, VOICES)
    assert reason in str(info.value)


def test_the_voices_offered_are_the_english_voices_of_the_engines_named(tmp_path):
    voices = offered_voices(("fake",), tmp_path)
    assert [v.value for v in voices] == ["fake:low", "fake:high"]
    assert offered_voices(("no-such-engine",), tmp_path) == ()


def test_the_sounds_and_the_final_rest_are_choices_each_with_a_file_of_its_own():
    from voicekit.pipeline import load

    sequence = load("lumbar-release")  # no bed, no chimes, the bowl; ends in a 5-8 minute rest
    choice = parse({"holds": "short", "bed": "drone", "chimes": "on", "bell": "double", "rest": "10"}, VOICES)
    assert choice.file_name("lumbar-release") == "lumbar-release-short-drone-chimes-bell-double-rest10.mp3"
    changed = choice.applied(sequence)
    assert changed.bed is not None
    assert (changed.bed.kind, changed.chimes, changed.bell) == ("drone", True, "double")
    assert choice.options(FAKE, sequence).overrides == ((str(len(sequence.poses)), "10m"),)
    # The practice's own, named: no choice at all, one version one file.
    own = parse({"holds": "short", "bed": "none", "chimes": "off", "bell": "bowl", "rest": "5"}, VOICES)
    assert own.normal(sequence, default_voice=_speaker("fake", "low")) == Choice("short")
    assert parse({"voice": "fake:low"}, VOICES).normal(sequence, _speaker("fake", "low")) == Choice()
    assert Choice("medium", bed="none").applied(sequence).bed is None


@pytest.mark.parametrize(
    "form",
    [
        {"holds": "long"},
        {"length": "20", "bed": "brown-noise", "voice": "pyttsx3:gmw/en-us"},
        {"holds": "short", "chimes": "off", "bell": "none", "rest": "3", "bed": "none"},
        {"holds": "medium", "bell": "chime", "voice": "fake:low"},
    ],
)
def test_a_version_s_file_name_reads_back_as_its_practice_and_choice(form):
    from voicekit.web.choices import from_file_name

    choice = parse(form, VOICES)
    name = choice.file_name("lumbar-release-de")
    assert from_file_name(name, ["lumbar-release", "lumbar-release-de", "desk-break"], VOICES) == (
        "lumbar-release-de",
        choice,
    )
    assert from_file_name("lumbar-release-de-forever.mp3", ["lumbar-release-de"], VOICES) is None


def test_a_long_list_of_choices_still_names_a_file_of_its_own():
    long = VoiceChoice("piper", "de_DE-thorsten-emotional-medium-with-a-long-name", "Piper: Thorsten")
    one = Choice("medium", bed="brown-noise", chimes=False, bell="double", rest=15, voice=long)
    other = Choice("medium", bed="brown-noise", chimes=False, bell="double", rest=20, voice=long)
    assert len(one.file_name("lumbar-release-de")) <= 84 and one.file_name("x") != other.file_name("x")
    assert one.file_name("lumbar-release-de") != other.file_name("lumbar-release-de")


def test_the_voice_menu_has_each_voice_once_the_practice_s_language_first_and_no_shavian(tmp_path):
    from voicekit.language.page import words
    from voicekit.web.menus import voice_menu

    voices = offered_voices(("pyttsx3",), tmp_path)
    ids = [v.id for v in voices]
    assert len(ids) == len(set(ids)) and "gmw/de" in ids and "gmw/en-us" in ids
    assert not [i for i in ids if "shaw" in i]
    menu = voice_menu(words("de"), "de", voices, _speaker("pyttsx3", "gmw/de"))
    (own_group, own), (others_group, others) = menu
    assert own_group == "" and own[0] == ("", "espeak-ng: German (die Stimme der Übung)")
    assert others_group == "Andere Sprachen" and ("pyttsx3:gmw/en-us", "espeak-ng: English (America)") in others
    assert "pyttsx3:gmw/de" not in [value for value, _ in own + others]  # the practice's own, named once


def test_hold_lengths_read_apart_when_minutes_would_read_alike():
    from voicekit.language.page import words
    from voicekit.web.menus import hold_lengths

    assert hold_lengths(words("en"), (540_000, 600_000, 720_000)) == ["9 min", "10 min", "12 min"]
    assert hold_lengths(words("de"), (570_000, 612_000, 630_400)) == ["9:30", "10:12", "10:30"]


def _speaker(engine: str, voice: str) -> Speaker:
    return Speaker(engine, voice, 140)
