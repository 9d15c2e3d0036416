"""The store: its faults are its own (never the engine's), found at once and named by its folder; damaged
entries are found, reported and made again; builds that share it agree; temporaries are swept wherever
a killed build left them."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from audio_tools import decode
from helpers import (
    ESPEAK,
    FAKE,
    MINIMAL,
    PRACTICE,
    SHIPPED,
    assert_one_line_error,
    dead_pid,
    entries,
    err_of,
    in_small_disk,
    needs_piper,
    speech_clip_names,
    voicekit_process,
)

from voicekit import store as store_module
from voicekit.errors import CacheError
from voicekit.pipeline import build
from voicekit.plan.grid import SAMPLE_RATE
from voicekit.speech import synthesis
from voicekit.speech.engines.fake import FakeEngine
from voicekit.store import CLIP, FRAMES, VOICES, Store


def test_a_store_on_a_full_disk_fails_at_once_naming_the_folder():
    """Before any clip is spoken: one line naming the store's folder, no engine left waiting, no temporaries."""
    script = (
        f"started=$(date +%s); {sys.executable} -m voicekit build {SHIPPED} --engine pyttsx3 -q "
        f'--cache-dir "$DISK/cache" -o "$DISK/out.mp3" || echo "status $? after $(( $(date +%s) - started ))s"; '
        'find "$DISK" -name "*.part" | wc -l'
    )
    ran = in_small_disk(script, "3m")
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1, ran.stderr
    assert "the clip cache" in lines[0] and "/cache" in lines[0] and "--cache-dir" in lines[0]
    assert "engine" not in lines[0]
    status, seconds, parts = ran.stdout.split()[1], int(ran.stdout.split()[3].rstrip("s")), ran.stdout.split()[-1]
    assert status == "2" and seconds < 10 and parts == "0"


