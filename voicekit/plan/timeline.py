"""The compiled timeline: cues with start times and durations, in whole milliseconds."""

from __future__ import annotations

from dataclasses import dataclass

from voicekit.sequence.durations import format_ms

SPEECH, SILENCE, BELL, CHIME = "speech", "silence", "bell", "chime"
SOUNDS = (BELL, CHIME)  # cues that play a made sound (not speech): each kind has one clip
SAMPLE_RATE = 44100  # of every clip and every output file


@dataclass(frozen=True)
class Cue:
    """One thing the listener hears (or a silence), placed on the timeline."""

    start: int
    """Milliseconds from the start of the session."""
    duration: int
    kind: str
    """speech, silence, bell or chime."""
    text: str = ""
    """Words spoken (speech) or why the silence is there (e.g. "hold")."""
    pose: str = ""
    """Chapter the cue belongs to: "Introduction", a pose name with its side, or "Closing"."""
    role: str = ""
    """What the cue does: intro, transition, setup, move, hold, breath, reminder, release, pause, outro, bell."""
    rate: int = 0
    """Words per minute a speech cue is spoken at (the sequence's or its pose's rate); 0 for the rest."""

    @property
    def end(self) -> int:
        return self.start + self.duration

    def to_dict(self) -> dict:
        return {
            "start": self.start / 1000,
            "duration": self.duration / 1000,
            "kind": self.kind,
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
    title: str
    start: int
    end: int


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
                out[-1] = Chapter(cue.pose, out[-1].start, cue.end)
            else:
                out.append(Chapter(cue.pose, cue.start, cue.end))
        return out

    def speech_texts(self) -> list[str]:
        return list(dict.fromkeys(c.text for c in self.cues if c.kind == SPEECH))

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
            what = cue.text if cue.kind == SPEECH else f"({cue.text or cue.kind})"
            rows.append(f"{format_ms(cue.start):>9}  {format_ms(cue.duration):>7}  {cue.kind:<7}  {what}")
        rows += ["", f"total {format_ms(self.total)}, {len(self.chapters)} chapters"]
        rows += [f"warning: {w}" for w in self.warnings]
        return "\n".join(rows)
