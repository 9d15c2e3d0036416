"""Tags and chapters as players read them: ID3v2.3 with CHAP frames in time order in an MP3, the same
tags and chapters in an M4A."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
