"""Every file a build writes says voicekit made it, so the next build may replace it (and nothing else)."""

from __future__ import annotations

import pytest
from conftest import MINIMAL, earlier_build

from voicekit.output.provenance import made_by_voicekit


@pytest.mark.parametrize("fmt", ["mp3", pytest.param("m4a", marks=pytest.mark.slow), "wav"])
def test_every_file_a_build_writes_says_voicekit_made_it(run_cli, write_seq, tmp_path, warm_cache, fmt):
    build = ("build", write_seq(MINIMAL), "-o", tmp_path / f"out.{fmt}", "--engine", "fake", "-q")
    assert run_cli(*build).code == 0
    written = sorted(tmp_path.glob("out.*"))
    assert [p.suffix for p in written] == sorted(f".{s}" for s in (fmt, "md", "lrc", "vtt", "json"))
    assert all(made_by_voicekit(p) for p in written)
    assert run_cli(*build).code == 0  # and so replaces them


def test_files_voicekit_did_not_make_are_not_its_own(tmp_path):
    earlier = tmp_path / "earlier.mp3"
    earlier_build(earlier)
    song = tmp_path / "song.mp3"
    song.write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x00" + bytes(4000))
    notes = tmp_path / "notes.md"
    notes.write_text("# My notes on voicekit\n")  # names voicekit, but not as a build does
    assert made_by_voicekit(earlier)
    assert not made_by_voicekit(song) and not made_by_voicekit(notes)
    assert not made_by_voicekit(tmp_path / "missing.mp3")
