"""The order poses play in: as written, a round's poses ``repeat`` times over, each round its chapter.

The practice keeps one settled pose per pose written (so ``--hold 3=...`` names the third pose written,
and every round holds it as long); this is where they are laid out in rounds.
"""

from __future__ import annotations

from dataclasses import dataclass

from voicekit.plan.options import Practice
from voicekit.sequence.model import Round


@dataclass(frozen=True)
class Play:
    """One pose as it plays: which (an index into ``practice.poses``), and in which round of how many."""

    index: int
    round: int = 0
    """1-based; 0: not in a round."""
    rounds: int = 0
    first: bool = False
    """The first pose of its round (the round's cue and chapter start with it)."""
    chapter: str = ""
    """The round's chapter title."""


def plays(practice: Practice) -> list[Play]:
    """Every pose in the order it plays."""
    starts = {r.first: r for r in practice.sequence.rounds}
    out: list[Play] = []
    i = 0
    while i < len(practice.poses):
        found = starts.get(i)
        if found is None:
            out.append(Play(i))
            i += 1
            continue
        name = found.name or names(practice, found)
        for k in range(1, found.repeat + 1):
            title = practice.phrases.text("chapter.round", n=k, m=found.repeat, pose=name)
            out += [Play(j, k, found.repeat, j == found.first, title) for j in found.poses]
        i = found.first + found.count
    return out


def names(practice: Practice, found: Round) -> str:
    """A round's poses by name: "Cat and cow", "Mountain, Forward fold, Plank"."""
    return ", ".join(practice.poses[j].pose.name for j in found.poses)
