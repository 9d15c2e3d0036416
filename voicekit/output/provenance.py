"""Did voicekit make this file? A build replaces only files it made, never one the user wrote.

Every output says who made it: the MP3's and M4A's tags, a LIST chunk in a WAV, a line in each
companion. Reading the answer costs a header, not the file.
"""

from __future__ import annotations

import os
from pathlib import Path

from voicekit.sound import wav

MARK = b"voicekit"
# ID3v2.3 stores text as UTF-16; MP4 and WAV tags as UTF-8 or ASCII.
_MARKS = (MARK, "voicekit".encode("utf-16-le"), "voicekit".encode("utf-16-be"))
_TEXT_LIMIT = 4_000_000  # companions are kilobytes; a bigger "companion" is somebody's file
_MOOV_LIMIT = 64_000_000


def made_by_voicekit(path: Path) -> bool:
    """True when ``path`` is a file a voicekit build wrote (its audio or a companion)."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
            if head[:3] == b"ID3":
                return _marked(_id3(f, head))
            if wav.is_wav(head):
                return _marked(wav.list_chunks(f))
            if head[4:8] == b"ftyp":
                return _marked(_moov(f))
            f.seek(0)
            text = f.read(_TEXT_LIMIT + 1)
    except OSError:
        return False
    return len(text) <= _TEXT_LIMIT and _ours_as_text(text)


def _marked(data: bytes) -> bool:
    return any(mark in data for mark in _MARKS)


def _id3(f, head: bytes) -> bytes:
    size = sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(head[6:10]))  # syncsafe: 7 bits a byte
    f.seek(10)
    return f.read(size)


def _moov(f) -> bytes:
    """The MP4 movie box (tags live in it), found by walking the top-level boxes."""
    pos = 0
    end = os.fstat(f.fileno()).st_size
    while pos + 8 <= end:
        f.seek(pos)
        box = f.read(16)
        size, kind = int.from_bytes(box[:4], "big"), box[4:8]
        if size == 1:
            size = int.from_bytes(box[8:16], "big")
        if size < 8:
            return b""
        if kind == b"moov":
            f.seek(pos)
            return f.read(min(size, _MOOV_LIMIT))
        pos += size
    return b""


def _ours_as_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(mark in text for mark in TEXT_MARKS)


# How each companion names its maker: the cue sheet's "Built with" line (and its note), the LRC's
# [re:] tag, the WebVTT NOTE and the JSON's "made_by" (and the shape plan documents have always had).
TEXT_MARKS = ("(voicekit ", "[re:voicekit]", "; made by voicekit", '"made_by": "voicekit')
