"""Inside a hold: time-left cues and bells at their moments, reminders around them, the hold never longer;
what does not fit is left out with a warning. Measured on the timeline, then on the decoded MP3."""

from __future__ import annotations

import json
import re

import pytest
from audio_tools import decode, onsets
from helpers import FAKE, FILE, compiled, sit

from voicekit.errors import SequenceError
from voicekit.pipeline import build
from voicekit.plan.options import BuildOptions
from voicekit.plan.sounds import SOUND_MS
from voicekit.plan.timeline import CueKind, CueRole, Timeline
from voicekit.sequence.loader import parse_sequence

IN_HOLD = (CueRole.HOLD, CueRole.BREATH, CueRole.TIME, CueRole.HOLD_BELL, CueRole.REMINDER)
BELL_MS = SOUND_MS["hold bell"]


def hold_of(
    text: str, pose: str = "Sit", options: BuildOptions | None = None
) -> tuple[Timeline, int, int, list[tuple[int, CueKind, str]]]:
    """(the timeline, the start and end of ``pose``'s hold, the cues inside it as (offset, kind, text))."""
    t = compiled(text, options)
    inside = [c for c in t.cues if c.pose == pose and c.role in IN_HOLD]
    start, end = inside[0].start, inside[-1].end
    return t, start, end, [(c.start - start, c.kind, c.text) for c in inside if c.kind is not CueKind.SILENCE]


def test_time_cues_start_at_their_moment_and_the_hold_keeps_its_length():
    t, start, end, cues = hold_of(sit("3m", "    time_cues: [halfway, 1m left, 30s left]\n"))
    assert end - start == 180_000
    assert cues == [
        (90_000, CueKind.SPEECH, "Halfway."),
        (120_000, CueKind.SPEECH, "One minute left."),
        (150_000, CueKind.SPEECH, "Thirty seconds left."),
    ]
    assert t.warnings == ()


def test_bells_ring_at_their_offsets_and_every_leaves_out_the_end():
    _, _, _, listed = hold_of(sit("60s", "    bells: [10s, 30s]\n"))
    assert listed == [(10_000, CueKind.HOLD_BELL, "hold bell"), (30_000, CueKind.HOLD_BELL, "hold bell")]
    t, start, end, every = hold_of(sit("60s", "    bells: every 20s\n"))
    assert [offset for offset, *_ in every] == [20_000, 40_000]  # a bell at 60s would be the hold's end
    assert end - start == 60_000 and t.warnings == ()
    bell = next(c for c in t.cues if c.kind is CueKind.HOLD_BELL)
    assert bell.duration == BELL_MS and bell.role is CueRole.HOLD_BELL


def test_what_does_not_fit_is_left_out_with_a_warning_and_reminders_fit_around_the_rest():
    extra = (
        "    time_cues: [halfway, 2m left, 5s left]\n"  # 2m left: before the hold starts
        "    bells: [15s, 27s, 55s]\n"  # 27s: rings over "Halfway." at 30s; 55s: cannot ring out by 60s
        "    reminders: [Soften the jaw., Let the shoulders drop.]\n"
    )
    t, start, end, cues = hold_of(sit("60s", extra))
    assert end - start == 60_000
    assert [(offset, text) for offset, _, text in cues] == [
        (15_000, "hold bell"),
        (24_000, "Soften the jaw."),  # wanted at 20s, as the bell rings: after it, with a second's quiet
        (30_000, "Halfway."),
        (40_000, "Let the shoulders drop."),
        (55_000, "Five seconds left."),
    ]
    assert t.warnings == (
        "Sit: time cue 'Two minutes left.' does not fit in the 1:00 hold; left out",
        "Sit: bell at 0:27 would overlap 'Halfway.' in the 1:00 hold; left out",
        "Sit: bell at 0:55 does not ring out in the 1:00 hold; left out",
    )


def test_breath_cues_come_first_then_time_cues_then_bells():
    extra = "    breath_cues: counted\n    time_cues: [halfway]\n    bells: [15s]\n"
    t, _, _, cues = hold_of(sit("4 breaths", extra))  # 40s: "Three." at 20s is where "Halfway." would be
    assert [text for _, _, text in cues] == ["One.", "Two.", "Three.", "Four."]
    assert t.warnings == (
        "Sit: time cue 'Halfway.' would overlap 'Three.' in the 0:40 hold; left out",
        "Sit: bell at 0:15 would overlap 'Three.' in the 0:40 hold; left out",
    )


def test_the_sequence_s_cues_and_bells_apply_where_a_pose_has_none_of_its_own():
    text = (
        "title: T\ntime_cues: [halfway]\nbells: every 20s\nposes:\n"
        "  - name: Sit\n    setup: Sit.\n    hold: 60s\n"
        "  - name: Own\n    setup: Sit.\n    hold: 60s\n    time_cues: 10s left\n    bells: [5s]\n"
        "  - name: None\n    setup: Sit.\n    hold: 60s\n    time_cues: []\n    bells: []\n"
    )
    assert [(o, x) for o, _, x in hold_of(text, "Sit")[3]] == [
        (20_000, "hold bell"),
        (30_000, "Halfway."),
        (40_000, "hold bell"),
    ]
    assert [(o, x) for o, _, x in hold_of(text, "Own")[3]] == [(5000, "hold bell"), (50_000, "Ten seconds left.")]
    assert hold_of(text, "None")[3] == []


