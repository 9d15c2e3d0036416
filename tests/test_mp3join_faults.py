"""The MP3 frame join when things go wrong: clips made again, damaged or unwritable caches, big cold builds."""

from __future__ import annotations

import numpy as np
import pytest
from audio_tools import RATE, decode

from voicekit.errors import ExportError
from voicekit.output.mp3 import framecache
from voicekit.output.mp3 import frames as mp3frames
from voicekit.output.mp3 import join as mp3join
from voicekit.pipeline import build
from voicekit.plan.options import BuildOptions, apply
from voicekit.speech import finish as clips
from voicekit.speech import synthesis as speech
from voicekit.store import ClipCache

FAKE = BuildOptions(engine="fake")
SEQUENCE = """\
title: Review
intro: Welcome to this practice today.
poses:
  - name: Rest
    setup: Lie down.
    hold: 10s
"""


@pytest.fixture
def built(tmp_path):
    """A sequence built once as MP3 (fake engine), so the clip and frame caches are warm."""
    seq = tmp_path / "s.yaml"
    seq.write_text(SEQUENCE)
    cache = tmp_path / "cache"
    result = build(seq, FAKE, output=tmp_path / "a.mp3", cache_dir=cache, companions=False)
    return seq, cache, result


def _clip_path(cache, result, text):
    clip_cache = ClipCache(cache)
    return clip_cache.path(speech.clip_key(clip_cache, apply(result.sequence, FAKE).voice, text))


def _remake_clip(path, samples):
    """What happens when a damaged or deleted clip is synthesized again (espeak's output varies run to run)."""
    path.unlink()
    clips.write_wav(path, samples)


def _info(data: bytes):
    start = data.index(b"Info") - 21
    info = data[start : start + 400]
    return start, lambda at, n: int.from_bytes(info[at : at + n], "big")


