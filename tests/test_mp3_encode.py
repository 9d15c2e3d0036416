"""The frames a join plays: each clip encoded once, keyed by its content (and by its place inside the
fade-in), streamed to the encoder a clip at a time, stored, checked on every read and made again when
damaged; and the kit (an Info frame to fill in, a silent frame)."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import numpy as np
import pytest
from audio_tools import decode, snr_db
from helpers import FAKE, JOIN_OPTIONS, entries

from voicekit import ffmpeg
from voicekit.output.mp3 import encode
from voicekit.output.mp3 import frames as mp3frames
from voicekit.pipeline import BuildResult, build
from voicekit.plan.grid import FRAME, SAMPLE_RATE, frames_for
from voicekit.plan.options import BuildOptions
from voicekit.plan.timeline import CueKind
from voicekit.speech.synthesis import clip_name
from voicekit.store import CLIP, FRAMES, Store, label

SEQUENCE = """\
title: Frames test
intro: Welcome to this practice today.
poses:
  - name: Rest
    setup: Lie down.
    hold: 10s
"""


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("encode")
    seq = tmp / "s.yaml"
    seq.write_text(SEQUENCE)
    result = build(seq, FAKE, output=tmp / "a.mp3", cache_dir=tmp / "cache", companions=False)
    return seq, tmp / "cache", result


@pytest.fixture
def built(built_once, tmp_path):
    """A sequence built as MP3 (fake engine): a store of the test's own holds its clips and their frames."""
    seq, cache, result = built_once
    shutil.copytree(cache, tmp_path / "cache")
    return seq, tmp_path / "cache", result


def stored_clip(cache: Path, result: BuildResult, text: str) -> tuple[Store, str, np.ndarray]:
    """The store, the entry name and the 16-bit samples of the clip that speaks ``text``."""
    store = Store(cache)
    name = clip_name(result.practice.voice, text)
    body = store.get(CLIP, name)
    assert body is not None
    return store, name, np.frombuffer(body, dtype="<i2")


def remake_clip(store: Store, name: str, samples: np.ndarray) -> None:
    """What happens when a damaged or deleted clip is made again (a real engine varies run to run)."""
    store.path(CLIP, name).unlink()
    store.put(CLIP, name, np.asarray(samples, dtype="<i2").tobytes())


