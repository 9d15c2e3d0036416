"""A bed as heard in one session: its loop laid out (``bed_layout``), faded in at the start, faded out as
the closing bell rings, and ducked under every spoken cue, sample by sample.

Light until samples are asked for (numpy and the loop are loaded then): an MP3 rebuild needs only the
layout. The loop itself is made in code (``bed_loops``) or from the user's file (``bed_file``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from voicekit.plan.grid import FRAME, SAMPLE_RATE
from voicekit.plan.timeline import CueKind, Timeline
from voicekit.sequence.model import Bed
from voicekit.sound import bed_layout, bed_loops
from voicekit.sound.bed_layout import CROSS, DUCK_DB, DUCK_RAMP_S, FADE_IN_S, FADE_OUT_S, Switch

if TYPE_CHECKING:
    import numpy as np

ENVELOPE_STEP = 64  # samples: the envelope moves over tenths of a second, so it is computed this coarsely
Correlations = dict[tuple[int, int], float]


def crossfade(n: int, rho: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Gains over ``n`` samples for a sound fading out and another fading in, so that their sum keeps the
    power of either when the two correlate by ``rho`` (0: unrelated, as two stretches of noise; 1: the
    same sound): equal power, corrected for what the two share."""
    import numpy as np

    theta = (np.arange(n) + 0.5) / n * (np.pi / 2)
    norm = 1 / np.sqrt(1 + min(1.0, max(-0.5, rho)) * np.sin(2 * theta))
    return np.cos(theta) * norm, np.sin(theta) * norm


def correlation(a: np.ndarray, b: np.ndarray) -> float:
    """How alike two stretches are: 1 the same, 0 unrelated (sums, not BLAS: no threads to wake)."""
    import numpy as np

    energy = float(np.sqrt(np.sum(a * a) * np.sum(b * b)))
    return float(np.sum(a * b)) / energy if energy else 0.0


def play(
    base: np.ndarray, offset: int, switches: Sequence[Switch], start: int, n: int, seen: Correlations | None = None
) -> np.ndarray:
    """Samples [start, start + n) of the loop ``base`` laid out: frame g plays loop frame (g + offset) mod L,
    the offset changing at each switch (sorted by frame) with a crossfade over CROSS frames."""
    import numpy as np

    size, span = len(base), CROSS * FRAME
    starts = np.array([s.frame * FRAME for s in switches], dtype=np.int64)
    offsets = np.array([offset, *(s.after for s in switches)], dtype=np.int64) * FRAME
    t = np.arange(start, start + n, dtype=np.int64)
    out = base[(t + offsets[np.searchsorted(starts, t, side="right")]) % size]
    for j in range(int(np.searchsorted(starts, start - span, side="right")), len(switches)):
        at, switch = int(starts[j]), switches[j]
        if at >= start + n:
            break
        a, b = max(at, start), min(at + span, start + n)
        if a >= b:
            continue
        fade_out, fade_in = _gains(base, switch, {} if seen is None else seen)
        i = t[a - start : b - start]
        leaving, coming = base[(i + switch.before * FRAME) % size], base[(i + switch.after * FRAME) % size]
        out[a - start : b - start] = leaving * fade_out[a - at : b - at] + coming * fade_in[a - at : b - at]
    return out


def _gains(base: np.ndarray, switch: Switch, seen: Correlations) -> tuple[np.ndarray, np.ndarray]:
    """The crossfade of a switch, corrected for how alike the two stretches of the loop it joins are."""
    import numpy as np

    loop = len(base) // FRAME
    where = ((switch.frame + switch.before) % loop, (switch.frame + switch.after) % loop)
    if where not in seen:
        i = np.arange(CROSS * FRAME)
        seen[where] = correlation(base[(where[0] * FRAME + i) % len(base)], base[(where[1] * FRAME + i) % len(base)])
    return crossfade(CROSS * FRAME, seen[where])


class BedPlayer:
    """The bed as heard in one session: the laid-out loop, its fades and its ducking, sample by sample.

    ``base`` is the loop's samples; or ``frames`` (its length) and ``load`` (its samples, read when first
    needed). A made bed with neither is made here."""

    def __init__(
        self,
        bed: Bed,
        timeline: Timeline,
        rate: int = SAMPLE_RATE,
        base: np.ndarray | None = None,
        *,
        frames: int = 0,
        load: Callable[[], np.ndarray] | None = None,
        identity: str = "",
    ) -> None:
        if rate != SAMPLE_RATE:
            raise ValueError("a bed plays at 44.1 kHz")
        if base is None and load is None:
            load, frames = (lambda: bed_loops.loop(bed.kind, bed.level)), bed_loops.LOOP_FRAMES
        self.bed, self.timeline, self.rate = bed, timeline, rate
        self.identity = identity
        """What the loop holds (its store entry's checksum and size): the MP3 join's keys name it."""
        self._base, self._load = base, load
        self.layout = bed_layout.layout(timeline, len(base) // FRAME if base is not None else frames)
        # It fades out as the closing bell is struck, or over the last seconds of a session without one.
        self.fade_out = bed_layout.fade_out_start(timeline)
        self.speech = [
            (timeline.sample(c.start, SAMPLE_RATE), timeline.sample(c.end, SAMPLE_RATE))
            for c in timeline.cues
            if c.kind is CueKind.SPEECH
        ]
        self._seen: Correlations = {}

    @property
    def base(self) -> np.ndarray:
        """One cycle of the loop, as floats."""
        if self._base is None:
            assert self._load is not None
            self._base = self._load()
        return self._base

    def samples(self, start: int, n: int) -> np.ndarray:
        """The bed for samples [start, start + n) of the session, as floats."""
        import numpy as np

        where = np.arange(start, start + n)
        points = np.arange(start - start % ENVELOPE_STEP, start + n + ENVELOPE_STEP, ENVELOPE_STEP)
        gain = np.interp(where, points, self.envelope(points))
        return self.signal(start, n) * gain

    def signal(self, start: int, n: int) -> np.ndarray:
        """The laid-out loop for samples [start, start + n), before fades and ducking."""
        return play(self.base, self.layout.start, self.layout.switches, start, n, self._seen)

    def envelope(self, where: np.ndarray) -> np.ndarray:
        """The bed's gain at sample positions ``where``: fades, and ducking around every spoken cue."""
        import numpy as np

        t = np.asarray(where, dtype=np.float64)
        gain = np.clip(t / (FADE_IN_S * SAMPLE_RATE), 0.0, 1.0) * np.clip(
            1 - (t - self.fade_out) / (FADE_OUT_S * SAMPLE_RATE), 0, 1
        )
        duck = np.zeros(len(t))
        ramp = round(DUCK_RAMP_S * SAMPLE_RATE)
        if len(t):
            for a, b in self.speech:
                if b + ramp > t[0] and a - ramp < t[-1]:
                    inside = np.minimum(t - (a - ramp), (b + ramp) - t) / ramp
                    duck = np.maximum(duck, np.clip(inside, 0.0, 1.0))
        return gain * (1 - (1 - 10 ** (DUCK_DB / 20)) * duck)
