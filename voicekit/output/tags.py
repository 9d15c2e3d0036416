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
from voicekit.errors import ExportError
from voicekit.files import temp_beside
from voicekit.output.metadata import Metadata
from voicekit.output.provenance import SIGNATURE
from voicekit.plan.timeline import Chapter

if TYPE_CHECKING:
    from mutagen.id3 import ID3
    from mutagen.mp4 import MP4

NO_OFFSET = 0xFFFFFFFF  # CHAP byte offsets unused: players seek by time


def write(fmt: str, path: Path, meta: Metadata) -> None:
    """Tag the audio file at ``path`` (a build's temporary) with ``meta``'s tags and chapters."""
    if fmt == "mp3":
        write_id3(path, meta)
    elif fmt == "m4a":
        write_mp4(path, meta)


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


def write_id3(path: Path, meta: Metadata) -> None:
    """Replace any ID3 tag in the MP3 at ``path`` with ``meta``'s tags and chapters."""
    from mutagen.id3 import (
        APIC,
        CHAP,
        COMM,
        CTOC,
        TALB,
        TCON,
        TDRC,
        TIT2,
        TLAN,
        TLEN,
        TPE1,
        TSSE,
        CTOCFlags,
        PictureType,
    )

    tag = _in_order()
    tag.add(TIT2(encoding=3, text=[meta.title]))
    tag.add(TPE1(encoding=3, text=[meta.artist]))
    tag.add(TALB(encoding=3, text=[meta.album]))
    tag.add(TCON(encoding=3, text=[meta.genre]))
    tag.add(TDRC(encoding=3, text=[meta.year]))
    tag.add(TLEN(encoding=3, text=[str(meta.length_ms)]))
    tag.add(TLAN(encoding=3, text=[meta.language]))  # the language spoken
    tag.add(COMM(encoding=3, lang=meta.language, desc="", text=[meta.comment]))  # written in it too
    tag.add(TSSE(encoding=3, text=[SIGNATURE]))  # who made it: a rebuild replaces only its own files
    ids = [f"chp{i}" for i in range(len(meta.chapters))]
    tag.add(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text=["Chapters"])],
        )
    )
    for element_id, chapter in zip(ids, meta.chapters, strict=True):
        tag.add(
            CHAP(
                element_id=element_id,
                start_time=chapter.start,
                end_time=chapter.end,
                start_offset=NO_OFFSET,
                end_offset=NO_OFFSET,
                sub_frames=[TIT2(encoding=3, text=[chapter.title])],
            )
        )
    if meta.cover:
        tag.add(APIC(encoding=3, mime="image/png", type=PictureType.COVER_FRONT, desc="", data=meta.cover))
    try:
        tag.save(str(path), v2_version=3)
    except Exception as e:  # mutagen raises its own error types, wrapping OSError
        cause = e if isinstance(e, OSError) else e.__cause__ or e.__context__
        if isinstance(cause, OSError):
            raise cause from None  # a full disk: the build names the output file
        raise ExportError(f"could not write tags: {e}") from None


def _in_order():
    """An ID3 tag that saves frames in the order they were added.

    mutagen sorts frames by size when saving, and players (ffmpeg too) list CHAP frames in file order,
    so chapters would come out shuffled. Uses mutagen's frame writer, which is not public API:
    tests/test_tags.py checks the order ffmpeg reads back."""
    from mutagen.id3 import ID3
    from mutagen.id3._tags import save_frame

    class InOrder(ID3):
        def _write(self, config):
            return bytearray().join(save_frame(frame, config=config) for frame in self.values())

    return InOrder()


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
