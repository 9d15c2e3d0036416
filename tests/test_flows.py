"""Flows: movements on the breath, in rounds. Each movement is said as its phase begins (later, when the
words before it outlast their breath), the first round in full and the later ones short; a flow is one
chapter a side; fitting to a length changes whole rounds. Measured on the timeline, in ``plan --json``
and on the decoded MP3."""

from __future__ import annotations

import json

import pytest
from audio_tools import decode, onsets
from helpers import FAKE, assert_reported_at, compiled, sequence_error, words_ms

from voicekit.output.cue_sheet import cue_sheet
from voicekit.output.metadata import for_build
from voicekit.pipeline import build, check, plan_of
from voicekit.plan.compiler import compile_timeline
from voicekit.plan.options import BuildOptions, resolve
from voicekit.plan.timeline import CueKind, CueRole, Timeline
from voicekit.sequence.library import Library
from voicekit.sequence.loader import parse_sequence
from voicekit.sequence.model import Pauses
from voicekit.speech.engines import settled

HALF_SUN = """\
title: Flow
bell: none
poses:
  - flow:
      - inhale: {say: "Breathing in, sweep your arms up.", short: "Arms up."}
      - exhale: {say: "Breathing out, fold forward.", short: "Fold."}
      - inhale: {say: "Lift halfway, long spine.", short: "Halfway."}
      - exhale: Fold.
    rounds: 5
    name: Half sun salutation
    setup: ["Stand at the front of your mat, feet hip-width apart."]
    release: Rest your arms by your sides.
"""
SAYS = ["Breathing in, sweep your arms up.", "Breathing out, fold forward.", "Lift halfway, long spine.", "Fold."]
SHORTS = ["Arms up.", "Fold.", "Halfway.", "Fold."]


def movements(timeline: Timeline, chapter: str = "Half sun salutation") -> list[tuple[int, str]]:
    """(offset from the first movement, text) of each movement of ``chapter``."""
    moves = [c for c in timeline.cues if c.pose == chapter and c.role is CueRole.MOVEMENT]
    return [(c.start - moves[0].start, c.text) for c in moves]


def test_each_movement_is_said_as_its_phase_begins_in_full_once_then_short():
    t = compiled(HALF_SUN)
    said = movements(t)
    assert [offset for offset, _ in said] == [k * 20_000 + s for k in range(5) for s in (0, 4000, 10_000, 14_000)]
    assert [text for _, text in said] == SAYS + SHORTS * 4
    assert [c.title for c in t.chapters] == ["Half sun salutation"]  # one chapter, no round chapters
    flow = [c for c in t.cues if c.pose == "Half sun salutation"]
    release = next(c for c in flow if c.text == "Rest your arms by your sides.")
    first = next(c for c in flow if c.role is CueRole.MOVEMENT)
    assert release.start - first.start == 5 * 20_000  # five rounds of two whole breaths
    # After the set-up, as after any last step, its quiet to move (the sequence's step pause) before the first movement.
    setup = next(c for c in flow if c.text.startswith("Stand"))
    assert first.start == setup.end + Pauses().step_ms


def test_a_movement_longer_than_its_phase_makes_the_next_phase_wait_for_it():
    long = "Breathing in, sweep both arms wide and up overhead, palms turning to face each other."  # 15 words
    t = compiled(HALF_SUN.replace('"Breathing in, sweep your arms up."', f'"{long}"'))
    said = movements(t)
    first = 15 * 300 + 500  # its words and half a second: the breath follows the words
    assert [offset for offset, _ in said][:5] == [0, first, first + 6000, first + 10_000, first + 16_000]
    assert said[4] == (first + 16_000, "Arms up.")  # the short text fits its phase: round two keeps the breath


def test_round_cues_come_before_each_round_after_the_first():
    t = compiled(HALF_SUN.replace("    rounds: 5\n", "    rounds: 3\n    round_cues: true\n"))
    flow = [c for c in t.cues if c.pose == "Half sun salutation" and c.kind is CueKind.SPEECH][1:]
    texts = [c.text for c in flow]
    assert texts == [*SAYS, "Round two of three.", *SHORTS, "Round three of three.", *SHORTS, texts[-1]]
    for cue in (c for c in flow if c.role is CueRole.ROUND):
        after = flow[flow.index(cue) + 1]
        assert after.start == cue.end and after.text == "Arms up."  # the round's first movement follows at once


def test_a_flow_plays_on_each_side_with_its_words_for_that_side():
    text = HALF_SUN.replace("    rounds: 5\n", "    rounds: 2\n    sides: [right, left]\n").replace(
        '"Lift halfway, long spine."', '"Step the {side} foot back."'
    )
    t = compiled(text)
    assert [c.title for c in t.chapters] == ["Half sun salutation (right)", "Half sun salutation (left)"]
    right, left = movements(t, "Half sun salutation (right)"), movements(t, "Half sun salutation (left)")
    assert right[2][1] == "Step the right foot back." and left[2][1] == "Step the left foot back."
    assert (
        [o for o, _ in right]
        == [o for o, _ in left]
        == [k * 20_000 + s for k in range(2) for s in (0, 4000, 10_000, 14_000)]
    )
    assert next(c for c in t.cues if c.pose.endswith("(left)")).text == "Now the other side."


