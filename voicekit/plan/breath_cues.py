"""The breath cues of a hold counted in breaths: each phase of the breath guided at its start ("Breathe
in." "Hold." "Breathe out." "Hold."), in the practice's words or the pose's own, on the first three
breaths or on every one; or each breath counted as it begins. A cue must be said within its phase: one
longer than its phase is an error naming the pattern, for the breath is what the listener follows.

The practice's phrases have variants, said in turn breath by breath through the whole practice
("Breathe in." "Breathe out.", then "Inhale slowly." "Exhale slowly." ...): a fixed turn, so the
same practice always says the same words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from voicekit.errors import SequenceError
from voicekit.plan.options import Practice, PracticePose
from voicekit.plan.tape import Tape
from voicekit.plan.timeline import CueKind, CueRole
from voicekit.sequence.breath import Breath
from voicekit.sequence.texts import excerpt

GUIDED_BREATHS = 3  # guided cues voice the first breaths of a hold, then leave it quiet
FULL_BREATHS = 12  # guidance full: a hold of at most this many breaths is guided on every one
PHRASE = {"inhale": "breath.in", "hold": "breath.hold", "exhale": "breath.out", "hold_out": "breath.hold"}
"""The practice's phrase said at the start of each phase."""
TURN = "breath"  # the tape's counter of guided breaths, which picks each breath's variants


@dataclass(frozen=True)
class Placed:
    """A cue at ``offset`` ticks into a hold, ``duration`` ticks long."""

    offset: int
    duration: int
    text: str
    role: CueRole
    kind: CueKind = CueKind.SPEECH

    @property
    def end(self) -> int:
        return self.offset + self.duration


def guided_breaths(practice: Practice, settled: PracticePose) -> int:
    """How many breaths of the hold are guided: every one (``every: true``, or a short hold with guidance
    full), else the first three; none with guidance quiet or cues not guided."""
    n = settled.breaths
    if practice.guidance == "quiet" or settled.cues.mode != "guided":
        return 0
    if settled.cues.every or (practice.guidance == "full" and n <= FULL_BREATHS):
        return n
    return min(GUIDED_BREATHS, n)


def breath_cues(b: Tape, practice: Practice, settled: PracticePose, say: Callable[[str], str]) -> list[Placed]:
    """The hold's breath cues, each at the start of its phase (``say``: a text of the pose, as said on this
    side). SequenceError if one does not fit in its phase."""
    breath, cues, said = settled.breath, settled.cues, practice.phrases
    half = settled.pose.hold.phase
    phases = ((half, 0, breath.length(half)),) if half else breath.phases()
    placed: list[Placed] = []
    if cues.mode == "counted" and practice.guidance != "quiet":
        for k in range(settled.breaths):
            placed.append(_in_phase(b, practice, settled, k * breath.cycle_ms, phases[0], said.count(k + 1)))
        return placed
    for k in range(guided_breaths(practice, settled)):
        turn = b.turn(TURN)
        for phase in phases:
            own = cues.own(phase[0])
            variants = said.variants(PHRASE[phase[0]])
            text = say(own) if own else variants[turn % len(variants)]
            placed.append(_in_phase(b, practice, settled, k * breath.cycle_ms, phase, text))
    return placed


def _in_phase(
    b: Tape, practice: Practice, settled: PracticePose, cycle_ms: int, phase: tuple[str, int, int], text: str
) -> Placed:
    """``text`` at the start of ``phase`` of the breath that starts ``cycle_ms`` into the hold."""
    name, offset_ms, length_ms = phase
    start, end = b.ticks(cycle_ms + offset_ms), b.ticks(cycle_ms + offset_ms + length_ms)
    cue = Placed(start, b.speech_ticks(text), text, CueRole.BREATH)
    if cue.end > end:
        raise SequenceError(
            f"{b.label}: {excerpt(text)} takes {b.ms(cue.duration) / 1000:.1f}s to say, longer than the {name} "
            f"({length_ms / 1000:g}s) of the breath {pattern(settled.breath)}; slow the breath (breath:, --breath) "
            "or say less",
            practice.sequence.file,
            settled.pose.line,
        )
    return cue


def pattern(breath: Breath) -> str:
    """A breath as a message names it: ``box (4-4-4-4)``, ``4-2-6-0`` (seconds in, held, out, held)."""
    return breath.label
