"""The compiler's tape: cues placed one after another, counted in ticks (milliseconds, or grid points
with a grid), and the warnings kept."""

from __future__ import annotations

import math
from collections.abc import Callable

from voicekit.plan.timeline import ChapterRole, Cue, CueKind, CueRole, Grid

Measure = Callable[[str, int], float]  # (text, words per minute) -> milliseconds


class Tape:
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
        self.label = ""  # what a warning names: the pose (and side) being laid out
        self.turns: dict[str, int] = {}  # how often each phrase with variants has been said so far

    def enter(self, chapter: str, section: ChapterRole, rate: int, label: str | None = None) -> None:
        self.chapter, self.section, self.rate = chapter, section, rate
        self.label = label or chapter

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

    def turn(self, key: str) -> int:
        """How many times ``key`` was said before this one: which of its variants is said now."""
        n = self.turns.get(key, 0)
        self.turns[key] = n + 1
        return n

    def warn(self, message: str) -> None:
        if message not in self.warnings:  # a pose in rounds is laid out alike in each: said once
            self.warnings.append(message)
