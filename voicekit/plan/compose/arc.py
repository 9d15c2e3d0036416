"""The units of a composed practice and how they are chosen: the focus gets most of the time, every pose
that needs balancing is followed by what balances it, and no pose is in every practice.

A *unit* is a pose, or a pose and the counter that follows it. A *station* is a position the practice
stays in for a while (``stations``).
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass, field

from voicekit.plan.compose.choose import NEEDS_COUNTER, counters
from voicekit.plan.estimate import estimate_ms
from voicekit.sequence.breath import Breath
from voicekit.sequence.model import Pose

Unit = tuple[Pose, ...]
PHASES = {"centering": 0, "breathing": 0, "warm-up": 1, "strength": 2, "balance": 2, "rest": 4}
"""The order of a station's units by the kind of their first pose (other kinds: 3, the stretches)."""
MAX_TWO_SIDED = 8  # "Now the other side." said at most this often (the teaching check's limit)
STEP_MS, POSE_MS, RATE = 3000, 5000, 140  # a sequence's default pauses and rate


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
    hold = pose.hold.pick("medium") * (_breath_ms(pose) if pose.hold.breaths else 1)
    release = words(pose.release) if pose.release else 0
    sides = len(pose.sides) or 1
    return setup + (sides - 1) * again + sides * (hold + release) + POSE_MS


def _breath_ms(pose: Pose) -> int:
    """A breath of a hold counted in breaths, or a round of a flow (a movement on each phase)."""
    breath = pose.breath or Breath()
    if pose.flow is None:
        return breath.cycle_ms
    return sum(breath.length(m.phase) or breath.cycle_ms // 2 for m in pose.flow.movements)


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


@dataclass
class Filling:
    """The units chosen so far, and what they take."""

    chosen: list[Unit]
    used: set[str]
    two_sided: int = 0
    dropped: set[Unit] = field(default_factory=set)
    """Units taken out to shorten the practice: not chosen again."""
    kept: list[Unit] = field(default_factory=list)
    """Units never taken out: the poses asked for, the shortest of the main work for each focus area."""
    main: list[Unit] = field(default_factory=list)
    warm_up: list[Unit] = field(default_factory=list)
    """The shortest warm-up where it starts."""

    def takes(self, unit: Unit) -> bool:
        """Whether ``unit`` may join: none of its poses used, the two-sided poses within their limit, and
        no other unit crossing from its station to the next."""
        sided = sum(1 for p in unit if len(p.sides) > 1)
        start, end = places(unit)
        crossing = start != end and any(places(u)[0] == start != places(u)[1] for u in self.chosen)
        return not any(p.id in self.used for p in unit) and self.two_sided + sided <= MAX_TWO_SIDED and not crossing

    def spare(self) -> list[Unit]:
        """The units that may be taken out to shorten it, those to go first: any but the main work and the
        warm-up, else the main work, else the warm-up (the focus and warm-up kept over more work)."""
        spare = [u for u in self.chosen if u not in self.kept]
        return (
            [u for u in spare if u not in self.main and u not in self.warm_up]
            or [u for u in spare if u not in self.warm_up]
            or spare
        )

    def add(self, unit: Unit) -> None:
        self.chosen.append(unit)
        self.used |= {p.id or "" for p in unit}
        self.two_sided += sum(1 for p in unit if len(p.sides) > 1)

    def remove(self, unit: Unit) -> None:
        self.chosen.remove(unit)
        self.used -= {p.id or "" for p in unit}
        self.two_sided -= sum(1 for p in unit if len(p.sides) > 1)


@dataclass(frozen=True)
class Wants:
    """What a request wants of its units: its focus, and how many poses each pose balances (a pose that
    balances many comes in as a counter often enough: on its own it is wanted less, so it is not in every
    practice)."""

    focus: tuple[str, ...]
    balances: dict[str, int]


def wants(units: list[Unit], focus: tuple[str, ...]) -> Wants:
    """The wants of a request whose poses make ``units``."""
    balances: dict[str, int] = {}
    for unit in units:
        if len(unit) > 1:
            balances[unit[-1].id or ""] = balances.get(unit[-1].id or "", 0) + 1
    return Wants(focus, balances)


FOCUS = 10.0
"""A pose for an area asked for is this many times as wanted as another (and more for more areas)."""
UNIT_MS = 150_000
"""A unit this long is weighed as it is; a longer one less, in proportion to the root of its time."""


def weight(unit: Unit, wants: Wants, filling: Filling, even: bool = False) -> float:
    """How much a unit is wanted: each of its poses for the areas it works on that are asked for (``even``:
    each unit alike); less for a kind, or a station, already chosen (variety, and every station used), less
    for a pose that balances many, and for a long unit."""
    first = unit[0]
    w = 1.0 if even else 1.0 + FOCUS * len({a for p in unit for a in p.focus} & set(wants.focus))
    same = sum(1 for u in filling.chosen if u[0].kind == first.kind) + (first.kind == "rest")  # the final rest
    here = sum(1 for u in filling.chosen if places(u)[0] == places(unit)[0])
    long = (unit_ms(unit) / UNIT_MS) ** 0.5
    return w / (1 + same) / (1 + here) / (1 + wants.balances.get(first.id or "", 0)) / long


def pick(rng: random.Random, units: list[Unit], wants: Wants, filling: Filling, even: bool = False) -> Unit | None:
    """One unit, at random in proportion to its weight, among those the filling takes; a pose with several
    counters is as likely as one with one, and of its counters those that balance fewer poses come first."""
    open_ = [u for u in units if filling.takes(u)]
    if not open_:
        return None
    share = {id(u): 1 / (1 + wants.balances.get(u[-1].id or "", 0)) if len(u) > 1 else 1.0 for u in open_}
    total: dict[str, float] = {}
    for u in open_:
        total[u[0].id or ""] = total.get(u[0].id or "", 0.0) + share[id(u)]
    weights = [weight(u, wants, filling, even) * share[id(u)] / total[u[0].id or ""] for u in open_]
    return rng.choices(open_, weights=weights)[0]


def arranged(chosen: list[Unit], order: list[str]) -> list[Unit]:
    """The units in the order they are done: station by station, each station's by phase (a unit that
    crosses to the next station last in its own)."""

    def key(unit: Unit) -> tuple[int, int, int]:
        start, end = places(unit)
        return order.index(start), int(start != end), phase(unit)

    return sorted(chosen, key=key)
