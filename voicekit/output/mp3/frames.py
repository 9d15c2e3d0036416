"""MPEG-1 Layer III frames as bytes: split a stream, tell silent frames apart, write the Info header.

voicekit's MP3s are mono, 44.1 kHz, constant bit rate, with LAME's bit reservoir off: every frame
carries all of its own data, so frames from different encodes can be joined byte by byte. Decoding
is linear after each frame's dequantisation, so a run of frames decodes to the sum of what each
frame decodes to on its own: a clip's frames, placed between silent frames, decode exactly as they
did in the clip's own encode. No numpy here: a warm rebuild needs none.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from voicekit.plan.grid import ENCODER_DELAY, FRAME, SAMPLE_RATE
from voicekit.sound.wav import clip16

if TYPE_CHECKING:
    import numpy as np

BITRATE = 64  # kbit/s

# LAME at this bit rate leaves speech 0.4-0.45 dB quieter (measured with ebur128 on the same session as
# WAV and MP3, espeak-ng and Piper alike): what goes into the encoder is raised by as much, so every
# format measures the same.
GAIN_DB = 0.42
SETTINGS = f"libmp3lame {BITRATE}k cbr mono {SAMPLE_RATE} reservoir-off gain {GAIN_DB} v5"  # what stored frames hold


def louder(samples: np.ndarray) -> np.ndarray:
    """16-bit samples raised by GAIN_DB for the encoder."""
    return clip16(samples * 10 ** (GAIN_DB / 20))


def lame_args(output: str, xing: bool) -> list[str]:
    """ffmpeg's output arguments for voicekit's MP3s: LAME at the bit rate, bit reservoir off (every frame
    independent), no ID3 tag, and the Info frame only where ``xing`` asks for it."""
    args = ["-c:a", "libmp3lame", "-b:a", f"{BITRATE}k", "-reservoir", "0", "-write_xing", "1" if xing else "0"]
    return [*args, "-id3v2_version", "0", "-f", "mp3", output]


_BITRATES = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
_RATES = (44100, 48000, 32000, 0)  # 0: reserved
_SIDE_INFO = 17  # bytes, mono MPEG-1
_INFO_AT = 4 + _SIDE_INFO


def frame_length(data: bytes | memoryview, pos: int = 0) -> int:
    """Bytes in the MPEG-1 Layer III frame whose header starts at ``pos``; ValueError if there is none."""
    if pos + 4 > len(data):
        raise ValueError(f"truncated frame header at byte {pos}")
    h = int.from_bytes(data[pos : pos + 4], "big")
    kbps, rate = _BITRATES[(h >> 12) & 15], _RATES[(h >> 10) & 3]
    if h >> 21 != 0x7FF or (h >> 19) & 3 != 3 or (h >> 17) & 3 != 1 or not kbps or not rate:
        raise ValueError(f"no MPEG-1 Layer III frame at byte {pos}")
    return 144_000 * kbps // rate + ((h >> 9) & 1)


def split(data: bytes) -> list[bytes]:
    """The frames of a bare MP3 stream (no tags); ValueError if it does not end on a frame boundary."""
    frames, pos = [], 0
    while pos < len(data):
        n = frame_length(data, pos)
        if pos + n > len(data):
            raise ValueError(f"truncated frame at byte {pos}")
        frames.append(data[pos : pos + n])
        pos += n
    return frames


def is_silent(frame: bytes) -> bool:
    """True when neither granule carries any data (part2_3_length 0): the frame decodes to nothing."""
    side = int.from_bytes(frame[4 : 4 + _SIDE_INFO], "big")
    total = 8 * _SIDE_INFO
    first = (side >> (total - 18 - 12)) & 0xFFF  # after main_data_begin (9), private (5), scfsi (4)
    second = (side >> (total - 18 - 59 - 12)) & 0xFFF  # each granule's side info is 59 bits
    return first == 0 and second == 0


# CRC-16/ARC, as ffmpeg writes into the LAME tag. Init 0, no final xor: it is linear, so
# crc(a + b) == shift(crc(a), len(b)) ^ crc(b), and a whole file's CRC comes from its pieces' CRCs.
def _table() -> list[int]:
    out = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        out.append(crc)
    return out


_CRC = _table()


def crc16(data: bytes, crc: int = 0) -> int:
    if len(data) >= 1 << 13:
        return _crc16_wide(data, crc)
    for byte in data:
        crc = (crc >> 8) ^ _CRC[(crc ^ byte) & 0xFF]
    return crc


_WIDE = 256  # bytes a row in _crc16_wide


def _crc16_wide(data: bytes, crc: int) -> int:
    """crc16 for megabytes: every 256-byte row's CRC at once with numpy, then the rows joined (CRCs are linear).

    Only for encoding paths, where numpy is loaded anyway; a plain rebuild never gets here."""
    import numpy as np

    n = len(data) // _WIDE * _WIDE
    table = np.array(_CRC, dtype=np.uint32)
    rows = np.frombuffer(data, dtype=np.uint8, count=n).reshape(-1, _WIDE)
    row_crc = np.zeros(len(rows), dtype=np.uint32)
    for k in range(_WIDE):
        row_crc = (row_crc >> 8) ^ table[(row_crc ^ rows[:, k]) & 0xFF]
    low, high = _shift_tables(_WIDE)
    for value in row_crc.tolist():
        crc = low[crc & 0xFF] ^ high[crc >> 8] ^ value
    for byte in data[n:]:
        crc = (crc >> 8) ^ _CRC[(crc ^ byte) & 0xFF]
    return crc


@functools.cache
def _columns(k: int) -> list[int]:
    """What 2**k zero bytes do to a CRC: where each of its 16 bits goes (made when a join first needs it)."""
    if k == 0:
        return [crc16(b"\0", 1 << bit) for bit in range(16)]
    low, high = _byte_tables(k - 1)  # twice 2**(k-1) bytes: each column shifted once more
    return [low[column & 0xFF] ^ high[column >> 8] for column in _columns(k - 1)]


def _shift_tables(nbytes: int) -> tuple[list[int], list[int]]:
    """crc_shift(c, nbytes) as two lookups: by c's low byte and by its high byte."""
    return [crc_shift(b, nbytes) for b in range(256)], [crc_shift(b << 8, nbytes) for b in range(256)]


