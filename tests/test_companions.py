"""The files written beside the audio: a cue sheet to print, LRC lyrics, WebVTT captions and the plan as
JSON, each in step with the timeline, and showing only the words a listener hears."""

from __future__ import annotations

import json
import re

import pytest
from helpers import FAKE, MINIMAL, SHIPPED, SHIPPED_ARGS, SHIPPED_OPTIONS

from voicekit.output.companions import plan_document
from voicekit.output.metadata import settings
from voicekit.pipeline import build
from voicekit.plan.timeline import CueKind
from voicekit.sequence.durations import format_ms


def speech_cues(result):
    return [c for c in result.timeline.cues if c.kind is CueKind.SPEECH]


# Written pauses are markup for the engine: the lyrics, the captions and the cue sheet show the words only.
def test_captions_and_lyrics_do_not_show_pause_markup(tmp_path, warm_cache):
    seq = tmp_path / "paced.yaml"
    seq.write_text(MINIMAL.replace("Lie down.", "'Lie down. [pause 2s] Rest.'"))
    build(seq, FAKE, output=tmp_path / "paced.mp3", cache_dir=warm_cache)
    for suffix in ("lrc", "vtt", "md"):
        text = (tmp_path / f"paced.{suffix}").read_text()
        assert "[pause" not in text and "Lie down. Rest." in text, suffix


@pytest.mark.slow
def test_companions_are_written_beside_the_audio_unless_turned_off(shipped):
    assert [p.name for p in shipped.mp3.companions] == [f"lumbar.{s}" for s in ("md", "lrc", "vtt", "json")]
    assert all(p.stat().st_size > 100 for p in shipped.mp3.companions)
    assert shipped.m4a.companions == ()
    assert sorted(p.name for p in shipped.tmp.glob("lumbar-aac*")) == ["lumbar-aac.m4a"]


@pytest.mark.slow
def test_lrc_has_a_line_per_spoken_cue_at_its_time(shipped):
    lines = (shipped.tmp / "lumbar.lrc").read_text(encoding="utf-8").splitlines()
    assert "[ti:Lower Back Release]" in lines and "[ar:voicekit]" in lines
    matched = [re.fullmatch(r"\[(\d+):(\d\d)\.(\d\d)\](.*)", ln) for ln in lines if re.match(r"\[\d", ln)]
    timed = [m for m in matched if m]
    assert len(timed) == len(matched)
    spoken = [(int(m[1]) * 60_000 + int(m[2]) * 1000 + int(m[3]) * 10, m[4]) for m in timed if m[4]]
    cues = speech_cues(shipped.mp3)
    assert [text for _, text in spoken] == [c.text for c in cues]
    assert all(abs(ms - c.start) <= 10 for (ms, _), c in zip(spoken, cues, strict=True))
    times = [int(m[1]) * 60_000 + int(m[2]) * 1000 + int(m[3]) * 10 for m in timed]
    assert times == sorted(times)


@pytest.mark.slow
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


@pytest.mark.slow
def test_cue_sheet_lists_every_pose_with_its_start_hold_and_steps(shipped):
    sheet = (shipped.tmp / "lumbar.md").read_text(encoding="utf-8")
    assert sheet.startswith("# Lower Back Release\n")
    assert "**Length:** " in sheet
    for prop in ("a bolster or a firm pillow", "a folded blanket", "a strap or a belt", "a sturdy chair"):
        assert f"- {prop}\n" in sheet
    # A section per chapter, in order, headed by its start and title.
    sections = {}
    for block in sheet.split("\n### ")[1:]:
        start, title = block.splitlines()[0].split("  ", 1)
        sections[title] = (start, block)
    chapters = shipped.mp3.timeline.chapters
    assert list(sections) == [c.title for c in chapters]
    for chapter in chapters:
        assert sections[chapter.title][0] == format_ms(chapter.start)
    twist = sections["Reclining twist (left)"][1]
    assert "Hold: 2 breaths (0:20)" in twist and "lower both knees over to the left" in twist


@pytest.mark.slow
def test_json_is_the_plan_as_built(shipped, run_cli):
    doc = json.loads((shipped.tmp / "lumbar.json").read_text(encoding="utf-8"))
    assert doc == plan_document(shipped.mp3.timeline, settings(shipped.mp3.practice), "lumbar.mp3")
    assert doc["settings"]["holds"] == SHIPPED_OPTIONS.holds and doc["settings"]["scale"] == SHIPPED_OPTIONS.scale
    assert doc["settings"]["voice"] == {"engine": "pyttsx3", "id": "gmw/en-us", "rate": 140, "volume": 1.0}
    ran = run_cli("plan", SHIPPED, *SHIPPED_ARGS, "--json", "--cache-dir", shipped.cache)
    assert json.loads(ran.out) == {k: v for k, v in doc.items() if k != "audio"}


SHEET = """\
title: T
pauses: {step: 1s, pose: 1s}
poses:
  - name: Stand
    position: standing
    props: [chair, two cushions]
    setup: Stand behind your chair.
    hold: 10s
  - name: Lie
    position: supine
    setup: Rest.
    hold: 10s
    cautions: [{say: "If your back aches, bend your knees."}, Printed only.]
"""


def test_the_cue_sheet_names_props_in_words_the_move_into_a_pose_and_which_cautions_are_spoken():
    from voicekit.output.cue_sheet import cue_sheet
    from voicekit.output.metadata import for_build
    from voicekit.plan.compiler import compile_timeline
    from voicekit.plan.options import resolve
    from voicekit.sequence.loader import parse_sequence
    from voicekit.speech.engines import settled

    practice = resolve(parse_sequence(SHEET, "t.yaml"), FAKE, settled)
    timeline = compile_timeline(practice, lambda text, rate: 1000)
    sheet = cue_sheet(practice, timeline, for_build(practice, timeline))
    assert "## Props\n\n- a sturdy chair\n- two cushions\n" in sheet
    lie = sheet.split("  Lie\n", 1)[1]
    assert "Transition: Come down to the floor, and lie on your back." in lie
    assert "- If your back aches, bend your knees. (spoken)\n- Printed only.\n" in lie


def test_a_caption_line_never_breaks_a_word_at_its_hyphen():
    from voicekit.output.companions import vtt
    from voicekit.output.metadata import Metadata
    from voicekit.plan.timeline import Cue, Timeline

    text = "Bend both knees and rest your feet flat on the mat, hip-width apart."  # 60 characters end in it
    meta = Metadata("T", "a", "b", "Yoga", "2026", "c", (), 5000)
    captions = vtt(Timeline("T", (Cue(0, 5000, CueKind.SPEECH, text, rate=140),)), meta)
    lines = captions.strip().splitlines()[-2:]
    assert lines == ["Bend both knees and rest your feet flat on the mat,", "hip-width apart."]
