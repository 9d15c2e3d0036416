"""The bed's layout: pieces around everything that sounds over the bed, the bed alone between them made of
whole loops and bank bridges, and pieces that hold the same things alike wherever the holds put them."""

from __future__ import annotations

import itertools

import pytest
from helpers import FAKE, SHIPPED

from voicekit.pipeline import plan
from voicekit.plan.grid import FRAME, SAMPLE_RATE
from voicekit.plan.options import BuildOptions
from voicekit.plan.timeline import Cue, CueKind, CueRole, Timeline
from voicekit.sound.bed_layout import (
    CROSS,
    DUCK_RAMP_S,
    EDGE,
    SHORTEST,
    Bridge,
    Piece,
    Run,
    bank,
    closing_bell,
    fade_out_start,
    fill,
    layout,
)

LOOP = 766


@pytest.mark.parametrize("loop", [LOOP, 401, 4594])
def test_any_stretch_of_bed_alone_is_whole_loops_and_at_most_two_bank_bridges(loop):
    lengths = set(bank(loop))
    assert len(lengths) < 3 * loop**0.5 + 40  # a small bank: about two square roots of the loop
    for frames in range(SHORTEST, 3 * loop + SHORTEST):
        found = fill(100, frames, loop)
        parts = [p for p in found if isinstance(p, Bridge | Run)]
        assert parts == found  # bed alone: whole loops and bridges only
        assert sum(p.frames for p in parts) == frames
        assert [p.first for p in parts] == [100 + sum(q.frames for q in parts[:i]) for i in range(len(parts))]
        bridges = [p.frames for p in parts if isinstance(p, Bridge)]
        assert len(bridges) <= 2 and set(bridges) <= lengths
        assert all(p.frames % loop == 0 for p in parts if isinstance(p, Run))


def test_too_short_a_stretch_cannot_be_filled():
    with pytest.raises(ValueError):
        fill(0, SHORTEST - 1, LOOP)


@pytest.fixture(scope="module")
def timelines():
    return {h: plan(SHIPPED, BuildOptions(**{**FAKE.__dict__, "holds": h})) for h in ("short", "medium", "long")}


def test_the_parts_cover_the_file_and_pieces_hold_what_sounds(timelines):
    t = timelines["medium"]
    lay = layout(t, LOOP)
    assert lay.total == t.sample(t.total, SAMPLE_RATE) // FRAME + 1
    at = 0
    for part in lay.parts:
        assert part.first == at
        at = part.end if isinstance(part, Piece) else part.first + part.frames
        if isinstance(part, Piece):
            assert part.end - part.first >= 2 * CROSS + 2 * EDGE  # room for both crossfades
    assert at == lay.total
    pieces = [p for p in lay.parts if isinstance(p, Piece)]
    ramp = round(DUCK_RAMP_S * SAMPLE_RATE)
    for i, cue in enumerate(t.cues):  # every sounding cue, with the duck's ramps, inside its piece
        if cue.sounds:
            (piece,) = [p for p in pieces if i in p.cues]
            assert piece.first * FRAME <= t.sample(cue.start, SAMPLE_RATE) - ramp * (cue.kind is CueKind.SPEECH)
            assert t.sample(cue.end, SAMPLE_RATE) <= piece.end * FRAME
    for a, b in itertools.pairwise(lay.parts):
        assert not (isinstance(a, Piece) and isinstance(b, Piece))  # pieces closer than a bridge are one
    frames = [s.frame for s in lay.switches]
    assert all(b - a >= CROSS for a, b in itertools.pairwise(frames))  # crossfades never overlap


def test_a_rebuild_with_other_holds_needs_no_piece_it_has_not_seen(timelines):
    """The shipped practice with other holds: every piece holds what a piece of the first build held, so
    its stored frames serve (the bench's warm rebuild with a bed runs no encoder), but for a reminder the
    longer hold moved away from the breath cues it was heard with: a piece of its own, encoded once."""
    medium = [p for p in layout(timelines["medium"], LOOP).parts if isinstance(p, Piece)]
    seen = {p.signature for p in medium}
    longer = layout(timelines["long"], LOOP)
    assert longer.total > layout(timelines["medium"], LOOP).total
    new = [p for p in longer.parts if isinstance(p, Piece) and p.signature not in seen]
    heard = {timelines["medium"].cues[i].text for p in medium for i in p.cues}
    for piece in new:
        (alone,) = (timelines["long"].cues[i] for i in piece.cues)
        assert alone.role is CueRole.REMINDER and alone.text in heard
    phases = {p.signature: p.phase for p in layout(timelines["short"], LOOP).parts if isinstance(p, Piece)}
    for p in longer.parts:  # the same piece plays the bed from the same place in its loop
        if isinstance(p, Piece) and p.signature in phases:
            assert p.phase == phases[p.signature]


def test_only_the_closing_bell_fades_the_bed_out_a_bell_inside_a_hold_is_a_piece_of_its_own():
    cues = (
        Cue(0, 3000, CueKind.SPEECH, "Welcome.", rate=140),
        Cue(3000, 27_000, CueKind.SILENCE, "hold"),
        Cue(30_000, 5000, CueKind.BELL, "bell"),  # halfway through the hold
        Cue(35_000, 25_000, CueKind.SILENCE, "hold"),
        Cue(60_000, 3000, CueKind.SPEECH, "Thank you.", rate=140),
        Cue(63_000, 8000, CueKind.BELL, "bell"),
    )
    t = Timeline("t", cues)
    assert closing_bell(t) == 5 and fade_out_start(t) == 63 * SAMPLE_RATE
    assert closing_bell(Timeline("t", cues[:5])) is None  # words after the last bell: no closing bell
    pieces = [p for p in layout(t, LOOP).parts if isinstance(p, Piece)]
    (middle,) = [p for p in pieces if 2 in p.cues]
    assert middle.cues == (2,) and middle.end * FRAME < 36 * SAMPLE_RATE
    assert pieces[-1].cues == (4, 5)
