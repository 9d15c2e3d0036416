"""The breath a practice moves to: a pattern of phases (in, held, out, held), the words of its guided
cues, and flows, movements each on one phase of the breath."""

from __future__ import annotations

from dataclasses import dataclass

PHASES = ("inhale", "hold", "exhale", "hold_out")
"""The phases of one breath, in the order they come: the breath held after the inhale is ``hold``, after
the exhale ``hold_out``."""
BREATH_CUES = ("guided", "counted", "silent")


@dataclass(frozen=True)
class Breath:
    """One breath cycle: 4 s in and 6 s out (six breaths a minute) unless a pattern says otherwise."""

    inhale_ms: int = 4000
    exhale_ms: int = 6000
    hold_ms: int = 0
    """The breath held in, after the inhale; 0: none."""
    hold_out_ms: int = 0
    """The breath held out, after the exhale; 0: none."""
    name: str | None = None
    """The named pattern it is (``box``), scaled or not; None: written as a mapping."""

    @property
    def cycle_ms(self) -> int:
        return self.inhale_ms + self.hold_ms + self.exhale_ms + self.hold_out_ms

    def length(self, phase: str) -> int:
        """Milliseconds of one phase (0: the pattern has none)."""
        return getattr(self, f"{phase}_ms")

    def phases(self) -> tuple[tuple[str, int, int], ...]:
        """(phase, offset from the start of the cycle, length) of each phase the pattern has, in order."""
        out, t = [], 0
        for phase in PHASES:
            if self.length(phase):
                out.append((phase, t, self.length(phase)))
                t += self.length(phase)
        return tuple(out)

    def scaled(self, cycle_ms: int) -> Breath:
        """The same pattern in proportion, one cycle ``cycle_ms`` long (each phase ends where its share does)."""
        ends, t = [], 0
        for phase in PHASES:
            t += self.length(phase)
            ends.append(round(t * cycle_ms / self.cycle_ms))
        inhale, hold, exhale, hold_out = (end - start for start, end in zip([0, *ends[:-1]], ends, strict=True))
        return Breath(inhale, exhale, hold, hold_out, self.name)

    @property
    def label(self) -> str:
        """The pattern for a message: ``box (4-4-4-4)``, ``4-2-6-0`` (seconds in, held, out, held)."""
        seconds = "-".join(f"{self.length(p) / 1000:g}" for p in PHASES)
        return f"{self.name} ({seconds})" if self.name else seconds


PATTERNS = {
    "calm": Breath(4000, 6000, name="calm"),
    "box": Breath(4000, 4000, 4000, 4000, "box"),
    "4-7-8": Breath(4000, 8000, 7000, 0, "4-7-8"),
    "coherent": Breath(5500, 5500, name="coherent"),
    "extended-exhale": Breath(4000, 8000, name="extended-exhale"),
}
"""The named patterns a ``breath:`` may give; ``calm`` is the default."""


@dataclass(frozen=True)
class BreathCues:
    """What is said on the breaths of a hold counted in breaths: guided cues (the practice's phrases, or
    a pose's own words per phase), counts, or nothing."""

    mode: str = "guided"
    """guided, counted or silent."""
    inhale: str | None = None
    """The pose's own words at the start of each guided inhale; None: the practice's ("Breathe in.")."""
    exhale: str | None = None
    hold: str | None = None
    """At the start of either hold of the pattern; None: the practice's ("Hold.")."""
    every: bool = False
    """Guide every breath of the hold, not the first three."""

    def own(self, phase: str) -> str | None:
        """The pose's own words for ``phase`` (both holds share ``hold``)."""
        return self.inhale if phase == "inhale" else self.exhale if phase == "exhale" else self.hold


@dataclass(frozen=True)
class Movement:
    """One movement of a flow, on one phase of the breath."""

    phase: str
    say: str
    """Said in the first round."""
    short: str | None = None
    """Said in every later round; None: ``say`` again."""

    def text(self, round_number: int) -> str:
        return self.say if round_number == 1 or self.short is None else self.short


@dataclass(frozen=True)
class Flow:
    """Movements on the breath, played for a number of rounds (the pose's ``hold`` counts the rounds)."""

    movements: tuple[Movement, ...]
    round_cues: bool = False
    """Say "Round two of five." before each round after the first."""
