"""The shape of a composed practice: where the body is (positions grouped so it comes down once), and
which poses fill each place, so the focus gets most of the time and every pose that needs balancing is
followed by what balances it.

A *unit* is a pose, or a pose and the counter that follows it. A *station* is a position the practice
stays in for a while; the stations run from standing to the chair to the floor, the final rest's position
last, so the body goes down once and stays down, with at most ``max_changes`` changes of position.
"""

from __future__ import annotations

import functools
import itertools
import random
from dataclasses import dataclass, field

from voicekit.compose.choose import LYING, NEEDS_COUNTER, UP, counters
from voicekit.plan.estimate import estimate_ms
from voicekit.sequence.model import Pose

Unit = tuple[Pose, ...]
PHASES = {"centering": 0, "breathing": 0, "warm-up": 1, "strength": 2, "balance": 2, "rest": 4}
"""The order of a station's units by the kind of their first pose (other kinds: 3, the stretches)."""
MAX_TWO_SIDED = 8  # "Now the other side." said at most this often (the teaching check's limit)
STEP_MS, POSE_MS, RATE = 3000, 5000, 140  # a sequence's default pauses and rate


def max_changes(length_ms: int) -> int:
    """Changes of position a practice of this length may have: 3 in 20 minutes, 5 in 60."""
    return 2 + length_ms // (20 * 60_000)


def units_of(poses: dict[str, Pose], rest: Pose) -> list[Unit]:
    """Every unit the allowed poses make (the final rest left out)."""
    out: list[Unit] = []
    for pose in sorted(poses.values(), key=lambda p: p.id or ""):
        if pose.id == rest.id:
            continue
        if pose.kind in NEEDS_COUNTER:
            out += [(pose, c) for c in counters(pose, poses) if c.id != rest.id]
        else:
            out.append((pose,))
    return out


def phase(unit: Unit) -> int:
    return PHASES.get(unit[0].kind or "", 3)


@functools.lru_cache(maxsize=4096)
def pose_ms(pose: Pose) -> float:
    """A fair guess at how long a pose takes at medium holds: its words, its quiet, its hold on each side."""
    words = lambda text: estimate_ms(text, pose.rate or RATE, pose.language)  # noqa: E731
    setup = sum(words(s.text) + max(s.move_ms, STEP_MS) for s in pose.setup)
    later = pose.second_side or tuple(s for s in pose.setup if not s.first_side)
    again = sum(words(s.text) + max(s.move_ms, STEP_MS) for s in later) + 2000
    hold = pose.hold.pick("medium") * (10_000 if pose.hold.breaths else 1)
    release = words(pose.release) if pose.release else 0
    sides = len(pose.sides) or 1
    return setup + (sides - 1) * again + sides * (hold + release) + POSE_MS


@functools.lru_cache(maxsize=4096)
def unit_ms(unit: Unit) -> float:
    return sum(pose_ms(p) for p in unit)


def places(unit: Unit) -> tuple[str, str]:
    """Where a unit starts and ends."""
    return unit[0].position or "", unit[-1].position or ""


def fits(unit: Unit, order: list[str]) -> bool:
    """Whether ``unit`` can be placed in stations ``order``: in one station, or across two neighbours."""
    start, end = places(unit)
    if start not in order or end not in order:
        return False
    return order.index(end) - order.index(start) in (0, 1)


def orders(positions: set[str], last: str, first: str | None, most: int) -> list[list[str]]:
    """Every order of stations the practice may go through: off the floor first (standing, then the chair),
    then sitting, kneeling or on hands and knees, then lying; ``last`` (the final rest's) last, ``first``
    (the opening breath's) first; at most ``most`` stations."""
    up = [p for p in UP if p in positions and ((last in UP and UP.index(p) <= UP.index(last)) or last not in UP)]
    low = [p for p in positions if p not in UP and p not in LYING] if last not in UP else []
    lying = [p for p in positions if p in LYING and p != last] if last not in UP else []
    out = []
    for ups in _subsets(up):
        for lows in _arrangements(sorted(low)):
            for lies in _arrangements(sorted(lying)):
                order = list(dict.fromkeys([*ups, *lows, *lies, last]))
                if len(order) <= most and (first is None or order[0] == first):
                    out.append(order)
    return out


