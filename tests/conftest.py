"""Fixtures (a CLI runner through the real error boundary, temporary stores and config folders, the
builds several test files measure, a shelf for the server) and one hook that sets up the run; what the
tests share besides is in ``helpers.py``."""

from __future__ import annotations

import os
import shutil
import textwrap
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import IO, TYPE_CHECKING

import numpy as np
import pytest
from helpers import (
    BUILT,
    FAKE,
    FITTED_MP3,
    JOIN_OPTIONS,
    JOIN_SEQUENCE,
    MINIMAL,
    ROOT,
    SHELF_PRACTICE,
    SHIPPED,
    SHIPPED_OPTIONS,
    Ran,
    once_per_run,
    sources_of,
    store_of,
)

if TYPE_CHECKING:
    from voicekit.pipeline import BuildResult

from voicekit import cli


def pytest_configure(config: pytest.Config) -> None:
    # No huge pages for NumPy, here and in the processes tests start: in a VM they made new arrays 2-7x slower.
    os.environ["NUMPY_MADVISE_HUGEPAGE"] = "0"
    np._core.multiarray._set_madvise_hugepage(False)  # type: ignore[attr-defined]


@pytest.fixture
def run_cli(capsys):
    """Run ``voicekit ARGS`` in-process through ``cli.main`` (exit status and both streams)."""

    def run(*args: str) -> Ran:
        with pytest.raises(SystemExit) as exit_info:
            cli.main([str(a) for a in args])
        captured = capsys.readouterr()
        code = exit_info.value.code
        assert code is None or isinstance(code, int), code  # the CLI exits with a status, never a message
        return Ran(code or 0, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def empty_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("no-user-config")


@pytest.fixture(autouse=True)
def no_user_config(empty_config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs with an empty user config folder and an empty data folder: the pronunciations
    and the downloaded voices of whoever runs the tests never change what a test hears."""
    monkeypatch.setenv("VOICEKIT_CONFIG_DIR", str(empty_config))
    monkeypatch.setenv("VOICEKIT_DATA_DIR", str(empty_config / "no-downloads"))


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user config folder of the test's own (it may write pronounce.yaml in it)."""
    path = tmp_path / "config"
    path.mkdir()
    monkeypatch.setenv("VOICEKIT_CONFIG_DIR", str(path))
    return path


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh store for one test (also set through the environment for the CLI)."""
    path = tmp_path / "cache"
    monkeypatch.setenv("VOICEKIT_CACHE_DIR", str(path))
    return path


@pytest.fixture(scope="session")
def warm_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding what a fake-engine MP3 build of MINIMAL makes."""
    tmp = tmp_path_factory.mktemp("warm")
    seq = tmp / "s.yaml"
    seq.write_text(MINIMAL)
    return store_of(seq, tmp)


@pytest.fixture
def warm_cache(warm_store: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store of the test's own that already holds what a fake-engine build of MINIMAL makes (also set
    through the environment for the CLI), outside tmp_path: for tests in which the store is incidental,
    a build then needs no encoder run and no bell made."""
    path = tmp_path_factory.mktemp("warm-cache") / "cache"
    shutil.copytree(warm_store, path)
    monkeypatch.setenv("VOICEKIT_CACHE_DIR", str(path))
    return path


@pytest.fixture
def write_seq(tmp_path):
    """Write YAML text (dedented) to a file and return its path."""

    def write(text: str, name: str = "seq.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def shipped(tmp_path_factory):
    """The shipped practice spoken by espeak-ng: an MP3 with its companions, an M4A and a WAV without,
    one store."""
    from voicekit.pipeline import build

    def make(tmp: Path) -> SimpleNamespace:
        cache = tmp / "cache"
        mp3 = build(SHIPPED, SHIPPED_OPTIONS, output=tmp / "lumbar.mp3", cache_dir=cache)
        m4a = build(SHIPPED, SHIPPED_OPTIONS, output=tmp / "lumbar-aac.m4a", cache_dir=cache, companions=False)
        wav = build(SHIPPED, SHIPPED_OPTIONS, output=tmp / "lumbar-pcm.wav", cache_dir=cache, companions=False)
        return SimpleNamespace(mp3=mp3, m4a=m4a, wav=wav, tmp=tmp, cache=cache)

    return once_per_run(tmp_path_factory, "shipped", make)


@pytest.fixture(scope="session")
def joined(tmp_path_factory):
    """One timeline three ways, spoken by espeak-ng: the frame-joined MP3, the plain PCM (WAV), and one
    encoder run over the same mixed session (the reference), all decoded."""
    from audio_tools import decode

    from voicekit import ffmpeg
    from voicekit.output.mp3 import frames
    from voicekit.pipeline import build
    from voicekit.plan.grid import SAMPLE_RATE
    from voicekit.sound import mix

    tmp = tmp_path_factory.mktemp("join")
    seq = tmp / "join.yaml"
    seq.write_text(JOIN_SEQUENCE)
    cache = tmp / "cache"
    mp3 = build(seq, JOIN_OPTIONS, output=tmp / "join.mp3", cache_dir=cache, companions=False)
    wav = build(seq, JOIN_OPTIONS, output=tmp / "join.wav", cache_dir=cache, companions=False)
    assert mp3.timeline == wav.timeline
    sources = sources_of(mp3, cache)
    reference = tmp / "reference.mp3"

    def feed(stdin: IO[bytes]) -> None:
        for _, segment in mix.segments(mp3.timeline, sources):
            stdin.write(segment)

    ffmpeg.run([*ffmpeg.pcm_input(SAMPLE_RATE), *frames.lame_args(str(reference), True)], feed, "encode MP3")
    return SimpleNamespace(
        timeline=mp3.timeline,
        result=mp3,
        cache=cache,
        seq=seq,
        tmp=tmp,
        joined=decode(mp3.output),
        pcm=decode(wav.output),
        reference=decode(reference),
    )


@pytest.fixture(scope="session")
def shelf_built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuildResult]:
    """Each practice of BUILT (the English ones, two translations) built once with the fake engine (medium
    holds) into one store: its BuildResult by name. FITTED_MP3 as MP3s (later MP3 builds of them in that
    store need no engine or encoder), the others as WAV."""
    from voicekit.pipeline import build

    def make(tmp: Path) -> dict[str, BuildResult]:
        return {
            path.stem: build(
                path,
                FAKE,
                output=tmp / f"{path.stem}.{'mp3' if path.stem in FITTED_MP3 else 'wav'}",
                cache_dir=tmp / "store",
                companions=False,
            )
            for path in BUILT
        }

    return once_per_run(tmp_path_factory, "shelf", make)


@pytest.fixture(scope="session")
def two_shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding what fake-engine MP3 builds of desk-break and neck-and-shoulders make (the quick
    loop's shipped builds; ``shelf_built`` builds every shipped practice, for the slow tests)."""
    tmp = tmp_path_factory.mktemp("two-shipped")
    for name in ("desk-break", "neck-and-shoulders"):
        store_of(ROOT / "sequences" / f"{name}.yaml", tmp)
    return tmp / "store"


@pytest.fixture
def shelf_cache(two_shipped: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The store ``two_shipped`` filled (shared: its entries are written once and never changed), also set
    through the environment for the CLI."""
    store = two_shipped
    monkeypatch.setenv("VOICEKIT_CACHE_DIR", str(store))
    return store


@pytest.fixture(scope="session")
def shelf_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user config folder whose practices/ holds SHELF_PRACTICE as ``mini-flow``."""
    path = tmp_path_factory.mktemp("shelf-config")
    (path / "practices").mkdir()
    (path / "practices" / "mini-flow.yaml").write_text(SHELF_PRACTICE)
    return path


@pytest.fixture
def shelf_practice(shelf_config: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user config folder holds ``mini-flow`` (use it with ``pytest.mark.usefixtures``)."""
    monkeypatch.setenv("VOICEKIT_CONFIG_DIR", str(shelf_config))
    return shelf_config / "practices" / "mini-flow.yaml"


@pytest.fixture(scope="session")
def shelf_store(shelf_config: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding every clip of ``mini-flow`` spoken by the fake engine, and its frames."""
    return store_of(shelf_config / "practices" / "mini-flow.yaml", tmp_path_factory.mktemp("shelf-store"))


@pytest.fixture
def compose_day(monkeypatch: pytest.MonkeyPatch) -> date:
    """The composer's today pinned to one day (its seed comes from the day): the same practices whenever
    the tests run."""
    import voicekit.plan.compose.composer as composer

    day = date(2025, 3, 1)

    class Day(date):
        @classmethod
        def today(cls) -> Day:
            return cls(day.year, day.month, day.day)

    monkeypatch.setattr(composer, "date", Day)
    return day
