"""What happens inside a hold: breath cues on the breath, time-left cues and bells at their moments,
reminders in the quiet between. A hold is exactly as long as settled; what does not fit is left out,
with a warning, in that order of precedence (a reminder moves to the next quiet; nothing else moves).
"""

from __future__ import annotations

from dataclasses import dataclass

from voicekit.plan.options import Practice, PracticePose
from voicekit.plan.sounds import SOUND_MS
from voicekit.plan.tape import Tape
from voicekit.plan.timeline import CueKind, CueRole
from voicekit.sequence.durations import format_ms

GUIDED_BREATHS = 3  # guided cues voice the first breaths of a hold, then leave it quiet
CUE_GAP_MS = 1000  # at least this much quiet around a reminder inside a hold
HOLD_BELL = "hold bell"


@dataclass(frozen=True)
class Placed:
    """A cue at ``offset`` ticks into the hold, ``duration`` ticks long."""

    offset: int
    duration: int
    text: str
    role: CueRole
    kind: CueKind = CueKind.SPEECH

    @property
    def end(self) -> int:
        return self.offset + self.duration


def fill(b: Tape, practice: Practice, settled: PracticePose, reminders: list[str]) -> None:
    """Lay out the hold of ``settled`` (its length from the practice): silence, and the cues inside it."""
    length = b.ticks(settled.hold_ms)
    placed = breath_cues(b, practice, settled, length)
    for time_cue in settled.time_cues:
        _time_cue(b, placed, practice.phrases.time_cue(time_cue.left_ms), time_cue.left_ms, length)
    for offset_ms in settled.bells.offsets(settled.hold_ms) if settled.bells else ():
        _bell(b, placed, offset_ms, length)
    for j, text in enumerate(reminders):
        _reminder(b, placed, text, length * (j + 1) // (len(reminders) + 1), length)
    t = 0
    for cue in sorted(placed, key=lambda p: p.offset):
        b.add(cue.offset - t, CueKind.SILENCE, "hold", CueRole.HOLD)
        b.add(cue.duration, cue.kind, cue.text, cue.role)
        t = cue.end
    b.add(length - t, CueKind.SILENCE, "hold", CueRole.HOLD)


def breath_cues(b: Tape, practice: Practice, settled: PracticePose, length: int) -> list[Placed]:
    """Guided or counted breath cues, each at its breath, in order (one that would overlap the last is left out)."""
    cycle, inhale, breaths = practice.breath.cycle_ms, practice.breath.inhale_ms, settled.breaths
    said = practice.phrases
    anchored: list[tuple[int, str]] = []
    if breaths and settled.pose.breath_cues == "guided":
        for k in range(min(GUIDED_BREATHS, breaths)):
            anchored += [(k * cycle, said.text("breath.in")), (k * cycle + inhale, said.text("breath.out"))]
    elif breaths and settled.pose.breath_cues == "counted":
        anchored += [(k * cycle, said.count(k + 1)) for k in range(breaths)]
    placed: list[Placed] = []
    for offset_ms, text in anchored:
        cue = Placed(b.ticks(offset_ms), b.speech_ticks(text), text, CueRole.BREATH)
        if cue.offset >= (placed[-1].end if placed else 0) and cue.end <= length:
            placed.append(cue)
        else:
            b.warn(
                f"{b.label}: breath cue {text!r} at {offset_ms / 1000:g}s does not fit; left out (slow the --breath)"
            )
    return placed


def _time_cue(b: Tape, placed: list[Placed], text: str, left_ms: int | None, length: int) -> None:
    """ "Halfway." at the middle of the hold, "One minute left." a minute before its end."""
    offset = length // 2 if left_ms is None else length - b.ticks(left_ms)
    _at_moment(b, placed, Placed(offset, b.speech_ticks(text), text, CueRole.TIME), f"time cue {text!r}", length)


def _bell(b: Tape, placed: list[Placed], offset_ms: int, length: int) -> None:
    cue = Placed(b.ticks(offset_ms), b.ticks(SOUND_MS[HOLD_BELL]), HOLD_BELL, CueRole.HOLD_BELL, CueKind.HOLD_BELL)
    _at_moment(b, placed, cue, f"bell at {format_ms(offset_ms)}", length, "ring out")


def _at_moment(b: Tape, placed: list[Placed], cue: Placed, what: str, length: int, verb: str = "fit") -> None:
    """Place ``cue`` at its moment if the hold has room there, else leave it out with a warning."""
    hold = f"the {format_ms(b.ms(length))} hold"
    clash = next((p for p in placed if p.offset < cue.end and cue.offset < p.end), None)
    if cue.offset < 0 or cue.end > length:
        b.warn(f"{b.label}: {what} does not {verb} in {hold}; left out")
    elif clash:
        other = "a bell" if clash.kind is CueKind.HOLD_BELL else repr(clash.text)
        b.warn(f"{b.label}: {what} would overlap {other} in {hold}; left out")
    else:
        placed.append(cue)


def _reminder(b: Tape, placed: list[Placed], text: str, want: int, length: int) -> None:
    """A reminder at ``want``, or the next quiet that holds it with a gap either side."""
    duration, gap = b.speech_ticks(text), b.ticks(CUE_GAP_MS)
    start = max(want, gap)
    for cue in sorted(placed, key=lambda p: p.offset):
        if start + duration + gap <= cue.offset:
            break
        start = max(start, cue.end + gap)
    if start + duration + gap > length:
        b.warn(f"{b.label}: reminder {text!r} does not fit in a {b.ms(length) / 1000:g}s hold; left out")
        return
    placed.append(Placed(start, duration, text, CueRole.REMINDER))
