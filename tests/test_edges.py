"""Edges found in review: the bed at its limit, pause markup, failed renames, engine overrides, Piper's top speed."""

from __future__ import annotations

import pytest
from audio_tools import RATE
from test_bed import made, voice_lufs

from voicekit.pipeline import build
from voicekit.plan.options import BuildOptions
from voicekit.sound import loudness

FAKE = BuildOptions(engine="fake")
MINIMAL = "title: T\nposes:\n  - name: Rest\n    setup: Lie down.\n    hold: 10s\n"


# At the allowed maximum (level -20) the bed must still be 20 LU under the voice as heard (it measured
# 19.4-19.8 when levelled against the clips' nominal loudness rather than the voice in a session).
def test_bed_at_level_minus_20_stays_20_lu_under_the_voice(tmp_path):
    result, audio = made(tmp_path, "drone20", "bed: {kind: drone, level: -20}")
    t = result.timeline
    voice = voice_lufs(result, audio)
    hold = max((c for c in t.cues if c.text == "hold"), key=lambda c: c.duration)
    bed = loudness.integrated(audio[t.sample(hold.start + 2000, RATE) : t.sample(hold.end - 2000, RATE)], RATE)
    assert voice - bed >= 20


# Written pauses are markup for the engine, yet LRC lyrics, WebVTT captions and the cue sheet show
# "[pause 2s]" to the listener (companions.py uses cue.text, not pacing.words()).
def test_captions_and_lyrics_do_not_show_pause_markup(tmp_path):
    seq = tmp_path / "paced.yaml"
    seq.write_text(MINIMAL.replace("Lie down.", "'Lie down. [pause 2s] Rest.'"))
    build(seq, FAKE, output=tmp_path / "paced.mp3", cache_dir=tmp_path / "cache")
    for suffix in ("lrc", "vtt", "md"):
        assert "[pause" not in (tmp_path / f"paced.{suffix}").read_text(), suffix


# files.replacing renames companions one by one: when a later rename fails (here NAME.json is a
# folder), NAME.md/.lrc/.vtt are already replaced by the failed build, and the error names a temporary.
def test_a_failed_rename_leaves_every_earlier_file_alone(run_cli, tmp_path, cache_dir):
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    out = tmp_path / "out.mp3"
    assert run_cli("build", seq, "--engine", "fake", "-o", out, "-q").code == 0
    before = {p: p.read_bytes() for p in tmp_path.glob("out.*") if p.suffix != ".json"}
    (tmp_path / "out.json").unlink()
    (tmp_path / "out.json").mkdir()
    ran = run_cli("build", seq, "--engine", "fake", "--hold", "1=20s", "-o", out, "-q")
    assert ran.code == 2
    assert {p: p.read_bytes() for p in before} == before  # nothing written
    assert ".part" not in ran.err, ran.err  # the error should name out.json, not the temporary


# files._alive: os.kill raises OverflowError (not OSError) for a PID too large for a C int, so a
# file that merely looks like a temporary (".notes.99999999999-x.part") crashes the build with a traceback.
def test_a_temporary_with_a_huge_pid_does_not_crash_the_build(run_cli, tmp_path, cache_dir):
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    (tmp_path / ".notes.txt.99999999999-abc.part").write_text("x")
    ran = run_cli("build", seq, "--engine", "fake", "-o", tmp_path / "out.mp3", "-q")
    assert ran.code == 0, ran.err


# pipeline.build makes output/ before the engine name is checked: `build s.yaml --engine nope`
# exits 2 but leaves an empty output/ folder (README: "nothing is written").
def test_unknown_engine_writes_nothing(run_cli, tmp_path, cache_dir, monkeypatch):
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    monkeypatch.chdir(tmp_path)
    ran = run_cli("build", seq, "--engine", "nope", "-q")
    assert ran.code == 2
    assert not (tmp_path / "output").exists()


# A typo of the pause markup is spoken aloud instead of reported: loader._PAUSE_LIKE needs "pause\b",
# pacing needs "pause\s+", so "[pauses 3s]" and "[pause3s]" pass validation and reach the engine.
@pytest.mark.parametrize("text", ["Lie down. [pauses 3s] Rest.", "Lie down. [pause3s] Rest."])
def test_misspelt_pause_markup_is_reported(text):
    from voicekit.errors import SequenceError
    from voicekit.sequence.loader import parse_sequence

    with pytest.raises(SequenceError):
        parse_sequence(MINIMAL.replace("Lie down.", f"'{text}'"))


# Piper stops making sense below a length scale of 0.5 (about 275 wpm): faster rates are spoken at
# that speed, and the build says so instead of quietly ignoring the rate.
def test_piper_says_when_a_rate_is_beyond_it(run_cli, tmp_path, cache_dir):
    pytest.importorskip("piper")
    from voicekit.speech.engines.piper_engine import FASTEST_SCALE, fastest_rate, length_scale

    assert 260 <= fastest_rate() <= 290
    assert length_scale(fastest_rate() - 20) > length_scale(fastest_rate()) >= FASTEST_SCALE
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    ran = run_cli("build", seq, "--engine", "piper", "--rate", "400", "-o", tmp_path / "fast.wav", "-q")
    assert ran.code == 0 and f"at most about {fastest_rate()} words per minute" in ran.err, ran.err


# options.apply replaces the engine but keeps the sequence's voice id, so `--engine piper` on a
# sequence that names an espeak-ng voice fails ("unknown Piper voice 'gmw/en-us'"), and the message
# carries the Python class name and an unrelated text ("failed on 'Lie down.': EngineError: ...").
def test_engine_override_does_not_keep_the_other_engines_voice(run_cli, tmp_path, cache_dir):
    pytest.importorskip("piper")
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL.replace("poses:", "voice: {engine: pyttsx3, id: gmw/en-us}\nposes:"))
    ran = run_cli("build", seq, "--engine", "piper", "-o", tmp_path / "out.mp3", "-q")
    assert ran.code == 0, ran.err


# Without an intro, the lead-in belongs to the first pose: no chapter of silence alone.
def test_no_intro_no_empty_introduction_chapter():
    from voicekit.plan.compiler import compile_timeline
    from voicekit.sequence.loader import parse_sequence

    t = compile_timeline(parse_sequence(MINIMAL), BuildOptions(), lambda text, rate: 1000)
    assert [c.title for c in t.chapters] == ["Rest", "Closing"]


# A rate is a whole number of words per minute: 140.7 is reported, not cut to 140.
def test_a_fractional_rate_is_reported():
    from voicekit.errors import SequenceError
    from voicekit.sequence.loader import parse_sequence

    with pytest.raises(SequenceError, match="whole number"):
        parse_sequence(MINIMAL + "    rate: 140.7\n")


# The tags and the JSON say when a build had a bed, chimes or a pose of its own pace.
def test_build_settings_name_the_bed_chimes_and_pose_rates():
    from voicekit.output.metadata import describe, settings
    from voicekit.sequence.loader import parse_sequence

    seq = parse_sequence(MINIMAL + "    rate: 120\nbed: drone\nchimes: true\n")
    text = describe(settings(seq, BuildOptions()))
    assert "bed drone -30 dB" in text and "chimes" in text and "Rest at 120 wpm" in text