def _subsets(items: list[str]) -> list[list[str]]:
    return [[p for i, p in enumerate(items) if mask >> i & 1] for mask in range(2 ** len(items))]


def _arrangements(items: list[str]) -> list[list[str]]:
    return [
        list(p)
        for k in range(len(items) + 1)
        for c in itertools.combinations(items, k)
        for p in itertools.permutations(c)
    ]


@dataclass
class Filling:
    """The units chosen so far, and what they take."""

    chosen: list[Unit]
    used: set[str]
    two_sided: int = 0
    dropped: set[Unit] = field(default_factory=set)
    """Units taken out to shorten the practice: not chosen again."""

    def takes(self, unit: Unit) -> bool:
        """Whether ``unit`` may join: none of its poses used, the two-sided poses within their limit, and
        no other unit crossing from its station to the next."""
        sided = sum(1 for p in unit if len(p.sides) > 1)
        start, end = places(unit)
        crossing = start != end and any(places(u)[0] == start != places(u)[1] for u in self.chosen)
        return not any(p.id in self.used for p in unit) and self.two_sided + sided <= MAX_TWO_SIDED and not crossing

    def add(self, unit: Unit) -> None:
        self.chosen.append(unit)
        self.used |= {p.id or "" for p in unit}
        self.two_sided += sum(1 for p in unit if len(p.sides) > 1)

    def remove(self, unit: Unit) -> None:
        self.chosen.remove(unit)
        self.used -= {p.id or "" for p in unit}
        self.two_sided -= sum(1 for p in unit if len(p.sides) > 1)


def weight(unit: Unit, focus: tuple[str, ...], filling: Filling) -> float:
    """How much a unit is wanted: its focus areas asked for, a kind not chosen yet, less for one already
    chosen often (variety), a strength or balance pose when none is in yet."""
    first = unit[0]
    areas = {a for p in unit for a in p.focus}
    w = 1.0 + 4.0 * len(areas & set(focus))
    same = sum(1 for u in filling.chosen if u[0].kind == first.kind)
    return w / (1 + same)


def pick(rng: random.Random, units: list[Unit], focus: tuple[str, ...], filling: Filling) -> Unit | None:
    """One unit, at random in proportion to its weight, among those the filling takes."""
    open_ = [u for u in units if filling.takes(u)]
    if not open_:
        return None
    return rng.choices(open_, weights=[weight(u, focus, filling) for u in open_])[0]


@dataclass(frozen=True)
class Sized:
    """A unit as ``score`` weighs it, worked out once for the many orders it scores."""

    start: str
    end: str
    ms: float
    focused: bool
    """It works on an area the request asks for."""
    warm_up: bool


def sized(units: list[Unit], focus: tuple[str, ...]) -> list[Sized]:
    asked = set(focus)
    return [
        Sized(*places(u), unit_ms(u), bool({a for p in u for a in p.focus} & asked), u[0].kind == "warm-up")
        for u in units
    ]


def score(order: list[str], units: list[Sized], need_ms: float) -> float:
    """How well stations ``order`` serve the request: time of focus work and of any work they hold (each
    up to what the practice needs), less for each change of position."""
    at = {p: i for i, p in enumerate(order)}
    placed = [u for u in units if u.start in at and u.end in at and at[u.end] - at[u.start] in (0, 1)]
    focused = sum(u.ms for u in placed if u.focused)
    anything = sum(u.ms for u in placed)
    warm = any(u.warm_up and u.start == order[0] for u in placed)
    value = 3 * min(focused, need_ms) + min(anything, 2 * need_ms) + (need_ms / 4) * warm
    starts = {u.start for u in placed}
    empty = sum(1 for p in order[:-1] if p not in starts)
    return value * (0.93 ** (len(order) - 1)) * (0.3**empty)


def arranged(chosen: list[Unit], order: list[str]) -> list[Unit]:
    """The units in the order they are done: station by station, each station's by phase (a unit that
    crosses to the next station last in its own)."""

    def key(unit: Unit) -> tuple[int, int, int]:
        start, end = places(unit)
        return order.index(start), int(start != end), phase(unit)

    return sorted(chosen, key=key)
