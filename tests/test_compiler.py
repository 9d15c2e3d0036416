"""Compiler invariants, with exact fake lengths: holds exact, sides filled, cues contiguous."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from helpers import MINIMAL, SHIPPED

from voicekit.language.phrases import ENGLISH_PHRASES
from voicekit.plan.compiler import compile_timeline
from voicekit.plan.grid import FRAME, GRID, SAMPLE_RATE
from voicekit.plan.options import BuildOptions, resolve
from voicekit.plan.sounds import SOUND_MS
from voicekit.plan.timeline import CueKind, CueRole, Grid, Timeline
from voicekit.sequence.loader import load_sequence, parse_sequence
from voicekit.sequence.model import Sequence
from voicekit.speech.engines import settled


def words_ms_at_rate(text: str, rate: int = 140) -> int:
    """300 ms a word at 140 words a minute, longer at a slower rate (helpers.words_ms ignores the rate)."""
    return 300 * len(text.split()) * 140 // rate


def compiled_sequence(
    seq: Sequence,
    options: BuildOptions | None = None,
    measure: Callable[[str, int], int] = words_ms_at_rate,
    grid: Grid | None = None,
) -> Timeline:
    return compile_timeline(resolve(seq, options or BuildOptions(), settled), measure, grid)


HOLD_ROLES = (CueRole.HOLD, CueRole.BREATH, CueRole.REMINDER)


def hold_windows(timeline):
    """Per chapter: (start, end) of the hold, and the chapter's cues."""
    out = {}
    for chapter in timeline.chapters:
        cues = [c for c in timeline.cues if c.pose == chapter.title]
        inside = [c for c in cues if c.role in HOLD_ROLES]
        if inside:
            out[chapter.title] = (inside[0].start, inside[-1].end, cues)
    return out


@pytest.mark.parametrize("holds", ["short", "medium", "long"])
def test_cues_are_contiguous_and_total_is_their_sum(holds):
    t = compiled_sequence(load_sequence(SHIPPED), BuildOptions(holds=holds))
    assert t.cues[0].start == 0
    for a, b in itertools.pairwise(t.cues):
        assert b.start == a.end
    assert t.total == sum(c.duration for c in t.cues)
    assert all(c.duration > 0 for c in t.cues)
    assert t.cues[-1].kind is CueKind.BELL and t.cues[-1].duration == SOUND_MS["bell"]


def test_shipped_practice_is_30_to_36_minutes_at_medium():
    # Real espeak clips are close to the 140 wpm estimate; 300 ms a word is a bit slower than that.
    from voicekit.plan.estimate import estimate_ms

    t = compiled_sequence(load_sequence(SHIPPED), measure=estimate_ms)
    assert 30 * 60_000 <= t.total <= 36 * 60_000


@pytest.mark.parametrize(
    ("holds", "scale", "expected"),
    [("short", 1.0, 300_000), ("medium", 1.0, 390_000), ("long", 1.0, 480_000), ("medium", 2.0, 780_000)],
)
def test_timed_hold_is_exactly_as_long_as_asked(holds, scale, expected):
    seq = load_sequence(SHIPPED)
    t = compiled_sequence(seq, BuildOptions(holds=holds, scale=scale))
    start, end, cues = hold_windows(t)[seq.poses[0].name]
    assert end - start == expected
    last = next(c for c in cues if c.text == seq.poses[0].setup[-1].text)
    quiet = cues[cues.index(last) + 1]  # the last step has its quiet, then the spoken cautions, then the hold
    assert quiet.kind is CueKind.SILENCE and quiet.duration == max(seq.poses[0].setup[-1].move_ms, seq.pauses.step_ms)
    before = [c for c in cues if quiet.end <= c.start and c.end <= start]
    assert [c.text for c in before if c.kind is CueKind.SPEECH] == list(seq.poses[0].spoken_cautions)
    assert before[-1].kind is CueKind.SILENCE and before[-1].end == start
    release = next(c for c in cues if c.text == seq.poses[0].release)
    assert release.start == end  # ... and the release starts when it ends
    reminders = [c for c in cues if c.text in seq.poses[0].reminders]
    assert len(reminders) == len(seq.poses[0].reminders) and all(start < c.start and c.end < end for c in reminders)


