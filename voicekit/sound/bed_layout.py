"""Where the bed's loop plays in a session: a layout worked out from the timeline alone (no samples, no
numpy), made so that an MP3 rebuild with other holds finds every stretch it needs already encoded.

The bed is a loop of L frames (an MP3 frame is 1152 samples). Everything that sounds over it (speech
and the ducking around it, a chime, the bell and the fade-out, the fade-in) lies in a *piece*. The bed
enters every piece at the loop's start; as the first words begin (the bed ducking under them) a
crossfade of CROSS frames takes it to a place in the loop chosen from what the piece holds, and as
the last ones end another takes it back so that it reaches the loop's start again where the piece
ends. So a piece sounds the same wherever it falls: its encoded frames depend on what it holds,
never on the holds around it.

Between pieces the bed plays alone for as long as the holds make it, from the loop's start to the
loop's start: whole loops, and at most two *bridges*. A bridge of n frames plays the loop from its
start and crosses over (CROSS frames, ending TAIL frames before the bridge ends) to reach the loop's
start again n frames later. Bridges come from a fixed bank, every length SHORTEST + r (r < step) and
SHORTEST + a * step (step about the square root of L): any stretch of bed alone at least SHORTEST
frames long is whole loops and one or two bank bridges, whatever its length. Pieces closer together
than that are one piece.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass

from voicekit.plan.grid import FRAME, SAMPLE_RATE
from voicekit.plan.timeline import CueKind, Timeline

FADE_IN_S = 8.0
FADE_OUT_S = 10.0  # from the moment the closing bell is struck (the session's last seconds without one)
DUCK_DB = -6.0  # under speech
DUCK_RAMP_S = 0.3
CROSS = 24  # frames (0.63 s): a crossfade from one place in the loop to another
EDGE = 2  # frames an encoded stretch reaches past the sound it holds: each frame's windows overlap its neighbours
CONTEXT = 3  # frames of the real session an encoded stretch is given either side, then dropped
TAIL = EDGE + CONTEXT  # plain loop ending a bridge: its encoded part never reaches into what follows
SHORTEST = CONTEXT + CROSS + TAIL  # the shortest bridge; it starts with CONTEXT frames of plain loop


@dataclass(frozen=True)
class Switch:
    """A crossfade over frames [frame, frame + CROSS): session frame g plays loop frame (g + offset) mod L,
    the offset ``before`` fading out and ``after`` fading in."""

    frame: int
    before: int
    after: int


@dataclass(frozen=True)
class Piece:
    """Frames [first, end) where more than the bed sounds: encoded as one stretch."""

    first: int
    end: int
    cues: tuple[int, ...]
    """The timeline's cues that sound in it (and duck the bed)."""
    signature: str
    """What it holds, placed relative to its first frame: pieces with one signature sound the same."""
    phase: int
    """The loop frame the bed plays at frame first + EDGE, under what the piece holds."""


@dataclass(frozen=True)
class Bridge:
    """Frames [first, first + frames) of bed alone: the loop from its start, crossing over to reach its start."""

    first: int
    frames: int


@dataclass(frozen=True)
class Run:
    """Frames [first, first + frames) of bed alone: whole loops from the loop's start."""

    first: int
    frames: int


Part = Piece | Bridge | Run


@dataclass(frozen=True)
class Layout:
    """Where a bed's loop plays in a session: its parts in order, and where it switches."""

    loop: int
    """Frames in the loop."""
    total: int
    """Frames in the file (one more than the session's samples fill: the decoder's delay runs out in it)."""
    parts: tuple[Part, ...]
    """In order, from frame 0 to ``total``."""
    start: int
    """The offset at frame 0 (loop frame = frame + offset)."""
    switches: tuple[Switch, ...]


def layout(timeline: Timeline, loop: int) -> Layout:
    """The bed's layout in this timeline, for a loop of ``loop`` frames."""
    if loop < SHORTEST + step(loop):
        raise ValueError(f"a bed's loop needs at least {SHORTEST + step(loop)} frames")
    samples = timeline.sample(timeline.total, SAMPLE_RATE)
    total = samples // FRAME + 1
    parts: list[Part] = []
    switches: list[Switch] = []
    start = at = 0
    for first, end, cues in _groups(timeline, samples, total):
        if first > at:
            parts += fill(at, first - at, loop)
        signature = _signature(timeline, first, end, cues, samples, total)
        phase = int(hashlib.sha256(signature.encode()).hexdigest()[:12], 16) % loop
        parts.append(Piece(first, end, cues, signature, phase))
        under = phase - (first + EDGE)  # the offset while the bed plays under what the piece holds
        if first:
            switches.append(Switch(first + EDGE, -first, under))
        else:
            start = under
        if end < total:
            switches.append(Switch(end - EDGE - CROSS, under, -end))
        at = end
    switches += [bridge_switch(p) for p in parts if isinstance(p, Bridge)]
    return Layout(loop, total, tuple(parts), start, tuple(sorted(switches, key=lambda s: s.frame)))


