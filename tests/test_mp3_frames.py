"""The bytes of voicekit's MP3s: constant bit rate mono frames, and the Info frame (counts, delay and
padding, CRCs, the LAME version) that lets every player report the exact length."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from audio_tools import mp3_frames, mp3_seconds
from helpers import FAKE, MINIMAL

from voicekit.output.mp3 import frames as mp3frames
from voicekit.pipeline import build
from voicekit.plan.grid import ENCODER_DELAY, FRAME, SAMPLE_RATE


def info_of(data: bytes) -> tuple[int, Callable[[int, int], int]]:
    """Where the Info frame starts, and a reader of its big-endian fields."""
    start = data.index(b"Info") - 21  # the Info frame's header: 4 bytes, then 17 of side info
    info = data[start : start + 400]
    return start, lambda at, n: int.from_bytes(info[at : at + n], "big")


def test_every_frame_is_cbr_and_the_info_header_counts_them(joined):
    frames = mp3_frames(joined.result.output)
    assert set(frames) == {(64, SAMPLE_RATE, True)}
    data = joined.result.output.read_bytes()
    start, field = info_of(data)
    info = mp3frames.split(data[start:])[0]
    audio = data[start + len(info) :]
    assert field(29, 4) == len(frames) - 1  # audio frames after the Info frame
    assert field(33, 4) == len(data) - start  # bytes from the Info frame on
    padding = (len(frames) - 1) * FRAME - ENCODER_DELAY - len(joined.pcm)
    assert field(141 + 21, 3) == ENCODER_DELAY << 12 | padding  # delay, padding
    assert field(141 + 32, 2) == mp3frames.crc16(audio)  # the music CRC, as ffmpeg computes it
    tag = bytearray(info[:190])
    tag[175:177] = b"\0\0"
    assert field(141 + 34, 2) == mp3frames.crc16(bytes(tag))


@pytest.mark.slow
def test_mp3_is_mono_constant_bit_rate_44k(shipped):
    frames = mp3_frames(shipped.mp3.output)
    assert len(frames) > 1000
    assert set(frames) == {(64, SAMPLE_RATE, True)}  # every frame, the Info frame included


# mutagen trusts the LAME tag's delay and padding only after a LAME version string: the exact length.
def test_mutagen_reports_the_exact_length(tmp_path, warm_cache):

    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    result = build(seq, FAKE, output=tmp_path / "a.mp3", cache_dir=warm_cache, companions=False)
    samples = result.timeline.sample(result.timeline.total, SAMPLE_RATE)
    assert round(mp3_seconds(result.output) * SAMPLE_RATE) == samples


# A 12-hour session's Info header (frames, bytes, delay, padding) matches the file; padding in 0..4095.
@pytest.mark.slow
def test_a_twelve_hour_session_s_header(tmp_path):
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL.replace("hold: 10s", "hold: 11h50m"))
    out = build(seq, FAKE, output=tmp_path / "long.mp3", cache_dir=tmp_path / "cache", companions=False)
    data = out.output.read_bytes()
    start, field = info_of(data)
    samples = out.timeline.sample(out.timeline.total, SAMPLE_RATE)
    assert field(29, 4) == samples // FRAME + 1
    assert field(33, 4) == len(data) - start
    padding = field(141 + 21, 3) & 4095
    assert field(141 + 21, 3) >> 12 == ENCODER_DELAY and 0 <= padding < 4096
    assert field(29, 4) * FRAME - ENCODER_DELAY - padding == samples


def crc16_bitwise(data: bytes, crc: int = 0) -> int:
    """CRC-16/ARC, one bit at a time: the definition."""
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


@pytest.mark.parametrize("size", [0, 1, 255, 8191, 8192, 100_003])
def test_crc16_of_short_and_long_data_is_crc16_arc(size):
    """Short data goes through a table, megabytes through numpy rows joined by CRC arithmetic."""
    data = bytes((i * 7919 + 13) % 251 for i in range(size))
    assert mp3frames.crc16(data) == crc16_bitwise(data)
    assert mp3frames.crc16(data, 0xBEEF) == crc16_bitwise(data, 0xBEEF)
    a, b = data[: size // 3], data[size // 3 :]
    assert mp3frames.crc_join(mp3frames.crc16(a), mp3frames.crc16(b), len(b)) == crc16_bitwise(data)
