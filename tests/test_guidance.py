"""How much is said: quiet keeps the set-up, the transitions and the bells and leaves the holds silent;
guided is the default; full guides every breath of a short hold and speaks every reminder. From the
sequence (``guidance:``) or ``--guidance``, which wins."""

from __future__ import annotations

import json

import pytest
from helpers import FILE, assert_one_line_error, words_ms

from voicekit.output.metadata import describe, settings
from voicekit.plan.compiler import compile_timeline
from voicekit.plan.options import BuildOptions, Practice, resolve
from voicekit.plan.timeline import CueKind, CueRole, Timeline
from voicekit.sequence.loader import parse_sequence
from voicekit.speech.engines import settled

PRACTICE = """\
title: Guidance
bell: none
time_cues: [halfway]
poses:
  - name: Twist
    sides: [right, left]
    setup: [Lie on your back., 'Lower your knees to the {side}.']
    hold: 6 breaths
    reminders: ['Keep both shoulders heavy on the floor, and let the knees sink only as far as is easy.']
    release: Bring your knees back up.
  - name: Rest
    setup: Stretch out your legs.
    hold: 20 breaths
    bells: [30s]
    reminders: [Let the floor hold you.]
"""


def practice_and_timeline(text: str = PRACTICE, options: BuildOptions | None = None) -> tuple[Practice, Timeline]:
    practice = resolve(parse_sequence(text, FILE), options or BuildOptions(), settled)
    return practice, compile_timeline(practice, words_ms)


def said(timeline: Timeline, chapter: str, *roles: CueRole) -> list[str]:
    return [c.text for c in timeline.cues if c.pose == chapter and c.role in roles and c.kind is not CueKind.SILENCE]


IN_HOLD = (CueRole.BREATH, CueRole.REMINDER, CueRole.TIME, CueRole.HOLD_BELL)


def test_guided_is_the_default_the_first_three_breaths_and_the_reminders():
    practice, t = practice_and_timeline()
    assert practice.guidance == "guided"
    assert len(said(t, "Twist (right)", CueRole.BREATH)) == 6  # three breaths, in and out
    assert len(said(t, "Rest", CueRole.BREATH)) == 6
    assert said(t, "Rest", CueRole.REMINDER) == ["Let the floor hold you."]


def test_quiet_keeps_the_set_up_the_transitions_and_the_bells_and_leaves_the_holds_silent():
    _, guided = practice_and_timeline()
    practice, quiet = practice_and_timeline(PRACTICE.replace("bell: none\n", "bell: none\nguidance: quiet\n"))
    assert practice.guidance == "quiet"
    for chapter in ("Twist (right)", "Twist (left)"):
        assert said(quiet, chapter, *IN_HOLD) == []
        assert said(quiet, chapter, CueRole.SETUP, CueRole.TRANSITION, CueRole.RELEASE) == said(
            guided, chapter, CueRole.SETUP, CueRole.TRANSITION, CueRole.RELEASE
        )
    assert said(quiet, "Twist (left)", CueRole.TRANSITION) == ["Now the other side."]
    assert said(quiet, "Rest", *IN_HOLD) == ["hold bell"]  # the bell a teacher asked for still rings
    assert quiet.total == guided.total  # the holds as long as ever


def test_full_guides_every_breath_of_a_short_hold_and_says_every_reminder():
    _, t = practice_and_timeline(options=BuildOptions(guidance="full"))
    hold = [c for c in t.cues if c.pose == "Twist (right)" and c.role in IN_HOLD]
    reminder = next(c for c in hold if c.role is CueRole.REMINDER)
    assert reminder.text.startswith("Keep both shoulders heavy")  # too long for the quiet between two cues
    start = next(c for c in t.cues if c.pose == "Twist (right)" and c.role is CueRole.BREATH).start
    breaths = {(c.start - start) // 10_000 for c in hold if c.role is CueRole.BREATH}
    taken = (reminder.start - start) // 10_000
    assert breaths == set(range(6)) - {taken}  # every breath guided but the one the reminder is said on
    assert (reminder.start - start) % 10_000 == 0  # said as that breath begins
    assert said(t, "Twist (right)", CueRole.TIME) == []  # halfway fell on the reminder's breath: left out
    assert len(said(t, "Rest", CueRole.BREATH)) == 6  # twenty breaths is not a short hold: the first three
    assert said(t, "Rest", CueRole.REMINDER) == ["Let the floor hold you."]


def test_the_option_wins_over_the_sequence(run_cli, write_seq):
    seq = write_seq(PRACTICE.replace("bell: none\n", "bell: none\nguidance: full\nvoice: {engine: fake}\n"))
    shown = json.loads(run_cli("plan", seq, "--json", "--guidance", "quiet").out)
    assert shown["settings"]["guidance"] == "quiet"
    assert not [c for c in shown["cues"] if c["kind"] == "speech" and c["text"].startswith("Keep both")]
    full = json.loads(run_cli("plan", seq, "--json").out)
    assert full["settings"]["guidance"] == "full"
    assert "guidance" not in json.loads(run_cli("plan", seq, "--json", "--guidance", "guided").out)["settings"]
    for command, value in (("plan", "loud"), ("build", "some")):
        ran = run_cli(command, seq, "--guidance", value)
        assert_one_line_error(ran, f"--guidance must be one of quiet, guided, full, not {value!r}")


@pytest.mark.parametrize(("level", "words"), [("quiet", "quiet guidance"), ("full", "full guidance")])
def test_the_settings_line_names_a_guidance_other_than_the_default(level, words):
    practice, _ = practice_and_timeline(options=BuildOptions(guidance=level))
    assert words in describe(settings(practice))
    german = resolve(parse_sequence(PRACTICE + "language: de\n", FILE), BuildOptions(guidance=level), settled)
    assert german.phrases.text(f"settings.guidance.{level}") in describe(settings(german), german.phrases)
    assert "guidance" not in describe(settings(practice_and_timeline()[0]))
