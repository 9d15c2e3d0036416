"""``voicekit say TEXT``: a short sample of any text in any voice (300 ms of quiet, the words levelled
like any clip and not faded in, 700 ms after), written where a build would write, the user's
pronunciations applied."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from audio_tools import decode, ebur128, loud_spans, write_wav
from helpers import (
    ESPEAK,
    FAKE,
    PRACTICE,
    assert_one_line_error,
    clip_samples,
    earlier_build,
    entries,
    needs_piper,
    sequence_error,
)

from voicekit.pipeline import build
from voicekit.pipeline.sample import say
from voicekit.plan.estimate import fake_clip_ms
from voicekit.plan.grid import SAMPLE_RATE
from voicekit.plan.options import BuildOptions
from voicekit.plan.timeline import CueKind
from voicekit.store import CLIP

TEXT = "Let the breath be easy, and let the shoulders soften."


def speech_cue(result):
    (cue,) = [c for c in result.timeline.cues if c.kind is CueKind.SPEECH]
    return cue


@pytest.fixture(scope="module")
def spoken(tmp_path_factory):
    """TEXT said by espeak-ng as an MP3 and as a WAV (one store), both decoded."""
    tmp = tmp_path_factory.mktemp("say")
    mp3 = say(TEXT, ESPEAK, output=tmp / "say.mp3", cache_dir=tmp / "cache")
    wav = say(TEXT, ESPEAK, output=tmp / "say.wav", cache_dir=tmp / "cache")
    return mp3, wav, decode(mp3.output), decode(wav.output), tmp


def test_the_sample_is_as_long_as_its_timeline(spoken):
    mp3, wav, mp3_audio, wav_audio, _ = spoken
    assert mp3.timeline == wav.timeline
    assert (mp3.synthesized, wav.synthesized) == (1, 0)  # the second sample reused the clip
    samples = mp3.timeline.sample(mp3.timeline.total, SAMPLE_RATE)
    assert len(mp3_audio) == len(wav_audio) == samples


@pytest.mark.parametrize("fmt", ["mp3", "wav"])
def test_the_words_start_after_300_ms_and_end_with_their_cue_700_ms_before_the_end(spoken, fmt):
    result, audio = (spoken[0], spoken[2]) if fmt == "mp3" else (spoken[1], spoken[3])
    cue = speech_cue(result)
    ((start, end),) = loud_spans(audio, min_gap_ms=1000)
    assert abs(start - 300) <= 100 and abs(cue.start - 300) <= 30
    assert abs(end - cue.end) <= 100
    assert result.timeline.total - cue.end == pytest.approx(700, abs=30)


def test_the_words_are_not_faded_in(spoken):
    _, wav, _, audio, tmp = spoken
    cue = speech_cue(wav)
    clip = clip_samples(tmp / "cache", next(iter(entries(tmp / "cache", CLIP))).name)
    at = wav.timeline.sample(cue.start, SAMPLE_RATE)
    assert np.allclose(audio[at : at + len(clip)], clip, atol=1.5 / 32768)  # the clip exactly, from its first sample
    assert not np.any(audio[:at]) and not np.any(audio[at + len(clip) :])


# The words are levelled like any clip: as loud as the clips of a practice, in the MP3 too.
@pytest.mark.slow
def test_the_words_are_as_loud_as_a_clip_of_a_build(spoken, tmp_path):
    mp3, _, audio, _, _ = spoken
    cue = speech_cue(mp3)
    words = audio[mp3.timeline.sample(cue.start, SAMPLE_RATE) : mp3.timeline.sample(cue.end, SAMPLE_RATE)]
    sample_lufs = ebur128(write_wav(tmp_path / "words.wav", words))[0]
    seq = tmp_path / "p.yaml"
    seq.write_text(PRACTICE.format(hold="5s"))
    build(seq, ESPEAK, output=tmp_path / "p.wav", cache_dir=tmp_path / "cache", companions=False)
    clips = [clip_samples(tmp_path / "cache", p.name) for p in entries(tmp_path / "cache", CLIP)]
    levels = [
        ebur128(write_wav(tmp_path / f"c{i}.wav", x))[0] for i, x in enumerate(clips) if len(x) < 10 * SAMPLE_RATE
    ]
    speech = [lv for lv in levels if lv > -20.5]  # not the bell, levelled by its loudest moment
    assert len(speech) >= 4
    assert all(abs(sample_lufs - lv) <= 1.5 for lv in speech), (sample_lufs, speech)


def test_the_tags_name_the_text_and_the_voice(spoken):
    from mutagen.id3 import ID3

    tags = ID3(spoken[0].output)
    assert str(tags["TIT2"]) == TEXT
    assert "voice pyttsx3 gmw/en-us 140 wpm" in str(tags.getall("COMM")[0])


def test_a_faster_rate_makes_a_shorter_sample(tmp_path, warm_cache):
    slow, fast = (
        say(TEXT, BuildOptions(engine="fake", rate=r), tmp_path / f"{r}.wav", cache_dir=warm_cache) for r in (100, 200)
    )
    words = [speech_cue(r).duration for r in (slow, fast)]
    assert words[0] == pytest.approx(fake_clip_ms(TEXT, 100), abs=60)  # to whole MP3 frames, codec delay included
    assert words[1] == pytest.approx(fake_clip_ms(TEXT, 200), abs=60)
    assert len(decode(slow.output)) - len(decode(fast.output)) == pytest.approx(
        (words[0] - words[1]) * SAMPLE_RATE / 1000, abs=SAMPLE_RATE * 0.03
    )


# --- the command ------------------------------------------------------------------------------------


def test_say_writes_output_say_mp3_making_the_folder_and_prints_it(run_cli, tmp_path, monkeypatch, warm_cache):
    monkeypatch.chdir(tmp_path)
    ran = run_cli("say", "Rest here now.", "--engine", "fake")
    assert ran.code == 0, ran.err
    out = Path("output") / "say.mp3"
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == ["say.mp3"]  # no companions, no temporaries
    seconds = len(decode(out)) / SAMPLE_RATE
    assert ran.out == f"{out}  {seconds:.1f}s, fake low\n"
    assert run_cli("say", "Rest here now.", "--engine", "fake", "--rate", "120").code == 0  # and replaces its own


def test_say_o_writes_a_wav_where_asked(run_cli, tmp_path, warm_cache):
    out = tmp_path / "sample.wav"
    ran = run_cli("say", "Rest here now.", "--engine", "fake", "--voice", "high", "-o", out)
    assert ran.code == 0, ran.err
    assert ran.out.startswith(f"{out}  ") and ran.out.rstrip().endswith("fake high")
    assert out.read_bytes()[:4] == b"RIFF"
    assert len(decode(out)) / SAMPLE_RATE == pytest.approx(
        (300 + fake_clip_ms("Rest here now.", 140) + 700) / 1000, abs=0.06
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample.wav"]


def test_say_names_the_espeak_voice_it_used(run_cli, tmp_path, warm_cache):
    ran = run_cli("say", "Rest.", "--engine", "espeak-ng", "-o", tmp_path / "s.mp3")
    assert ran.code == 0, ran.err
    assert ran.out.rstrip().endswith(", pyttsx3 gmw/en-us")


@pytest.mark.parametrize("text", ["", "   ", "<break time='1s'/>", "[pause 2s]", "..."])
def test_a_text_with_nothing_to_say_is_one_error_line(run_cli, tmp_path, warm_cache, text):
    ran = run_cli("say", text, "--engine", "fake", "-o", tmp_path / "s.mp3")
    assert_one_line_error(ran, "the text to say")
    assert not list(tmp_path.iterdir())


# What a sequence refuses, say refuses, in words for an argument (no key, pose or step to speak of).
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Rest \udcff now.", "the text to say has the byte 0xff, which is not UTF-8; give it as UTF-8 text"),
        ("Rest \ud800 now.", "the text to say has '\\ud800', not a character; give it as UTF-8 text"),
        ("Rest \x1b[31m now.", "the text to say has the control character '\\x1b' in it; delete it"),
        ("Rest \x7f now.", "the text to say has the control character '\\x7f' in it; delete it"),
        ("[[h@l@U]]", "the text to say is only markup ([[...]] and <tags> are never spoken); write the words"),
        ("Turn to the {side}.", "{side} is filled in only in a practice's texts; write the words themselves"),
        ("Rest. " * 200, "the text to say is 1199 characters; split it into parts of at most 1000"),
    ],
)
def test_say_refuses_what_a_sequence_refuses_in_words_for_an_argument(run_cli, tmp_path, warm_cache, text, message):
    line = assert_one_line_error(run_cli("say", text, "--engine", "fake", "-o", tmp_path / "s.mp3"), message)
    assert not any(word in line for word in ("key", "pose", "step")), line
    assert not list(tmp_path.iterdir())


def test_a_sequence_refuses_the_control_characters_say_refuses():
    from voicekit.sequence.texts import CONTROL

    for char in ("\x1b", "\x7f", "\x85"):
        assert CONTROL.search(char)
        escaped = f"\\x{ord(char):02x}"
        error = sequence_error(PRACTICE.format(hold="10s").replace("Thank you.", f'"Thank {escaped} you."'))
        assert f"the control character {char!r} is not allowed" in str(error)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{tmp}/missing/s.mp3"], "does not exist"),
        (["-o", "{tmp}/s.ogg"], "end it in .mp3, .m4a or .wav"),
        (["--engine", "nope"], "unknown speech engine 'nope'"),
        (["--voice", "middle"], "unknown voice 'middle'"),
        (["--rate", "5"], "--rate must be between 80 and 400"),
    ],
)
def test_say_mistakes_are_one_line_and_write_nothing(run_cli, tmp_path, warm_cache, args, message):
    args = [a.format(tmp=tmp_path) for a in args]
    base = [] if "--engine" in args else ["--engine", "fake"]
    assert_one_line_error(run_cli("say", "Rest.", *base, *args), message)
    assert not list(tmp_path.iterdir())


def test_say_never_writes_over_a_file_voicekit_did_not_make(run_cli, tmp_path, warm_cache):
    mine = tmp_path / "song.mp3"
    mine.write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x00" + bytes(4000))
    assert_one_line_error(run_cli("say", "Rest.", "--engine", "fake", "-o", mine), "song.mp3")
    assert mine.read_bytes()[:3] == b"ID3" and len(mine.read_bytes()) == 4010
    earlier = tmp_path / "earlier.mp3"
    earlier_build(earlier)
    assert run_cli("say", "Rest.", "--engine", "fake", "-o", earlier).code == 0  # one of its own: replaced


def test_the_user_s_pronunciations_apply(tmp_path, config_dir, warm_cache):
    plain = say("Rest in Pindasana.", FAKE, tmp_path / "plain.wav", cache_dir=warm_cache)
    (config_dir / "pronounce.yaml").write_text("pindasana: pin dah sah nah\n")
    said = say("Rest in Pindasana.", FAKE, tmp_path / "said.wav", cache_dir=warm_cache)
    assert said.synthesized == 1
    assert speech_cue(said).text == "Rest in Pindasana."  # the tags and the timeline keep the written words
    assert speech_cue(said).duration == pytest.approx(fake_clip_ms("Rest in pin dah sah nah.", 140), abs=60)
    assert speech_cue(said).duration > 1.8 * speech_cue(plain).duration


@needs_piper
@pytest.mark.slow
def test_say_with_no_engine_named_speaks_with_piper_s_joe(run_cli, tmp_path, cache_dir):
    ran = run_cli("say", "Rest here now.", "-o", tmp_path / "joe.mp3")
    assert ran.code == 0, ran.err
    assert ran.out.rstrip().endswith(", piper en_US-joe-medium")
    assert loud_spans(decode(tmp_path / "joe.mp3"))