def test_breath_hold_uses_breath_pace_and_sides():
    seq = load_sequence(SHIPPED)
    t = compiled_sequence(seq, BuildOptions(holds="long", breath_s=12))
    windows = hold_windows(t)
    for side in ("right", "left"):
        start, end, cues = windows[f"Reclining twist ({side})"]
        assert end - start == 8 * 12_000
        guided = [(c.start - start, c.text) for c in cues if c.role is CueRole.BREATH]
        inhale = round(12_000 * 0.4)  # the breath scaled in proportion: 4.8s in, 7.2s out
        assert [offset for offset, _ in guided] == [0, inhale, 12_000, 12_000 + inhale, 24_000, 24_000 + inhale]
        assert [text for _, text in guided][::2] == [*ENGLISH_PHRASES.variants("breath.in")]  # said in turn
        assert [text for _, text in guided][1::2] == [*ENGLISH_PHRASES.variants("breath.out")]
        other = "left" if side == "right" else "right"
        texts = " ".join(c.text for c in cues)
        assert f"lower both knees over to the {side}" in texts
        assert f"turn your head toward your {other} hand" in texts
        assert "{" not in texts


def test_other_side_transition_only_before_second_side():
    t = compiled_sequence(load_sequence(SHIPPED))
    right = [c.text for c in t.cues if c.pose == "Reclining twist (right)"]
    left = [c.text for c in t.cues if c.pose == "Reclining twist (left)"]
    assert not any(s.startswith("Now the other side") for s in right)
    assert left[0] == "Now the other side."


def test_chapters_in_order_intro_poses_sides_closing():
    t = compiled_sequence(load_sequence(SHIPPED))
    assert [c.title for c in t.chapters] == [
        "Introduction",
        "Supported hero forward bend",
        "Cat and cow",
        "Reclining hand-to-big-toe with a strap (right)",
        "Reclining hand-to-big-toe with a strap (left)",
        "Reclining twist (right)",
        "Reclining twist (left)",
        "Knees to chest",
        "Supported corpse pose, legs on a chair",
        "Closing",
    ]


# Without an intro, the lead-in belongs to the first pose: no chapter of silence alone.
def test_no_intro_no_empty_introduction_chapter():
    t = compiled_sequence(parse_sequence(MINIMAL), measure=lambda text, rate: 1000)
    assert [c.title for c in t.chapters] == ["Rest", "Closing"]


def test_reminders_never_lengthen_a_short_hold():
    seq = parse_sequence(
        """
title: T
poses:
  - name: P
    setup: Go.
    hold: 4s
    reminders: [A very long reminder that cannot possibly fit inside four seconds of hold time]
""",
        "t.yaml",
    )
    t = compiled_sequence(seq)
    start, end, cues = hold_windows(t)["P"]
    assert end - start == 4000
    assert not any(c.kind is CueKind.SPEECH and "reminder" in c.text for c in cues)
    assert any("does not fit" in w for w in t.warnings)


def test_counted_breaths_speak_each_number_on_the_breath():
    seq = parse_sequence(
        "title: T\nposes:\n  - name: P\n    setup: Go.\n    hold: 4 breaths\n    breath_cues: counted\n", "t.yaml"
    )
    t = compiled_sequence(seq)
    start, end, cues = hold_windows(t)["P"]
    counted = [(c.start - start, c.text) for c in cues if c.kind is CueKind.SPEECH and c.start >= start]
    assert counted == [(0, "One."), (10_000, "Two."), (20_000, "Three."), (30_000, "Four.")]
    assert end - start == 40_000


def test_silent_breath_cues_leave_the_hold_quiet():
    seq = parse_sequence(
        "title: T\nposes:\n  - name: P\n    setup: Go.\n    hold: 3 breaths\n    breath_cues: silent\n", "t.yaml"
    )
    t = compiled_sequence(seq)
    start, end, cues = hold_windows(t)["P"]
    assert [c.kind for c in cues if start <= c.start < end] == [CueKind.SILENCE]


def test_hold_override_by_name_and_number():
    seq = load_sequence(SHIPPED)
    by_number = compiled_sequence(seq, BuildOptions(overrides=(("6", "2m"),)))
    by_name = compiled_sequence(seq, BuildOptions(overrides=(("supported corpse pose, legs on a chair", "2m"),)))
    for t in (by_number, by_name):
        start, end, _ = hold_windows(t)[seq.poses[5].name]
        assert end - start == 120_000