# A clip made again shorter (after damage or deletion; espeak-ng varies run to run) must not break MP3 builds.
def test_a_clip_made_again_shorter_does_not_break_mp3_builds(built, tmp_path):
    seq, cache, result = built
    path = _clip_path(cache, result, "Lie down.")
    x, _ = clips.read_wav(path)
    _remake_clip(path, x[: len(x) // 2])
    for attempt in range(2):  # "build again", as the error says
        out = build(seq, FAKE, output=tmp_path / f"b{attempt}.mp3", cache_dir=cache, companions=False)
    assert len(decode(out.output)) == out.timeline.sample(out.timeline.total, RATE)


# A clip made again with the same length but other samples is what the MP3 plays (frames keyed by content).
def test_a_clip_made_again_is_heard_in_the_mp3(built, tmp_path):
    seq, cache, result = built
    path = _clip_path(cache, result, "Lie down.")
    x, _ = clips.read_wav(path)
    _remake_clip(path, -x)  # same length, opposite sign: unmistakable
    mp3 = build(seq, FAKE, output=tmp_path / "b.mp3", cache_dir=cache, companions=False)
    wav = build(seq, FAKE, output=tmp_path / "b.wav", cache_dir=cache, companions=False)
    cue = next(c for c in mp3.timeline.cues if c.text == "Lie down.")
    s = slice(mp3.timeline.sample(cue.start, RATE), mp3.timeline.sample(cue.end, RATE))
    a, b = decode(mp3.output)[s], decode(wav.output)[s]
    assert float(np.dot(a, b)) > 0, "the MP3 plays the clip that is no longer in the cache"


# A damaged kit (Info template + silent frame) is found by its checksum and made again.
def test_a_damaged_kit_is_made_again(built, tmp_path):
    seq, cache, _ = built
    kit = next((cache / "mp3").glob("kit-*.bin"))
    raw = bytearray(kit.read_bytes())
    raw[2 + 21] ^= 0xFF  # inside the "Info" tag of the template frame; the frame header still parses
    kit.write_bytes(bytes(raw))
    out = build(seq, FAKE, output=tmp_path / "b.mp3", cache_dir=cache, companions=False)
    assert len(decode(out.output)) == out.timeline.sample(out.timeline.total, RATE)


# The CRC-16 kept for the Info header is covered by the entry's CRC-32.
def test_a_damaged_crc16_in_a_frame_entry_is_detected(built):
    _, cache, _ = built
    entry = sorted((cache / "mp3").rglob("*.frames"))[0]
    raw = bytearray(entry.read_bytes())
    raw[-9] ^= 0x01  # low byte of the CRC-16 (the entry ends: frames 4, CRC-16 2, magic 4, CRC-32 4)
    entry.write_bytes(bytes(raw))
    block = framecache.FrameCache(cache).get(entry.stem)
    assert block is None or block.crc == mp3frames.crc16(block.data)


# mutagen trusts the LAME tag's delay and padding only after a LAME version string: the exact length.
def test_mutagen_reports_the_exact_length(built):
    import mutagen.mp3

    _, _, result = built
    samples = result.timeline.sample(result.timeline.total, RATE)
    assert round(mutagen.mp3.MP3(result.output).info.length * RATE) == samples


# A cache that cannot be written: MP3 builds go on with the frames kept in memory, and say so.
def test_mp3_builds_from_a_read_only_warm_clip_cache(tmp_path, monkeypatch):
    seq = tmp_path / "s.yaml"
    seq.write_text(SEQUENCE)
    cache = tmp_path / "cache"
    build(seq, FAKE, output=tmp_path / "a.wav", cache_dir=cache, companions=False)  # every clip cached

    def read_only(path, *_args, **_kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(framecache, "write_bytes", read_only)
    out = build(seq, FAKE, output=tmp_path / "a.mp3", cache_dir=cache, companions=False)
    assert len(decode(out.output)) == out.timeline.sample(out.timeline.total, RATE)
    assert any("cannot write the frame cache" in w for w in out.warnings)


# A cold build streams new clips to the encoder one at a time (was: all of them in memory at once).
def test_a_cold_encode_does_not_hold_every_new_clip_in_memory(monkeypatch):
    sizes = []

    class Stop(Exception):
        pass

    class Sink:
        def write(self, data):
            sizes.append(len(data))

    def fake_encoder(feed, cmd):
        feed(Sink())
        raise Stop

    monkeypatch.setattr(mp3join, "run_encoder", fake_encoder)
    clip = np.zeros(30 * RATE, "<i2")  # 30 s of speech, 2.6 MB
    pieces = [mp3join.Piece(str(i), lambda: clip) for i in range(24)]  # 12 minutes of new speech
    with pytest.raises(Stop):
        mp3join.encode(pieces)
    assert sizes and max(sizes) <= 4 * 2**20, "the encoder is fed one clip at a time"


# the O(log n) CRC of a run of silent frames equals the CRC of the bytes.
def test_guard_run_crc_matches_bytes():
    frame = bytes(range(256))[:209]
    runs = mp3frames.Runs(frame)
    for count in (0, 1, 2, 3, 7, 100, 1023, 4097):
        assert runs.crc(count, 0x1234) == mp3frames.crc16(frame * count, 0x1234)


# a second speech cue inside the fade-in (no intro, no pauses) is faded the same way in MP3 and WAV.
def test_guard_second_cue_inside_the_fade_in(tmp_path):
    seq = tmp_path / "s.yaml"
    seq.write_text(
        "title: T\npauses: {step: 0s, pose: 0s}\nposes:\n  - name: Rest\n    setup: [Lie, Down]\n    hold: 2s\n"
    )
    cache = tmp_path / "cache"
    mp3 = build(seq, FAKE, output=tmp_path / "a.mp3", cache_dir=cache, companions=False)
    wav = build(seq, FAKE, output=tmp_path / "a.wav", cache_dir=cache, companions=False)
    assert mp3.timeline == wav.timeline
    down = next(c for c in mp3.timeline.cues if c.text == "Down")
    start = mp3.timeline.sample(down.start, RATE)
    assert start < 1500 * RATE // 1000  # it does start inside the fade-in
    s = slice(start, mp3.timeline.sample(down.end, RATE))
    a, b = decode(mp3.output)[s], decode(wav.output)[s]
    assert 10 * np.log10(np.sum(b**2) / np.sum((a - b) ** 2)) > 15  # within the codec's error of the WAV


# a 12-hour session's Info header (frames, bytes, delay, padding) matches the file; padding in 0..4095.
def test_guard_long_session_header(tmp_path):
    seq = tmp_path / "s.yaml"
    seq.write_text(SEQUENCE.replace("hold: 10s", "hold: 11h50m"))
    out = build(seq, FAKE, output=tmp_path / "long.mp3", cache_dir=tmp_path / "cache", companions=False)
    data = out.output.read_bytes()
    start, field = _info(data)
    samples = out.timeline.sample(out.timeline.total, RATE)
    assert field(29, 4) == samples // mp3frames.FRAME + 1
    assert field(33, 4) == len(data) - start
    padding = field(141 + 21, 3) & 4095
    assert field(141 + 21, 3) >> 12 == 576 and 0 <= padding < 4096
    assert field(29, 4) * mp3frames.FRAME - 576 - padding == samples


# the encoder never spreads a clip past frames_for(samples), whatever its length mod 1152.
def test_guard_encoder_stays_inside_frames_for():
    pieces = []
    for r in range(0, 1152, 3):
        x = np.zeros(1152 + r, "<i2")
        x[0], x[-2], x[-1] = 30000, 30000, -30000  # clicks at both ends: the widest spread
        pieces.append(mp3join.Piece(str(r), lambda x=x: x))
    try:
        blocks = mp3join.encode(pieces)
    except ExportError as e:
        pytest.fail(str(e))
    assert [b.frames for b in blocks] == [mp3frames.frames_for(1152 + r) for r in range(0, 1152, 3)]
