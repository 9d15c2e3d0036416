"""The compiled timeline: cues with start times and durations, in whole milliseconds."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from voicekit.sequence.durations import format_ms


class _Named(str, Enum):
    """An enum whose members print as their values (as str enums do from Python 3.11's StrEnum)."""

    def __str__(self) -> str:
        return str(self.value)


class CueKind(_Named):
    """What a cue sounds like."""

    SPEECH = "speech"
    SILENCE = "silence"
    BELL = "bell"
    """The sound that ends the session."""
    CHIME = "chime"
    """Before a pose (chimes: true)."""
    HOLD_BELL = "hold-bell"
    """A soft bell inside a hold (bells:)."""

    @property
    def made(self) -> bool:
        """A sound made in code (bell, chime, hold bell): the cue's text names it."""
        return self in (CueKind.BELL, CueKind.CHIME, CueKind.HOLD_BELL)


class CueRole(_Named):
    """What a cue does in the practice."""

    LEAD_IN = "lead-in"
    INTRO = "intro"
    PROPS = "props"
    """The phrase that names the props."""
    GATHER = "gather"
    """The quiet to fetch them."""
    ROUND = "round"
    POSITION = "position"
    """The move to a pose whose position differs from the last one's."""
    TRANSITION = "transition"
    """Between the sides of a pose."""
    SETUP = "setup"
    MOVE = "move"
    """The quiet after a set-up step or a move, to make it."""
    CAUTION = "caution"
    HOLD = "hold"
    BREATH = "breath"
    TIME = "time"
    HOLD_BELL = "hold-bell"
    REMINDER = "reminder"
    MOVEMENT = "movement"
    """A flow's movement, at the start of its phase of the breath."""
    RELEASE = "release"
    PAUSE = "pause"
    OUTRO = "outro"
    BELL = "bell"
    CHIME = "chime"


class ChapterRole(_Named):
    """What a chapter is: the introduction, a pose (one side of it), a round of poses, or the closing."""

    INTRODUCTION = "introduction"
    POSE = "pose"
    ROUND = "round"
    CLOSING = "closing"


@dataclass(frozen=True)
class Cue:
    """One thing the listener hears (or a silence), placed on the timeline."""

    start: int
    """Milliseconds from the start of the session."""
    duration: int
    kind: CueKind
    text: str = ""
    """Words spoken (speech), the made sound played ("bell", "chime", "hold bell", ...), or why the
    silence is there (e.g. "hold")."""
    pose: str = ""
    """Chapter the cue belongs to: "Introduction", a pose name with its side, a round, or "Closing"."""
    role: CueRole = CueRole.PAUSE
    rate: int = 0
    """Words per minute a speech cue is spoken at (the sequence's or its pose's rate); 0 for the rest."""
    section: ChapterRole = ChapterRole.POSE
    """The kind of chapter the cue belongs to."""

    @property
    def end(self) -> int:
        return self.start + self.duration

    @property
    def sounds(self) -> bool:
        """Speech, or a made sound: something with a clip."""
        return self.kind is not CueKind.SILENCE

    def to_dict(self) -> dict:
        return {
            "start": self.start / 1000,
            "duration": self.duration / 1000,
            "kind": self.kind.value,
            "text": self.text,
            "pose": self.pose,
        }


@dataclass(frozen=True)
class Grid:
    """Cue boundaries fall on multiples of ``samples`` at ``rate``: the MP3 frame is 1152 at 44100."""

    samples: int
    rate: int

    @property
    def ms(self) -> float:
        return self.samples * 1000 / self.rate


@dataclass(frozen=True)
class Chapter:
    """A stretch of the session a player lists by its title: from ``start`` to ``end``, in milliseconds."""

    title: str
    start: int
    end: int
    role: ChapterRole = ChapterRole.POSE


@dataclass(frozen=True)
class Timeline:
    """Contiguous cues: each starts where the previous one ends."""

    title: str
    cues: tuple[Cue, ...]
    warnings: tuple[str, ...] = ()
    grid: Grid | None = None
    """The grid the cue times were laid out on (their milliseconds are rounded from it)."""

    def sample(self, ms: int, rate: int) -> int:
        """The sample where millisecond ``ms`` of the timeline starts: exactly on the grid when there is one."""
        if self.grid and self.grid.rate == rate:
            return round(ms / self.grid.ms) * self.grid.samples
        return ms * rate // 1000

    @property
    def total(self) -> int:
        return self.cues[-1].end if self.cues else 0

    @property
    def chapters(self) -> list[Chapter]:
        """One chapter per run of cues with the same ``pose``, in time order."""
        out: list[Chapter] = []
        for cue in self.cues:
            if out and out[-1].title == cue.pose:
                out[-1] = Chapter(cue.pose, out[-1].start, cue.end, out[-1].role)
            else:
                out.append(Chapter(cue.pose, cue.start, cue.end, cue.section))
        return out

    def to_json(self) -> list[dict]:
        return [c.to_dict() for c in self.cues]

    def table(self) -> str:
        """The plan as a person reads it: start, length, kind and text per cue."""
        rows = [f"{self.title}  ({format_ms(self.total)})", ""]
        chapter = None
        for cue in self.cues:
            if cue.pose != chapter:
                chapter = cue.pose
                rows.append(f"== {chapter}")
            what = cue.text if cue.kind is CueKind.SPEECH else f"({cue.text or cue.kind})"
            rows.append(f"{format_ms(cue.start):>9}  {format_ms(cue.duration):>7}  {cue.kind.value:<9}  {what}")
        rows += ["", f"total {format_ms(self.total)}, {len(self.chapters)} chapters"]
        rows += [f"warning: {w}" for w in self.warnings]
        return "\n".join(rows)