def bridge_switch(bridge: Bridge) -> Switch:
    """A bridge's crossfade: from the loop as it began at the bridge's first frame, to the loop that
    reaches its start as the bridge ends."""
    end = bridge.first + bridge.frames
    return Switch(end - TAIL - CROSS, -bridge.first, -end)


def step(loop: int) -> int:
    """The bank's step: about the square root of the loop, so the bank holds about 2 * sqrt(L) bridges."""
    return max(SHORTEST, math.isqrt(loop - 1) + 1)


def bank(loop: int) -> list[int]:
    """Every bridge length a layout of this loop can use."""
    s = step(loop)
    fine = [SHORTEST + r for r in range(s)]
    return fine + list(range(SHORTEST + s, loop, s))


def fill(first: int, frames: int, loop: int) -> list[Part]:
    """``frames`` (at least SHORTEST) of bed alone from frame ``first``: whole loops, then bank bridges."""
    if frames < SHORTEST:
        raise ValueError(f"{frames} frames of bed alone are too few for a bridge")
    whole, rest = divmod(frames, loop)
    if 0 < rest < SHORTEST:
        whole, rest = whole - 1, rest + loop
    parts: list[Part] = [Run(first, whole * loop)] if whole else []
    at = first + whole * loop
    s = step(loop)
    if rest >= SHORTEST + s:
        fine = SHORTEST + (rest - 2 * SHORTEST) % s
        lengths = [rest - fine, fine]
    else:
        lengths = [rest] if rest else []
    for n in lengths:
        parts.append(Bridge(at, n))
        at += n
    return parts


def _groups(timeline: Timeline, samples: int, total: int) -> list[tuple[int, int, tuple[int, ...]]]:
    """(first, end, cues) of each piece: every event's frames, EDGE frames either side, at least room for
    two crossfades, joined where the bed alone between them would be shorter than a bridge."""
    groups: list[tuple[int, int, tuple[int, ...]]] = []
    for lo, hi, cues in sorted(_events(timeline, samples, total)):
        x0, x1 = lo // FRAME, -(-hi // FRAME)
        short = 2 * CROSS - (x1 - x0)
        if short > 0:
            x0, x1 = x0 - short // 2, x1 + short - short // 2
        first = x0 - EDGE if x0 - EDGE >= SHORTEST else 0
        end = x1 + EDGE if x1 + EDGE <= total - SHORTEST else total
        if groups and first < groups[-1][1] + SHORTEST:
            a, b, held = groups[-1]
            groups[-1] = (a, max(b, end), held + cues)
        else:
            groups.append((first, end, cues))
    return groups


def closing_bell(timeline: Timeline) -> int | None:
    """The index of the bell that ends the session (nothing sounds after it), if there is one: the bed
    fades out as it is struck. A bell inside a hold is heard like a chime."""
    for i in range(len(timeline.cues) - 1, -1, -1):
        cue = timeline.cues[i]
        if cue.kind is CueKind.BELL:
            return i
        if cue.sounds:
            return None
    return None


def fade_out_start(timeline: Timeline) -> int:
    """The sample where the bed starts to fade out: the closing bell, or FADE_OUT_S before the end."""
    bell = closing_bell(timeline)
    if bell is not None:
        return timeline.sample(timeline.cues[bell].start, SAMPLE_RATE)
    return max(0, timeline.sample(timeline.total, SAMPLE_RATE) - round(FADE_OUT_S * SAMPLE_RATE))


def _events(timeline: Timeline, samples: int, total: int) -> list[tuple[int, int, tuple[int, ...]]]:
    """(first sample, end sample, cues) of everything that sounds over the bed or shapes it."""
    ramp = round(DUCK_RAMP_S * SAMPLE_RATE)
    out: list[tuple[int, int, tuple[int, ...]]] = [(0, round(FADE_IN_S * SAMPLE_RATE), ())]
    out.append((fade_out_start(timeline), total * FRAME, ()))  # the fade-out, to the file's end
    for i, cue in enumerate(timeline.cues):
        start, end = timeline.sample(cue.start, SAMPLE_RATE), timeline.sample(cue.end, SAMPLE_RATE)
        if cue.kind is CueKind.SPEECH:
            out.append((start - ramp, end + ramp, (i,)))
        elif cue.kind.made:
            out.append((start, end, (i,)))
    return out


def _signature(timeline: Timeline, first: int, end: int, cues: tuple[int, ...], samples: int, total: int) -> str:
    """What a piece holds, placed relative to its first sample: equal signatures sound the same (given the
    same clips). The session's start and end are where they are, so pieces there say so."""
    base = first * FRAME
    held = [
        [
            c.kind.value,
            c.text,
            c.rate,
            timeline.sample(c.start, SAMPLE_RATE) - base,
            timeline.sample(c.end, SAMPLE_RATE) - base,
        ]
        for c in (timeline.cues[i] for i in sorted(cues))
    ]
    where: dict[str, object] = {"frames": end - first, "cues": held}
    if first == 0:
        where["start"] = True  # the fade-ins of the session's first seconds
    if end == total:
        where["left"] = samples - base  # the fade-out, and the file's last samples
    return json.dumps(where, separators=(",", ":"), ensure_ascii=False)