HOLDS = """\
title: Holds test
bell: none
poses:
  - name: Sit
    setup: Sit tall.
    hold: 30s
    time_cues: [halfway, 5s left]
    bells: [3s, 17s]
    release: Open your eyes.
"""


@pytest.mark.slow
def test_time_cues_and_bells_sound_at_their_planned_moments(tmp_path, warm_cache, run_cli):
    seq = tmp_path / "holds.yaml"
    seq.write_text(HOLDS)
    result = build(seq, FAKE, output=tmp_path / "holds.mp3", cache_dir=warm_cache, companions=False)
    cues = [c for c in result.timeline.cues if c.kind is not CueKind.SILENCE and c.pose == "Sit"]
    planned = {c.text: c.start for c in cues}
    heard = onsets(decode(result.output))
    hold = [c for c in result.timeline.cues if c.role is CueRole.HOLD]
    inside = [ms for ms in heard if hold[0].start - 50 <= ms < hold[-1].end - 50]
    assert len(inside) == 4, inside  # two bells, two time cues, nothing else
    for text in ("hold bell", "Halfway.", "Five seconds left.", "Open your eyes."):
        assert min(abs(ms - planned[text]) for ms in heard) <= 100, (text, planned[text], heard)
    hold_start = hold[0].start  # after the last step's quiet
    assert abs(planned["Halfway."] - hold_start - 15_000) <= 27  # on the MP3 frame grid
    assert abs(planned["Open your eyes."] - hold_start - 30_000) <= 27  # the hold as long as written
    shown = json.loads(run_cli("plan", seq, "--json", "--engine", "fake").out)
    assert [c["start"] for c in shown["cues"] if c["kind"] == "hold-bell"] == [
        c.start / 1000 for c in result.timeline.cues if c.kind is CueKind.HOLD_BELL
    ]


# Each language's own words for time cues and bells, as a teacher of it writes them (its hold words too).
IN_WORDS = {
    "de": ("[Hälfte, 1 Minute übrig, noch 30 Sekunden]", "alle 2 Minuten"),
    "es": ("[a la mitad, 1 minuto restante, quedan 30 segundos]", "cada 2 minutos"),
    "fr": ("[à mi-chemin, 1 minute restante, encore 30 secondes]", "toutes les 2 minutes"),
    "it": ("[metà, 1 minuto rimanente, mancano 30 secondi]", "ogni 2 minuti"),
    "nl": ("[halverwege, 1 minuut over, nog 30 seconden]", "elke 2 minuten"),
    "pt": ("[metade, 1 minuto restante, faltam 30 segundos]", "a cada 2 minutos"),
    "pt-BR": ("[na metade, 1 minuto restante, faltam 30 segundos]", "a cada 2 minutos"),
}


@pytest.mark.parametrize("tag", IN_WORDS)
def test_time_cues_and_bells_in_the_practice_s_language_are_its_own_words(tag):
    """The same moments as halfway, 1m left, 30s left and every 2m, written in the practice's language
    (English keeps working in it); the same words in an English practice are refused."""
    cues, bells = IN_WORDS[tag]
    top = f"language: {tag}\ntime_cues: {{}}\nbells: {{}}\n"
    english = hold_of(sit("5m", top=top.format("[halfway, 1m left, 30s left]", "every 2m")))[3]
    own = hold_of(sit("5m", top=top.format(cues, bells)))[3]
    assert own == english
    kinds = [kind for _, kind, _ in own]
    assert kinds.count(CueKind.SPEECH) >= 3 and len(set(kinds)) == 2, own  # three time cues and the bells
    with pytest.raises(SequenceError, match="is not a time cue"):
        parse_sequence(sit("5m", top=f"time_cues: {cues}\n"), FILE)
    with pytest.raises(SequenceError, match="is not a bell time"):
        parse_sequence(sit("5m", top=f"bells: {bells}\n"), FILE)


def test_time_cues_bells_and_pauses_read_a_decimal_comma():
    """A German practice's "noch 1,5 Minuten", "alle 1,5 Minuten" and a pause of "2,5 Sekunden" are the
    times an English one writes with a point; YAML's split of ``[noch 1,5 Minuten]`` at the comma is named."""
    german = "language: de\npauses:\n  step: 2,5 Sekunden\ntime_cues:\n  - noch 1,5 Minuten\nbells: alle 1,5 Minuten\n"
    english = "pauses:\n  step: 2.5s\ntime_cues:\n  - 1.5m left\nbells: every 1.5m\n"
    moments = [[(at, kind) for at, kind, _ in hold_of(sit("5m", top=top))[3]] for top in (german, english)]
    assert moments[0] == moments[1] and len(moments[0]) == 4  # bells at 1:30, 3:00, 4:30; the cue at 3:30
    assert parse_sequence(sit("5m", top=german), FILE).pauses.step_ms == 2500
    for top, where in (("time_cues: [noch 1,5 Minuten]\n", "time_cues[2]"), ("bells: [1,5 Minuten]\n", "bells[2]")):
        with pytest.raises(SequenceError, match=rf"{re.escape(where)}: .*YAML splits \[.*1,5 Minuten\] at its comma"):
            parse_sequence(sit("5m", top="language: de\n" + top), FILE)
