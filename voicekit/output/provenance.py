"""Did voicekit make this file? A build replaces only files it made, never one the user wrote.

Every output carries voicekit's mark in one place, and only the mark in that place counts: a title, a
note or a line that merely names voicekit is the user's. The places: the MP3's TSSE frame
("voicekit 1.2.0"), the end of the M4A's comment ("... (voicekit 1.2.0)"), the ISFT field of a WAV's
LIST/INFO chunk, the cue sheet's "Built with" line under its title and length, the LRC's ``[re:voicekit]``
after its four header tags, the WebVTT's NOTE on its third line, and the JSON's top-level "made_by".
Reading the answer costs a header, not the file.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from voicekit import __version__
from voicekit.sound import wav

SIGNATURE = f"voicekit {__version__}"
"""Who made the file, as every output says it (files from any version count)."""
LRC_MARK = "[re:voicekit]"
VTT_MARK = "; made by voicekit"
_SIGNED = r"voicekit [0-9][0-9A-Za-z.+-]*"
_TEXT_LIMIT = 4_000_000  # companions are kilobytes; a bigger "companion" is somebody's file


def signed(text: object) -> bool:
    """Is ``text`` exactly a voicekit signature ("voicekit 1.2.0")?"""
    return isinstance(text, str) and re.fullmatch(_SIGNED, text) is not None


def made_by_voicekit(path: Path) -> bool:
    """True when ``path`` is a file a voicekit build wrote (its audio or a companion)."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
            if head[:3] == b"ID3":
                return _mp3(path)
            if wav.is_wav(head):
                return signed(wav.info(f).get(b"ISFT", b"").decode("utf-8", "replace"))
            if head[4:8] == b"ftyp":
                return _m4a(path)
            check = _TEXTS.get(Path(path).suffix.lower())
            f.seek(0)
            data = f.read(_TEXT_LIMIT + 1)
    except OSError:
        return False
    if check is None or len(data) > _TEXT_LIMIT:
        return False
    try:
        return check(data.decode("utf-8").split("\n"))
    except UnicodeDecodeError:
        return False


def _mp3(path: Path) -> bool:
    """The ID3 tag's one TSSE frame says voicekit, and nothing else. Read by hand, frame header by frame
    header (no mutagen, which a warm rebuild does not import otherwise): a tag as voicekit writes it,
    ID3v2.3 (or 2.4) without unsynchronisation or an extended header, its TSSE frame without flags; any
    other tag is not voicekit's."""
    found = []
    try:
        with open(path, "rb") as f:
            head = f.read(10)
            if len(head) < 10 or head[3] not in (3, 4) or head[5] & 0xC0 or any(b & 0x80 for b in head[6:10]):
                return False
            at, end = 10, 10 + _syncsafe(head[6:10])
            if os.fstat(f.fileno()).st_size < end:
                return False  # a tag cut short
            while at + 10 <= end:
                frame = f.read(10)
                if len(frame) < 10 or not frame[:4].isalnum():
                    break  # the padding
                size = _syncsafe(frame[4:8]) if head[3] == 4 else int.from_bytes(frame[4:8], "big")
                at += 10 + size
                if at > end or (frame[:4] == b"TSSE" and frame[8:10] != b"\0\0"):
                    return False
                if frame[:4] == b"TSSE":
                    found.append(f.read(size))
                else:
                    f.seek(size, 1)
    except OSError:
        return False
    return len(found) == 1 and signed(_text(found[0]))


def _syncsafe(four: bytes) -> int:
    return (four[0] << 21) | (four[1] << 14) | (four[2] << 7) | four[3]


def _text(data: bytes) -> str | None:
    """A text frame's one text (None if it holds several, or cannot be read)."""
    codecs = {0: "latin-1", 1: "utf-16", 2: "utf-16-be", 3: "utf-8"}
    if not data or data[0] not in codecs:
        return None
    try:
        text = data[1:].decode(codecs[data[0]]).rstrip("\0")
    except UnicodeDecodeError:
        return None
    return None if "\0" in text else text


def _m4a(path: Path) -> bool:
    """The comment (the build's settings) ends with the signature in brackets."""
    from mutagen.mp4 import MP4

    try:
        tags = MP4(str(path)).tags
    except Exception:  # as for the MP3
        return False
    comments: list = (tags.get("\xa9cmt") if tags is not None else None) or []
    return len(comments) == 1 and re.fullmatch(rf".* \({_SIGNED}\)", str(comments[0])) is not None


def _cue_sheet(lines: list[str]) -> bool:
    """'# Title', '', [description, ''], '**Length:** 1:00  ', '**Built with:** ... (voicekit 1.2.0)'."""
    if len(lines) < 4 or not lines[0].startswith("# ") or lines[1]:
        return False
    at = 2 if lines[2].startswith("**") else 4  # a description never starts with ** (its * are escaped)
    if len(lines) < at + 2 or (at == 4 and lines[3]):
        return False
    length = re.fullmatch(r"\*\*[^*]+:\*\* [0-9:.]+  ", lines[at])
    return bool(length and re.fullmatch(rf"\*\*[^*]+:\*\* .* \({_SIGNED}\)", lines[at + 1]))


def _lrc(lines: list[str]) -> bool:
    heads = ("[ti:", "[ar:", "[al:", "[length:")
    return len(lines) > 4 and all(map(str.startswith, lines, heads)) and lines[4] == LRC_MARK


def _vtt(lines: list[str]) -> bool:
    note = rf"NOTE .*, [0-9:.]+{re.escape(VTT_MARK)}"
    return len(lines) > 2 and lines[:2] == ["WEBVTT", ""] and re.fullmatch(note, lines[2]) is not None


def _plan(lines: list[str]) -> bool:
    try:
        doc = json.loads("\n".join(lines))
    except ValueError:
        return False
    return isinstance(doc, dict) and signed(doc.get("made_by"))


_TEXTS: dict[str, Callable[[list[str]], bool]] = {".md": _cue_sheet, ".lrc": _lrc, ".vtt": _vtt, ".json": _plan}
"""Each companion's check, by its suffix (``companions.COMPANION_SUFFIXES``)."""
