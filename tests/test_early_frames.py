"""A cold MP3 build encodes each clip's frames as soon as the clip is stored, while the engine speaks the
others: the join then encodes only what the fade-in shapes, and the file is the one a build that
encodes everything at the end makes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import FAKE

from voicekit import pipeline
from voicekit.output.mp3 import encode
from voicekit.pipeline import clips
from voicekit.store import CLIP, FRAMES, Store

PRACTICE = """\
title: Early frames
intro: Welcome. Settle in.
poses:
  - name: Rest
    setup: [Lie down on your back., Let your arms rest.]
    hold: 20s
    reminders: [Let the floor hold you.]
outro: That is all. Thank you.
"""


def _build(tmp_path: Path, name: str, early: bool) -> tuple[bytes, list[int]]:
    """The built file's bytes and how many clips the join encoded, with early frames or without."""
    real, each = clips.synthesize, encode.each_alone
    encoded: list[int] = []

    def counted(items: list, *rest: Any) -> list:
        encoded.append(len(items))
        return each(items, *rest)

    seq = tmp_path / "early.yaml"
    seq.write_text(PRACTICE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "synthesize", lambda p, s, g, frames=False: real(p, s, g, frames and early))
        patch.setattr(encode, "each_alone", counted)
        result = pipeline.build(seq, FAKE, tmp_path / f"{name}.mp3", cache_dir=tmp_path / name, companions=False)
    return result.output.read_bytes(), encoded


def test_a_cold_build_encodes_its_clips_while_speaking_and_writes_the_same_file(tmp_path):
    late, late_encoded = _build(tmp_path, "late", early=False)
    early, early_encoded = _build(tmp_path, "early", early=True)
    assert early == late
    # Late: every clip and the bell at the join; early: only the bell and the clip the fade-in shapes.
    assert late_encoded == [6] and early_encoded == [2]


def test_clip_frames_are_those_the_join_looks_for(tmp_path):
    store = Store(tmp_path)
    store.put(CLIP, "c", bytes(range(256)) * 400)
    encode.clip_frames(store, "c")
    content = store.content(CLIP, "c")
    name = encode.frames_name(content, None)
    assert store.size(FRAMES, name)
    before = store.path(FRAMES, name).stat().st_mtime_ns
    encode.clip_frames(store, "c")  # stored already: not encoded again
    assert store.path(FRAMES, name).stat().st_mtime_ns == before
    encode.clip_frames(store, "missing")  # nothing to encode: nothing stored, nothing raised
    assert len(list((tmp_path / FRAMES).rglob("*"))) == 2  # the one entry and its folder


def test_a_failed_encode_leaves_the_rest_to_the_join(tmp_path, monkeypatch):
    def broken(store: Store, clip: str) -> None:
        raise OSError("no ffmpeg")

    monkeypatch.setattr(encode, "clip_frames", broken)
    encoder = clips.Encoder(Store(tmp_path))
    encoder.add("a")
    encoder.add("b")
    encoder.close()
    assert encoder.stopped and encoder.thread is None
