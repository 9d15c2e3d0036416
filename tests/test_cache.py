"""The clip cache: its faults are the cache's (never the engine's), found at once, and its temporaries
are swept wherever a killed build left them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MINIMAL
from test_files import in_small_disk

from voicekit import store as cache_module
from voicekit.errors import CacheError
from voicekit.pipeline import build
from voicekit.plan.options import BuildOptions
from voicekit.speech import synthesis as speech
from voicekit.store import ClipCache

SHIPPED = Path(__file__).resolve().parent.parent / "sequences" / "lumbar-release.yaml"


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_cache_on_a_full_disk_fails_at_once_naming_the_folder():
    """Was: a 60 s hang, then 'the pyttsx3 engine did not finish speaking ...', and empty .part files."""
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


def test_a_cache_that_fills_up_mid_build_is_a_cache_error_not_an_engine_error(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "ROOM_MARGIN", 0)
    monkeypatch.setattr(speech, "CACHE_BYTES_PER_MS", 0)  # the check up front passes; then the disk fills
    real = Path.write_bytes

    def full(self, data):
        if self.is_relative_to(tmp_path / "cache"):
            raise OSError(28, "No space left on device", str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    with pytest.raises(CacheError, match=r"the clip cache .*cache is full; free some space or choose another folder"):
        build(seq, BuildOptions(engine="fake"), output=tmp_path / "out.mp3", cache_dir=tmp_path / "cache")
    assert not list((tmp_path / "cache").rglob("*.part"))
    assert not (tmp_path / "out.mp3").exists()


def test_temporaries_of_dead_builds_are_swept_by_the_next_build(tmp_path):
    cache = tmp_path / "cache"
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    options = BuildOptions(engine="fake")
    build(seq, options, output=tmp_path / "a.mp3", cache_dir=cache)
    dead, alive = dead_pid(), os.getppid()
    left = [
        cache / "tmp" / f".raw.wav.{dead}-abc123.part",  # a killed engine worker's output
        cache / "tmp" / f".0123.frames.{dead}-xyz.part",
    ]
    live = cache / "tmp" / f".raw.wav.{alive}-live.part"  # a build still running: left alone
    for path in [*left, live]:
        path.write_bytes(b"partial")
    started = time.monotonic()
    result = build(seq, options, output=tmp_path / "a.mp3", cache_dir=cache)  # warm: no new clip anywhere
    assert result.synthesized == 0 and time.monotonic() - started < 10
    assert not any(p.exists() for p in left) and live.exists()


def test_every_temporary_of_a_build_is_made_in_the_cache_s_tmp_folder(tmp_path, monkeypatch):
    from voicekit.output import files

    made: list[Path] = []
    real = files.temp_beside

    def recording(target: Path) -> Path:
        made.append(real(target))
        return made[-1]

    monkeypatch.setattr(files, "temp_beside", recording)
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    build(seq, BuildOptions(engine="fake"), output=tmp_path / "a.mp3", cache_dir=tmp_path / "cache")
    in_cache = [p for p in made if p.is_relative_to(tmp_path / "cache")]
    assert in_cache and all(p.parent == tmp_path / "cache" / "tmp" for p in in_cache)


def test_sweeping_a_cache_that_does_not_exist_yet_is_fine(tmp_path):
    ClipCache(tmp_path / "missing").sweep()
    assert not (tmp_path / "missing").exists()
