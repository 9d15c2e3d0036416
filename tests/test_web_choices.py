"""The page's choices: read and checked as the CLI checks its options, never a path; each names its
own file in the output folder and its build options over the server's defaults."""

from __future__ import annotations

import pytest
from helpers import FAKE

from voicekit.plan.options import BuildOptions
from voicekit.web.choices import BadChoice, Choice, VoiceChoice, offered_voices, parse

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
        ([("hold", "1=20m")], "unknown choice 'hold'; the choices are holds, length, guidance, voice"),
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