# A clip made again shorter (after damage or deletion) is encoded again: MP3 builds go on.
def test_a_clip_made_again_shorter_does_not_break_mp3_builds(built, tmp_path):
    seq, cache, result = built
    store, name, x = stored_clip(cache, result, "Lie down.")
    remake_clip(store, name, x[: len(x) // 2])
    for attempt in range(2):  # "build again", as the error would say
        out = build(seq, FAKE, output=tmp_path / f"b{attempt}.mp3", cache_dir=cache, companions=False)
        assert len(decode(out.output)) == out.timeline.sample(out.timeline.total, SAMPLE_RATE)


# A clip made again with the same length but other samples is what the MP3 plays (frames keyed by content).
def test_a_clip_made_again_is_heard_in_the_mp3(built, tmp_path):
    seq, cache, result = built
    store, name, x = stored_clip(cache, result, "Lie down.")
    remake_clip(store, name, -x)  # same length, opposite sign: unmistakable
    mp3 = build(seq, FAKE, output=tmp_path / "b.mp3", cache_dir=cache, companions=False)
    wav = build(seq, FAKE, output=tmp_path / "b.wav", cache_dir=cache, companions=False)
    cue = next(c for c in mp3.timeline.cues if c.text == "Lie down.")
    s = slice(mp3.timeline.sample(cue.start, SAMPLE_RATE), mp3.timeline.sample(cue.end, SAMPLE_RATE))
    a, b = decode(mp3.output)[s], decode(wav.output)[s]
    assert float(np.dot(a, b)) > 0, "the MP3 plays the clip that is no longer in the store"


# A damaged kit (Info template + silent frame) is found by its checksum and made again.
def test_a_damaged_kit_is_made_again(built, tmp_path):
    seq, cache, _ = built
    name = encode.frames_name("kit")
    path = Store(cache).path(FRAMES, name)
    raw = bytearray(path.read_bytes())
    raw[2 + 21] ^= 0xFF  # inside the "Info" tag of the template frame; the frame header still parses
    path.write_bytes(bytes(raw))
    out = build(seq, FAKE, output=tmp_path / "b.mp3", cache_dir=cache, companions=False)
    assert f"discarded a damaged cache entry {name}; it will be made again" in out.warnings
    assert len(decode(out.output)) == out.timeline.sample(out.timeline.total, SAMPLE_RATE)
    assert Store(cache).get(FRAMES, name) is not None  # whole again


# The CRC-16 kept for the Info header is covered by the entry's seal like every other byte.
def test_a_damaged_crc16_in_a_frame_entry_is_detected(built):
    _, cache, _ = built
    path = next(p for p in entries(cache, FRAMES) if p.name != encode.frames_name("kit"))
    raw = bytearray(path.read_bytes())
    raw[-len(label(FRAMES, path.name)) - 5] ^= 0x01  # the CRC-16's low byte: then the seal (label, CRC-32)
    path.write_bytes(bytes(raw))
    store = Store(cache)
    assert encode.get_block(store, path.name) is None
    assert not path.exists()  # deleted, to be made again
    assert store.warnings == [f"discarded a damaged cache entry {path.name}; it will be made again"]


# A cold build streams new clips to the encoder one at a time: memory holds one clip, not all of them.
def test_a_cold_encode_does_not_hold_every_new_clip_in_memory(monkeypatch):
    sizes = []

    class Stop(Exception):
        pass

    class Sink:
        def write(self, data):
            sizes.append(len(data))

    def fake_encoder(args, feed, what):
        feed(Sink())
        raise Stop

    monkeypatch.setattr(ffmpeg, "run", fake_encoder)
    clip = np.zeros(30 * SAMPLE_RATE, "<i2")  # 30 s of speech, 2.6 MB
    pieces = [encode.ToEncode(str(i), lambda: clip) for i in range(24)]  # 12 minutes of new speech
    with pytest.raises(Stop):
        encode.encode(pieces)
    assert sizes and max(sizes) <= 4 * 2**20, "the encoder is fed one clip at a time"


# The encoder never spreads a clip past frames_for(samples), whatever its length mod 1152 (every seventh
# length, an encoder run each, is slow: 165 ends spread over the frame and both its granules; the lengths
# at the ends of a frame and in its middle are not).
@pytest.mark.parametrize(
    "lengths", [[0, 1, 2, 575, 576, 577, 1149, 1150, 1151], pytest.param(range(3, FRAME, 7), marks=pytest.mark.slow)]
)
def test_the_encoder_stays_inside_frames_for(lengths):
    pieces = []
    for r in lengths:
        x = np.zeros(FRAME + r, "<i2")
        x[0], x[-2], x[-1] = 30000, 30000, -30000  # clicks at both ends: the widest spread
        pieces.append(encode.ToEncode(str(r), functools.partial(np.asarray, x)))
    blocks = encode.encode(pieces)
    assert [b.frames for b in blocks] == [frames_for(FRAME + r) for r in lengths]
    for block in blocks:
        data = bytes(block.data)
        assert len(mp3frames.split(data)) == block.frames and block.crc == mp3frames.crc16(data)


def test_clips_encoded_in_one_run_are_the_bytes_each_gets_in_a_run_of_its_own(tmp_path):
    """A batch (one ffmpeg run, an encoder per clip) gives each clip the frames a run of its own gives
    it, an empty clip and clips of a frame's length and a sample more among them; nothing is left in
    the scratch folder."""
    rng = np.random.default_rng(7)
    clips = [np.zeros(0, "<i2"), (rng.standard_normal(FRAME + 1) * 3000).astype("<i2")]
    clips += [(np.sin(np.arange(n) / 9) * 9000).astype("<i2") for n in (FRAME, 30_000)]
    pieces = [encode.ToEncode(str(i), functools.partial(np.asarray, x)) for i, x in enumerate(clips)]
    together = encode._encode_batch(pieces, scratch=tmp_path / "scratch")
    alone = [encode._encode_alone(piece) for piece in pieces]
    assert [bytes(b.data) for b in together] == [bytes(b.data) for b in alone]
    assert [b.frames for b in together] == [frames_for(len(x)) for x in clips]
    assert list((tmp_path / "scratch").iterdir()) == []


# A second speech cue inside the fade-in (no intro, no pauses) is faded the same way in MP3 and WAV.
def test_a_second_cue_inside_the_fade_in_is_faded_as_in_the_wav(tmp_path):
    seq = tmp_path / "s.yaml"
    seq.write_text(
        "title: T\npauses: {step: 0s, pose: 0s}\nposes:\n  - name: Rest\n    setup: [Lie, Down]\n    hold: 2s\n"
    )
    cache = tmp_path / "cache"
    mp3 = build(seq, FAKE, output=tmp_path / "a.mp3", cache_dir=cache, companions=False)
    wav = build(seq, FAKE, output=tmp_path / "a.wav", cache_dir=cache, companions=False)
    assert mp3.timeline == wav.timeline
    down = next(c for c in mp3.timeline.cues if c.text == "Down")
    start = mp3.timeline.sample(down.start, SAMPLE_RATE)
    assert start < 1500 * SAMPLE_RATE // 1000  # it does start inside the fade-in
    s = slice(start, mp3.timeline.sample(down.end, SAMPLE_RATE))
    a, b = decode(mp3.output)[s], decode(wav.output)[s]
    assert snr_db(b, a - b) > 15  # within the codec's error of the WAV


def test_a_rebuild_with_other_holds_runs_no_encoder(joined, monkeypatch):
    def no_encoder(*_args, **_kwargs):
        raise AssertionError("the encoder ran")

    monkeypatch.setattr(ffmpeg, "run", no_encoder)  # every ffmpeg run
    out = joined.tmp / "long.mp3"
    result = build(
        joined.seq, BuildOptions(engine="pyttsx3", holds="long", scale=3), output=out, cache_dir=joined.cache
    )
    assert result.synthesized == 0
    assert len(decode(out)) == result.timeline.sample(result.timeline.total, SAMPLE_RATE)


def test_a_damaged_frame_entry_is_made_again(joined, tmp_path):
    kit = encode.frames_name("kit")
    clips = [p for p in entries(joined.cache, FRAMES) if p.name != kit]
    victim = clips[len(clips) // 2]
    victim.write_bytes(victim.read_bytes()[:-300])  # truncated mid-frame
    store = Store(joined.cache)
    assert encode.get_block(store, victim.name) is None and not victim.exists()  # detected, and removed
    result = build(joined.seq, JOIN_OPTIONS, output=tmp_path / "again.mp3", cache_dir=joined.cache)
    assert encode.get_block(store, victim.name) is not None
    again = decode(result.output)
    assert len(again) == len(joined.joined)
    for cue in (c for c in joined.timeline.cues if c.kind is CueKind.SPEECH):
        s = slice(joined.timeline.sample(cue.start, SAMPLE_RATE), joined.timeline.sample(cue.end, SAMPLE_RATE))
        assert snr_db(joined.pcm[s], again[s] - joined.pcm[s]) > 15, cue.text


# A frame entry whose body is damaged, its seal intact, is found when the join reads it whole: discarded,
# and the build runs again at once (StoreChanged), encoding it anew; the file is the one a clean store gives.
def test_a_frame_entry_damaged_inside_is_found_by_the_join_and_the_build_goes_on(joined, tmp_path):
    kit = encode.frames_name("kit")
    victim = max((p for p in entries(joined.cache, FRAMES) if p.name != kit), key=lambda p: p.stat().st_size)
    raw = bytearray(victim.read_bytes())
    raw[len(raw) // 2] ^= 0xFF  # one byte inside a frame: the entry's size and seal are as they were
    victim.write_bytes(bytes(raw))
    result = build(joined.seq, JOIN_OPTIONS, output=tmp_path / "again.mp3", cache_dir=joined.cache)
    assert f"discarded a damaged cache entry {victim.name}; it will be made again" in result.warnings
    assert result.output.read_bytes() == joined.result.output.read_bytes()
    assert encode.get_block(Store(joined.cache), victim.name) is not None


# Same input, same file, whatever the store held: a clip's frames depend on the clip alone, not on which
# clips happened to share its encoder run (another practice built first left other clips to encode).
OTHER = """\
title: Another practice
intro: Welcome to this practice today.
poses:
  - name: Stand
    setup: [Stand tall., Lie down.]
    hold: 10s
    release: Step back.
"""


def test_the_same_sequence_gives_the_same_mp3_whatever_the_store_held_before(tmp_path):
    seq, other = tmp_path / "s.yaml", tmp_path / "other.yaml"
    seq.write_text(SEQUENCE.replace("hold: 10s", "hold: 10s\n    reminders: [Breathe out slowly., Soften.]"))
    other.write_text(OTHER)
    cold = build(seq, FAKE, output=tmp_path / "cold.mp3", cache_dir=tmp_path / "fresh", companions=False)
    build(other, FAKE, output=tmp_path / "other.mp3", cache_dir=tmp_path / "used", companions=False)
    after = build(seq, FAKE, output=tmp_path / "after.mp3", cache_dir=tmp_path / "used", companions=False)
    assert 0 < after.synthesized < cold.synthesized  # the store did hold some of its clips
    assert after.output.read_bytes() == cold.output.read_bytes()
