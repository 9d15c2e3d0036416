"""Tags and chapters as players read them: ID3v2.3 with CHAP frames in time order in an MP3, the same
tags and chapters in an M4A."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from voicekit.output.metadata import Metadata
    from voicekit.pipeline import BuildResult

import datetime

import pytest
from audio_tools import ffmpeg_chapters


def chapters_ms(result: BuildResult) -> list[tuple[int, int, str]]:
    return [(c.start, c.end, c.title) for c in result.timeline.chapters]


@pytest.mark.slow
def test_id3_tags_name_the_practice_and_the_build(shipped):
    from mutagen.id3 import ID3

    tags = ID3(shipped.mp3.output)
    assert tags.version[:2] == (2, 3)
    assert str(tags["TIT2"]) == "Lower Back Release"
    assert str(tags["TPE1"]) == "voicekit"  # the sequence's author
    assert str(tags["TALB"]) == "voicekit practices"  # its collection
    assert str(tags["TCON"]) == "Yoga"
    assert str(tags["TDRC"]) == str(datetime.date.today().year)
    comment = str(tags.getall("COMM")[0])
    for part in ("holds short", "scale 0.3", "breath 4s in 6s out", "voice pyttsx3 gmw/en-us 140 wpm"):
        assert part in comment


@pytest.mark.slow
def test_id3_chapters_match_the_plan_in_time_order(shipped):
    from mutagen.id3 import ID3

    tags = ID3(shipped.mp3.output)
    (toc,) = tags.getall("CTOC")
    chaps = {c.element_id: c for c in tags.getall("CHAP")}
    listed = [(chaps[i].start_time, chaps[i].end_time, str(chaps[i].sub_frames["TIT2"])) for i in toc.child_element_ids]
    plan = chapters_ms(shipped.mp3)
    assert len(listed) == len(plan) == 1 + 2 + 2 + 2 + 2 + 1  # intro, 6 poses (two of them two-sided), closing
    for (start, end, title), (p_start, p_end, p_title) in zip(listed, plan, strict=True):
        assert title == p_title
        assert abs(start - p_start) <= 10 and abs(end - p_end) <= 10
    assert "Reclining twist (right)" in [t for *_, t in listed]


# Players (ffmpeg too) list CHAP frames in file order: the tag keeps them in time order.
@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["mp3", "m4a"])
def test_ffmpeg_lists_the_chapters_in_time_order_at_the_planned_times(shipped, fmt):
    result = getattr(shipped, fmt)
    found = ffmpeg_chapters(result.output)
    plan = chapters_ms(result)
    assert [t for *_, t in found] == [t for *_, t in plan]
    for (start, end, _), (p_start, p_end, _) in zip(found, plan, strict=True):
        assert abs(start * 1000 - p_start) <= 10 and abs(end * 1000 - p_end) <= 10


@pytest.mark.slow
def test_m4a_carries_the_same_tags_and_chapters(shipped):
    from mutagen.mp4 import MP4

    m4a = MP4(shipped.m4a.output)
    assert m4a.tags is not None and m4a.chapters is not None
    assert m4a.tags["\xa9nam"] == ["Lower Back Release"] and m4a.tags["\xa9ART"] == ["voicekit"]
    assert m4a.tags["\xa9alb"] == ["voicekit practices"] and m4a.tags["\xa9gen"] == ["Yoga"]
    assert "holds short" in m4a.tags["\xa9cmt"][0]
    found = [(round(c.start * 1000), c.title) for c in m4a.chapters]
    plan = [(start, title) for start, _, title in chapters_ms(shipped.m4a)]
    assert [t for _, t in found] == [t for _, t in plan]
    assert all(abs(a - b) <= 10 for (a, _), (b, _) in zip(found, plan, strict=True))


def mutagen_id3(meta: Metadata, audio_bytes: int, tmp_path: Path) -> bytes:
    """The tag mutagen writes (ID3v2.3, frames in the order added) before ``audio_bytes`` of audio: what
    voicekit wrote with mutagen before it wrote the tag itself."""
    from mutagen.id3 import APIC, CHAP, COMM, CTOC, ID3, TALB, TCON, TDRC, TIT2, TLAN, TLEN, TPE1, TSSE, CTOCFlags
    from mutagen.id3._tags import save_frame

    from voicekit.output.provenance import SIGNATURE

    class InOrder(ID3):
        def _write(self, config):
            return bytearray().join(save_frame(frame, config=config) for frame in self.values())

    tag = InOrder()
    for frame, text in ((TIT2, meta.title), (TPE1, meta.artist), (TALB, meta.album), (TCON, meta.genre)):
        tag.add(frame(encoding=3, text=[text]))
    tag.add(TDRC(encoding=3, text=[meta.year]))
    tag.add(TLEN(encoding=3, text=[str(meta.length_ms)]))
    tag.add(TLAN(encoding=3, text=[meta.language]))
    tag.add(COMM(encoding=3, lang=meta.language, desc="", text=[meta.comment]))
    tag.add(TSSE(encoding=3, text=[SIGNATURE]))
    ids = [f"chp{i}" for i in range(len(meta.chapters))]
    flags = CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED
    tag.add(
        CTOC(element_id="toc", flags=flags, child_element_ids=ids, sub_frames=[TIT2(encoding=3, text=["Chapters"])])
    )
    for element_id, c in zip(ids, meta.chapters, strict=True):
        sub = [TIT2(encoding=3, text=[c.title])]
        tag.add(CHAP(element_id=element_id, start_time=c.start, end_time=c.end, start_offset=0xFFFFFFFF,
                     end_offset=0xFFFFFFFF, sub_frames=sub))  # fmt: skip
    if meta.cover:
        tag.add(APIC(encoding=3, mime="image/png", type=3, desc="", data=meta.cover))
    path = tmp_path / "audio.mp3"
    path.write_bytes(b"\xff\xfb\x90\x00" * (audio_bytes // 4) + bytes(audio_bytes % 4))
    tag.save(str(path), v2_version=3)
    data = path.read_bytes()
    return data[: len(data) - audio_bytes]


def metadata_cases():
    from voicekit.output.cover import png
    from voicekit.output.metadata import Metadata
    from voicekit.plan.timeline import Chapter

    chapters = tuple(Chapter(f"Pose {i}: Ūrdhva 🙏", i * 61_000, (i + 1) * 61_000) for i in range(12))
    many = tuple(Chapter("x", i, i + 1) for i in range(255))
    shipped = ("Lower back release", "voicekit", "voicekit practices", "Yoga", "2026", "holds long", chapters)
    return [
        Metadata(*shipped, 732_000, "eng", png("Lower back release", 600)),
        Metadata("Entspannung für den Rücken", "Ana", "Álbum", "", "2026", "", (), 1, "deu"),  # empty: left out
        Metadata("", "", "", "", "", "", (Chapter("", 0, 5),), 0, "und", b"\0"),
        Metadata("T", "A", "B", "G", "1999", "c" * 5000, many, 2**31, "por", bytes(range(256)) * 300),
    ]


@pytest.mark.parametrize("audio_bytes", [0, 999, 1000, 123_457, 16_800_123])
def test_the_id3_tag_is_the_one_mutagen_writes(tmp_path, audio_bytes):
    from voicekit.output.tags import id3

    for meta in metadata_cases():
        assert id3(meta, audio_bytes) == mutagen_id3(meta, audio_bytes, tmp_path)
