"""check, plan and build find a missing engine or an unknown voice before any work, at its line."""

from __future__ import annotations

import time

import pytest
from conftest import MINIMAL

from voicekit.errors import EngineError
from voicekit.speech.engines.piper_engine import PiperEngine

VOICED = MINIMAL + "voice:\n  engine: {engine}\n  id: {voice}\n"  # engine on line 7, id on line 8


def one_line(ran) -> str:
    assert ran.code == 2 and ran.out == "" and "Traceback" not in ran.err, ran.err
    assert len(ran.err.splitlines()) == 1
    return ran.err.strip()


@pytest.mark.parametrize("command", ["check", "plan"])
def test_an_unknown_engine_is_reported_at_its_line(run_cli, write_seq, cache_dir, command):
    path = write_seq(VOICED.format(engine="espeek", voice="x"))
    line = one_line(run_cli(command, path))
    assert line.startswith(f"voicekit: error: {path}:7: voice: unknown speech engine 'espeek'")


@pytest.mark.parametrize("command", ["check", "plan"])
def test_an_unknown_espeak_voice_is_reported_at_its_line(run_cli, write_seq, cache_dir, command):
    path = write_seq(VOICED.format(engine="pyttsx3", voice="gmw/en-klingon"))
    line = one_line(run_cli(command, path))
    assert line.startswith(f"voicekit: error: {path}:8: voice: unknown voice 'gmw/en-klingon'")
    assert "voicekit voices" in line


def test_a_known_espeak_voice_passes_and_the_list_is_kept_for_next_time(run_cli, write_seq, cache_dir):
    path = write_seq(VOICED.format(engine="pyttsx3", voice="gmw/en-GB-x-rp"))
    assert run_cli("check", path).code == 0
    assert list((cache_dir / "voices").glob("pyttsx3-*.json"))
    started = time.monotonic()
    assert run_cli("check", path).code == 0
    assert time.monotonic() - started < 0.2  # no worker process: the list came from the cache


def test_a_voice_given_on_the_command_line_is_reported_without_a_line(run_cli, write_seq, cache_dir):
    line = one_line(run_cli("plan", write_seq(MINIMAL), "--engine", "fake", "--voice", "middle"))
    assert "unknown voice 'middle'" in line and ".yaml:" not in line


def test_a_build_checks_the_voice_before_any_work(run_cli, write_seq, tmp_path, cache_dir):
    path = write_seq(VOICED.format(engine="pyttsx3", voice="nobody"))
    one_line(run_cli("build", path, "-o", tmp_path / "x.mp3"))
    assert not (tmp_path / "x.mp3").exists() and not (cache_dir / "clips").exists()


def test_a_piper_voice_that_is_a_folder_says_so(tmp_path):
    folder = tmp_path / "voices.onnx"
    folder.mkdir()
    with pytest.raises(EngineError, match=r"is a folder; give the voice's \.onnx file"):
        PiperEngine.check_voice(str(folder))
    with pytest.raises(EngineError, match="is a folder"):
        PiperEngine.check_voice(str(tmp_path))


def test_a_missing_piper_voice_file_is_reported_at_its_line(run_cli, write_seq, tmp_path, cache_dir):
    path = write_seq(VOICED.format(engine="piper", voice=tmp_path / "gone.onnx"))
    line = one_line(run_cli("check", path))
    assert f"{path}:8: voice: the Piper voice file" in line and "does not exist" in line
