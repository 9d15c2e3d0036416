"""ffmpeg, the one encoder: found or explained, and a failure is one line that writes nothing."""

from __future__ import annotations

from helpers import PRACTICE, assert_one_line_error

from voicekit import ffmpeg


def test_ffmpeg_missing_says_how_to_install_it(tmp_path, run_cli, write_seq, monkeypatch, cache_dir):
    import imageio_ffmpeg

    def missing():
        raise RuntimeError("no ffmpeg")

    ffmpeg.ffmpeg_exe.cache_clear()
    monkeypatch.setattr(ffmpeg.shutil, "which", lambda name: None)
    monkeypatch.setattr(imageio_ffmpeg, "get_ffmpeg_exe", missing)
    try:
        ran = run_cli("build", write_seq(PRACTICE.format(hold="5s")), "--engine", "fake", "-o", tmp_path / "x.mp3")
    finally:
        ffmpeg.ffmpeg_exe.cache_clear()
    assert_one_line_error(ran, "ffmpeg was not found", "pip install imageio-ffmpeg")
    assert not (tmp_path / "x.mp3").exists()


def test_ffmpeg_failing_is_one_line_and_writes_nothing(tmp_path, run_cli, write_seq, monkeypatch, cache_dir):
    broken = tmp_path / "ffmpeg"
    broken.write_text("#!/bin/sh\necho 'Conversion failed!' >&2\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setattr(ffmpeg, "ffmpeg_exe", lambda: str(broken))
    ran = run_cli("build", write_seq(PRACTICE.format(hold="5s")), "--engine", "fake", "-o", tmp_path / "x.m4a")
    assert_one_line_error(ran, "ffmpeg failed to encode M4A (exit 1): Conversion failed!")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("x.", ".x."))) == []
