"""The one place tags and chapters are written: ID3v2 (with CHAP and CTOC frames, and the cover as an
APIC frame) into an MP3, MP4 tags and chapters into an M4A (through ffmpeg, copying the audio; the
cover as ``covr``), none into a WAV.

ID3v2.3, not 2.4: older car stereos and phone players read 2.3 only, and 2.3 carries chapters just as well.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from voicekit import ffmpeg
from voicekit.files import temp_beside
from voicekit.output.metadata import Metadata
from voicekit.output.provenance import SIGNATURE
from voicekit.plan.timeline import Chapter

if TYPE_CHECKING:
    from mutagen.id3 import ID3
    from mutagen.mp4 import MP4

NO_OFFSET = 0xFFFFFFFF  # CHAP byte offsets unused: players seek by time


def id3(meta: Metadata, audio_bytes: int) -> bytes:
    """The ID3v2.3 tag that goes before ``audio_bytes`` of MP3 frames: title, artist, album, genre, year,
    length, language, the settings as a comment, voicekit's mark, the chapters (a table of contents, then
    one CHAP frame each, in time order: players list them in file order) and the cover.

    Written here, not with mutagen: the bytes are exactly those of mutagen's ID3v2.3 save (text in UTF-16,
    an empty text's frame left out, padded with 1 kB and a thousandth of the audio, as mutagen pads a new
    tag), which tests/test_tags.py checks; and a build that puts the tag before the frames moves no audio
    to make room, and imports no mutagen (with the move, a sixth of a warm rebuild)."""
    ids = [f"chp{i}" for i in range(len(meta.chapters))]
    toc = b"toc\0" + bytes([TOP_LEVEL_ORDERED, len(ids)]) + b"".join(i.encode("latin-1") + b"\0" for i in ids)
    frames = [
        _text("TIT2", meta.title),
        _text("TPE1", meta.artist),
        _text("TALB", meta.album),
        _text("TCON", meta.genre),
        _text("TDRC", meta.year),
        _text("TLEN", str(meta.length_ms)),
        _text("TLAN", meta.language),  # the language spoken
        _frame("COMM", b"\1" + _lang(meta.language) + _utf16("") + _utf16(meta.comment)) if meta.comment else b"",
        _text("TSSE", SIGNATURE),  # who made it: a rebuild replaces only its own files
        _frame("CTOC", toc + _text("TIT2", "Chapters")),
    ]
    for element_id, chapter in zip(ids, meta.chapters, strict=True):
        times = b"".join(n.to_bytes(4, "big") for n in (chapter.start, chapter.end, NO_OFFSET, NO_OFFSET))
        frames.append(_frame("CHAP", element_id.encode("latin-1") + b"\0" + times + _text("TIT2", chapter.title)))
    if meta.cover:
        frames.append(_frame("APIC", b"\1image/png\0" + bytes([COVER_FRONT]) + _utf16("") + meta.cover))
    body = b"".join(frames)
    padding = 1024 + audio_bytes // 1000
    return b"ID3\3\0\0" + _syncsafe(len(body) + padding) + body + bytes(padding)


TOP_LEVEL_ORDERED = 3  # a CTOC's flags: the top-level table, its chapters in order
COVER_FRONT = 3  # an APIC's picture type


def _frame(frame_id: str, data: bytes) -> bytes:
    """An ID3v2.3 frame: its id, its size (not syncsafe in 2.3), no flags, its data."""
    return frame_id.encode("ascii") + len(data).to_bytes(4, "big") + b"\0\0" + data


def _text(frame_id: str, text: str) -> bytes:
    """A text frame in UTF-16; none for an empty text (as mutagen leaves it out)."""
    return _frame(frame_id, b"\1" + _utf16(text)) if text else b""


def _utf16(text: str) -> bytes:
    """A text as ID3v2.3 writes UTF-16: little-endian after its byte order mark, and ended."""
    return b"\xff\xfe" + text.encode("utf-16-le") + b"\0\0"


def _lang(code: str) -> bytes:
    """A comment's language: three ASCII letters."""
    return (code.encode("ascii") + bytes(3))[:3]


