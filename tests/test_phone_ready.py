"""Phone-ready output, measured on built files: loudness, CBR, tags, chapters, companions (issue 3)."""

from __future__ import annotations

import datetime
import json
import re
import statistics
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from audio_tools import RATE, decode, ebur128, ffmpeg_chapters, mp3_frames
from conftest import MINIMAL

from voicekit.output.companions import plan_document
from voicekit.output.metadata import settings
from voicekit.pipeline import build
from voicekit.plan.options import BuildOptions
from voicekit.plan.timeline import BELL, SPEECH
from voicekit.sequence.model import Voice
from voicekit.sound import loudness
from voicekit.speech.synthesis import synthesize
from voicekit.store import ClipCache

SHIPPED = Path(__file__).resolve().parent.parent / "sequences" / "lumbar-release.yaml"
OPTIONS = BuildOptions(holds="short", scale=0.3)  # every cue of the practice, in a quarter of the time


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("phone")
    cache = tmp / "cache"
    mp3 = build(SHIPPED, OPTIONS, output=tmp / "lumbar.mp3", cache_dir=cache)
    m4a = build(SHIPPED, OPTIONS, output=tmp / "lumbar-aac.m4a", cache_dir=cache, companions=False)
    return SimpleNamespace(mp3=mp3, m4a=m4a, tmp=tmp, cache=cache)


def chapters_ms(result) -> list[tuple[int, int, str]]:
    return [(c.start, c.end, c.title) for c in result.timeline.chapters]


# Loudness


@pytest.mark.parametrize("fmt", ["mp3", "m4a"])
def test_loudness_on_two_earbuds_is_minus_16_lufs_under_the_peak_ceiling(shipped, fmt):
    integrated, true_peak = ebur128(getattr(shipped, fmt).output, dualmono=True)
    assert integrated == pytest.approx(-16.0, abs=1.0)
    assert true_peak <= -1.5


VOICES = [Voice(), Voice(id="gmw/en-us+f3"), Voice(id="gmw/en-gb-x-rp", rate=170), Voice(engine="fake")]
VOICES += [Voice(engine="piper")]
TEXTS = [
    "Breathe in.",
    "Now the other side.",
    "Knees level, and let the left side of your waist lengthen.",
    "Rest your calves on the seat of the chair, with the backs of your knees at its edge.",
]


def test_every_clip_is_level_matched_whatever_the_voice(tmp_path):
    cache = ClipCache(tmp_path)
    levels = []
    for voice in VOICES:
        clips = synthesize([(text, voice.rate) for text in TEXTS], voice, cache)
        levels += [ebur128(clips.paths[text, voice.rate])[0] for text in TEXTS]
    median = statistics.median(levels)
    assert max(abs(level - median) for level in levels) <= 1.5, levels


def test_clips_of_the_shipped_practice_are_level_matched(shipped):
    levels = [ebur128(p)[0] for p in sorted((shipped.cache / "clips").rglob("*.wav"))[:60]]
    speech = [lv for lv in levels if lv > -20.5]  # the bell is levelled by its loudest moment instead
    assert len(speech) == len(levels) - 1
    median = statistics.median(speech)
    assert max(abs(level - median) for level in speech) <= 1.5, speech


