"""The teaching check (``plan/teaching.py``, ``voicekit check``): each warning fires on a small practice
made to have that fault, at the line that says it, and not once the fault is mended; ``--strict`` fails
on any warning; the shipped practices pass it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from helpers import FAKE, SHELF, assert_one_line_error, load_shipped

from voicekit.pipeline import check, teaching
from voicekit.plan.options import HOLD_LENGTHS


def warnings_of(path: Path) -> list[str]:
    return [str(f) for f in teaching(check(path, FAKE))]


def practice(body: str, head: str = "") -> str:
    return "title: T\nvoice: {engine: fake}\npauses: {step: 3s, pose: 5s}\n" + head + "poses:\n" + textwrap.dedent(body)


# Each case: a practice with one fault, the line and words of its warning, and the practice mended.
CASES = {
    "a move with no time for it": (
        practice("""\
            - name: Rest
              position: supine
              setup:
                - Bring a chair to the end of your mat.
                - Lie down in front of it.
              hold: 30s
            """),
        8,
        '"Bring a chair to the end ..." asks for a move but is followed by 3 s; give it move: 8s or more',
        [("- Bring a chair to the end of your mat.", '- {say: "Bring a chair to the end of your mat.", move: 12s}'),
         ("- Lie down in front of it.", "- {say: Lie down in front of it., move: 10s}")],
    ),
    "a pose with no position": (
        practice("""\
            - name: Stand
              position: standing
              setup: Stand tall.
              hold: 30s
            - name: Rest
              setup: Rest your hands.
              hold: 30s
            """),
        9,
        "Rest has no position, so no move into it or out of it can be spoken; give it position: (standing, chair,",
        [("  setup: Rest your hands.", "  position: standing\n  setup: Rest your hands.")],
    ),
    "a change of position nobody makes": (
        practice("""\
            - name: Stand
              position: standing
              setup: Stand tall.
              hold: 30s
            - name: Cat
              position: all-fours
              transition_in: false
              setup: Round your back.
              hold: 30s
            """),
        9,
        "Cat: the position changes from standing to all-fours, but it has transition_in: false, and none of its",
        [("  setup: Round your back.", "  setup: [{say: Come down onto your hands and knees., move: 12s}]")],
    ),
    "a side named in words": (
        practice("""\
            - name: Twist
              position: supine
              sides: [right, left]
              setup:
                - Lower your knees to the right.
              hold: 30s
            """),
        9,
        'Twist: "Lower your knees to the right." names a side ("right"), which is wrong on the other side',
        [("to the right.", 'to the {side}."'), ("- Lower", '- "Lower')],
    ),
    "a prop nobody names": (
        practice(
            """\
            - name: Strap stretch
              position: supine
              props: [strap]
              setup: Lift your leg.
              hold: 30s
            """,
            "gather: none\nintro: Welcome.\n",
        ),
        7,
        "Strap stretch uses a strap or a belt, but nothing names it by then: name it in the intro or a step",
        [("intro: Welcome.", "intro: Welcome. Have a belt at hand.")],
    ),
    "a long practice that ends active": (
        practice("""\
            - name: Lunge
              position: kneeling
              kind: stretch
              setup: Stay low.
              hold: 11m
            """),
        5,
        "the practice lasts 11:",
        [("  kind: stretch", "  kind: rest")],
    ),
    "the same words nine times": (
        practice("""\
            - name: Breath
              position: seated
              setup: Sit tall.
              hold: 5s
              breath_cues: silent
              repeat: 9
            """),
        5,
        '"Sit tall." is spoken 9 times at medium holds; more than 8 lulls the listener',
        [("repeat: 9", "repeat: 8")],
    ),
    "a hold full of sounds": (
        practice("""\
            - name: Rest
              position: supine
              setup: Lie still.
              hold: 18s
              bells: [0s, 9s]
            """),
        5,
        "Rest: only 11% of its 0:18 hold is quiet; give it fewer reminders or cues, or a longer hold",
        [("hold: 18s", "hold: 1m")],
    ),
    "a library pose in another language": (  # a pose of the user's own library, in English only
        practice(
            """\
            - use: hug-knees
            """,
            "language: de\nlibrary: [mine.yaml]\n",
        ),
        7,
        "Hug the knees: its set-up steps are in English (en), the practice in German (de)",
        [("- use: hug-knees", "- use: hug-knees\n  setup: Zieh beide Knie zur Brust.\n  "
          "release: Stell die Füße ab.\n  reminders: [Lass den Rücken breit werden.]\n  cautions: [Vorsicht.]")],
    ),
}  # fmt: skip


MINE = """\
poses:
  - id: hug-knees
    name: Hug the knees
    position: supine
    setup: Draw both knees in toward your chest.
    hold: 1m
    reminders: [Let the back grow wide.]
    cautions: [Careful.]
    release: Set your feet down.
