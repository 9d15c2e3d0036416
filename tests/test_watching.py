"""``voicekit build --watch``: a rebuild on every save, errors printed, watching on until Ctrl-C."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest
from helpers import BAD_FILES, MINIMAL, err_of

from voicekit.cli.watching import watched


def read_line(proc: subprocess.Popen, stream: IO[str] | None, timeout: float = 30.0) -> str:
    assert stream is not None
    sel = selectors.DefaultSelector()
    sel.register(stream, selectors.EVENT_READ)
    if not sel.select(timeout):
        proc.kill()
        pytest.fail("no line from voicekit build --watch in time")
    return stream.readline()


def save(path: Path, text: str) -> None:
    """Write ``text`` and move the file's time on, as an editor's save does (whatever the clock's grain)."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text)
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


def watching(seq: Path, out: Path, cache: Path) -> tuple[subprocess.Popen, str]:
    """``voicekit build SEQ --watch`` (fake engine) in a process of its own, and its first build's line."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "voicekit", "build", str(seq), "--engine", "fake", "-o", str(out), "--watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "VOICEKIT_CACHE_DIR": str(cache)},
    )
    try:
        first = read_line(proc, proc.stdout)
        assert first.startswith(f"{out}  "), first
        assert "watching" in read_line(proc, proc.stderr)
    except BaseException:
        proc.kill()
        raise
    return proc, first


def test_an_edit_rebuilds_a_broken_save_is_reported_and_ctrl_c_stops(tmp_path, warm_cache):
    seq = tmp_path / "s.yaml"
    save(seq, MINIMAL)
    out = tmp_path / "s.mp3"
    proc, first = watching(seq, out, warm_cache)
    try:
        assert " 0:" in first  # a line with the length
        save(seq, MINIMAL.replace("hold: 10s", "hold: 40s"))
        second = read_line(proc, proc.stdout)
        assert second != first and f"{out}  " in second  # 30 seconds longer
        save(seq, MINIMAL.replace("hold: 10s", "hold: [10s"))  # saved half-way
        error = read_line(proc, proc.stderr)
        assert error.startswith(f"voicekit: error: {seq}:") and "YAML" in error and proc.poll() is None
        save(seq, MINIMAL.replace("hold: 10s", "hold: 20s"))
        third = read_line(proc, proc.stdout)
        assert third not in (first, second)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
        assert "stopped watching" in err_of(proc)
    finally:
        proc.kill()
    lengths = [line.split()[1].rstrip(",") for line in (first, second, third)]
    seconds = [int(m) * 60 + float(s) for m, s in (length.split(":") for length in lengths)]
    assert [round(b - seconds[0]) for b in seconds] == [0, 30, 10], lengths  # the holds as saved


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=10) == 0
    assert err_of(proc) == "stopped watching\n"


POSE = "poses:\n  - {id: rest, name: Rest, setup: Lie down., hold: HOLD}\n"


# A pose file of the sequence's own library: saved broken (the library is watched still, so saving its fix
# rebuilds), and the sequence saved nested too deep to read (one line, not the end of --watch).
@pytest.mark.parametrize("broken", ["pose-file", "too-deep"])
def test_a_broken_save_is_one_line_and_saving_the_fix_rebuilds(tmp_path, warm_cache, broken):
    (tmp_path / "mine").mkdir()
    pose = tmp_path / "mine" / "p.yaml"
    save(pose, POSE.replace("HOLD", "10s"))
    seq = tmp_path / "s.yaml"
    text = "title: T\nlibrary: mine\nposes:\n  - use: rest\n"
    save(seq, text)
    if broken == "pose-file":
        target, bad, fixed, where = pose, POSE.replace("HOLD", "[10s"), POSE.replace("HOLD", "40s"), f"{seq}:4: "
    else:
        target, bad, fixed, where = seq, BAD_FILES["deep"].decode(), text, f"{seq}"
    proc, _ = watching(seq, tmp_path / "s.mp3", warm_cache)
    try:
        save(target, bad)
        error = read_line(proc, proc.stderr)
        assert error.startswith(f"voicekit: error: {where}") and str(target) in error and proc.poll() is None, error
        save(target, fixed)
        assert read_line(proc, proc.stdout, timeout=15).startswith(f"{tmp_path / 's.mp3'}  ")
        stop(proc)
    finally:
        proc.kill()


def test_the_files_watched_are_the_sequence_its_pose_files_and_the_user_s_pronunciations(tmp_path, config_dir):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "p.yaml").write_text("poses:\n  - {id: rest, name: Rest, setup: Lie down., hold: 1m}\n")
    seq = tmp_path / "s.yaml"
    seq.write_text("title: T\nlibrary: mine\nposes:\n  - use: rest\n")
    files = watched(seq)
    assert files[0] == seq and config_dir / "pronounce.yaml" in files
    assert mine / "p.yaml" in files and any(f.name == "reclining.yaml" for f in files)
