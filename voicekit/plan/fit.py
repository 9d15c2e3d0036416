"""Fit a practice to the time someone has: every hold set so the session lasts the target length.

Only holds move, and a flow's rounds (whole rounds); every spoken cue stays. A session's length is its
spoken and quiet parts, which do not depend on the holds, plus each hold times the number of times it
plays (once per side, in each round), plus each flow's later rounds times their length (measured with a
compile). So the holds are found by arithmetic, and one compile confirms them:

- first within each pose's range, all holds moving together from the short end to the long end;
- then beyond the ranges, proportionally (longer than the long end, or shorter than the short end
  down to one breath or one second);
- breath holds move in whole breaths, flows in whole rounds; the timed holds absorb what rounding leaves, in proportion
  to their length (with no timed hold, the quiet between poses does), so the total lands within a
  frame or two of the target.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace

from voicekit.errors import OptionsError
from voicekit.plan.options import Practice, PracticePose, held
from voicekit.plan.timeline import Timeline
from voicekit.sequence.durations import MIN_HOLD_MS as MIN_MS
from voicekit.sequence.durations import format_ms

Compile = Callable[[Practice], Timeline]

MAX_FACTOR = 3  # a target beyond three times the long holds' length is refused as a mistake
TOLERANCE_MS = 500


class LengthError(OptionsError):
    """A length this practice cannot be fitted to, with the lengths it can: the CLI names the file and
    what to ask for, the web the minutes to choose."""

    def __init__(self, message: str, shortest_ms: float, longest_ms: float) -> None:
        super().__init__(message)
        self.shortest_ms = shortest_ms
        """The speech alone with the shortest holds."""
        self.longest_ms = longest_ms
        """MAX_FACTOR times the practice at its long holds."""


def keeping_last(compile_: Compile) -> Compile:
    """``compile_``, answering again without compiling for the practice it compiled last: a fit's last
    compile is of the practice it returns, which the caller then lays out itself."""
    last: list[tuple[Practice, Timeline]] = []

    def compiled(practice: Practice) -> Timeline:
        if not last or last[0][0] is not practice:
            last[:] = [(practice, compile_(practice))]
        return last[0][1]

    return compiled


def span(practice: Practice, compile_: Compile) -> tuple[float, float]:
    """How long ``compile_`` lays the practice out with every hold at the short end of its range, and at
    the long end: a length between them is fitted with every hold inside its range."""
    short, long = lengths_at(practice, compile_, 0.0, 1.0)
    return short, long


def lengths_at(practice: Practice, compile_: Compile, *at: float) -> list[float]:
    """How long ``compile_`` lays the practice out with every hold at each position ``at`` (0 the short
    end of its range, 0.5 its middle, 1 the long end), from one compile (and two for each flow): exact
    at the holds the practice has, and within a frame a hold of the others (timed holds land on the grid)."""
    total, _ = _lengths(practice, compile_)
    return [total(u) for u in at]


def fit(practice: Practice, target_ms: int, compile_: Compile) -> Practice:
    """The practice with its holds set so that ``compile_`` lays it out ``target_ms`` long."""
    total, counts = _lengths(practice, compile_)
    shortest, long_end = total(-1.0), total(1.0)
    if target_ms < shortest - TOLERANCE_MS:
        raise LengthError(
            f"{practice.sequence.file}: --length {format_ms(target_ms)} is shorter than the speech alone "
            f"with the shortest holds ({format_ms(shortest)}); ask for {format_ms(math.ceil(shortest / 1000) * 1000)}"
            " or more",
            shortest,
            MAX_FACTOR * long_end,
        )
    if target_ms > MAX_FACTOR * long_end:
        raise LengthError(
            f"{practice.sequence.file}: --length {format_ms(target_ms)} is more than {MAX_FACTOR} times this "
            f"practice at its long holds ({format_ms(long_end)}); ask for {format_ms(MAX_FACTOR * long_end)} at most",
            shortest,
            MAX_FACTOR * long_end,
        )
    low, high = -1.0, 1.0
    while total(high) < target_ms:
        high *= 2
    for _ in range(60):  # the largest u whose total is not over the target
        mid = (low + high) / 2
        low, high = (mid, high) if total(mid) <= target_ms else (low, mid)
    fitted = replace(practice, poses=tuple(_at(p, low) for p in practice.poses), fitted_ms=target_ms)
    return _absorb(fitted, target_ms, compile_, counts)


def _lengths(practice: Practice, compile_: Compile) -> tuple[Callable[[float], float], list[int]]:
    """The session's length with every hold at ``u`` (``_at``), from one compile (and two for each flow);
    and how many times each pose's hold plays."""
    base = compile_(practice)
    counts = [plays(p) for p in practice.poses]
    tick = base.grid.ms if base.grid else 1.0
    rounds = _round_lengths(practice, base, compile_, counts)

    def held_ms(i: int, hold: tuple[int, int]) -> float:
        return hold[1] * rounds[i] if i in rounds else _on_grid(hold[0], tick)

    plays_of = list(enumerate(zip(counts, practice.poses, strict=True)))
    fixed = base.total - sum(n * held_ms(i, (p.hold_ms, p.breaths)) for i, (n, p) in plays_of)

    def total(u: float) -> float:
        return fixed + sum(n * held_ms(i, _hold_at(p, u)) for i, (n, p) in plays_of)

    return total, counts


