"""espeak-ng through pyttsx3: every setting changes the clip it should, nothing leaks into the next clip,
and a clip depends on its text, voice and rate alone."""

from __future__ import annotations

import numpy as np
import pytest
from audio_tools import rms_db, same_speech
from helpers import clip_samples

from voicekit.errors import EngineError
from voicekit.plan.grid import SAMPLE_RATE
from voicekit.speech.engines.pool import list_voices, run_jobs
from voicekit.speech.make import ClipJob
from voicekit.store import CLIP, Store

TEXT = "Let the whole of your lower back rest on the mat."


def clip(tmp_path, name, voice=None, rate=140, gain=1.0, text=TEXT):
    return ClipJob(text, voice, rate, gain, name, tmp_path / "store")


def samples(job):
    """The job's clip as stored: float samples at 44.1 kHz."""
    x = clip_samples(job.root, job.name)
    assert x is not None, f"no clip was stored for {job.text!r}"
    return x


@pytest.mark.slow
def test_each_setting_changes_its_clip_and_only_that_clip(tmp_path):
    # One worker speaks them in this order, the order in which espeak has been seen to keep the old rate.
    seq = [
        clip(tmp_path, "a_slow", "gmw/en-us", 100),
        clip(tmp_path, "b_fast_other_voice", "gmw/en", 250),
        clip(tmp_path, "c_slow_again", "gmw/en-us", 100),
        clip(tmp_path, "d_quiet", "gmw/en-us", 100, gain=0.5),
    ]
    run_jobs("pyttsx3", seq, workers=1)
    # Reference: each setting alone, in a fresh process.
    fresh_fast = clip(tmp_path, "fresh_fast", "gmw/en", 250)
    run_jobs("pyttsx3", [fresh_fast], workers=1)
    a, b, c, d, ref = (samples(j) for j in [*seq, fresh_fast])

    assert 2.0 < len(a) / len(b) < 3.0  # rate 100 vs 250 words per minute
    assert same_speech(b, ref)  # the voice and the rate both took effect, for this clip
    assert same_speech(c, a)  # and nothing of them leaked into the next one
    assert not same_speech(a, b)  # the measure does tell settings apart
    assert same_speech(d, a * 0.5)
    assert rms_db(d) == pytest.approx(rms_db(a) - 6.02, abs=0.1)  # volume 0.5 is -6 dB


def test_voice_changes_the_sound(tmp_path):
    jobs = [clip(tmp_path, "us", "gmw/en-us"), clip(tmp_path, "f", "gmw/en-us+f3")]
    run_jobs("pyttsx3", jobs, workers=2)
    us, f = (samples(j) for j in jobs)
    spectrum = [np.abs(np.fft.rfft(x[:SAMPLE_RATE])) for x in (us, f)]
    centroid = [float(np.sum(s * np.arange(len(s))) / np.sum(s)) for s in spectrum]
    assert centroid[1] > centroid[0] * 1.1  # the female variant is brighter


def test_unknown_voice_is_an_error_naming_the_fix(tmp_path):
    with pytest.raises(EngineError, match="voicekit voices"):
        run_jobs("pyttsx3", [clip(tmp_path, "x", "no-such-voice")], workers=1)


def test_voices_lists_english():
    ids = [v.id for v in list_voices("pyttsx3")]
    assert "gmw/en-us" in ids and len(ids) > 50


def test_a_cancelled_utterance_is_spoken_again(tmp_path):
    """pyttsx3 cancels a new utterance when espeak still reports the last one playing (seen under load):
    it then says finished with completed=False and writes an empty file. The engine speaks it again."""
    from voicekit.speech.engines.pyttsx3_engine import Pyttsx3Engine

    engine = Pyttsx3Engine()
    engine.synthesize("Ready.", None, 140, tmp_path / "scratch")  # its warm-up utterance is behind it
    real = engine._engine.runAndWait
    calls = []

    def cancelled_once():
        calls.append(1)
        if len(calls) == 1:
            engine._finished(completed=False)  # what pyttsx3 reports for a cancelled utterance
            return
        real()

    engine._engine.runAndWait = cancelled_once
    x, rate = engine.synthesize(TEXT, None, 140, tmp_path / "scratch")
    assert len(calls) == 2
    assert len(x) / rate > 0.5  # the words, not the empty file of the cancelled attempt
    assert not list((tmp_path / "scratch").iterdir())  # its raw file is gone once its samples are read


@pytest.mark.slow
def test_many_clips_under_cpu_load_all_have_audio(tmp_path):
    import subprocess
    import sys

    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        jobs = [clip(tmp_path, f"clip{i}", rate=140 + 10 * (i % 3), text=f"Clip number {i}. {TEXT}") for i in range(40)]
        run_jobs("pyttsx3", jobs, workers=1, timeout_s=30)
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    assert all(len(samples(job)) > SAMPLE_RATE for job in jobs)


def test_the_default_espeak_voice_is_the_one_understood_best(tmp_path):
    """gmw/en-us: pocketsphinx heard more of the shipped practice from it than from any other
    English espeak-ng voice (scripts/intelligibility.py), so it speaks when a sequence names none."""
    jobs = [clip(tmp_path, "default"), clip(tmp_path, "us", "gmw/en-us"), clip(tmp_path, "gb", "gmw/en")]
    run_jobs("pyttsx3", jobs, workers=1)
    default, us, gb = (samples(j) for j in jobs)
    assert same_speech(default, us) and not same_speech(default, gb)


# espeak-ng carries state (its pitch flutter, its wave generator's phase) from one utterance to the
# next; a fresh engine per clip makes the same text come out the same whatever was spoken before it.
@pytest.mark.slow
def test_a_clip_depends_only_on_its_text_voice_and_rate_not_on_what_was_spoken_before(tmp_path):
    texts = [f"{TEXT} Number {n}." for n in range(4)]
    first = [clip(tmp_path, f"a{i}", text=t) for i, t in enumerate(texts)]
    again = [clip(tmp_path, f"b{i}", text=t) for i, t in enumerate(texts)]
    run_jobs("pyttsx3", first, workers=1)
    run_jobs("pyttsx3", again[::-1], workers=1)  # the other way round: other predecessors for each
    store = Store(tmp_path / "store")
    bodies = [[store.get(CLIP, j.name) for j in jobs] for jobs in (first, again)]
    assert None not in bodies[0]
    assert bodies[0] == bodies[1]


@pytest.mark.slow
def test_two_cold_builds_in_fresh_caches_give_byte_identical_files(tmp_path):
    from voicekit.pipeline import build
    from voicekit.plan.options import BuildOptions

    seq = tmp_path / "s.yaml"
    seq.write_text(
        "title: Same\nintro: Welcome to the practice.\npauses: {step: 1s, pose: 1s}\nposes:\n"
        "  - name: Twist\n    sides: [right, left]\n    setup:\n"
        "      - Lie on your back.\n      - Lower your knees to the {side}.\n"
        "    hold: 3 breaths\n    reminders: [Keep both shoulders down.]\n    release: Come back to the centre.\n"
    )
    made = [
        build(seq, BuildOptions(engine="pyttsx3"), output=tmp_path / f"{n}.mp3", cache_dir=tmp_path / f"cache{n}")
        for n in (1, 2)
    ]
    assert made[0].synthesized == made[1].synthesized == 13  # 9 texts, and the breath phrases' 4 variants
    assert made[0].output.read_bytes() == made[1].output.read_bytes()
