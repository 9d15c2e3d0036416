"""Waiting well: a build under way as the page shows it, from the moment Play is pressed.

A ``Building`` is told how far the build has come by the build's own progress reports (``Watch``, the
``Progress`` the pipeline is given: speech clips made, then MP3 frames written) and, before the first
report, by an estimate of the whole made from the plan: the speech not in the store yet, at the speed
this machine's engine was last measured at (a guess for the first build), and the encoding. What it
reports never goes back: the share done only grows, and the time left counts down between reports.
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass, field
from pathlib import Path

from voicekit.errors import VoicekitError
from voicekit.pipeline import BuildResult, plan_of
from voicekit.plan.compiler import spoken_texts
from voicekit.plan.estimate import estimator
from voicekit.plan.options import Practice
from voicekit.progress import Progress
from voicekit.speech.synthesis import cached_samples
from voicekit.store import Store

# Seconds of speech an engine makes in a second, until a build here measures it (Piper: about 10 on a
# quiet machine, half that on a busy one; espeak-ng: far faster, each clip a process of its own).
SPEECH_SPEED = {"piper": 5.0, "pyttsx3": 20.0, "fake": 500.0}
ENCODE_S_PER_MINUTE = 0.05
"""Seconds of writing the audio per minute of session (frames joined; more with a bed), until measured."""
_measured: dict[str, float] = {}
"""What builds here measured: each engine's speech speed, and ``encode`` in seconds per minute."""


@dataclass(eq=False)
class Building:
    """A build under way: its phase, how far it has come, and the time it is expected to take."""

    file_name: str
    phase: str = "waiting"
    """waiting (for another build to end), starting, speech, encoding, done or failed."""
    done: int = 0
    total: int = 0
    fraction: float = 0.0
    """The share of the whole build done, 0 to 1; it never goes back."""
    left_s: float | None = None
    """Seconds still to go, as far as can be told (None: not yet)."""
    error: Exception | None = None
    result: BuildResult | None = None
    created: float = field(default_factory=time.monotonic)
    started: float | None = None
    updated: float = field(default_factory=time.monotonic)
    task: asyncio.Task | None = field(default=None, repr=False)
    _expected: tuple[float, float] = (0.0, 0.0)
    """Seconds expected for speech and for writing the audio."""
    _phase_started: float = 0.0
    _engine: str = ""
    _speech_ms: int = 0

    def begin(self) -> None:
        """Its turn has come."""
        self.phase = "starting"
        self.started = self._phase_started = time.monotonic()
        self._touch()

    def expect(self, speech_ms: int, engine: str, session_ms: int) -> None:
        """What the build has to do: ``speech_ms`` of speech to make with ``engine``, a session of ``session_ms``."""
        self._engine, self._speech_ms = engine, speech_ms
        speed = _measured.get(engine, SPEECH_SPEED.get(engine, 5.0))
        per_minute = _measured.get("encode", ENCODE_S_PER_MINUTE)
        self._expected = (speech_ms / 1000 / speed, session_ms / 60_000 * per_minute)
        self._touch()

    def step(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if phase != self.phase:
            if self.phase == "speech" and self._speech_ms and now > self._phase_started:
                _measured[self._engine] = self._speech_ms / 1000 / (now - self._phase_started)
            self.phase, self._phase_started = phase, now
        self.done, self.total = done, total
        self._touch(now)

    def finish(self, result: BuildResult | None) -> None:
        """It is done: ``result`` is what it made (None: the version there was up to date)."""
        now = time.monotonic()
        if result is not None and self.phase == "encoding" and now > self._phase_started and result.timeline.total:
            _measured["encode"] = (now - self._phase_started) / (result.timeline.total / 60_000)
        self.result, self.phase, self.fraction, self.left_s = result, "done", 1.0, 0.0
        self._touch(now)

    def fail(self, error: BaseException) -> None:
        self.phase = "failed"
        self.error = error if isinstance(error, Exception) else VoicekitError("the server is stopping")
        self._touch()

    @property
    def finished(self) -> bool:
        return self.phase in ("done", "failed")

    def report(self) -> dict:
        """How far it has come, as the page's progress shows it (the time left counted on to now)."""
        self._touch()
        return {
            "file": self.file_name,
            "phase": self.phase,
            "done": self.done,
            "total": self.total,
            "fraction": round(self.fraction, 4),
            "left": None if self.left_s is None else round(self.left_s, 1),
            "elapsed": round(time.monotonic() - (self.started or self.created), 1),
        }

    def _touch(self, now: float | None = None) -> None:
        """The time left, from the rates of the reports so far (before them, the estimate counted down),
        and the share done, from the work done in each phase: speech and writing weighed by the time
        each is expected to take, so both move the bar; a little creep while it gets ready."""
        now = now or time.monotonic()
        self.updated = now
        if self.finished or self.started is None:
            return
        speech_s, encode_s = self._expected
        in_phase, elapsed = now - self._phase_started, now - self.started
        speech = 0.0 if not self._speech_ms else min(0.95, max(0.5, speech_s / (speech_s + encode_s)))
        if self.phase == "speech" and self.done:
            self.left_s = in_phase / self.done * (self.total - self.done) + encode_s
        elif self.phase == "encoding" and self.done:
            self.left_s = in_phase / self.done * (self.total - self.done)
        else:  # the estimate, counted down; past it, not known
            expected = (encode_s - in_phase) if self.phase == "encoding" else (speech_s + encode_s - elapsed)
            self.left_s = expected if expected > 0 and any(self._expected) else None
        if self.phase == "speech" and self.total:
            work = READY + (1 - READY) * speech * self.done / self.total
        elif self.phase == "encoding" and self.total:
            work = READY + (1 - READY) * (speech + (1 - speech) * self.done / self.total)
        else:
            work = READY * (1 - math.exp(-elapsed / 2))
        self.fraction = max(self.fraction, min(0.99, work))


READY = 0.03
"""The share of the bar getting ready takes (the voice loading, the plan made)."""


class Watch(Progress):
    """The ``Progress`` a build reports to: it tells the ``Building``."""

    def __init__(self, building: Building) -> None:
        super().__init__(enabled=False)
        self.building = building

    def step(self, label: str, done: int, total: int) -> None:
        self.building.step(label, done, total)

    def expect(self, practice: Practice, cache_dir: Path | None) -> None:
        """Estimate the build of ``practice`` before it starts: the speech not in the store yet."""
        self.building.step("starting", 0, 0)
        voice = practice.voice
        measure = estimator(practice.sequence.language, voice.engine)
        stored = cached_samples(Store(cache_dir), voice, practice.pronounce)
        missing = sum(measure(t, r) for t, r in spoken_texts(practice, measure) if stored(t, r) is None)
        self.building.expect(missing, voice.engine, plan_of(practice, cache_dir).total)
