"""Rounds: a pose (``repeat:``) or a block of poses (``round:``) played over again, each round announced
and a chapter of its own, every clip made once; measured on the decoded MP3 and its CHAP frames."""

from __future__ import annotations

import pytest
from audio_tools import decode, onsets
from helpers import FAKE, FILE, compiled

from voicekit.pipeline import build
from voicekit.plan.options import BuildOptions, resolve
from voicekit.plan.timeline import ChapterRole, CueKind, CueRole
from voicekit.sequence.loader import parse_sequence
from voicekit.sequence.model import Round
from voicekit.speech.engines import settled

ROUNDS = """\
title: Rounds test
bell: none
pauses: {step: 1s, pose: 1s}
poses:
  - name: Stand
    setup: Stand tall.
    hold: 3s
  - round:
      - name: Reach
        setup: Reach up.
        hold: 2s
      - name: Fold
        setup: Fold down.
        hold: 2s
        release: Come up.
    repeat: 3
  - name: Cat and cow
    setup: Move with the breath.
    hold: 2s
    repeat: 2
"""
CHAPTERS = [
    "Stand",
    "Round 1 of 3: Reach, Fold",
    "Round 2 of 3: Reach, Fold",
    "Round 3 of 3: Reach, Fold",
    "Round 1 of 2: Cat and cow",
    "Round 2 of 2: Cat and cow",
]


def test_rounds_are_kept_beside_the_poses_as_written():
    seq = parse_sequence(ROUNDS, FILE)
    assert [p.name for p in seq.poses] == ["Stand", "Reach", "Fold", "Cat and cow"]
    assert seq.rounds == (Round(1, 2, 3, None, 8), Round(3, 1, 2, None, 17))
    practice = resolve(seq, BuildOptions(), settled)
    assert [p.repeat for p in practice.poses] == [1, 3, 3, 2]


def test_each_round_is_announced_and_has_its_chapter():
    t = compiled(ROUNDS)
    assert [c.title for c in t.chapters] == CHAPTERS
    assert [c.role for c in t.chapters] == [ChapterRole.POSE] + [ChapterRole.ROUND] * 5
    said = [c.text for c in t.cues if c.role is CueRole.ROUND]
    assert said == [
        "Round one of three.", "Round two of three.", "Round three of three.", "Round one of two.", "Round two of two."
    ]  # fmt: skip
    for chapter in t.chapters[1:]:
        first = next(c for c in t.cues if c.pose == chapter.title and c.kind is CueKind.SPEECH)
        assert first.role is CueRole.ROUND and first.start == chapter.start  # the round starts with its cue
    setups = [c.text for c in t.cues if c.role is CueRole.SETUP]
    assert setups == ["Stand tall.", *["Reach up.", "Fold down."] * 3, *["Move with the breath."] * 2]


def test_a_hold_set_by_number_or_name_holds_in_every_round_and_warnings_are_said_once():
    text = ROUNDS.replace("Reach up.\n", "Reach up.\n        reminders: [A reminder far too long for a short hold.]\n")
    for ref in ("2", "reach"):
        t = compiled(text, BuildOptions(overrides=((ref, "1s"),)))
        holds = [c.duration for c in t.cues if c.role is CueRole.HOLD and c.text == "hold"]
        assert holds == [3000, *[1000, 2000] * 3, 2000, 2000]
        assert t.warnings == (
            "Reach: reminder 'A reminder far too long for a short hold.' does not fit in a 1s hold; left out",
        )


def test_a_single_round_plays_once_and_chimes_come_before_each_round_s_cue():
    once = compiled(ROUNDS.replace("repeat: 3", "repeat: 1"))
    assert [c.title for c in once.chapters][:3] == ["Stand", "Reach", "Fold"]
    chimed = compiled("chimes: true\n" + ROUNDS)
    round_two = [c for c in chimed.cues if c.pose == CHAPTERS[2] and c.kind is not CueKind.SILENCE]
    assert [(c.kind, c.text) for c in round_two[:3]] == [
        (CueKind.CHIME, "chime"),
        (CueKind.SPEECH, "Round two of three."),
        (CueKind.SPEECH, "Reach up."),
    ]
    assert round_two[3].kind is CueKind.CHIME  # before Fold too: every pose after the first


@pytest.mark.slow
def test_rounds_chapters_read_back_from_the_mp3_where_their_cues_are_heard(tmp_path, warm_cache):
    from mutagen.id3 import ID3

    seq = tmp_path / "rounds.yaml"
    seq.write_text(ROUNDS)
    result = build(seq, FAKE, output=tmp_path / "rounds.mp3", cache_dir=warm_cache)
    tags = ID3(result.output)
    (toc,) = tags.getall("CTOC")
    chaps = {c.element_id: c for c in tags.getall("CHAP")}
    listed = [(chaps[i].start_time, str(chaps[i].sub_frames["TIT2"])) for i in toc.child_element_ids]
    assert [title for _, title in listed] == CHAPTERS
    heard = onsets(decode(result.output))
    for start, title in listed[1:]:
        assert min(abs(ms - start) for ms in heard) <= 100, (title, start)  # "Round two of three." begins it
    starts = [start for start, _ in listed]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    spoken = [(c.text, c.rate) for c in result.timeline.cues if c.kind is CueKind.SPEECH]
    assert result.synthesized == len(set(spoken)) == 10 < len(spoken)  # a repeat costs no synthesis
    sheet = result.output.with_suffix(".md").read_text()
    assert "Round 2 of 3: Reach, Fold" in sheet and sheet.count("Reach up.") == 1 and "As in round 1." in sheet


def test_fitting_to_a_length_counts_the_hold_of_every_round(write_seq, cache_dir):
    from dataclasses import replace

    from voicekit.pipeline import check, plan_of

    path = write_seq(ROUNDS)
    as_written = plan_of(check(path, FAKE)).total
    for target in (as_written + 30_000, as_written + 90_000):
        practice = check(path, replace(FAKE, length_ms=target))
        timeline = plan_of(practice)
        assert abs(timeline.total - target) <= 1000
        holds = [c.duration for c in timeline.cues if c.pose.startswith("Round") and c.role is CueRole.HOLD]
        assert len(holds) == 3 * 2 + 2  # every round's hold moved, each round alike
        assert all(abs(a - b) <= 1 for a, b in zip(holds[:2] * 3 + holds[6:7], holds[:7], strict=True))
        assert abs(holds[6] - holds[7]) <= 1