def test_a_store_that_fills_up_mid_build_is_a_cache_error_not_an_engine_error(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "ROOM_MARGIN", 0)
    monkeypatch.setattr(synthesis, "STORE_BYTES_PER_MS", 0)  # the check up front passes; then the disk fills
    real = Path.write_bytes

    def full(self, data):
        if self.is_relative_to(tmp_path / "cache"):
            raise OSError(28, "No space left on device", str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    with pytest.raises(CacheError, match=r"the clip cache .*cache is full; free some space or choose another folder"):
        build(seq, FAKE, output=tmp_path / "out.mp3", cache_dir=tmp_path / "cache")
    assert not list((tmp_path / "cache").rglob("*.part"))
    assert not (tmp_path / "out.mp3").exists()


# A store that cannot be written: builds go on with what they make kept in memory, and say so.
def test_mp3_builds_from_a_read_only_warm_store(tmp_path, monkeypatch):
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    cache = tmp_path / "cache"
    build(seq, FAKE, output=tmp_path / "a.wav", cache_dir=cache, companions=False)  # every clip stored
    before = entries(cache, CLIP)

    def read_only(path, *_args, **_kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(store_module, "write_bytes", read_only)
    out = build(seq, FAKE, output=tmp_path / "a.mp3", cache_dir=cache, companions=False)
    assert len(decode(out.output)) == out.timeline.sample(out.timeline.total, SAMPLE_RATE)
    assert [w for w in out.warnings if "cannot write the cache" in w] == [
        f"cannot write the cache in {cache} (Permission denied); what is made is kept for this build only"
    ]
    assert entries(cache, FRAMES) == [] and entries(cache, CLIP) == before


def test_temporaries_of_dead_builds_are_swept_by_the_next_build(tmp_path, warm_cache):
    cache = warm_cache
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    build(seq, FAKE, output=tmp_path / "a.mp3", cache_dir=cache)
    dead, alive = dead_pid(), os.getppid()
    left = [
        cache / "tmp" / f".raw.wav.{dead}-abc123.part",  # a killed engine worker's output
        cache / "tmp" / f".0123.frames.{dead}-xyz.part",
    ]
    live = cache / "tmp" / f".raw.wav.{alive}-live.part"  # a build still running: left alone
    for path in [*left, live]:
        path.write_bytes(b"partial")
    started = time.monotonic()
    result = build(seq, FAKE, output=tmp_path / "a.mp3", cache_dir=cache)  # warm: no new clip anywhere
    assert result.synthesized == 0 and time.monotonic() - started < 10
    assert not any(p.exists() for p in left) and live.exists()


def test_every_temporary_of_a_build_is_made_in_the_store_s_tmp_folder(tmp_path, monkeypatch):
    from voicekit import files

    made: list[Path] = []
    real = files.temp_beside

    def recording(target: Path) -> Path:
        made.append(real(target))
        return made[-1]

    monkeypatch.setattr(files, "temp_beside", recording)
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    build(seq, FAKE, output=tmp_path / "a.mp3", cache_dir=tmp_path / "cache")
    in_cache = [p for p in made if p.is_relative_to(tmp_path / "cache")]
    assert in_cache and all(p.parent == tmp_path / "cache" / "tmp" for p in in_cache)


def test_sweeping_a_store_that_does_not_exist_yet_is_fine(tmp_path):
    Store(tmp_path / "missing").sweep()
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("damage", ["flip", pytest.param("truncate", marks=pytest.mark.slow)])
def test_a_damaged_clip_is_found_reported_and_made_again(tmp_path, run_cli, damage):
    seq = tmp_path / "seq.yaml"
    seq.write_text(PRACTICE.format(hold="20s"))
    cache = tmp_path / "cache"
    clean = build(seq, ESPEAK, output=tmp_path / "clean.wav", cache_dir=cache, companions=False)
    store = Store(cache)
    victim = max((store.path(CLIP, n) for n in speech_clip_names(clean).values()), key=lambda p: p.stat().st_size)
    data = bytearray(victim.read_bytes())
    if damage == "flip":
        data[len(data) // 2 : len(data) // 2 + 64] = os.urandom(64)  # noise in the middle, the length intact
    else:
        data = data[: len(data) * 2 // 3]
    victim.write_bytes(bytes(data))
    ran = run_cli(
        "build", seq, "--engine", "pyttsx3", "-o", tmp_path / "again.wav", "--cache-dir", cache, "--no-companions"
    )
    assert ran.code == 0, ran.err
    assert f"discarded a damaged cache entry {victim.name}" in ran.err
    again, reference = decode(tmp_path / "again.wav"), decode(clean.output)
    assert len(again) == len(reference)
    assert float(abs(again - reference).max()) < 0.02  # the clip was spoken again, not played as noise
    assert Store(cache).get(CLIP, victim.name) is not None


@pytest.mark.slow
def test_two_builds_of_the_same_sequence_at_once_both_finish_correctly(tmp_path):
    seq = tmp_path / "seq.yaml"
    seq.write_text(PRACTICE.format(hold="20s"))
    cache = tmp_path / "cache"  # cold and shared: both builds make the same clips at the same time
    build_args = ("build", str(seq), "--engine", "pyttsx3", "-q")
    procs = [voicekit_process(*build_args, "-o", str(tmp_path / f"{n}.mp3"), cache=cache) for n in "ab"]
    assert [p.wait() for p in procs] == [0, 0], [err_of(p) for p in procs]
    plans = [json.loads((tmp_path / f"{n}.json").read_text()) for n in "ab"]
    assert plans[0]["cues"] == plans[1]["cues"]
    for n, plan in zip("ab", plans, strict=True):
        assert len(decode(tmp_path / f"{n}.mp3")) / SAMPLE_RATE == pytest.approx(plan["total"], abs=0.001)
    assert not list(cache.rglob("*.part"))


@pytest.mark.slow
def test_two_sequences_sharing_clips_build_at_once(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(PRACTICE.format(hold="20s"))
    b.write_text(PRACTICE.format(hold="40s").replace("Thank you.", "That is all for today."))
    cache = tmp_path / "c"
    procs = [
        voicekit_process("build", str(s), "--engine", "pyttsx3", "-o", str(s.with_suffix(".wav")), "-q", cache=cache)
        for s in (a, b)
    ]
    assert [p.wait() for p in procs] == [0, 0], [err_of(p) for p in procs]
    for s in (a, b):
        plan = json.loads(s.with_suffix(".json").read_text())
        assert len(decode(s.with_suffix(".wav"))) / SAMPLE_RATE == pytest.approx(plan["total"], abs=0.001)


# Every entry is sealed with what it is for (its kind and key): an intact entry in another entry's place
# is found like any damage, by the quick reads (size, content) and by the whole read alike.
@pytest.mark.parametrize("read", ["get", "size", "content"])
def test_an_entry_in_another_entry_s_place_is_damage(tmp_path, read):
    store = Store(tmp_path)
    store.put(VOICES, "a" * 32, b'[["one", "One", ["en"]]]')
    store.put(VOICES, "b" * 32, b'[["two", "Two", ["de"]]]')
    a, b = store.path(VOICES, "a" * 32), store.path(VOICES, "b" * 32)
    a_raw, b_raw = a.read_bytes(), b.read_bytes()
    a.write_bytes(b_raw)
    b.write_bytes(a_raw)
    assert getattr(store, read)(VOICES, "a" * 32) is None
    assert store.warnings == [f"discarded a damaged cache entry {'a' * 32}; it will be made again"]
    assert not a.exists() and b.exists()  # removed, to be made again


def rotated(paths: list[Path]) -> None:
    """Each file gets the next one's bytes: every entry intact, every one in another's place."""
    data = [p.read_bytes() for p in paths]
    for path, raw in zip(paths, data[1:] + data[:1], strict=True):
        path.write_bytes(raw)


SWAPPED = PRACTICE.format(hold="20s").replace("title: Robust practice", "title: Swapped\nchimes: true\nbed: drone")


# The swap, of every kind a build stores: speech clips, the bell and chime, the bed's loop; each
# clip's frames, the kit, the loop's frames, the pieces and the bridges. Each text plays its own audio.
@pytest.mark.slow
@pytest.mark.parametrize("kind", [CLIP, FRAMES])
def test_entries_swapped_in_the_store_are_made_again_and_the_file_is_the_same(tmp_path, kind):
    seq = tmp_path / "s.yaml"
    seq.write_text(SWAPPED)
    cache = tmp_path / "cache"
    first = build(seq, FAKE, output=tmp_path / "first.mp3", cache_dir=cache, companions=False)
    assert first.warnings == ()
    swapped = entries(cache, kind)
    assert len(swapped) > 5
    rotated(swapped)
    again = build(seq, FAKE, output=tmp_path / "again.mp3", cache_dir=cache, companions=False)
    assert again.output.read_bytes() == first.output.read_bytes()
    assert {f"discarded a damaged cache entry {p.name}; it will be made again" for p in swapped} <= set(again.warnings)


def limited_memory() -> None:
    """In a child process: at most 3 GB of address space, so a store read without a bound fails, not the machine."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


# What is not a regular file of sensible size is damage, never opened as an entry: a FIFO hung the build,
# a link to /dev/zero filled its memory, a folder failed every build with "build again".
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_a_device_or_a_folder_in_an_entry_s_place_is_damage_made_again(tmp_path):
    import subprocess

    seq = tmp_path / "s.yaml"
    seq.write_text(PRACTICE.format(hold="20s"))
    cache = tmp_path / "cache"
    first = build(seq, FAKE, output=tmp_path / "first.mp3", cache_dir=cache, companions=False)
    clips, frames = entries(cache, CLIP), entries(cache, FRAMES)
    fifo, folder, device, huge = clips[0], clips[1], frames[0], frames[1]
    for path in (fifo, folder, device, huge):
        path.unlink()
    os.mkfifo(fifo)
    folder.mkdir()
    (folder / "something").write_bytes(b"x")
    device.symlink_to("/dev/zero")
    with open(tmp_path / "huge", "wb") as f:
        f.truncate(store_module.LARGEST + 1)  # sparse: no disk used
    huge.symlink_to(tmp_path / "huge")
    args = ["build", str(seq), "--engine", "fake", "-o", str(tmp_path / "again.mp3"), "--no-companions"]
    ran = subprocess.run(
        [sys.executable, "-m", "voicekit", *args, "--cache-dir", str(cache)],
        capture_output=True, text=True, timeout=60, preexec_fn=limited_memory,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    for path in (fifo, folder, device, huge):
        assert f"discarded a damaged cache entry {path.name}; it will be made again" in ran.stderr
        assert path.is_file() and not path.is_symlink()
    assert (tmp_path / "again.mp3").read_bytes() == first.output.read_bytes()


# A store that cannot be written is named, with what to do, before any engine starts; never the engine's fault.
@pytest.mark.parametrize("engine", ["pyttsx3", pytest.param("piper", marks=needs_piper)])
def test_a_store_that_is_not_a_folder_is_named_not_the_engine(tmp_path, run_cli, engine):
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    ran = run_cli("build", seq, "--engine", engine, "-o", tmp_path / "a.mp3", "--cache-dir", "/dev/null")
    line = assert_one_line_error(
        ran, "cannot write the clip cache /dev/null (Not a directory); choose another folder with --cache-dir"
    )
    assert "engine" not in line
    assert not (tmp_path / "a.mp3").exists()


def test_a_read_only_store_is_named_not_the_engine(tmp_path):
    script = (
        f'mkdir "$DISK/cache"; printf "{MINIMAL}" > "$DISK/s.yaml"; mount -o remount,ro "$DISK"; '
        f'{sys.executable} -m voicekit build "$DISK/s.yaml" --engine pyttsx3 -q --cache-dir "$DISK/cache" '
        f'-o {tmp_path / "a.mp3"} || echo "status $?"'
    )
    ran = in_small_disk(script, "64m")
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1 and ran.stdout.split() == ["status", "2"], ran.stderr
    assert lines[0].startswith("voicekit: error: cannot write the clip cache /"), ran.stderr
    assert lines[0].endswith("/cache (Read-only file system); choose another folder with --cache-dir")
    assert not (tmp_path / "a.mp3").exists()


class WritesItsOutput(FakeEngine):
    """An engine that writes its output in the store's scratch folder, as pyttsx3 does."""

    def synthesize(self, text: str, voice: str | None, rate: int, scratch: Path) -> tuple[np.ndarray, int]:
        from voicekit.files import temp_in

        temp_in(scratch, "raw.wav")
        raise AssertionError("the scratch folder was writable")


def test_an_engine_that_cannot_write_in_the_store_is_a_cache_error(tmp_path):
    """In the engine worker too: the store failing under the engine is the store's fault."""
    from voicekit.speech.make import ClipJob, speak

    root = tmp_path / "a-file"
    root.write_bytes(b"")
    with pytest.raises(CacheError) as info:
        speak(WritesItsOutput(), ClipJob("Rest.", None, 150, 1.0, "x", root))
    assert (
        str(info.value)
        == f"cannot write the clip cache {root} (Not a directory); choose another folder with --cache-dir"
    )


def test_a_shelf_writes_its_new_entries_only_when_saved(tmp_path):
    store = Store(tmp_path / "cache")
    shelf = store_module.Shelf(store, store_module.YAML)
    shelf.put("a" * 32, b"tree")
    assert shelf.get("a" * 32) == b"tree" and not (tmp_path / "cache").exists()
    assert store_module.Shelf(Store(tmp_path / "other"), store_module.YAML).get("a" * 32) is None
    shelf.save()
    assert store.get(store_module.YAML, "a" * 32) == b"tree"
    assert store_module.Shelf(Store(tmp_path / "cache"), store_module.YAML).get("a" * 32) == b"tree"


def test_a_check_writes_nothing_and_a_build_keeps_the_trees_of_the_yaml_it_read(tmp_path):
    from voicekit.pipeline import check

    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    check(seq, FAKE, tmp_path / "cache")
    assert not (tmp_path / "cache").exists()
    build(seq, FAKE, output=tmp_path / "s.mp3", cache_dir=tmp_path / "cache", companions=False)
    kept = [p.read_bytes() for p in (tmp_path / "cache" / store_module.YAML).rglob("*") if p.is_file()]
    assert [body for body in kept if b'"Test practice"' in body and b'"Lie down."' in body]  # the practice's tree
