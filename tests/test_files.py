"""Outputs: never the input, never a device or somebody's file, symlinks followed, whole sets renamed
under a lock, a full disk named by the file it was for."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from audio_tools import RATE, decode
from conftest import MINIMAL, earlier_build

from voicekit.errors import ExportError
from voicekit.output import files
from voicekit.output.provenance import made_by_voicekit

PREFIX = "voicekit: error: "


def one_line(ran, *fragments: str) -> str:
    assert ran.code == 2, ran.err
    assert "Traceback" not in ran.err
    lines = ran.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(PREFIX), ran.err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def build(run_cli, *args):
    return run_cli("build", *args, "--engine", "fake", "-q")


# --- a build never overwrites its input ------------------------------------------------------------


def test_a_json_sequence_is_not_replaced_by_its_json_companion(run_cli, tmp_path, cache_dir):
    seq = tmp_path / "short.json"  # JSON is YAML: a sequence may be written in it
    seq.write_text(json.dumps({"title": "T", "poses": [{"name": "Rest", "setup": "Lie down.", "hold": "10s"}]}))
    before = seq.read_bytes()
    line = one_line(build(run_cli, seq, "-o", tmp_path / "short.mp3"), "short.json", "--no-companions")
    assert "is the sequence being built" in line
    assert seq.read_bytes() == before
    assert (
        sorted(p.name for p in tmp_path.iterdir()) == ["cache", "short.json"] or not (tmp_path / "short.mp3").exists()
    )
    assert build(run_cli, seq, "-o", tmp_path / "short.mp3", "--no-companions").code == 0
    assert seq.read_bytes() == before


def test_a_sequence_without_a_suffix_is_not_replaced_by_the_audio(run_cli, tmp_path, cache_dir):
    seq = tmp_path / "practice"
    seq.write_text(MINIMAL)
    one_line(build(run_cli, seq, "-o", seq, "--format", "mp3"), "is the sequence being built", "another -o")
    assert seq.read_text() == MINIMAL
    link = tmp_path / "alias.mp3"  # the same file by another name
    link.symlink_to(seq)
    one_line(build(run_cli, seq, "-o", link), "is the sequence being built")
    assert seq.read_text() == MINIMAL and link.is_symlink()


# --- only regular files are replaced ---------------------------------------------------------------


def test_a_device_is_refused(run_cli, write_seq, cache_dir):
    one_line(
        build(run_cli, write_seq(MINIMAL), "-o", "/dev/null", "--format", "mp3"), "/dev/null is a character device"
    )
    assert Path("/dev/null").is_char_device()


def test_a_fifo_is_refused_without_waiting_for_a_reader(run_cli, write_seq, tmp_path, cache_dir):
    fifo = tmp_path / "pipe.mp3"
    os.mkfifo(fifo)
    one_line(build(run_cli, write_seq(MINIMAL), "-o", fifo), "is a FIFO")
    assert fifo.is_fifo()


def test_a_socket_is_refused(run_cli, write_seq, tmp_path, cache_dir):
    path = tmp_path / "s.mp3"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        one_line(build(run_cli, write_seq(MINIMAL), "-o", path), "is a socket")
        assert path.is_socket()
    finally:
        server.close()


def test_a_symlink_is_followed_and_stays_a_link(run_cli, write_seq, tmp_path, cache_dir):
    real = tmp_path / "music" / "practice.mp3"
    real.parent.mkdir()
    earlier_build(real)
    link = tmp_path / "latest.mp3"
    link.symlink_to(real)
    assert build(run_cli, write_seq(MINIMAL), "-o", link, "--no-companions").code == 0
    assert link.is_symlink() and link.resolve() == real
    assert len(decode(real)) / RATE > 10  # the new session went where the link points
    assert not [p for p in real.parent.iterdir() if p.name.endswith((".part", ".lock"))]


def test_a_dangling_symlink_gets_its_file(run_cli, write_seq, tmp_path, cache_dir):
    link = tmp_path / "next.mp3"
    link.symlink_to(tmp_path / "made.mp3")
    assert build(run_cli, write_seq(MINIMAL), "-o", link, "--no-companions").code == 0
    assert link.is_symlink() and (tmp_path / "made.mp3").stat().st_size > 10_000


def test_a_file_voicekit_did_not_make_is_left_alone(run_cli, write_seq, tmp_path, cache_dir):
    song = tmp_path / "song.mp3"
    song.write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x00" + os.urandom(4000))
    before = song.read_bytes()
    one_line(build(run_cli, write_seq(MINIMAL), "-o", song), "song.mp3 exists and was not made by voicekit")
    assert song.read_bytes() == before
    notes = tmp_path / "calm.md"  # a companion's name taken by the user's own notes
    notes.write_text("# My notes\n")
    one_line(build(run_cli, write_seq(MINIMAL), "-o", tmp_path / "calm.mp3"), "calm.md exists", "--no-companions")
    assert notes.read_text() == "# My notes\n" and not (tmp_path / "calm.mp3").exists()
    assert build(run_cli, write_seq(MINIMAL), "-o", tmp_path / "calm.mp3", "--no-companions").code == 0
    assert notes.read_text() == "# My notes\n"


@pytest.mark.parametrize("fmt", ["mp3", "m4a", "wav"])
def test_every_file_a_build_writes_says_voicekit_made_it(run_cli, write_seq, tmp_path, cache_dir, fmt):
    assert build(run_cli, write_seq(MINIMAL), "-o", tmp_path / f"out.{fmt}").code == 0
    written = sorted(p for p in tmp_path.glob("out.*"))
    assert [p.suffix for p in written] == sorted(f".{s}" for s in (fmt, "md", "lrc", "vtt", "json"))
    assert all(made_by_voicekit(p) for p in written)
    assert build(run_cli, write_seq(MINIMAL), "-o", tmp_path / f"out.{fmt}").code == 0  # and so replaces them


def test_a_name_that_is_not_utf8_is_one_line(run_cli, write_seq, tmp_path, cache_dir):
    out = tmp_path / os.fsdecode(b"\xff.mp3")
    one_line(build(run_cli, write_seq(MINIMAL), "-o", out), "not valid UTF-8", "\\xff.mp3")
    assert not out.exists()


# --- the whole set from one build -------------------------------------------------------------------


def test_renames_of_concurrent_builds_never_interleave(tmp_path, monkeypatch):
    """Two writers of one target, renames slowed down: without the lock their files mix."""
    real_replace = os.replace

    def slow_replace(a, b):
        real_replace(a, b)
        time.sleep(0.02)

    monkeypatch.setattr(os, "replace", slow_replace)
    names = [tmp_path / f"out.{s}" for s in ("md", "lrc", "vtt", "json", "mp3")]

    def write(tag: str) -> None:
        targets = [files.Target(p, p, "") for p in names]
        with files.replacing(targets) as temps:
            for tmp in temps:
                tmp.write_text(tag)

    for _ in range(5):
        threads = [threading.Thread(target=write, args=(tag,)) for tag in "ABCD"]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len({p.read_text() for p in names}) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in names)  # no lock files left


@pytest.mark.slow
def test_concurrent_builds_to_one_target_leave_one_build_s_files(tmp_path):
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL.replace("10s", "20s"))
    out = tmp_path / "out.mp3"
    env = {**os.environ, "VOICEKIT_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "voicekit", "build", str(seq), "-o", str(out), "--engine", "fake", "-q"]
    assert subprocess.run(command, env=env).returncode == 0  # a warm cache: the builds race to the renames
    for _ in range(6):
        procs = [subprocess.Popen([*command, "--scale", str(scale)], env=env) for scale in (0.5, 1, 1.5, 2, 3, 4)]
        assert [p.wait() for p in procs] == [0] * 6
        total = json.loads((tmp_path / "out.json").read_text())["total"]
        assert abs(len(decode(out)) / RATE - total) < 0.03


# --- a full disk ----------------------------------------------------------------------------------


def in_small_disk(script: str, size: str) -> subprocess.CompletedProcess:
    """Run a shell script with DISK (a folder) on a tmpfs of ``size``, in a mount namespace of its own."""
    if not shutil.which("unshare"):
        pytest.skip("needs unshare (util-linux) to mount a small disk")
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if probe.returncode:
        pytest.skip(f"cannot make a mount namespace here: {probe.stderr.decode().strip()}")
    wrapped = f'set -e; DISK=$(mktemp -d); mount -t tmpfs -o size={size} tmpfs "$DISK"; {script}'
    return subprocess.run(["unshare", "-rm", "sh", "-c", wrapped], capture_output=True, text=True, timeout=120)


def test_a_full_output_disk_names_the_output_file(tmp_path):
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL.replace("10s", "3m"))  # about 1.5 MB of MP3
    script = (
        f"export VOICEKIT_CACHE_DIR={tmp_path / 'cache'}; "
        f'{sys.executable} -m voicekit build {seq} --engine fake -q -o "$DISK/out.mp3" || echo "status $?"; '
        'ls -A "$DISK"'
    )
    ran = in_small_disk(script, "400k")
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1, ran.stderr
    assert lines[0].startswith(PREFIX) and "/out.mp3: the disk is full" in lines[0]
    assert ".part" not in lines[0]
    assert ran.stdout.split() == ["status", "2"]  # and nothing is left on the disk


def test_helpers_refuse_a_target_that_is_a_folder(tmp_path):
    with pytest.raises(ExportError, match="is a folder"):
        files.target(tmp_path, "choose another -o")
