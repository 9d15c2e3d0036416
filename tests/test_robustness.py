"""Never lose a good file, never crash on a bad one (issue 5): killed builds, damaged caches, concurrent builds."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from audio_tools import RATE, decode

from voicekit.output import files
from voicekit.pipeline import build
from voicekit.plan.options import BuildOptions
from voicekit.store import ClipCache

SEQUENCE = """\
title: Robust practice
intro: Welcome. Let us begin.
poses:
  - name: Rest
    setup: [Lie down on your back., Let your arms rest by your sides.]
    hold: {hold}
    reminders: [Let the breath be easy.]
    release: Roll to one side.
outro: Thank you.
"""
NAMES = ("out.md", "out.lrc", "out.vtt", "out.json", "out.m4a")


def voicekit(*args: str, cache: Path) -> subprocess.Popen:
    env = {**os.environ, "VOICEKIT_CACHE_DIR": str(cache)}
    return subprocess.Popen([sys.executable, "-m", "voicekit", *args], env=env, stderr=subprocess.PIPE)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in NAMES}


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_a_build_killed_at_any_moment_leaves_the_previous_files_untouched(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    seq = tmp_path / "seq.yaml"
    seq.write_text(SEQUENCE.format(hold="3m"))
    first = voicekit("build", str(seq), "-o", str(out / "out.m4a"), "-q", cache=tmp_path / "cache")
    assert first.wait() == 0, first.stderr.read()
    before = snapshot(out)
    seq.write_text(SEQUENCE.format(hold="8m"))  # a rebuild would change every file
    kills = 0

    # Kill while the engine speaks (cold cache), and while the encoder writes (the temporary is growing).
    def reached(moment: str, cache: Path) -> bool:
        if moment == "starting":
            return True
        if moment == "speaking":  # the engine has finished a clip and is on the next ones
            return any((cache / "clips").rglob("*.wav")) if (cache / "clips").is_dir() else False
        return any(p.stat().st_size > 0 for p in out.glob(".out.m4a.*.part"))  # the encoder is writing

    for cache, moment in [("cold1", "starting"), ("cold2", "speaking"), ("warm", "encoding"), ("warm", "encoding")]:
        proc = voicekit("build", str(seq), "-o", str(out / "out.m4a"), "-q", cache=tmp_path / cache)
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:
            if reached(moment, tmp_path / cache):
                proc.send_signal(signal.SIGKILL)
                kills += 1
                break
            time.sleep(0.002)
        proc.wait()
        assert snapshot(out) == before  # byte for byte
        if cache == "cold1":  # leave a warm cache behind for the encoding kills
            warm = voicekit("build", str(seq), "-o", str(tmp_path / "warm.m4a"), "-q", cache=tmp_path / "warm")
            assert warm.wait() == 0
    assert kills == 4
    ok = voicekit("build", str(seq), "-o", str(out / "out.m4a"), "-q", cache=tmp_path / "warm")
    assert ok.wait() == 0, ok.stderr.read()
    assert temporaries(out) == []  # the killed builds' temporaries are gone
    assert snapshot(out) != before
    plan = json.loads((out / "out.json").read_text())
    assert len(decode(out / "out.m4a")) / RATE == pytest.approx(plan["total"], abs=0.05)


def test_stale_temporaries_of_dead_processes_go_and_live_ones_stay(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".out.mp3.{int(dead.stdout)}-abc123.part"
    live = tmp_path / f".out.mp3.{os.getppid()}-def456.part"
    mine = tmp_path / f".out.mp3.{os.getpid()}-ghi789.part"
    for path in (stale, live, mine):
        path.write_bytes(b"x")
    files.remove_stale(tmp_path)
    assert not stale.exists() and live.exists() and mine.exists()


def test_two_builds_of_the_same_sequence_at_once_both_finish_correctly(tmp_path):
    seq = tmp_path / "seq.yaml"
    seq.write_text(SEQUENCE.format(hold="20s"))
    cache = tmp_path / "cache"  # cold and shared: both builds make the same clips at the same time
    procs = [voicekit("build", str(seq), "-o", str(tmp_path / f"{n}.mp3"), "-q", cache=cache) for n in "ab"]
    assert [p.wait() for p in procs] == [0, 0], [p.stderr.read() for p in procs]
    plans = [json.loads((tmp_path / f"{n}.json").read_text()) for n in "ab"]
    assert plans[0]["cues"] == plans[1]["cues"]
    for n, plan in zip("ab", plans, strict=True):
        assert len(decode(tmp_path / f"{n}.mp3")) / RATE == pytest.approx(plan["total"], abs=0.001)
    assert not list(cache.rglob("*.part"))


def test_two_sequences_sharing_clips_build_at_once(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(SEQUENCE.format(hold="20s"))
    b.write_text(SEQUENCE.format(hold="40s").replace("Thank you.", "That is all for today."))
    procs = [voicekit("build", str(s), "-o", str(s.with_suffix(".wav")), "-q", cache=tmp_path / "c") for s in (a, b)]
    assert [p.wait() for p in procs] == [0, 0], [p.stderr.read() for p in procs]
    for s in (a, b):
        plan = json.loads(s.with_suffix(".json").read_text())
        assert len(decode(s.with_suffix(".wav"))) / RATE == pytest.approx(plan["total"], abs=0.001)


@pytest.mark.parametrize("damage", ["flip", "truncate"])
def test_a_damaged_clip_is_found_reported_and_made_again(tmp_path, run_cli, damage):
    seq = tmp_path / "seq.yaml"
    seq.write_text(SEQUENCE.format(hold="20s"))
    cache = tmp_path / "cache"
    clean = build(seq, BuildOptions(), output=tmp_path / "clean.wav", cache_dir=cache, companions=False)
    victim = sorted((cache / "clips").rglob("*.wav"), key=lambda p: p.stat().st_size)[-1]  # the longest clip
    data = bytearray(victim.read_bytes())
    if damage == "flip":
        data[len(data) // 2 : len(data) // 2 + 64] = os.urandom(64)  # noise in the middle, the length intact
    else:
        data = data[: len(data) * 2 // 3]
    victim.write_bytes(bytes(data))
    ran = run_cli("build", seq, "-o", tmp_path / "again.wav", "--cache-dir", cache, "--no-companions")
    assert ran.code == 0, ran.err
    assert f"discarded a damaged cache entry {victim.name}" in ran.err
    again, reference = decode(tmp_path / "again.wav"), decode(clean.output)
    assert len(again) == len(reference)
    assert float(abs(again - reference).max()) < 0.02  # the clip was spoken again, not played as noise
    assert ClipCache(cache).verified(victim.stem) is not None


def test_ffmpeg_missing_says_how_to_install_it(tmp_path, run_cli, write_seq, monkeypatch):
    import imageio_ffmpeg

    from voicekit.output import encoder as ffmpeg

    def missing():
        raise RuntimeError("no ffmpeg")

    ffmpeg.ffmpeg_exe.cache_clear()
    monkeypatch.setattr(ffmpeg.shutil, "which", lambda name: None)
    monkeypatch.setattr(imageio_ffmpeg, "get_ffmpeg_exe", missing)
    try:
        ran = run_cli("build", write_seq(SEQUENCE.format(hold="5s")), "--engine", "fake", "-o", tmp_path / "x.mp3")
    finally:
        ffmpeg.ffmpeg_exe.cache_clear()
    assert ran.code == 2 and ran.err.count("\n") == 1
    assert "ffmpeg was not found" in ran.err and "pip install imageio-ffmpeg" in ran.err
    assert not (tmp_path / "x.mp3").exists()


def test_ffmpeg_failing_is_one_line_and_writes_nothing(tmp_path, run_cli, write_seq, monkeypatch):
    from voicekit.output import encoder as ffmpeg

    broken = tmp_path / "ffmpeg"
    broken.write_text("#!/bin/sh\necho 'Conversion failed!' >&2\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setattr(ffmpeg, "ffmpeg_exe", lambda: str(broken))
    for module in ("voicekit.output.formats", "voicekit.output.mp3.join"):
        monkeypatch.setattr(f"{module}.ffmpeg_exe", lambda: str(broken), raising=False)
    ran = run_cli("build", write_seq(SEQUENCE.format(hold="5s")), "--engine", "fake", "-o", tmp_path / "x.m4a")
    assert ran.code == 2 and ran.err.count("\n") == 1 and "ffmpeg failed" in ran.err, ran.err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("x.", ".x."))) == []


def test_an_engine_failing_on_one_text_names_it(tmp_path, run_cli, write_seq):
    seq = write_seq(SEQUENCE.format(hold="5s").replace("Roll to one side.", "Please FAIL here."))
    ran = run_cli("build", seq, "--engine", "fake", "-o", tmp_path / "x.mp3", "--cache-dir", tmp_path / "c")
    assert ran.code == 2 and ran.err.count("\n") == 1 and "Please FAIL here." in ran.err, ran.err
    assert not (tmp_path / "x.mp3").exists()


def test_an_unwritable_output_folder_is_one_line(tmp_path, run_cli, write_seq):
    if not Path("/proc/self").is_dir():
        pytest.skip("needs /proc: a folder nobody can create files in, even root")
    ran = run_cli("build", write_seq(SEQUENCE.format(hold="5s")), "--engine", "fake", "-o", "/proc/voicekit.mp3")
    assert ran.code == 2 and ran.err.count("\n") == 1 and "cannot write in /proc" in ran.err, ran.err


def test_markup_in_a_text_is_stripped_never_interpreted(tmp_path):
    plain = SEQUENCE.format(hold="5s")
    marked = plain.replace(
        "Lie down on your back.", '"<prosody rate=\\"x-fast\\">Lie down on your back.</prosody>[[h@\'loU]]"'
    )
    assert marked != plain
    results = []
    for name, text in (("plain", plain), ("marked", marked)):
        seq = tmp_path / f"{name}.yaml"
        seq.write_text(text)
        results.append(build(seq, BuildOptions(), output=tmp_path / f"{name}.wav", cache_dir=tmp_path / "c"))
    assert results[1].synthesized == 0  # the same words, so the same clip
    assert results[0].timeline.cues == results[1].timeline.cues


def test_output_names_from_sequence_names_are_sanitised(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    seq = tmp_path / "..evil\x07name.yaml"
    seq.write_text(SEQUENCE.format(hold="5s"))
    result = build(seq, BuildOptions(engine="fake"), cache_dir=tmp_path / "c", companions=False)
    assert result.output == Path("output") / "evil-name.mp3"
    assert result.output.exists()


def test_an_unreadable_sequence_file_is_one_line(tmp_path, run_cli, monkeypatch):
    seq = tmp_path / "locked.yaml"
    seq.write_text(SEQUENCE.format(hold="5s"))
    import builtins

    real = builtins.open

    def locked(file, *args, **kwargs):
        if Path(file) == seq:
            raise PermissionError(13, "Permission denied", str(file))  # root reads anything: simulate it
        return real(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", locked)
    for command in ("check", "plan", "build"):
        ran = run_cli(command, seq)
        assert ran.code == 2 and ran.err == f"voicekit: error: {seq}: cannot read: Permission denied\n", ran.err
