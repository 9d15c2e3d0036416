"""Shared fixtures: a CLI runner that goes through the real error boundary, and temporary caches."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from voicekit import cli


@dataclass
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys, monkeypatch, tmp_path):
    """Run ``voicekit ARGS`` in-process through ``cli.main`` (exit status and both streams)."""

    def run(*args: str) -> Ran:
        with pytest.raises(SystemExit) as exit_info:
            cli.main([str(a) for a in args])
        captured = capsys.readouterr()
        return Ran(exit_info.value.code or 0, captured.out, captured.err)

    return run


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    """A fresh clip cache for one test (also set through the environment for the CLI)."""
    path = tmp_path / "cache"
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


MINIMAL = """\
title: Test practice
poses:
  - name: Rest
    setup: Lie down.
    hold: 10s
"""


def earlier_build(path: Path) -> bytes:
    """Write a small file at ``path`` that voicekit recognizes as one of its own MP3s; return its bytes."""
    from mutagen.id3 import ID3, TSSE

    path.write_bytes(b"")
    tag = ID3()
    tag.add(TSSE(encoding=3, text=["voicekit 0.1.0"]))
    tag.save(str(path), v2_version=3)
    with open(path, "ab") as f:
        f.write(b"known bytes of an earlier build")
    return path.read_bytes()