def test_the_timeline_depends_only_on_the_practice_and_the_measure():
    """Compiling leaves the practice as it was, a separately built equal practice gives an equal timeline,
    and every speech length comes from the measure: each spoken (text, rate) is asked of it."""
    practice = resolve(load_sequence(SHIPPED), BuildOptions(), settled)
    asked: list[tuple[str, int]] = []

    def measure(text: str, rate: int) -> int:
        asked.append((text, rate))
        return words_ms_at_rate(text, rate)

    first = compile_timeline(practice, measure)
    assert practice == resolve(load_sequence(SHIPPED), BuildOptions(), settled)  # not changed by compiling
    again = compile_timeline(resolve(load_sequence(SHIPPED), BuildOptions(), settled), words_ms_at_rate)
    assert again == first
    spoken = {(c.text, c.rate) for c in first.cues if c.kind is CueKind.SPEECH}
    assert spoken <= set(asked)
    slower = compile_timeline(practice, lambda text, rate: words_ms_at_rate(text, rate) + 100)
    for fast, slow in zip(
        (c for c in first.cues if c.kind is CueKind.SPEECH),
        (c for c in slower.cues if c.kind is CueKind.SPEECH),
        strict=True,
    ):
        assert (slow.text, slow.duration) == (fast.text, fast.duration + 100)


def test_on_a_grid_every_cue_starts_on_a_grid_point_and_holds_stay_within_half_a_point():
    grid = GRID  # the MP3 frame
    seq = load_sequence(SHIPPED)
    t = compiled_sequence(seq, grid=grid)
    for cue in t.cues:
        assert abs(cue.start / grid.ms - round(cue.start / grid.ms)) < 0.5 / grid.ms
        assert t.sample(cue.start, SAMPLE_RATE) % FRAME == 0
        if cue.kind is CueKind.SPEECH:
            assert cue.duration >= words_ms_at_rate(cue.text) - 1  # a spoken cue always holds its clip
    start, end, _ = hold_windows(t)[seq.poses[0].name]
    assert abs(end - start - 390_000) <= grid.ms / 2 + 1
    whole = t.sample(t.total, SAMPLE_RATE)
    assert whole == sum(t.sample(c.end, SAMPLE_RATE) - t.sample(c.start, SAMPLE_RATE) for c in t.cues)


def test_a_pose_can_have_its_own_rate():
    seq = parse_sequence(
        "title: T\nvoice: {rate: 150}\nintro: Hello there.\nposes:\n"
        "  - name: Slow\n    setup: Lie down now.\n    hold: 5s\n    rate: 100\n"
        "  - name: Usual\n    setup: Sit up now.\n    hold: 5s\n",
        "t.yaml",
    )
    t = compiled_sequence(seq)
    rates = {c.text: c.rate for c in t.cues if c.kind is CueKind.SPEECH}
    assert rates == {"Hello there.": 150, "Lie down now.": 100, "Sit up now.": 150}
    slow = next(c for c in t.cues if c.text == "Lie down now.")
    assert slow.duration == words_ms_at_rate("Lie down now.", 100)  # measured at its own rate


# --- the props gathered, time to move, spoken cautions, a short second side (issue 23) -----------------


def speech_and_quiet(text: str, options: BuildOptions | None = None) -> list[tuple[str, str, int]]:
    """(chapter, what, ms) of each cue: the words, or the silence's reason in brackets."""
    t = compiled_sequence(parse_sequence(text, "t.yaml"), options)
    return [(c.pose, c.text if c.kind is CueKind.SPEECH else f"({c.text})", c.duration) for c in t.cues]


GATHER = """\
title: T
intro: Welcome.
pauses: {step: 3s, pose: 5s}
GATHER
poses:
  - name: Strap stretch
    props: [strap, Chair]
    setup: Loop the strap around your foot.
    hold: 10s
  - name: Rest
    props: [two cushions, strap]
    setup: Lie down on the cushions.
    hold: 10s
"""
SAID = "For this practice you need a strap or a belt, a sturdy chair, and two cushions."
TAKE = "Take a moment now to set everything out beside your mat."


@pytest.mark.parametrize(("gather", "quiet"), [("", 45_000), ("gather: 20s", 20_000)])
def test_the_introduction_names_every_prop_once_then_leaves_time_to_fetch_them(gather, quiet):
    cues = speech_and_quiet(GATHER.replace("GATHER", gather))
    intro = [(what, ms) for chapter, what, ms in cues if chapter == "Introduction"]
    assert [what for what, _ in intro] == ["(lead-in)", "Welcome.", "(pause)", f"{SAID} {TAKE}", "(gather)"]
    assert intro[-1][1] == quiet and intro[2][1] == 1500  # a breath between the intro and the props
    assert cues[len(intro)][0] == "Strap stretch"  # the first pose, at once


def test_gather_none_names_no_props_and_a_practice_without_intro_still_gathers_them():
    cues = speech_and_quiet(GATHER.replace("GATHER", "gather: none"))
    assert [what for chapter, what, _ in cues if chapter == "Introduction"] == ["(lead-in)", "Welcome.", "(pause)"]
    cues = speech_and_quiet(GATHER.replace("GATHER", "").replace("intro: Welcome.\n", ""))
    assert [what for chapter, what, _ in cues if chapter == "Introduction"] == [
        "(lead-in)",
        f"{SAID} {TAKE}",
        "(gather)",
    ]
    german = speech_and_quiet(GATHER.replace("GATHER", "language: de").replace("Chair", "chair"))
    assert any(what.startswith("Für diese Praxis brauchst du einen Gurt oder einen Gürtel,") for _, what, _ in german)


