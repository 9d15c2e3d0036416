"""Practice -> Timeline. Pure: it knows texts and milliseconds, nothing about audio.

Speech lengths come from ``measure(text, rate) -> ms``: real clip lengths for a build, estimates for a plan.
With a ``grid``, every cue starts and ends on a grid point (a build uses the MP3 frame, so that
cues line up with whole frames); without one, on whole milliseconds.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from voicekit.errors import OptionsError
from voicekit.language.phrases import ENGLISH, Phrases
from voicekit.plan.options import Practice, PracticePose, other_languages
from voicekit.plan.timeline import ChapterRole, Cue, CueKind, CueRole, Grid, Timeline
from voicekit.sequence.durations import LIMIT_MS
from voicekit.sequence.model import Pose

Measure = Callable[[str, int], float]  # (text, words per minute) -> milliseconds

LEAD_IN_MS = 1000  # silence before the first word, under the fade-in
BEFORE_BELL_MS = 2000
BELL_MS = 30_000  # the bell rings out fully inside this
CHIME_MS = 6000  # a chime before each pose after the first (with chimes: true): it rings out inside this
GUIDED_BREATHS = 3  # guided cues voice the first breaths of a hold, then leave it quiet
CUE_GAP_MS = 1000  # at least this much quiet around a reminder inside a hold


def compile_timeline(practice: Practice, measure: Measure, grid: Grid | None = None) -> Timeline:
    """Lay the whole practice out in time."""
    sequence, said = practice.sequence, practice.phrases
    b = _Builder(measure, grid)
    b.warnings += other_languages(practice)
    first = practice.poses[0].pose
    # Without an intro the lead-in belongs to the first pose: no chapter of silence alone.
    if sequence.intro:
        b.enter(said.text("chapter.intro"), ChapterRole.INTRODUCTION, practice.voice.rate)
    else:
        chapter = chapter_title(first, first.sides[0] if first.sides else None, said)
        b.enter(chapter, ChapterRole.POSE, practice.voice.rate)
    b.silence(LEAD_IN_MS, CueRole.LEAD_IN)
    if sequence.intro:
        b.speak(sequence.intro, CueRole.INTRO)
        b.silence(sequence.pauses.pose_ms, CueRole.PAUSE)
    for number, settled in enumerate(practice.poses):
        pose = settled.pose
        for index, side in enumerate(pose.sides or (None,)):
            if sequence.chimes and number and not index:
                b.enter(chapter_title(pose, side, said), ChapterRole.POSE, b.rate)
                b.add(b.ticks(CHIME_MS), CueKind.CHIME, "chime", CueRole.CHIME)
            _pose_side(b, practice, settled, side, index)
    b.enter(said.text("chapter.closing"), ChapterRole.CLOSING, practice.voice.rate)
    if sequence.outro:
        b.speak(sequence.outro, CueRole.OUTRO)
    if sequence.bell != "none":
        b.silence(BEFORE_BELL_MS, CueRole.PAUSE)
        b.add(b.ticks(BELL_MS), CueKind.BELL, "bell", CueRole.BELL)
    if b.ms(b.t) > LIMIT_MS:
        hours = b.ms(b.t) / 3_600_000
        raise OptionsError(
            f"{sequence.file}: the session would last {hours:.1f} hours; the limit is 12. Shorten the holds"
        )
    return Timeline(sequence.title, tuple(b.cues), tuple(b.warnings), grid)


SAMPLE_LEAD_MS, SAMPLE_TAIL_MS = 300, 700


def compile_sample(text: str, rate: int, measure: Measure, grid: Grid | None = None) -> Timeline:
    """A short sample of one text (``voicekit say``): a breath of quiet, the words, a moment after."""
    b = _Builder(measure, grid)
    b.enter(text[:60], ChapterRole.POSE, rate)
    b.silence(SAMPLE_LEAD_MS, CueRole.LEAD_IN)
    b.speak(text, CueRole.SETUP)
    b.silence(SAMPLE_TAIL_MS, CueRole.PAUSE)
    return Timeline(text[:60], tuple(b.cues), (), grid)


def chapter_title(pose: Pose, side: str | None, said: Phrases = ENGLISH) -> str:
    """The chapter a pose (one side of it) plays in: its name, with the side in the practice's words."""
    return said.chapter(pose.name, side)


def fill_side(text: str, side: str | None, said: Phrases = ENGLISH) -> str:
    """``text`` with {side} and {other_side} (and their forms) filled in (unchanged for a one-sided pose)."""
    return said.fill_side(text, side)


def _pose_side(b: _Builder, practice: Practice, settled: PracticePose, side: str | None, index: int) -> None:
    pose, pauses, said = settled.pose, practice.sequence.pauses, practice.phrases
    b.enter(chapter_title(pose, side, said), ChapterRole.POSE, settled.rate)

    def fill(text: str) -> str:
        return fill_side(text, side, said)

    if index > 0:
        b.speak(fill(pose.transition or said.text("transition")), CueRole.TRANSITION)
        b.silence(pauses.step_ms, CueRole.PAUSE)
    for i, step in enumerate(pose.setup):
        b.speak(fill(step), CueRole.SETUP)
        if i < len(pose.setup) - 1:
            b.silence(pauses.step_ms, CueRole.MOVE)
    _hold(b, practice, settled, b.ticks(settled.hold_ms), [fill(r) for r in pose.reminders])
    if pose.release:
        b.speak(fill(pose.release), CueRole.RELEASE)
    b.silence(pauses.pose_ms, CueRole.PAUSE)


