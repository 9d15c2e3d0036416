"""Sequence + options -> Timeline. Pure: it knows texts and milliseconds, nothing about audio.

Speech lengths come from ``measure(text) -> ms``: real clip lengths for a build, estimates for a plan.
"""

from __future__ import annotations

from collections.abc import Callable

from .errors import OptionsError
from .model import Pose, Sequence
from .options import BuildOptions, apply
from .timeline import BELL, SILENCE, SPEECH, Cue, Timeline

Measure = Callable[[str], int]

LEAD_IN_MS = 1000  # silence before the first word, under the fade-in
BEFORE_BELL_MS = 2000
BELL_MS = 30_000  # the bell rings out fully inside this
GUIDED_BREATHS = 3  # guided cues voice the first breaths of a hold, then leave it quiet
CUE_GAP_MS = 1000  # at least this much quiet around a reminder inside a hold
MAX_SESSION_MS = 12 * 3600 * 1000
_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

INTRO, CLOSING = "Introduction", "Closing"


def compile_timeline(sequence: Sequence, options: BuildOptions, measure: Measure) -> Timeline:
    """Lay the whole practice out in time."""
    sequence = apply(sequence, options)
    b = _Builder(measure)
    b.chapter = INTRO
    b.silence(LEAD_IN_MS, "lead-in")
    if sequence.intro:
        b.speak(sequence.intro, "intro")
        b.silence(sequence.pauses.pose_ms, "pause")
    for pose in sequence.poses:
        for index, side in enumerate(pose.sides or (None,)):
            _pose_side(b, sequence, pose, side, index, options)
    b.chapter = CLOSING
    if sequence.outro:
        b.speak(sequence.outro, "outro")
    b.silence(BEFORE_BELL_MS, "pause")
    b.add(BELL_MS, BELL, "bell", "bell")
    if b.t > MAX_SESSION_MS:
        raise OptionsError(
            f"{sequence.file}: the session would last {b.t / 3_600_000:.1f} hours; the limit is 12. Shorten the holds"
        )
    return Timeline(sequence.title, tuple(b.cues), tuple(b.warnings))


def hold_ms(pose: Pose, sequence: Sequence, options: BuildOptions) -> tuple[int, int]:
    """(milliseconds, breaths) of a pose's hold under the options; breaths is 0 for timed holds."""
    value = pose.hold.pick(options.holds)
    if pose.hold.breaths:
        breaths = max(1, round(value * options.scale))
        return breaths * sequence.breath.cycle_ms, breaths
    return max(1000, round(value * options.scale)), 0


def chapter_title(pose: Pose, side: str | None) -> str:
    """The chapter a pose (one side of it) plays in: its name, with the side."""
    return f"{pose.name} ({side})" if side else pose.name


def fill_side(text: str, side: str | None) -> str:
    """``text`` with {side} and {other_side} filled in (unchanged for a one-sided pose)."""
    if side is None:
        return text
    other = next((s for s in ("right", "left") if s != side), side)
    return text.replace("{side}", side).replace("{other_side}", other)


def _pose_side(b: _Builder, seq: Sequence, pose: Pose, side: str | None, index: int, options: BuildOptions) -> None:
    b.chapter = chapter_title(pose, side)

    def fill(text: str) -> str:
        return fill_side(text, side)

    if index > 0:
        b.speak(fill(pose.transition), "transition")
        b.silence(seq.pauses.step_ms, "pause")
    for i, step in enumerate(pose.setup):
        b.speak(fill(step), "setup")
        if i < len(pose.setup) - 1:
            b.silence(seq.pauses.step_ms, "move")
    length, breaths = hold_ms(pose, seq, options)
    _hold(b, seq, pose, length, breaths, [fill(r) for r in pose.reminders])
    if pose.release:
        b.speak(fill(pose.release), "release")
    b.silence(seq.pauses.pose_ms, "pause")


def _hold(b: _Builder, seq: Sequence, pose: Pose, length: int, breaths: int, reminders: list[str]) -> None:
    """Fill exactly ``length`` ms: breath cues anchored to the breath, reminders in the quiet between."""
    placed: list[tuple[int, int, str, str]] = []  # (offset, duration, text, role)
    cycle, inhale = seq.breath.cycle_ms, seq.breath.inhale_ms
    anchored: list[tuple[int, str]] = []
    if breaths and pose.breath_cues == "guided":
        for k in range(min(GUIDED_BREATHS, breaths)):
            anchored += [(k * cycle, "Breathe in."), (k * cycle + inhale, "Breathe out.")]
    elif breaths and pose.breath_cues == "counted":
        anchored += [(k * cycle, _number(k + 1)) for k in range(breaths)]
    for offset, text in anchored:
        duration = b.measure(text)
        limit = placed[-1][0] + placed[-1][1] if placed else 0
        if offset >= limit and offset + duration <= length:
            placed.append((offset, duration, text, "breath"))
        else:
            b.warn(f"{b.chapter}: breath cue {text!r} at {offset / 1000:g}s does not fit; left out (slow the --breath)")
    for j, text in enumerate(reminders):
        duration = b.measure(text)
        want = length * (j + 1) // (len(reminders) + 1)
        start = _free_slot(placed, want, duration, length)
        if start is None:
            b.warn(f"{b.chapter}: reminder {text!r} does not fit in a {length / 1000:g}s hold; left out")
            continue
        placed.append((start, duration, text, "reminder"))
        placed.sort()
    t = 0
    for offset, duration, text, role in placed:
        b.silence(offset - t, "hold")
        b.speak(text, role, duration)
        t = offset + duration
    b.silence(length - t, "hold")


def _free_slot(placed: list[tuple[int, int, str, str]], want: int, duration: int, length: int) -> int | None:
    """Earliest start >= want leaving CUE_GAP_MS around the cue, ending before the hold does."""
    start = max(want, CUE_GAP_MS)
    for offset, dur, *_ in sorted(placed):
        if start + duration + CUE_GAP_MS <= offset:
            break
        start = max(start, offset + dur + CUE_GAP_MS)
    return start if start + duration + CUE_GAP_MS <= length else None


def _number(n: int) -> str:
    return _NUMBERS[n - 1].capitalize() + "." if n <= len(_NUMBERS) else f"{n}."


class _Builder:
    def __init__(self, measure: Measure) -> None:
        self.measure = measure
        self.t = 0
        self.cues: list[Cue] = []
        self.warnings: list[str] = []
        self.chapter = ""

    def add(self, duration: int, kind: str, text: str, role: str) -> None:
        if duration > 0:
            self.cues.append(Cue(self.t, duration, kind, text, self.chapter, role))
            self.t += duration

    def speak(self, text: str, role: str, duration: int | None = None) -> None:
        self.add(self.measure(text) if duration is None else duration, SPEECH, text, role)

    def silence(self, duration: int, why: str) -> None:
        self.add(duration, SILENCE, why, why)

    def warn(self, message: str) -> None:
        self.warnings.append(message)


def spoken_texts(sequence: Sequence, options: BuildOptions, estimate: Measure) -> list[str]:
    """Every text the compiler may speak under these options (what to synthesize before compiling)."""
    seen: dict[str, None] = {}

    def record(text: str) -> int:
        seen[text] = None
        return estimate(text)

    compile_timeline(sequence, options, record)
    return list(seen)