def plays(settled: PracticePose) -> int:
    """How many times the pose's hold plays in the session: once per side, in each round."""
    return settled.repeat * len(settled.pose.sides or (None,))


def _round_lengths(practice: Practice, base: Timeline, compile_: Compile, counts: list[int]) -> dict[int, float]:
    """What one more round of each flow adds to the session (by index): its later rounds, their words and
    round cues included, as laid out (a round of a flow is as long as its words need)."""
    out = {}
    for i, settled in enumerate(practice.poses):
        if settled.pose.flow is None:
            continue
        n = max(2, settled.breaths)  # the first round says more: measure between later ones
        totals = [base.total if k == settled.breaths else compile_(_rounds(practice, i, k)).total for k in (n, n + 1)]
        out[i] = (totals[1] - totals[0]) / counts[i]
    return out


def _rounds(practice: Practice, index: int, rounds: int) -> Practice:
    poses = list(practice.poses)
    poses[index] = replace(poses[index], breaths=rounds, hold_ms=rounds * poses[index].cycle_ms)
    return replace(practice, poses=tuple(poses))


def _at(settled: PracticePose, u: float) -> PracticePose:
    """The pose's hold at ``u`` (``_hold_at``)."""
    if settled.fixed or settled.pose.hold.phase:
        return settled
    hold_ms, breaths = _hold_at(settled, u)
    return replace(settled, hold_ms=hold_ms, breaths=breaths)


def _hold_at(settled: PracticePose, u: float) -> tuple[int, int]:
    """(milliseconds, breaths) of the pose's hold at ``u``: -1..0 shrinks the short end to the least, 0..1
    runs through the range, above 1 stretches the long end proportionally. A hold set with --hold stays
    as it is. (Pairs, not poses: the search for the length asks this thousands of times.)"""
    if settled.fixed or settled.pose.hold.phase:  # a hold of one phase is that phase, whatever the length
        return settled.hold_ms, settled.breaths
    hold = settled.pose.hold
    least = 1.0 if hold.breaths else MIN_MS
    if u < 0:
        value = least + (hold.low - least) * (1 + u)
    elif u <= 1:
        value = hold.low + (hold.high - hold.low) * u
    else:
        value = hold.high * u
    return held(hold, value, settled)


def _absorb(practice: Practice, target_ms: int, compile_: Compile, counts: list[int]) -> Practice:
    """What whole breaths and the frame grid leave over, taken up by the timed holds in proportion
    (or, with none, by the quiet between poses); then the last frames by the timed hold that plays
    fewest times, so the session lasts the target or a frame more, never less (a player shows 20:00,
    not 19:59)."""
    timed = [i for i, p in enumerate(practice.poses) if not p.breaths and not p.fixed]
    for _ in range(3):
        timeline = compile_(practice)
        tick = timeline.grid.ms if timeline.grid else 1.0
        error = target_ms - timeline.total
        if abs(error) <= tick * max(counts):
            break
        if timed:
            weight = sum(counts[i] * practice.poses[i].hold_ms for i in timed)
            poses = list(practice.poses)
            for i in timed:
                share = error * poses[i].hold_ms / weight
                poses[i] = replace(poses[i], hold_ms=max(MIN_MS, round(poses[i].hold_ms + share)))
            practice = replace(practice, poses=tuple(poses))
        else:
            practice = _pauses_longer_by(practice, timeline, error, compile_)
    if not timed:
        return _pauses_at_least(practice, target_ms, compile_)
    last = min(timed, key=lambda i: counts[i])
    for _ in range(3):
        timeline = compile_(practice)
        tick = timeline.grid.ms if timeline.grid else 1.0
        error = target_ms - timeline.total
        if -tick * counts[last] < error <= 0:
            break
        steps = math.ceil(error / (tick * counts[last]))  # whole frames of that hold, up or down
        poses = list(practice.poses)
        poses[last] = replace(poses[last], hold_ms=max(MIN_MS, round(poses[last].hold_ms + steps * tick)))
        practice = replace(practice, poses=tuple(poses))
    return practice


def _pauses_longer_by(
    practice: Practice, base: Timeline, error: float, compile_: Compile, frames: bool = False
) -> Practice:
    """The quiet after each pose longer by its share of ``error`` (``frames``: by whole frames, up);
    ``base`` is the practice compiled."""
    sequence = practice.sequence
    pauses = sequence.pauses

    def with_pause(ms: float) -> Practice:
        return replace(practice, sequence=replace(sequence, pauses=replace(pauses, pose_ms=max(0, round(ms)))))

    probe = 10_000
    count = max(1, round((compile_(with_pause(pauses.pose_ms + probe)).total - base.total) / probe))
    if frames and base.grid:
        return with_pause(pauses.pose_ms + math.ceil(error / (base.grid.ms * count)) * base.grid.ms)
    return with_pause(pauses.pose_ms + error / count)


def _pauses_at_least(practice: Practice, target_ms: int, compile_: Compile) -> Practice:
    """The pauses a frame at a time longer until the session is not shorter than the target."""
    for _ in range(3):
        timeline = compile_(practice)
        error = target_ms - timeline.total
        if error <= 0:
            break
        practice = _pauses_longer_by(practice, timeline, error, compile_, frames=True)
    return practice


def _on_grid(ms: float, tick: float) -> float:
    return round(ms / tick) * tick
