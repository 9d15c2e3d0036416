"""What happens inside a hold: breath cues on the breath (``breath_cues``), time-left cues and bells at
their moments, reminders in the quiet between. A hold is exactly as long as settled; what does not fit
is left out, with a warning, in that order of precedence (a reminder moves to the next quiet; nothing
else moves). Where every breath is guided, a reminder takes the breaths it is said over instead; with
guidance quiet, a hold is silent but for its bells.
"""

from __future__ import annotations

from collections.abc import Callable

from voicekit.plan.breath_cues import Placed, breath_cues, guided_breaths
from voicekit.plan.options import Practice, PracticePose
from voicekit.plan.sounds import SOUND_MS
from voicekit.plan.tape import Tape
from voicekit.plan.timeline import CueKind, CueRole
from voicekit.sequence.durations import format_ms

CUE_GAP_MS = 1000  # at least this much quiet around a reminder inside a hold
HOLD_BELL = "hold bell"


def fill(b: Tape, practice: Practice, settled: PracticePose, say: Callable[[str], str]) -> None:
    """Lay out the hold of ``settled`` (its length from the practice): silence, and the cues inside it
    (``say``: a text of the pose as said on this side). With guidance quiet, only its bells sound."""
    length = b.ticks(settled.hold_ms)
    quiet = practice.guidance == "quiet"
    placed = breath_cues(b, practice, settled, say)
    reminders = [] if quiet else [say(r) for r in settled.pose.reminders]
    # Every breath guided on purpose (every: true, or guidance full): a reminder takes breaths, if it must.
    every = guided_breaths(practice, settled) == settled.breaths > 0
    every = every and (settled.cues.every or practice.guidance == "full")
    for time_cue in () if quiet else settled.time_cues:
        _time_cue(b, placed, practice.phrases.time_cue(time_cue.left_ms), time_cue.left_ms, length)
    for offset_ms in settled.bells.offsets(settled.hold_ms) if settled.bells else ():
        _bell(b, placed, offset_ms, length)
    for j, text in enumerate(reminders):
        want = length * (j + 1) // (len(reminders) + 1)
        if not _reminder(b, placed, text, want, length, warn=not every) and every:
            _on_breaths(b, placed, text, want, settled.breath.cycle_ms, length)
    t = 0
    for cue in sorted(placed, key=lambda p: p.offset):
        b.add(cue.offset - t, CueKind.SILENCE, "hold", CueRole.HOLD)
        b.add(cue.duration, cue.kind, cue.text, cue.role)
        t = cue.end
    b.add(length - t, CueKind.SILENCE, "hold", CueRole.HOLD)


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


def _reminder(b: Tape, placed: list[Placed], text: str, want: int, length: int, warn: bool = True) -> bool:
    """A reminder at ``want``, or the next quiet that holds it with a gap either side; False (with a
    warning, if ``warn``) if none does."""
    duration, gap = b.speech_ticks(text), b.ticks(CUE_GAP_MS)
    start = max(want, gap)
    for cue in sorted(placed, key=lambda p: p.offset):
        if start + duration + gap <= cue.offset:
            break
        start = max(start, cue.end + gap)
    if start + duration + gap > length:
        if warn:
            b.warn(f"{b.label}: reminder {text!r} does not fit in a {b.ms(length) / 1000:g}s hold; left out")
        return False
    placed.append(Placed(start, duration, text, CueRole.REMINDER))
    return True


def _on_breaths(b: Tape, placed: list[Placed], text: str, want: int, cycle_ms: int, length: int) -> None:
    """Where every breath is guided and no quiet holds a reminder, it takes the breaths it is said over
    (from the start of the first breath at or after ``want`` where nothing but breath cues is in its
    way), their breath cues left out."""
    duration, gap = b.speech_ticks(text), b.ticks(CUE_GAP_MS)
    k = -(-b.ms(want) // cycle_ms)  # the first breath at or after its place
    while (start := b.ticks(k * cycle_ms)) + duration <= length:
        end = start + duration + gap
        crossed = [p for p in placed if p.offset < end and start < p.end]
        if all(p.role is CueRole.BREATH for p in crossed):
            placed[:] = [p for p in placed if p not in crossed]
            placed.append(Placed(start, duration, text, CueRole.REMINDER))
            return
        k += 1
    b.warn(f"{b.label}: reminder {text!r} does not fit in a {b.ms(length) / 1000:g}s hold; left out")