def test_phases_the_movements_leave_out_pass_in_quiet():
    box = HALF_SUN.replace("bell: none\n", "bell: none\nbreath: box\n")
    assert [o for o, _ in movements(compiled(box))][:4] == [0, 8000, 16_000, 24_000]  # the holds between, quiet
    on_hold = box.replace(
        '      - exhale: {say: "Breathing out, fold forward.", short: "Fold."}\n', "      - hold: Stay.\n"
    )
    assert [o for o, _ in movements(compiled(on_hold))][:4] == [0, 4000, 16_000, 24_000]  # in, held, in, out


def test_a_movement_on_a_phase_the_breath_lacks_is_an_error(run_cli, write_seq):
    seq = write_seq(
        "voice: {engine: fake}\n" + HALF_SUN.replace("      - exhale: Fold.\n", "      - hold_out: Stay.\n")
    )
    ran = run_cli("check", seq)
    assert ran.code == 2 and ran.out == ""
    assert (
        "seq.yaml:5: Half sun salutation: a movement on the hold_out, but the breath calm (4-0-6-0) has no hold_out"
        in ran.err
    )


def test_fitting_a_practice_with_a_flow_changes_whole_rounds_and_lands_within_a_second(tmp_path):
    text = HALF_SUN.replace("title: Flow\n", "title: Flow\nvoice: {engine: fake}\n") + (
        "  - name: Rest\n    setup: Lie down.\n    hold: 2-4m\n"
        "  - name: Breathe\n    setup: Sit.\n    hold: 4-6 breaths\n"
    )
    seq = tmp_path / "fit.yaml"
    seq.write_text(text)
    seen = set()
    for minutes in (6, 9, 14):
        practice = check(seq, BuildOptions(engine="fake", length_ms=minutes * 60_000))
        timeline = plan_of(practice)
        assert abs(timeline.total - minutes * 60_000) <= 1000
        rounds = practice.poses[0].breaths
        said = movements(timeline)
        assert len(said) == 4 * rounds  # whole rounds, each whole
        later = [20_000 + s for s in (0, 4000, 10_000, 14_000)] if rounds > 1 else []
        assert [o for o, _ in said][4:8] == pytest.approx(later, abs=27)  # on the frame grid
        seen.add(rounds)
    assert len(seen) == 3  # the rounds changed with the length


def test_a_flow_in_a_pose_file_is_used_by_id_with_its_own_rounds(tmp_path):
    (tmp_path / "flows.yaml").write_text(
        "poses:\n  - id: arm-sweeps\n    name: Arm sweeps\n    flow:\n      - inhale: Arms up.\n"
        "      - exhale: Arms down.\n    rounds: 6\n    round_cues: true\n"
    )
    seq = "title: T\nlibrary: [flows.yaml]\nposes:\n  - use: arm-sweeps\n    rounds: 2\n    breath: coherent\n"
    path = tmp_path / "seq.yaml"
    path.write_text(seq)
    t = compile_timeline(resolve(parse_sequence(seq, str(path)), BuildOptions(), settled), words_ms)
    assert [(o, x) for o, x in movements(t, "Arm sweeps")] == [
        (0, "Arms up."),
        (5500, "Arms down."),
        (11_000 + 4 * 300, "Arms up."),  # after "Round two of two."
        (16_500 + 4 * 300, "Arms down."),
    ]
    assert "Round two of two." in [c.text for c in t.cues]
    assert Library([tmp_path / "flows.yaml"]).pose("arm-sweeps").hold.low == 6


@pytest.mark.parametrize(
    ("text", "line", "fragments"),
    [
        (HALF_SUN.replace("    rounds: 5\n", "    rounds: 5\n    hold: 5m\n"), 10, ["unknown key poses[1].hold"]),
        (HALF_SUN.replace("    rounds: 5\n", ""), 4, ["poses[1] is missing 'rounds'"]),
        (HALF_SUN.replace("    rounds: 5\n", "    rounds: 0\n"), 9, ["rounds must be between 1 and 50, not 0"]),
        (HALF_SUN.replace("    rounds: 5\n", "    rounds: 2.5\n"), 9, ["rounds must be a whole number of rounds"]),
        (
            HALF_SUN.replace("      - exhale: Fold.\n", "      - exhale: Fold.\n        inhale: Up.\n"),
            8,
            ["one movement on one phase"],
        ),
        (
            HALF_SUN.replace("      - exhale: Fold.\n", "      - breathe: Fold.\n"),
            8,
            ["flow[4].breathe; known keys: inhale, hold, exhale, hold_out"],
        ),
        (
            HALF_SUN.replace("      - exhale: Fold.\n", "      - exhale: {short: Fold.}\n"),
            8,
            ["flow[4].exhale is missing 'say'"],
        ),
        (
            HALF_SUN.replace("      - exhale: Fold.\n", "      - exhale: {say: Fold., shorter: F.}\n"),
            8,
            ["unknown key"],
        ),
        ("title: T\nposes:\n  - flow: []\n    rounds: 2\n    name: F\n", 3, ["flow must be a list of movements"]),
        ("title: T\nposes:\n  - use: cat-cow\n    rounds: 3\n", 4, ["rounds:", "is a pose, not a flow"]),
    ],
)
def test_mistakes_in_a_flow_are_reported_at_their_line(text, line, fragments):
    assert_reported_at(sequence_error(text), line, fragments)