def _syncsafe(n: int) -> bytes:
    """A tag's size in four bytes of seven bits."""
    return bytes((n >> shift) & 0x7F for shift in (21, 14, 7, 0))


def write_mp4(path: Path, meta: Metadata) -> None:
    """Tags and chapters into an M4A: ffmpeg copies the audio into a new file beside it, with them."""

    tagged = temp_beside(path)
    try:
        with tempfile.TemporaryDirectory() as folder:
            info = Path(folder) / "metadata.txt"
            info.write_text(ffmetadata(meta), encoding="utf-8")
            picture = Path(folder) / "cover.png"
            picture.write_bytes(meta.cover)
            args = ["-i", str(path), "-f", "ffmetadata", "-i", str(info)]
            args += ["-i", str(picture)] if meta.cover else []
            args += ["-map", "0:a", "-map_metadata", "1", "-map_chapters", "1"]
            args += ["-metadata:s:a:0", f"language={meta.language}"]  # the track's language
            if meta.cover:  # an attached picture, which the muxer writes as the covr tag
                args += ["-map", "2:v", "-disposition:v:0", "attached_pic"]
            args += ["-c", "copy", "-movflags", "+faststart", "-f", "ipod", str(tagged)]
            ffmpeg.run(args, None, "tag M4A")
        os.replace(tagged, path)
    finally:
        tagged.unlink(missing_ok=True)


def ffmetadata(meta: Metadata) -> str:
    """The same tags and chapters as ffmpeg's FFMETADATA1 text (for M4A)."""
    lines = [";FFMETADATA1"]
    fields = {
        "title": meta.title,
        "artist": meta.artist,
        "album": meta.album,
        "genre": meta.genre,
        "date": meta.year,
        "comment": meta.comment,
    }
    lines += [f"{key}={_escape(value)}" for key, value in fields.items()]
    for chapter in meta.chapters:
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={chapter.start}", f"END={chapter.end}"]
        lines.append(f"title={_escape(chapter.title)}")
    return "\n".join(lines) + "\n"


def _escape(value: str) -> str:
    """ffmetadata escapes = ; # \\ and newlines with a backslash."""
    for char in "\\=;#\n":
        value = value.replace(char, "\\" + char)
    return value


def read(path: Path) -> Metadata | None:
    """The tags and chapters of an MP3 or M4A (what ``write`` put there); None for any other file, or
    one mutagen cannot read. The length is the TLEN tag where there is one (exact), else the header's."""
    from mutagen import File, MutagenError

    try:
        audio = File(str(path))
    except (MutagenError, OSError):
        return None
    if audio is None or audio.tags is None:
        return None
    total = round(audio.info.length * 1000)
    if path.suffix.lower() == ".mp3":
        return _from_id3(audio.tags, total)
    return _from_mp4(audio, total)


def _from_id3(tag: ID3, total: int) -> Metadata:
    def text(frame: str) -> str:
        found = tag.getall(frame)
        return str(found[0].text[0]) if found and found[0].text else ""

    length = int(text("TLEN")) if text("TLEN").isdecimal() else total  # isdigit() passes "²", int() not
    marks = sorted(tag.getall("CHAP"), key=lambda c: c.start_time)
    chapters = tuple(Chapter(str(c.sub_frames.get("TIT2", "")), c.start_time, c.end_time) for c in marks)
    title, artist, album, genre, year, comment = (text(f) for f in ("TIT2", "TPE1", "TALB", "TCON", "TDRC", "COMM"))
    return Metadata(title, artist, album, genre, year, comment, chapters, length)


def _from_mp4(audio: MP4, total: int) -> Metadata:
    def text(key: str) -> str:
        found = audio.tags.get(key) if audio.tags is not None else None
        return str(found[0]) if found else ""

    marks = list(audio.chapters or [])
    starts = [round(c.start * 1000) for c in marks]
    ends = [*starts[1:], total]
    chapters = tuple(Chapter(c.title, s, e) for c, s, e in zip(marks, starts, ends, strict=True))
    title, artist, album, genre, year, comment = (
        text(k) for k in ("\xa9nam", "\xa9ART", "\xa9alb", "\xa9gen", "\xa9day", "\xa9cmt")
    )
    return Metadata(title, artist, album, genre, year, comment, chapters, total)
