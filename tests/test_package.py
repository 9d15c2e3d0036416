"""voicekit installs as a package: a wheel installed into a fresh virtual environment, run from another
folder, has its pose library, its practices and its schema, and builds a practice by name."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from helpers import ROOT, SHELF

from voicekit.sequence import schema


def _wheel(tmp: Path) -> Path:
    """Build the wheel from a copy of the sources (pip builds in the tree it is given)."""
    src = tmp / "src"
    shutil.copytree(ROOT / "voicekit", src / "voicekit", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, src / name)
    wheels = tmp / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "-q", "-w", str(wheels), str(src)], check=True, capture_output=True)
    return next(wheels.glob("voicekit-*.whl"))


def _fresh_venv(tmp: Path, wheel: Path) -> Path:
    """A new environment with only the wheel installed; its dependencies (click, the engines, ffmpeg)
    are read from this test environment's site-packages, appended after its own."""
    env = tmp / "venv"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(purelib) / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--python", str(python)]
    subprocess.run([*pip, "install", "--no-deps", "--no-index", "-q", str(wheel)], check=True, capture_output=True)
    return env


def _shipped(path: Path) -> bool:
    """A file of the package as written (not bytecode, not a cache)."""
    return path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="the venv layout below is POSIX")
def test_a_wheel_in_a_fresh_venv_has_its_library_and_builds_a_practice_by_name(tmp_path):
    env = _fresh_venv(tmp_path, _wheel(tmp_path))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    settings = {"VOICEKIT_CONFIG_DIR": "config", "VOICEKIT_DATA_DIR": "data", "VOICEKIT_CACHE_DIR": "cache"}
    environ = {**os.environ, **{k: str(elsewhere / v) for k, v in settings.items()}}
    environ.pop("PYTHONPATH", None)

    def run(*args: str) -> str:
        ran = subprocess.run([str(env / "bin" / "voicekit"), *args], cwd=elsewhere, env=environ, capture_output=True)
        assert ran.returncode == 0, ran.stderr.decode()
        return ran.stdout.decode()

    where = subprocess.run(
        [str(env / "bin" / "python"), "-c", "import voicekit; print(voicekit.__file__)"],
        cwd=elsewhere,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert Path(where.strip()).is_relative_to(env), where  # the installed copy, not this checkout

    installed = Path(where.strip()).parent
    kept = {p.relative_to(ROOT / "voicekit") for p in (ROOT / "voicekit").rglob("*") if _shipped(p)}
    assert {p.relative_to(installed) for p in installed.rglob("*") if _shipped(p)} == kept  # every file, none lost

    practices = run("practices", "--language", "all")
    assert all(path.stem in practices for path in SHELF)
    assert "reclining-twist" in run("poses")
    assert json.loads(run("schema")) == schema.schema("sequence")

    run("build", "lumbar-release", "--engine", "fake", "--holds", "short", "-q")
    built = elsewhere / "output" / "lumbar-release.mp3"
    assert built.read_bytes()[:3] == b"ID3" and built.stat().st_size > 100_000
    assert (elsewhere / "output" / "lumbar-release.json").is_file()