def test_a_used_flow_has_no_hold(tmp_path):
    (tmp_path / "flows.yaml").write_text(
        "poses:\n  - id: sweeps\n    name: Sweeps\n    flow: [inhale: Up., exhale: Down.]\n    rounds: 4\n"
    )
    for key, value in (("hold", "5m"), ("repeat", "2"), ("reminders", "[Soft knees.]")):
        text = f"title: T\nlibrary: [flows.yaml]\nposes:\n  - use: sweeps\n    {key}: {value}\n"
        with pytest.raises(Exception, match=f"{key}: Sweeps is a flow, played in rounds on the breath"):
            parse_sequence(text, str(tmp_path / "s.yaml"))


def test_guidance_quiet_teaches_the_first_round_and_full_says_the_rounds():
    quiet = compiled(HALF_SUN.replace("bell: none\n", "bell: none\nguidance: quiet\n"))
    assert [x for _, x in movements(quiet)] == SAYS  # then four rounds of the breath alone
    assert movements(compiled(HALF_SUN)) != movements(quiet)
    assert quiet.total == compiled(HALF_SUN).total
    full = compiled(HALF_SUN, BuildOptions(guidance="full"))
    assert [c.text for c in full.cues if c.role is CueRole.ROUND] == [
        f"Round {n} of five." for n in ("two", "three", "four", "five")
    ]


def test_the_cue_sheet_shows_the_rounds_and_the_movements(tmp_path):
    seq = tmp_path / "flow.yaml"
    seq.write_text(HALF_SUN)
    practice = check(seq, FAKE)
    timeline = plan_of(practice)
    sheet = cue_sheet(practice, timeline, for_build(practice, timeline))
    assert "Hold: 5 rounds" in sheet
    assert "- Breathing in: Breathing in, sweep your arms up. / Arms up." in sheet
    assert "- Breathing out: Fold." in sheet


@pytest.mark.slow
def test_the_movements_sound_at_the_starts_of_their_phases_in_the_mp3(tmp_path, warm_cache, run_cli):
    seq = tmp_path / "flow.yaml"
    seq.write_text(HALF_SUN)
    result = build(seq, FAKE, output=tmp_path / "flow.mp3", cache_dir=warm_cache, companions=False)
    moves = [c for c in result.timeline.cues if c.role is CueRole.MOVEMENT]
    first = moves[0].start
    assert [c.start - first for c in moves] == pytest.approx(
        [k * 20_000 + s for k in range(5) for s in (0, 4000, 10_000, 14_000)], abs=27
    )  # on the frame grid
    heard = onsets(decode(result.output))
    for cue in moves:
        assert min(abs(h - cue.start) for h in heard) <= 100, cue
    shown = json.loads(run_cli("plan", seq, "--json", "--engine", "fake").out)
    assert [c["start"] for c in shown["cues"] if c["text"] in SAYS + SHORTS] == [c.start / 1000 for c in moves]


def test_hold_sets_a_flow_s_rounds_and_nothing_else(run_cli, write_seq):
    seq = write_seq(HALF_SUN)
    shown = json.loads(run_cli("plan", seq, "--json", "--engine", "fake", "--hold", "1=2 rounds").out)
    texts = [c["text"] for c in shown["cues"]]
    assert texts.count("Arms up.") == texts.count("Halfway.") == 1  # round two, and no more
    assert run_cli("plan", seq, "--engine", "fake", "--hold", "half sun=3").code == 0
    ran = run_cli("plan", seq, "--engine", "fake", "--hold", "1=2m")
    assert ran.code == 2 and "--hold 1=2m: Half sun salutation is a flow: give its rounds" in ran.err


def test_the_library_listing_shows_a_flow_s_rounds_and_movements(run_cli, tmp_path, monkeypatch):
    poses = tmp_path / "poses"
    poses.mkdir()
    (poses / "flows.yaml").write_text(
        "poses:\n  - id: sweeps\n    name: Sweeps\n    flow: [inhale: Up., {exhale: {say: Down., short: D.}}]\n"
        "    rounds: 4\n"
    )
    monkeypatch.setenv("VOICEKIT_CONFIG_DIR", str(tmp_path))
    shown = run_cli("poses", "--show", "sweeps").out
    assert "hold: 4 rounds" in shown and "    inhale: Up.\n    exhale: Down. / D." in shown
