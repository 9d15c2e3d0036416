"""The move from one pose to the next: where the position changes, what is said before the pose and how
long the quiet after it is, the time the body takes to get there.

The times (milliseconds of quiet after the words): standing to a chair or back 5 s; between sitting,
kneeling and hands and knees on the floor 6 s; a roll from lying on one side, the back or the front to
another 8 s; from sitting, kneeling or hands and knees down to lying, or back up, 10 s; from standing or a
chair down to the floor, or up from it, 12 s, and 15 s when the floor is lying down.
"""

from __future__ import annotations

from dataclasses import dataclass

from voicekit.language.phrases import Phrases
from voicekit.sequence.model import Pose

HEIGHT = {
    "standing": 3, "chair": 2, "seated": 1, "kneeling": 1, "all-fours": 1, "supine": 0, "prone": 0, "side-lying": 0,
}  # fmt: skip
"""How far from lying each position is: a move crosses the heights between."""
UNKNOWN_MS = 10_000
"""After a pose's own words into it (``transition_in: TEXT``) where a position is not known."""


def move_ms(start: str, end: str) -> int:
    """How long the move from ``start`` to ``end`` (two positions) takes (see the module docstring)."""
    low, high = sorted((HEIGHT[start], HEIGHT[end]))
    if low == high:
        return 8_000 if low == 0 else 6_000 if low == 1 else 0
    if low >= 2:
        return 5_000
    if high == 1:
        return 10_000
    return 12_000 if low == 1 else 15_000


@dataclass(frozen=True)
class Move:
    """What is said before a pose to bring the body there, and the quiet it takes."""

    text: str
    ms: int


def move_in(before: Pose | None, pose: Pose, said: Phrases) -> Move | None:
    """The move into ``pose`` from ``before`` (None: it comes first, and the listener is where the intro
    left them): the language's words for the change of position, or the pose's own (``transition_in``);
    None where nothing is said (the same position, a pose whose steps make the move, or one whose position,
    or the last one's, is not known)."""
    if before is None or pose.transition_in is False:
        return None
    start, end = before.position, pose.position
    if start is not None and start == end:
        return None
    ms = move_ms(start, end) if start and end else UNKNOWN_MS
    if isinstance(pose.transition_in, str):
        return Move(pose.transition_in, ms)
    text = said.move(start, end) if start and end else None
    return Move(text, ms) if text else None