"""


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_warning_fires_on_its_fault_at_its_line_and_not_once_mended(case, write_seq):
    text, line, message, mends = CASES[case]
    write_seq(MINE, "mine.yaml")  # the user's own library, English only (the shipped one has every language)
    path = write_seq(text)
    found = warnings_of(path)
    assert any(w.startswith(f"{path}:{line}: warning: {message}") for w in found), found
    for old, new in mends:
        assert old in text, old
        text = text.replace(old, new)
    assert warnings_of(write_seq(text, "mended.yaml")) == []


def test_check_prints_each_warning_and_strict_fails_on_any(run_cli, write_seq):
    text, line, message, mends = CASES["a move with no time for it"]
    faulty = write_seq(text)
    ran = run_cli("check", faulty)
    assert ran.code == 0 and ran.out.startswith(f"{faulty}: ok (1 pose") and ran.out.endswith("), 2 warnings\n")
    lines = ran.err.splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"{faulty}:{line}: warning: {message}")
    assert lines[1].startswith(f"{faulty}:{line + 1}: warning: " + '"Lie down in front of it." asks for a move')
    assert lines[1].endswith("is followed by 3 s; give it move: 10s or more (a step as {say: ..., move: 10s})")
    strict = run_cli("check", "--strict", faulty)
    assert (strict.code, strict.err) == (1, ran.err)
    for old, new in mends:
        text = text.replace(old, new)
    mended = run_cli("check", "--strict", write_seq(text, "mended.yaml"))
    assert (mended.code, mended.err) == (0, "")
    broken = run_cli("check", "--strict", write_seq(text.replace("hold: 30s", "hold: 30 parsecs"), "bad.yaml"))
    assert_one_line_error(broken, "hold: '30 parsecs'")  # an error is still exit status 2


def test_a_warning_about_a_library_pose_s_step_names_the_pose_file(write_seq):
    """No shipped pose warns (test_poses_alone), so a pose of the user's own library has the fault."""
    mine = write_seq(
        "poses:\n  - id: lunge\n    name: Lunge\n    position: kneeling\n    setup:\n"
        "      - Kneel tall.\n      - Sit down beside your feet.\n    hold: 1m\n",
        "mine.yaml",
    )
    found = warnings_of(write_seq(practice("- use: lunge\n", "library: [mine.yaml]\n")))
    assert found and all(": warning: " in w for w in found)
    assert any(w.startswith(f"{mine}:7:") and "asks for a move" in w for w in found), found


@pytest.mark.parametrize("path", SHELF, ids=lambda p: p.stem)
def test_no_shipped_practice_leaves_a_cue_out_or_warns_at_any_holds(path):
    """With breath variants, flows and moves compiled together: no cue left out, no teaching warning, in
    every language a practice ships in, at each end of its holds (``check --strict``, no audio)."""
    from dataclasses import replace

    from voicekit.pipeline import plan

    sequence = load_shipped(path)
    for holds in HOLD_LENGTHS:
        options = replace(FAKE, engine="pyttsx3", holds=holds)  # espeak-ng's estimates, nothing spoken
        assert [(holds, w) for w in plan(sequence, options).warnings] == []
        assert [(holds, str(f)) for f in teaching(check(sequence, options))] == []


# A two-sided pose's step in each language: a side word in another sense (straight, a right angle), which
# no side fills in, and the same word naming a side, which the check names.
OTHER_SENSES = {
    "fr": ("Gardez le dos bien droit, les genoux à angle droit.", "Levez le bras droit."),
    "pt": ("Mantenha as costas direitas e o pescoço bem direito.", "Levante o braço direito."),
    "es": ("Con la espalda derecha y el cuello bien derecho.", "Levanta el brazo derecho."),
    "de": ("Beuge die Knie im rechten Winkel.", "Heb den rechten Arm."),
    "it": ("Tieni la schiena dritta, lo sguardo diritto davanti a te.", "Solleva il braccio destro."),
    "nl": ("Houd je rug recht en zit rechtop.", "Strek je rechterbeen."),
    "en": ("Bend your knees to a right angle; two minutes left.", "Lift your right arm."),
}


@pytest.mark.parametrize("tag", sorted(OTHER_SENSES))
def test_a_side_word_in_another_sense_is_no_side(tag, write_seq):
    """ "Le dos droit" is a straight back, "im rechten Winkel" a right angle: no side to fill in, no warning;
    the side sense of the same word (and Dutch's side glued into a compound, "rechterzij") is named."""
    other, side = OTHER_SENSES[tag]
    body = "- name: Twist\n  position: seated\n  sides: [right, left]\n  setup:\n    - {}\n  hold: 30s\n"
    head = f"language: {tag}\n"
    assert warnings_of(write_seq(practice(body.format(other), head))) == []
    found = warnings_of(write_seq(practice(body.format(side), head), "side.yaml"))
    assert len(found) == 1 and "names a side" in found[0], found


def test_a_dutch_side_glued_into_its_noun_still_makes_the_move(write_seq):
    """ "Ga op je {side:rechter}zij liggen" (rechterzij, linkerzij) brings the body onto its side, as "Ga op je
    zij liggen" does: a pose entered by that step (transition_in: false) is not told nothing makes the move."""
    body = """\
        - name: Rug
          position: supine
          setup: Lig stil.
          hold: 30s
        - name: Zij
          position: side-lying
          sides: [right, left]
          transition_in: false
          setup:
            - {say: "Ga op je {other_side:rechter}zij liggen, je hoofd op je arm.", move: 8s}
          hold: 30s
        """
    assert warnings_of(write_seq(practice(body, "language: nl\n"))) == []
    assert "none of its set-up steps makes the move" in " ".join(
        warnings_of(write_seq(practice(body.replace("Ga op je", "Blijf op je"), "language: nl\n"), "stay.yaml"))
    )