STEPS = """\
title: T
pauses: {step: 3s, pose: 5s}
poses:
  - name: Rest
    setup:
      - {say: "Bring a chair to the end of your mat.", move: 12s}
      - {say: "Spread your fingers.", move: 2s}
      - Lie down.
    hold: 3 breaths
"""


def test_a_step_is_followed_by_the_time_its_move_takes_and_the_last_one_too():
    cues = speech_and_quiet(STEPS)
    assert [(what, ms) for _, what, ms in cues[1:7]] == [
        ("Bring a chair to the end of your mat.", 2700),
        ("(move)", 12_000),  # its move
        ("Spread your fingers.", 900),
        ("(move)", 3000),  # never less than the step pause
        ("Lie down.", 600),
        ("(move)", 3000),  # the last step too, before the first breath cue
    ]
    assert cues[7][1] == "Breathe in."


CAUTIONS = """\
title: T
pauses: {step: 3s, pose: 5s}
poses:
  - name: Twist
    sides: [right, left]
    setup: Lower your knees to the {side}.
    hold: 10s
    cautions:
      - {say: "If your back complains, come out."}
      - Never spoken.
      - {say: "Go gently toward the {side}.", when: setup}
  - name: Hug
    setup: Hug your knees.
    hold: 10s
    cautions: [{say: "If your back complains, come out."}, {say: "Keep the knees apart."}]
"""


def test_spoken_cautions_are_said_once_in_the_practice_after_the_first_side_s_set_up():
    cues = speech_and_quiet(CAUTIONS)
    spoken = [(chapter, what) for chapter, what, _ in cues if not what.startswith("(")]
    assert spoken == [
        ("Twist (right)", "Lower your knees to the right."),
        ("Twist (right)", "If your back complains, come out."),
        ("Twist (right)", "Go gently toward the right."),
        ("Twist (left)", "Now the other side."),
        ("Twist (left)", "Lower your knees to the left."),  # no caution on the second side
        ("Hug", "Hug your knees."),
        ("Hug", "Keep the knees apart."),  # the same text from another pose: said once in the practice
    ]
    twist = [what for chapter, what, _ in cues if chapter == "Twist (right)"]
    assert twist[:7] == [
        "(lead-in)",
        "Lower your knees to the right.",
        "(move)",
        "If your back complains, come out.",
        "(pause)",
        "Go gently toward the right.",
        "(pause)",
    ]
    assert twist[7] == "(hold)"


SIDES = """\
title: T
pauses: {step: 3s, pose: 5s}
poses:
  - name: Strap
    sides: [right, left]
    SECOND
    hold: 10s
    release: Bend the {side} knee, feet on the mat.
"""


@pytest.mark.parametrize(
    ("setup", "second"),
    [
        (
            "setup:\n      - Bend both knees.\n      - Lift the {side} leg.\n"
            '    second_side: ["Lift the {side} leg, and hold it."]',
            ["Lift the left leg, and hold it."],
        ),
        (
            "setup:\n      - {say: Bend both knees., first_side: true}\n      - Lift the {side} leg.",
            ["Lift the left leg."],
        ),
    ],
)
def test_a_later_side_has_its_own_short_set_up_and_comes_after_a_step_s_quiet(setup, second):
    cues = speech_and_quiet(SIDES.replace("SECOND", setup))
    left = [what for chapter, what, _ in cues if chapter == "Strap (left)" and not what.startswith("(")]
    assert left == ["Now the other side.", *second, "Bend the left knee, feet on the mat."]
    right = [(what, ms) for chapter, what, ms in cues if chapter == "Strap (right)"]
    assert right[1][0] == "Bend both knees." and right[-1] == ("(pause)", 3000)  # not the pose pause


def test_without_a_short_second_side_the_set_up_is_said_again_after_the_pose_pause():
    cues = speech_and_quiet(SIDES.replace("SECOND", 'setup: [Bend both knees., "Lift the {side} leg."]'))
    left = [what for chapter, what, _ in cues if chapter == "Strap (left)" and not what.startswith("(")]
    assert left[1:3] == ["Bend both knees.", "Lift the left leg."]
    assert [(what, ms) for chapter, what, ms in cues if chapter == "Strap (right)"][-1] == ("(pause)", 5000)
