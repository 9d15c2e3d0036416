"""Outputs: never the input, never a device or somebody's file, symlinks followed, whole sets renamed
under a lock and only once the audio is whole, temporaries of dead builds swept, a full disk named
by the file it was for."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from audio_tools import decode
from helpers import (
    FAKE,
    MINIMAL,
    PRACTICE,
    PREFIX,
    assert_one_line_error,
    dead_pid,
    earlier_build,
    err_of,
    in_small_disk,
    voicekit_process,
)

from voicekit import files
from voicekit.errors import ExportError
from voicekit.output import targets
from voicekit.pipeline import build as build_audio
from voicekit.plan.grid import SAMPLE_RATE
from voicekit.store import CLIP


def build(run_cli, *args):
    return run_cli("build", *args, "--engine", "fake", "-q")


# --- a build never overwrites its input ------------------------------------------------------------


def test_a_json_sequence_is_not_replaced_by_its_json_companion(run_cli, tmp_path, warm_cache):
    seq = tmp_path / "short.json"  # JSON is YAML: a sequence may be written in it
    seq.write_text(json.dumps({"title": "T", "poses": [{"name": "Rest", "setup": "Lie down.", "hold": "10s"}]}))
    before = seq.read_bytes()
    line = assert_one_line_error(build(run_cli, seq, "-o", tmp_path / "short.mp3"), "short.json", "--no-companions")
    assert "is the sequence being built" in line
    assert seq.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["short.json"]  # refused before any work
    assert build(run_cli, seq, "-o", tmp_path / "short.mp3", "--no-companions").code == 0
    assert seq.read_bytes() == before


def test_a_sequence_without_a_suffix_is_not_replaced_by_the_audio(run_cli, tmp_path, cache_dir):
    seq = tmp_path / "practice"
    seq.write_text(MINIMAL)
    assert_one_line_error(
        build(run_cli, seq, "-o", seq, "--format", "mp3"), "is the sequence being built", "another -o"
    )
    assert seq.read_text() == MINIMAL
    link = tmp_path / "alias.mp3"  # the same file by another name
    link.symlink_to(seq)
    assert_one_line_error(build(run_cli, seq, "-o", link), "is the sequence being built")
    assert seq.read_text() == MINIMAL and link.is_symlink()


# --- only regular files are replaced ---------------------------------------------------------------


def test_a_device_is_refused(run_cli, write_seq, cache_dir):
    ran = build(run_cli, write_seq(MINIMAL), "-o", "/dev/null", "--format", "mp3")
    assert_one_line_error(ran, "/dev/null is a character device")
    assert Path("/dev/null").is_char_device()


def test_a_fifo_is_refused_without_waiting_for_a_reader(run_cli, write_seq, tmp_path, cache_dir):
    fifo = tmp_path / "pipe.mp3"
    os.mkfifo(fifo)
    assert_one_line_error(build(run_cli, write_seq(MINIMAL), "-o", fifo), "is a FIFO")
    assert fifo.is_fifo()


def test_a_socket_is_refused(run_cli, write_seq, tmp_path, cache_dir):
    path = tmp_path / "s.mp3"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        assert_one_line_error(build(run_cli, write_seq(MINIMAL), "-o", path), "is a socket")
        assert path.is_socket()
    finally:
        server.close()


def test_a_symlink_is_followed_and_stays_a_link(run_cli, write_seq, tmp_path, warm_cache):
    real = tmp_path / "music" / "practice.mp3"
    real.parent.mkdir()
    earlier_build(real)
    link = tmp_path / "latest.mp3"
    link.symlink_to(real)
    assert build(run_cli, write_seq(MINIMAL), "-o", link, "--no-companions").code == 0
    assert link.is_symlink() and link.resolve() == real
    assert len(decode(real)) / SAMPLE_RATE > 10  # the new session went where the link points
    assert not [p for p in real.parent.iterdir() if p.name.endswith((".part", ".lock"))]


def test_a_dangling_symlink_gets_its_file(run_cli, write_seq, tmp_path, warm_cache):
    link = tmp_path / "next.mp3"
    link.symlink_to(tmp_path / "made.mp3")
    assert build(run_cli, write_seq(MINIMAL), "-o", link, "--no-companions").code == 0
    assert link.is_symlink() and (tmp_path / "made.mp3").stat().st_size > 10_000


def test_a_file_voicekit_did_not_make_is_left_alone(run_cli, write_seq, tmp_path, warm_cache):
    song = tmp_path / "song.mp3"
    song.write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x00" + os.urandom(4000))
    before = song.read_bytes()
    ran = build(run_cli, write_seq(MINIMAL), "-o", song)
    assert_one_line_error(ran, "song.mp3 exists and was not made by voicekit")
    assert song.read_bytes() == before
    notes = tmp_path / "calm.md"  # a companion's name taken by the user's own notes
    notes.write_text("# My notes\n")
    ran = build(run_cli, write_seq(MINIMAL), "-o", tmp_path / "calm.mp3")
    assert_one_line_error(ran, "calm.md exists", "--no-companions")
    assert notes.read_text() == "# My notes\n" and not (tmp_path / "calm.mp3").exists()
    assert build(run_cli, write_seq(MINIMAL), "-o", tmp_path / "calm.mp3", "--no-companions").code == 0
    assert notes.read_text() == "# My notes\n"


def test_a_name_that_is_not_utf8_is_one_line(run_cli, write_seq, tmp_path, cache_dir):
    out = tmp_path / os.fsdecode(b"\xff.mp3")
    assert_one_line_error(build(run_cli, write_seq(MINIMAL), "-o", out), "not valid UTF-8", "\\xff.mp3")
    assert not out.exists()


def test_helpers_refuse_a_target_that_is_a_folder(tmp_path):
    with pytest.raises(ExportError, match="is a folder"):
        targets.target(tmp_path, "choose another -o")


def test_outputs_have_normal_permissions(tmp_path, warm_cache):
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    result = build_audio(seq, FAKE, output=tmp_path / "out.mp3", cache_dir=warm_cache)
    mask = os.umask(0)
    os.umask(mask)
    for path in (result.output, *result.companions):
        assert path.stat().st_mode & 0o777 == 0o666 & ~mask, path


def test_a_version_built_again_unchanged_is_the_same_file_with_the_same_time(tmp_path, warm_cache):
    """Built again with the same choices, every file keeps its bytes, inode and time (a podcast app sees
    the same episode); built with other holds, they change."""
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    first = build_audio(seq, FAKE, output=tmp_path / "out.mp3", cache_dir=warm_cache)
    files_of = [first.output, *first.companions]
    past = 1_000_000_000_000_000_000  # 2001: a time no build writes
    for path in files_of:
        os.utime(path, ns=(past, past))
    before = {p: (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns) for p in files_of}
    build_audio(seq, FAKE, output=tmp_path / "out.mp3", cache_dir=warm_cache)
    assert {p: (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns) for p in files_of} == before
    assert sorted(tmp_path.glob(".*.part")) == []
    seq.write_text(MINIMAL.replace("hold: 10s", "hold: 12s"))
    build_audio(seq, FAKE, output=tmp_path / "out.mp3", cache_dir=warm_cache)
    assert first.output.read_bytes() != before[first.output][0]
    assert first.output.stat().st_mtime_ns != past


# --- the whole set from one build -------------------------------------------------------------------


@pytest.mark.slow
def test_renames_of_concurrent_builds_never_interleave(tmp_path, monkeypatch):
    """Two writers of one target, renames slowed down: without the lock their files mix."""
    real_replace = os.replace

    def slow_replace(a, b):
        real_replace(a, b)
        time.sleep(0.02)

    monkeypatch.setattr(os, "replace", slow_replace)
    monkeypatch.setattr(targets, "made_by_voicekit", lambda path: True)  # "A" and "B" count as builds' files
    names = [tmp_path / f"out.{s}" for s in ("md", "lrc", "vtt", "json", "mp3")]

    failed: list[BaseException] = []

    def write(tag: str) -> None:
        wanted = [targets.Target(p, p, "") for p in names]
        try:
            with targets.replacing(wanted) as temps:
                for tmp in temps:
                    tmp.write_text(tag)
        except BaseException as e:
            failed.append(e)

    for _ in range(5):
        threads = [threading.Thread(target=write, args=(tag,)) for tag in "ABCD"]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len({p.read_text() for p in names}) == 1
    assert failed == []  # every writer renamed its files
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in names)  # no lock files left


@pytest.mark.slow
def test_concurrent_builds_to_one_target_leave_one_build_s_files(tmp_path):
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL.replace("10s", "20s"))
    out = tmp_path / "out.mp3"
    env = {**os.environ, "VOICEKIT_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "voicekit", "build", str(seq), "-o", str(out), "--engine", "fake", "-q"]
    assert subprocess.run(command, env=env).returncode == 0  # a warm store: the builds race to the renames
    for _ in range(3):  # 18 racing builds (the renames' interleavings, by threads: the test above)
        procs = [subprocess.Popen([*command, "--scale", str(scale)], env=env) for scale in (0.5, 1, 1.5, 2, 3, 4)]
        assert [p.wait() for p in procs] == [0] * 6
        total = json.loads((tmp_path / "out.json").read_text())["total"]
        assert abs(len(decode(out)) / SAMPLE_RATE - total) < 0.03


# When a later rename fails (here NAME.json is a folder), no file of the set is replaced, and the
# error names the output file, not a temporary.
def test_a_failed_rename_leaves_every_earlier_file_alone(run_cli, tmp_path, warm_cache):
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    out = tmp_path / "out.mp3"
    assert build(run_cli, seq, "-o", out).code == 0
    before = {p: p.read_bytes() for p in tmp_path.glob("out.*") if p.suffix != ".json"}
    (tmp_path / "out.json").unlink()
    (tmp_path / "out.json").mkdir()
    ran = build(run_cli, seq, "--hold", "1=20s", "-o", out)
    assert_one_line_error(ran, "out.json")
    assert {p: p.read_bytes() for p in before} == before  # nothing written
    assert ".part" not in ran.err, ran.err


def test_a_file_the_user_puts_there_during_the_build_is_still_theirs(tmp_path, warm_cache, monkeypatch):
    from voicekit.output import formats

    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    notes = tmp_path / "out.md"
    write = formats.WRITERS["mp3"]

    def write_then_notes(timeline, sources, path, progress, meta):  # the audio is whole; the user saves notes
        write(timeline, sources, path, progress, meta)
        notes.write_text("my notes\n")

    monkeypatch.setitem(formats.WRITERS, "mp3", write_then_notes)
    with pytest.raises(ExportError, match=r"out\.md exists and was not made by voicekit"):
        build_audio(seq, FAKE, output=tmp_path / "out.mp3", cache_dir=warm_cache)
    assert notes.read_text() == "my notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md", "s.yaml"]  # nothing else written


# --- killed builds ----------------------------------------------------------------------------------

NAMES = ("out.md", "out.lrc", "out.vtt", "out.json", "out.m4a")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in NAMES}


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.slow
def test_a_build_killed_at_any_moment_leaves_the_previous_files_untouched(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    seq = tmp_path / "seq.yaml"
    seq.write_text(PRACTICE.format(hold="3m"))
    first = voicekit_process("build", str(seq), "-o", str(out / "out.m4a"), "-q", cache=tmp_path / "cache")
    assert first.wait() == 0, err_of(first)
    before = snapshot(out)
    seq.write_text(PRACTICE.format(hold="8m"))  # a rebuild would change every file
    kills = 0

    # Kill while the engine speaks (cold store), and while the encoder writes (the temporary is growing).
    def reached(moment: str, cache: Path) -> bool:
        if moment == "starting":
            return True
        if moment == "speaking":  # the bell and at least one spoken clip are stored: the engine is on the next
            folder = cache / CLIP
            return folder.is_dir() and sum(1 for p in folder.rglob("*") if p.is_file()) >= 2
        return any(p.stat().st_size > 0 for p in out.glob(".out.m4a.*.part"))  # the encoder is writing

    for cache, moment in [("cold1", "starting"), ("cold2", "speaking"), ("warm", "encoding"), ("warm", "encoding")]:
        proc = voicekit_process("build", str(seq), "-o", str(out / "out.m4a"), "-q", cache=tmp_path / cache)
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:
            if reached(moment, tmp_path / cache):
                proc.send_signal(signal.SIGKILL)
                kills += 1
                break
            time.sleep(0.002)
        proc.wait()
        assert snapshot(out) == before  # byte for byte
        if cache == "cold1":  # leave a warm store behind for the encoding kills
            warm = voicekit_process("build", str(seq), "-o", str(tmp_path / "warm.m4a"), "-q", cache=tmp_path / "warm")
            assert warm.wait() == 0
    assert kills == 4
    ok = voicekit_process("build", str(seq), "-o", str(out / "out.m4a"), "-q", cache=tmp_path / "warm")
    assert ok.wait() == 0, err_of(ok)
    assert temporaries(out) == []  # the killed builds' temporaries are gone
    assert snapshot(out) != before
    plan = json.loads((out / "out.json").read_text())
    assert len(decode(out / "out.m4a")) / SAMPLE_RATE == pytest.approx(plan["total"], abs=0.05)


def test_stale_temporaries_of_dead_processes_go_and_live_ones_stay(tmp_path):
    stale = tmp_path / f".out.mp3.{dead_pid()}-abc123.part"
    live = tmp_path / f".out.mp3.{os.getppid()}-def456.part"
    mine = tmp_path / f".out.mp3.{os.getpid()}-ghi789.part"
    for path in (stale, live, mine):
        path.write_bytes(b"x")
    files.remove_stale(tmp_path)
    assert not stale.exists() and live.exists() and mine.exists()


# A file that only looks like a temporary, with a number no process can have, is left alone.
def test_a_temporary_with_a_huge_pid_does_not_crash_the_build(run_cli, tmp_path, warm_cache):
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    lookalike = tmp_path / ".notes.txt.99999999999-abc.part"
    lookalike.write_text("x")
    ran = build(run_cli, seq, "-o", tmp_path / "out.mp3")
    assert ran.code == 0, ran.err
    assert lookalike.exists()


# --- a full or unwritable disk --------------------------------------------------------------------


def test_a_full_output_disk_names_the_output_file(tmp_path, warm_cache):
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL.replace("10s", "3m"))  # about 1.5 MB of MP3
    script = (
        f"export VOICEKIT_CACHE_DIR={warm_cache}; "
        f'{sys.executable} -m voicekit build {seq} --engine fake -q -o "$DISK/out.mp3" || echo "status $?"; '
        'ls -A "$DISK"'
    )
    ran = in_small_disk(script, "400k")
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1, ran.stderr
    assert lines[0].startswith(PREFIX) and "/out.mp3: the disk is full" in lines[0]
    assert ".part" not in lines[0]
    assert ran.stdout.split() == ["status", "2"]  # and nothing is left on the disk


def test_an_unwritable_output_folder_is_one_line(tmp_path, run_cli, write_seq):
    if not Path("/proc/self").is_dir():
        pytest.skip("needs /proc: a folder nobody can create files in, even root")
    ran = run_cli("build", write_seq(MINIMAL), "--engine", "fake", "-o", "/proc/voicekit.mp3", "--cache-dir", tmp_path)
    assert_one_line_error(ran, "cannot write in /proc")