def test_bell_is_audible_never_startling_and_rings_out(shipped):
    audio = decode(shipped.mp3.output)
    cues = shipped.mp3.timeline.cues
    bell = next(c for c in cues if c.kind == BELL)
    ring = audio[bell.start * RATE // 1000 :]
    spoken = [audio[c.start * RATE // 1000 : c.end * RATE // 1000] for c in cues if c.kind == SPEECH]
    voice_peak = max(loudness.true_peak(x) for x in spoken)
    voice_level = statistics.median(loudness.integrated(x, RATE) for x in spoken)
    assert loudness.true_peak(ring) <= voice_peak
    assert loudness.momentary_max(ring, RATE) <= voice_level  # at its loudest, no louder than the voice
    assert loudness.momentary_max(ring, RATE) >= voice_level - 6  # but clearly heard
    assert np.max(np.abs(audio[-RATE // 2 :])) < 10 ** (-70 / 20)  # rung out before the file ends


# The MP3 itself


def test_mp3_is_mono_constant_bit_rate_44k(shipped):
    frames = mp3_frames(shipped.mp3.output)
    assert len(frames) > 1000
    assert set(frames) == {(64, 44100, True)}  # every frame, the Info frame included


@pytest.mark.parametrize("fmt", ["mp3", "m4a"])
def test_players_report_the_true_length(shipped, fmt):
    import mutagen

    result = getattr(shipped, fmt)
    total = result.timeline.total / 1000
    assert mutagen.File(result.output).info.length == pytest.approx(total, abs=0.05)
    assert len(decode(result.output)) / RATE == pytest.approx(total, abs=0.05)


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
    for part in ("holds short", "scale 0.3", "breath 4s in 6s out", "voice pyttsx3 140 wpm"):
        assert part in comment


def test_tags_fall_back_to_voicekit_and_the_title(write_seq, tmp_path):
    from mutagen.id3 import ID3

    result = build(write_seq(MINIMAL), BuildOptions(engine="fake"), output=tmp_path / "m.mp3", cache_dir=tmp_path)
    tags = ID3(result.output)
    assert (str(tags["TPE1"]), str(tags["TALB"])) == ("voicekit", "Test practice")
    assert "voice fake" in str(tags.getall("COMM")[0])


def test_id3_chapters_match_the_plan_in_time_order(shipped):
    from mutagen.id3 import ID3

    tags = ID3(shipped.mp3.output)
    (toc,) = tags.getall("CTOC")
    chaps = {c.element_id: c for c in tags.getall("CHAP")}
    listed = [(chaps[i].start_time, chaps[i].end_time, str(chaps[i].sub_frames["TIT2"])) for i in toc.child_element_ids]
    plan = chapters_ms(shipped.mp3)
    assert len(listed) == len(plan) == 2 + 1 + 2 + 2 + 1  # intro, 4 poses (two of them two-sided), closing
    for (start, end, title), (p_start, p_end, p_title) in zip(listed, plan, strict=True):
        assert title == p_title
        assert abs(start - p_start) <= 10 and abs(end - p_end) <= 10
    assert "Reclining twist (right)" in [t for *_, t in listed]


@pytest.mark.parametrize("fmt", ["mp3", "m4a"])
def test_ffmpeg_lists_the_chapters_in_time_order_at_the_planned_times(shipped, fmt):
    result = getattr(shipped, fmt)
    found = ffmpeg_chapters(result.output)
    plan = chapters_ms(result)
    assert [t for *_, t in found] == [t for *_, t in plan]
    for (start, end, _), (p_start, p_end, _) in zip(found, plan, strict=True):
        assert abs(start * 1000 - p_start) <= 10 and abs(end * 1000 - p_end) <= 10


def test_m4a_carries_the_same_tags_and_chapters(shipped):
    from mutagen.mp4 import MP4

    m4a = MP4(shipped.m4a.output)
    assert m4a.tags["\xa9nam"] == ["Lower Back Release"] and m4a.tags["\xa9ART"] == ["voicekit"]
    assert m4a.tags["\xa9alb"] == ["voicekit practices"] and m4a.tags["\xa9gen"] == ["Yoga"]
    assert "holds short" in m4a.tags["\xa9cmt"][0]
    found = [(round(c.start * 1000), c.title) for c in m4a.chapters]
    plan = [(start, title) for start, _, title in chapters_ms(shipped.m4a)]
    assert [t for _, t in found] == [t for _, t in plan]
    assert all(abs(a - b) <= 10 for (a, _), (b, _) in zip(found, plan, strict=True))


# Companions


def test_companions_are_written_beside_the_audio_unless_turned_off(shipped):
    assert [p.name for p in shipped.mp3.companions] == [f"lumbar.{s}" for s in ("md", "lrc", "vtt", "json")]
    assert all(p.stat().st_size > 100 for p in shipped.mp3.companions)
    assert shipped.m4a.companions == ()
    assert sorted(p.name for p in shipped.tmp.glob("lumbar-aac*")) == ["lumbar-aac.m4a"]


def speech_cues(result):
    return [c for c in result.timeline.cues if c.kind == SPEECH]


def test_lrc_has_a_line_per_spoken_cue_at_its_time(shipped):
    lines = (shipped.tmp / "lumbar.lrc").read_text(encoding="utf-8").splitlines()
    assert "[ti:Lower Back Release]" in lines and "[ar:voicekit]" in lines
    timed = [re.fullmatch(r"\[(\d+):(\d\d)\.(\d\d)\](.*)", ln) for ln in lines if re.match(r"\[\d", ln)]
    spoken = [(int(m[1]) * 60_000 + int(m[2]) * 1000 + int(m[3]) * 10, m[4]) for m in timed if m[4]]
    cues = speech_cues(shipped.mp3)
    assert [text for _, text in spoken] == [c.text for c in cues]
    assert all(abs(ms - c.start) <= 10 for (ms, _), c in zip(spoken, cues, strict=True))
    times = [int(m[1]) * 60_000 + int(m[2]) * 1000 + int(m[3]) * 10 for m in timed]
    assert times == sorted(times)


def test_vtt_has_a_caption_per_spoken_cue_at_its_time(shipped):
    text = (shipped.tmp / "lumbar.vtt").read_text(encoding="utf-8")
    assert text.startswith("WEBVTT\n")

    def ms(stamp: str) -> int:
        h, m, s = stamp.split(":")
        return (int(h) * 60 + int(m)) * 60_000 + round(float(s) * 1000)

    blocks = [b.splitlines() for b in text.strip().split("\n\n")[2:]]
    captions = [(ms(b[1].split(" --> ")[0]), ms(b[1].split(" --> ")[1]), " ".join(b[2:])) for b in blocks]
    cues = speech_cues(shipped.mp3)
    assert [c for *_, c in captions] == [c.text for c in cues]
    for (start, end, _), cue in zip(captions, cues, strict=True):
        assert abs(start - cue.start) <= 10 and abs(end - cue.end) <= 10


def test_cue_sheet_lists_every_pose_with_its_start_hold_and_steps(shipped):
    sheet = (shipped.tmp / "lumbar.md").read_text(encoding="utf-8")
    assert sheet.startswith("# Lower Back Release\n")
    assert "**Length:** " in sheet
    for prop in ("bolster", "folded blanket", "strap or belt", "chair"):
        assert f"- {prop}\n" in sheet
    rows = {line.split(" | ")[1].strip("*"): line for line in sheet.splitlines() if line.startswith("| ")}
    from voicekit.sequence.durations import format_ms

    for chapter in shipped.mp3.timeline.chapters:
        assert rows[chapter.title].startswith(f"| {format_ms(chapter.start)} |")
    twist = rows["Reclining twist (left)"]
    assert "2 breaths (0:20)" in twist and "lower both knees over to the left" in twist


def test_json_is_the_plan_as_built(shipped, run_cli):
    doc = json.loads((shipped.tmp / "lumbar.json").read_text(encoding="utf-8"))
    seq = shipped.mp3.sequence
    assert doc == plan_document(shipped.mp3.timeline, settings(seq, OPTIONS), "lumbar.mp3")
    ran = run_cli("plan", SHIPPED, "--holds", "short", "--scale", "0.3", "--json", "--cache-dir", shipped.cache)
    assert json.loads(ran.out) == {k: v for k, v in doc.items() if k != "audio"}
