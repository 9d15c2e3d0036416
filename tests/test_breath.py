"""Breath patterns: named and written out, per practice and per pose, scaled by --breath; guided cues on
every phase at its start, in the practice's words (with their variants in turn) or the pose's own, each
inside its phase; counted cues on each cycle; holds of half a breath. Measured on the timeline, in
``plan --json`` and on the decoded MP3."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from audio_tools import decode, onsets
from helpers import (
    ESPEAK,
    FAKE,
    FILE,
    MINIMAL,
    SHELF,
    assert_one_line_error,
    assert_reported_at,
    compiled,
    sequence_error,
    sit,
)

from voicekit.language.phrases import BUILT_IN, ENGLISH_PHRASES, language, phrases_for
from voicekit.output.metadata import describe, settings
from voicekit.pipeline import build
from voicekit.plan.breath_cues import PHRASE
from voicekit.plan.compiler import compile_timeline
from voicekit.plan.estimate import estimator
from voicekit.plan.options import BuildOptions, resolve
from voicekit.plan.timeline import CueKind, CueRole, Timeline
from voicekit.sequence.loader import load_sequence, parse_sequence
from voicekit.speech.engines import settled


def breath_cues(timeline: Timeline, pose: str = "Sit") -> list[tuple[int, str]]:
    """(offset from the start of the hold, text) of each breath cue of ``pose``."""
    cues = [c for c in timeline.cues if c.pose == pose]
    start = next(c.start for c in cues if c.role in (CueRole.HOLD, CueRole.BREATH))
    return [(c.start - start, c.text) for c in cues if c.role is CueRole.BREATH]


def hold_ms(timeline: Timeline, pose: str = "Sit") -> int:
    inside = [c for c in timeline.cues if c.pose == pose and c.role in (CueRole.HOLD, CueRole.BREATH)]
    return inside[-1].end - inside[0].start


def test_box_breathing_guides_each_phase_at_its_start_four_seconds_apart():
    t = compiled(sit("5 breaths", top="breath: box\n"))
    cues = breath_cues(t)
    assert [offset for offset, _ in cues] == [
        cycle * 16_000 + phase for cycle in range(3) for phase in range(0, 16_000, 4000)
    ]
    in_, hold, out = (ENGLISH_PHRASES.variants(PHRASE[p]) for p in ("inhale", "hold", "exhale"))
    assert [text for _, text in cues] == [w for k in range(3) for w in (in_[k], hold[k], out[k], hold[k])]
    assert in_[0] == "Breathe in." and hold[0] == "Hold." and out[0] == "Breathe out."
    assert hold_ms(t) == 5 * 16_000  # holds in breaths count whole cycles


def test_four_seven_eight_guides_at_0_4_and_11_seconds_of_a_19_second_cycle():
    t = compiled(sit("4 breaths", top="breath: 4-7-8\n"))
    assert [offset for offset, _ in breath_cues(t)] == [k * 19_000 + s for k in range(3) for s in (0, 4000, 11_000)]
    assert hold_ms(t) == 4 * 19_000


@pytest.mark.parametrize(
    ("written", "phases"),
    [
        ("calm", [0, 4000]),
        ("coherent", [0, 5500]),
        ("extended-exhale", [0, 4000]),
        ("{inhale: 3s, hold: 2s, exhale: 5s}", [0, 3000, 5000]),
        ("{inhale: 4s, exhale: 4s, hold_out: 2s}", [0, 4000, 8000]),
    ],
)
def test_named_and_written_patterns_have_their_phases(written, phases):
    t = compiled(sit("1 breath", top=f"breath: {written}\n"))
    assert [offset for offset, _ in breath_cues(t)] == phases
    cycle = parse_sequence(sit("4 breaths", top=f"breath: {written}\n"), FILE).breath.cycle_ms
    assert hold_ms(t) == cycle


def test_a_pose_s_own_breath_wins_over_the_practice_s_and_breath_scales_every_pattern_in_proportion():
    text = (
        "title: T\nbreath: calm\nposes:\n"
        "  - name: Calm\n    setup: Sit.\n    hold: 2 breaths\n"
        "  - name: Box\n    setup: Sit.\n    hold: 2 breaths\n    breath: box\n"
    )
    t = compiled(text)
    assert hold_ms(t, "Calm") == 20_000 and hold_ms(t, "Box") == 32_000
    slower = compiled(text, BuildOptions(breath_s=15))  # the practice's 10s cycle to 15s: every pattern x1.5
    assert [o for o, _ in breath_cues(slower, "Calm")] == [0, 6000, 15_000, 21_000]
    assert [o for o, _ in breath_cues(slower, "Box")] == [
        k * 24_000 + s for k in range(2) for s in (0, 6000, 12_000, 18_000)
    ]
    practice = resolve(parse_sequence(text, FILE), BuildOptions(breath_s=15), settled)
    assert practice.poses[1].breath.label == "box (6-6-6-6)"


def test_counted_cues_count_whole_cycles_at_their_inhale():
    t = compiled(sit("3 breaths", "    breath_cues: counted\n", top="breath: 4-7-8\n"))
    assert breath_cues(t) == [(0, "One."), (19_000, "Two."), (38_000, "Three.")]


def test_every_breath_is_guided_with_every_true_and_a_pose_may_say_its_own_words():
    words = "    breath_cues: {in: 'Belly softens.', out: 'Round your back.', every: true}\n"
    t = compiled(sit("5 breaths", words))
    assert breath_cues(t) == [
        (k * 10_000 + s, w) for k in range(5) for s, w in ((0, "Belly softens."), (4000, "Round your back."))
    ]
    top = compiled(sit("5 breaths", top="breath_cues: {every: true}\nbreath: box\n"))  # the practice's, for every pose
    texts = [w for _, w in breath_cues(top)]
    assert len(texts) == 20 and texts[12:16] == texts[:4]  # the fourth breath says the first's words again
    assert set(texts) == {
        *ENGLISH_PHRASES.variants("breath.in"),
        *ENGLISH_PHRASES.variants("breath.hold"),
        *ENGLISH_PHRASES.variants("breath.out"),
    }


def test_the_pose_s_hold_words_serve_both_holds_and_its_texts_take_the_side():
    words = "    sides: [right, left]\n    breath_cues: {in: 'Reach the {side} arm up.', hold: Stay.}\n"
    t = compiled(sit("1 breath", words, top="breath: box\n"))
    said = [w for _, w in breath_cues(t, "Sit (left)")]
    assert said[0] == "Reach the left arm up." and said[1] == said[3] == "Stay."
    assert said[2] in ENGLISH_PHRASES.variants("breath.out")  # no words of its own for the exhale: the practice's


def test_a_cue_longer_than_its_phase_is_an_error_naming_the_pattern_and_the_pose(run_cli, write_seq):
    top = "voice: {engine: fake}\nbreath: box\n"
    words = "    breath_cues: {hold: 'Hold it there, gently, and feel the stillness in the body.'}\n"
    ran = run_cli("check", write_seq(sit("3 breaths", words, top)))
    line = assert_one_line_error(ran, "seq.yaml:5: Sit: 'Hold it there", "the hold (4s) of the breath box (4-4-4-4)")
    assert "--breath" in line
    assert run_cli("check", write_seq(sit("3 breaths", top=top), "ok.yaml")).code == 0
    quick = run_cli("plan", str(write_seq(sit("3 breaths"), "quick.yaml")), "--engine", "fake", "--breath", "2")
    assert_one_line_error(quick, "Breathe in.", "the inhale (0.8s) of the breath calm (0.8-0-1.2-0)")


def test_a_hold_of_half_a_breath_is_that_phase():
    for phase, ms, text in (("inhale", 4000, "Breathe in."), ("exhale", 6000, "Breathe out.")):
        t = compiled(sit(phase))
        assert hold_ms(t) == ms and breath_cues(t) == [(0, text)]
    whole = compiled(sit("1 breath"))
    assert hold_ms(whole) == 10_000 and [w for _, w in breath_cues(whole)] == ["Breathe in.", "Breathe out."]
    fitted = resolve(parse_sequence(sit("inhale"), FILE), BuildOptions(scale=3), settled)
    assert fitted.poses[0].hold_ms == 4000  # a phase is a phase, whatever the scale


@pytest.mark.parametrize(
    ("extra", "line", "fragments"),
    [
        ("breath: square\n", 6, ["breath must be one of calm, box, 4-7-8, coherent, extended-exhale", "not 'square'"]),
        ("breath: {inhale: 4s, hold_in: 4s}\n", 6, ["unknown key breath.hold_in; did you mean"]),
        ("breath: {inhale: 4s, hold: 40s}\n", 6, ["breath.hold must be a duration between 0s and 30s"]),
        ("    breath: [4s, 4s]\n", 6, ["poses[1] (Rest).breath must be one of calm, box"]),
        ("    breath_cues: {}\n", 6, ["breath_cues is an empty mapping; give in, out, hold or every"]),
        ("    breath_cues: {in: 4}\n", 6, ["breath_cues.in must be text, not the number 4"]),
        ("    breath_cues: {every: maybe}\n", 6, ["breath_cues.every must be true or false, not 'maybe'"]),
        ("    breath_cues: {inhale: In.}\n", 6, ["unknown key poses[1] (Rest).breath_cues.inhale"]),
        ("    breath_cues: {in: 'Reach {side}.'}\n", 6, ["unknown placeholder {side}"]),
        ("guidance: loud\n", 6, ["guidance must be one of quiet, guided, full, not 'loud'"]),
    ],
)
def test_mistakes_in_breath_keys_are_reported_at_their_line(extra, line, fragments):
    assert_reported_at(sequence_error(MINIMAL + extra), line, fragments)


def test_every_phrase_the_patterns_need_exists_in_every_language_with_its_own_variants():
    for tag in (*BUILT_IN, "pt-br"):
        said = phrases_for(tag)
        for key in ("breath.in", "breath.hold", "breath.out"):
            variants = said.variants(key)
            assert len(variants) == 3 and len(set(variants)) == 3, (tag, key)
            assert all(text.endswith(".") for text in variants)
            if tag != "en":
                assert not set(variants) & set(ENGLISH_PHRASES.variants(key)), (tag, key)  # written in the language
        found = language(tag)
        assert found is not None, tag
        table = found.phrases
        for key in ("settings.breath.holds", "settings.guidance.quiet", "settings.guidance.full", "label.rounds"):
            assert key in table, (tag, key)
    own = phrases_for("de", (("breath.in", "Atme tief ein."),))
    assert own.variants("breath.in") == ("Atme tief ein.",)  # a practice's own phrase is said alone


@pytest.mark.parametrize("path", SHELF, ids=lambda p: p.stem)
def test_no_cue_text_is_said_more_than_eight_times_in_a_shipped_practice(path):
    practice = resolve(load_sequence(path), ESPEAK, settled)
    t = compile_timeline(practice, estimator(practice.sequence.language))  # as `voicekit plan` lays it out
    said = Counter(c.text for c in t.cues if c.kind is CueKind.SPEECH)
    assert max(said.values()) <= 8, said.most_common(3)


def test_the_plan_shows_the_pattern_in_its_settings_and_the_cues_at_their_phases(run_cli, write_seq):
    seq = write_seq(sit("2 breaths", top="breath: box\nbell: none\n"))
    shown = json.loads(run_cli("plan", seq, "--json", "--engine", "fake").out)
    assert shown["settings"]["breath"] == {"inhale": 4, "exhale": 4, "hold": 4, "hold_out": 4}
    spoken = [c["start"] for c in shown["cues"] if c["kind"] == "speech" and c["text"] != "Sit tall."]
    starts = [s - spoken[0] for s in spoken]
    assert all(abs(s - k * 4) <= 0.027 for k, s in enumerate(starts)) and len(starts) == 8  # on the frame grid
    four_seven_eight = write_seq(sit("4 breaths", top="breath: 4-7-8\n"), "478.yaml")
    shown = json.loads(run_cli("plan", four_seven_eight, "--json", "--engine", "fake").out)
    spoken = [c["start"] for c in shown["cues"] if c["kind"] == "speech" and c["pose"] == "Sit"][1:7]
    wanted = [k * 19 + s for k in range(2) for s in (0, 4, 11)]
    assert [round(s - spoken[0], 1) for s in spoken] == pytest.approx(wanted, abs=0.03)
    practice = resolve(load_sequence(seq), FAKE, settled)
    assert "breath 4s in 4s held 4s out 4s held" in describe(settings(practice))  # the cue sheet's and the tags'
    german = resolve(parse_sequence(sit("4 breaths", top="breath: 4-7-8\nlanguage: de\n"), FILE), FAKE, settled)
    assert "Atem 4 s ein, 7 s halten, 8 s aus, 0 s halten" in describe(settings(german), german.phrases)


BOX = """\
title: Box
bell: none
breath: box
poses:
  - name: Box breathing
    setup: Sit tall.
    hold: 3 breaths
    breath_cues: {every: true}
  - name: Four seven eight
    setup: Sit tall.
    hold: 2 breaths
    breath: 4-7-8
    breath_cues: {every: true}
"""


@pytest.mark.slow
def test_the_cues_sound_at_the_starts_of_their_phases_in_the_mp3(tmp_path, warm_cache):
    seq = tmp_path / "box.yaml"
    seq.write_text(BOX)
    result = build(seq, FAKE, output=tmp_path / "box.mp3", cache_dir=warm_cache, companions=False)
    heard = onsets(decode(result.output))
    for pose, cycle, phases in (
        ("Box breathing", 16_000, (0, 4000, 8000, 12_000)),
        ("Four seven eight", 19_000, (0, 4000, 11_000)),
    ):
        cues = [c for c in result.timeline.cues if c.pose == pose and c.role is CueRole.BREATH]
        start = cues[0].start
        n = len(cues) // len(phases)
        wanted = [start + k * cycle + s for k in range(n) for s in phases]
        assert len(cues) == len(wanted)
        for ms in wanted:  # each phase's cue is heard within 100 ms of its phase's start
            assert min(abs(h - ms) for h in heard) <= 100, (pose, ms - start)