def crc_shift(crc: int, nbytes: int) -> int:
    """The CRC after ``nbytes`` more zero bytes: a shift by each power of two in ``nbytes`` (its set bits
    alone: a join shifts the session's CRC at every piece)."""
    while nbytes:
        bit = nbytes & -nbytes
        low, high = _byte_tables(bit.bit_length() - 1)
        crc = low[crc & 0xFF] ^ high[crc >> 8]
        nbytes ^= bit
    return crc


@functools.cache
def _byte_tables(k: int) -> tuple[list[int], list[int]]:
    """_columns(k) as two lookups, by a CRC's low byte and by its high byte (a join shifts by a few dozen
    powers, each many times). Each table doubles as it takes a bit: what the bit adds, XORed on the values
    without it (its list comprehensions were 3 times as fast as a loop over the 256 values)."""
    columns = _columns(k)
    tables = []
    for half in (columns[:8], columns[8:]):
        table = [0]
        for column in half:
            table += [value ^ column for value in table]
        tables.append(table)
    return tables[0], tables[1]


def crc_join(crc_a: int, crc_b: int, len_b: int) -> int:
    """The CRC of a + b from the CRCs of a and b."""
    return crc_shift(crc_a, len_b) ^ crc_b


ENCODER_TAG = b"LAME3.100"  # mutagen (like iTunes) trusts the delay and padding only after a LAME version


def branded(template: bytes) -> bytes:
    """``template`` (an Info frame from ffmpeg, tagged "Lavc...") tagged with the LAME version that made
    its frames, so every reader honours the encoder delay and padding and reports the exact length."""
    out = bytearray(template)
    if out[_INFO_AT : _INFO_AT + 4] not in (b"Info", b"Xing") or out[_INFO_AT + 7] != 15:
        raise ValueError("the Info frame template has an unexpected layout")
    lame = _INFO_AT + 8 + 112
    out[lame : lame + len(ENCODER_TAG)] = ENCODER_TAG
    return bytes(out)


def info_frame(template: bytes, frames: int, audio_bytes: int, audio_crc: int, samples: int) -> bytes:
    """An Info (Xing + LAME) frame for ``frames`` audio frames holding ``samples`` samples.

    ``template`` is an Info frame ffmpeg wrote with the same settings; the counts, the seek table,
    the encoder delay and padding (so players drop them and report the exact length) and both CRCs
    are filled in the way ffmpeg fills them."""
    out = bytearray(template)
    if out[_INFO_AT : _INFO_AT + 4] not in (b"Info", b"Xing") or out[_INFO_AT + 7] != 15:
        raise ValueError("the Info frame template has an unexpected layout")
    size = len(out) + audio_bytes
    at = _INFO_AT + 8
    out[at : at + 4] = frames.to_bytes(4, "big")
    out[at + 4 : at + 8] = size.to_bytes(4, "big")
    out[at + 8 : at + 108] = bytes(min(255, 256 * (len(out) + audio_bytes * i // 100) // size) for i in range(100))
    lame = at + 112
    padding = frames * FRAME - ENCODER_DELAY - samples
    if not 0 <= padding < 4096:
        raise ValueError(f"{frames} frames cannot hold {samples} samples")
    out[lame + 21 : lame + 24] = (ENCODER_DELAY << 12 | padding).to_bytes(3, "big")
    out[lame + 28 : lame + 32] = size.to_bytes(4, "big")
    out[lame + 32 : lame + 34] = audio_crc.to_bytes(2, "big")
    out[lame + 34 : lame + 36] = b"\0\0"
    out[lame + 34 : lame + 36] = crc16(bytes(out[:190])).to_bytes(2, "big")  # ffmpeg: the first 190 bytes
    return bytes(out)