def _hold(b: _Builder, practice: Practice, settled: PracticePose, length: int, reminders: list[str]) -> None:
    """Fill exactly ``length`` ticks: breath cues anchored to the breath, reminders in the quiet between."""
    placed: list[tuple[int, int, str, CueRole]] = []  # (offset, duration, text, role), in ticks
    cycle, inhale, breaths = practice.breath.cycle_ms, practice.breath.inhale_ms, settled.breaths
    said = practice.phrases
    anchored: list[tuple[int, str]] = []
    if breaths and settled.pose.breath_cues == "guided":
        for k in range(min(GUIDED_BREATHS, breaths)):
            anchored += [(k * cycle, said.text("breath.in")), (k * cycle + inhale, said.text("breath.out"))]
    elif breaths and settled.pose.breath_cues == "counted":
        anchored += [(k * cycle, said.count(k + 1)) for k in range(breaths)]
    for offset_ms, text in anchored:
        offset, duration = b.ticks(offset_ms), b.speech_ticks(text)
        limit = placed[-1][0] + placed[-1][1] if placed else 0
        if offset >= limit and offset + duration <= length:
            placed.append((offset, duration, text, CueRole.BREATH))
        else:
            where = f"{b.chapter}: breath cue {text!r} at {offset_ms / 1000:g}s"
            b.warn(f"{where} does not fit; left out (slow the --breath)")
    gap = b.ticks(CUE_GAP_MS)
    for j, text in enumerate(reminders):
        duration = b.speech_ticks(text)
        want = length * (j + 1) // (len(reminders) + 1)
        start = _free_slot(placed, want, duration, length, gap)
        if start is None:
            b.warn(f"{b.chapter}: reminder {text!r} does not fit in a {b.ms(length) / 1000:g}s hold; left out")
            continue
        placed.append((start, duration, text, CueRole.REMINDER))
        placed.sort()
    t = 0
    for offset, duration, text, role in placed:
        b.add(offset - t, CueKind.SILENCE, "hold", CueRole.HOLD)
        b.add(duration, CueKind.SPEECH, text, role)
        t = offset + duration
    b.add(length - t, CueKind.SILENCE, "hold", CueRole.HOLD)


def _free_slot(placed: list, want: int, duration: int, length: int, gap: int) -> int | None:
    """Earliest start >= want leaving ``gap`` around the cue, ending before the hold does."""
    start = max(want, gap)
    for offset, dur, *_ in sorted(placed):
        if start + duration + gap <= offset:
            break
        start = max(start, offset + dur + gap)
    return start if start + duration + gap <= length else None


class _Builder:
    """Places cues one after another, counting in ticks: milliseconds, or grid points with a grid."""

    def __init__(self, measure: Measure, grid: Grid | None) -> None:
        self.measure = measure
        self.tick_ms = grid.ms if grid else 1.0
        self.t = 0
        self.cues: list[Cue] = []
        self.warnings: list[str] = []
        self.chapter = ""
        self.section = ChapterRole.POSE
        self.rate = 0  # words per minute of what is spoken now

    def enter(self, chapter: str, section: ChapterRole, rate: int) -> None:
        self.chapter, self.section, self.rate = chapter, section, rate

    def ticks(self, ms: float) -> int:
        """The nearest whole number of ticks (for silences and holds)."""
        return round(ms / self.tick_ms)

    def speech_ticks(self, text: str) -> int:
        """Enough ticks to hold the spoken text whole."""
        return math.ceil(self.measure(text, self.rate) / self.tick_ms - 1e-6)

    def ms(self, ticks: int) -> int:
        return round(ticks * self.tick_ms)

    def add(self, ticks: int, kind: CueKind, text: str, role: CueRole) -> None:
        if ticks > 0:
            start, end = self.ms(self.t), self.ms(self.t + ticks)
            rate = self.rate if kind is CueKind.SPEECH else 0
            self.cues.append(Cue(start, end - start, kind, text, self.chapter, role, rate, self.section))
            self.t += ticks

    def speak(self, text: str, role: CueRole) -> None:
        self.add(self.speech_ticks(text), CueKind.SPEECH, text, role)

    def silence(self, ms: int, role: CueRole) -> None:
        self.add(self.ticks(ms), CueKind.SILENCE, role.value, role)

    def warn(self, message: str) -> None:
        self.warnings.append(message)


def spoken_texts(practice: Practice, estimate: Measure) -> list[tuple[str, int]]:
    """Every (text, rate) the compiler may speak (what to synthesize before compiling)."""
    seen: dict[tuple[str, int], None] = {}

    def record(text: str, rate: int) -> float:
        seen[text, rate] = None
        return estimate(text, rate)

    compile_timeline(practice, record)
    return list(seen)
