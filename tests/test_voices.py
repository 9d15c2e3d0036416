"""check, plan and build find a missing engine or an unknown voice before any work, at its line."""

from __future__ import annotations

import time

import pytest
from helpers import MINIMAL, assert_one_line_error, entries

from voicekit.store import CLIP, VOICES

VOICED = MINIMAL + "voice:\n  engine: {engine}\n  id: {voice}\n"  # engine on line 7, id on line 8


@pytest.mark.parametrize("command", ["check", "plan"])
def test_an_unknown_engine_is_reported_at_its_line(run_cli, write_seq, cache_dir, command):
    path = write_seq(VOICED.format(engine="espeek", voice="x"))
    line = assert_one_line_error(run_cli(command, path))
    assert line.startswith(f"voicekit: error: {path}:7: voice: unknown speech engine 'espeek'")


@pytest.mark.parametrize("command", ["check", "plan"])
def test_an_unknown_espeak_voice_is_reported_at_its_line(run_cli, write_seq, cache_dir, command):
    path = write_seq(VOICED.format(engine="pyttsx3", voice="gmw/en-klingon"))
    line = assert_one_line_error(run_cli(command, path))
    assert line.startswith(f"voicekit: error: {path}:8: voice: unknown voice 'gmw/en-klingon'")
    assert "voicekit voices" in line


def test_a_known_espeak_voice_passes_and_the_list_is_kept_for_next_time(run_cli, write_seq, cache_dir):
    path = write_seq(VOICED.format(engine="pyttsx3", voice="gmw/en-GB-x-rp"))
    assert run_cli("check", path).code == 0
    assert len(entries(cache_dir, VOICES)) == 1
    started = time.monotonic()
    assert run_cli("check", path).code == 0
    assert time.monotonic() - started < 0.2  # no worker process: the list came from the store


def test_a_voice_given_on_the_command_line_is_reported_without_a_line(run_cli, write_seq, cache_dir):
    line = assert_one_line_error(run_cli("plan", write_seq(MINIMAL), "--engine", "fake", "--voice", "middle"))
    assert "unknown voice 'middle'" in line and ".yaml:" not in line


def test_a_build_checks_the_voice_before_any_work(run_cli, write_seq, tmp_path, cache_dir):
    path = write_seq(VOICED.format(engine="pyttsx3", voice="nobody"))
    assert_one_line_error(run_cli("build", path, "-o", tmp_path / "x.mp3"))
    assert not (tmp_path / "x.mp3").exists() and not entries(cache_dir, CLIP)


def test_an_unknown_engine_writes_nothing(run_cli, tmp_path, cache_dir, monkeypatch):
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(run_cli("build", seq, "--engine", "nope", "-q"), "unknown speech engine 'nope'")
    assert not (tmp_path / "output").exists()
    assert not cache_dir.exists()


def test_a_missing_piper_voice_file_is_reported_at_its_line(run_cli, write_seq, tmp_path, cache_dir):
    path = write_seq(VOICED.format(engine="piper", voice=tmp_path / "gone.onnx"))
    line = assert_one_line_error(run_cli("check", path))
    assert f"{path}:8: voice: the Piper voice file" in line and "does not exist" in line


# With no engine written, the voice id says which engine it is, and is checked against that engine.
@pytest.mark.parametrize(
    ("voice", "message"),
    [
        ("en_GB-nobody-low", "voice: unknown Piper voice 'en_GB-nobody-low'"),
        ("gmw/en-klingon", "voice: unknown voice 'gmw/en-klingon'"),
    ],
    ids=["piper-name", "espeak-id"],
)
def test_a_voice_id_alone_is_checked_against_its_engine_at_its_line(run_cli, write_seq, cache_dir, voice, message):
    path = write_seq(MINIMAL + f"voice:\n  id: {voice}\n")  # the id on line 7
    line = assert_one_line_error(run_cli("check", path))
    assert line.startswith(f"voicekit: error: {path}:7: {message}"), line


def test_every_engine_the_plan_names_is_one_the_speech_stage_can_build():
    from voicekit.plan.speaker import ENGINES
    from voicekit.speech.engines import engine_class

    assert [engine_class(name).__name__ for name in ENGINES] == ["Pyttsx3Engine", "PiperEngine", "FakeEngine"]
