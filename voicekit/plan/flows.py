"""A flow laid out: its movements on the breath, round after round, each said as its phase begins.

The first round says each movement's ``say``, later rounds its ``short``. A phase lasts its breath, or
the movement's words and half a second more where they are longer: the breath follows the words, never
the other way round. Phases of the breath that carry no movement (the holds of a box breath under a
flow of in and out) pass in quiet, so every round is the same whole breaths. With ``round_cues`` (or
guidance full) "Round two of five." comes before each round after the first; with guidance quiet the
first round teaches the movements and the later ones move in quiet.
"""

from __future__ import annotations

from collections.abc import Callable

from voicekit.errors import SequenceError
from voicekit.plan.options import Practice, PracticePose
from voicekit.plan.tape import Tape
from voicekit.plan.timeline import CueKind, CueRole
from voicekit.sequence.breath import Breath, Flow, Movement

AFTER_WORDS_MS = 500  # a phase whose words outlast the breath ends this long after them


def fill(b: Tape, practice: Practice, settled: PracticePose, say: Callable[[str], str]) -> None:
    """Lay out ``settled``'s flow, its rounds from the practice (``say``: a text as said on this side)."""
    flow, breath, rounds = settled.pose.flow, settled.breath, settled.breaths
    assert flow is not None
    phases = round_phases(flow, breath, lambda message: _fail(practice, settled, b.label, message))
    quiet = practice.guidance == "quiet"
    origin, clock = b.t, 0.0  # the flow's own clock, in ms: phases end on it, rounded to ticks without drift

    def now() -> float:
        return (b.t - origin) * b.tick_ms

    for k in range(1, rounds + 1):
        if k > 1 and not quiet and (flow.round_cues or practice.guidance == "full"):
            b.speak(practice.phrases.round(k, rounds), CueRole.ROUND)
            clock = now()
        for phase, movement in phases:
            end = clock + breath.length(phase)
            if movement is not None and not (quiet and k > 1):
                text = say(movement.text(k))
                b.add(b.speech_ticks(text), CueKind.SPEECH, text, CueRole.MOVEMENT)
                end = max(end, now() + AFTER_WORDS_MS)
            b.add(b.ticks(end) - (b.t - origin), CueKind.SILENCE, "hold", CueRole.HOLD)
            clock = end


def round_phases(flow: Flow, breath: Breath, fail: Callable[[str], Exception]) -> list[tuple[str, Movement | None]]:
    """The phases of one round in order, each with its movement or None (a phase passed in quiet): from
    the phase of the first movement to the phase before it comes round again."""
    order = [phase for phase, _, _ in breath.phases()]
    for movement in flow.movements:
        if movement.phase not in order:
            raise fail(
                f"a movement on the {movement.phase}, but the breath {breath.label} has no {movement.phase}; "
                "give the flow a breath with one (breath: box), or put the movement on another phase"
            )
    first = order.index(flow.movements[0].phase)
    out: list[tuple[str, Movement | None]] = [(order[first], flow.movements[0])]
    at = first
    for movement in flow.movements[1:]:
        at = (at + 1) % len(order)
        while order[at] != movement.phase:
            out.append((order[at], None))
            at = (at + 1) % len(order)
        out.append((movement.phase, movement))
    at = (at + 1) % len(order)
    while at != first:
        out.append((order[at], None))
        at = (at + 1) % len(order)
    return out


def _fail(practice: Practice, settled: PracticePose, label: str, message: str) -> SequenceError:
    return SequenceError(f"{label}: {message}", practice.sequence.file, settled.pose.line)
