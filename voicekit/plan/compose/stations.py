"""Where the body is in a composed practice: its *stations*, the positions it stays in for a while, run
from standing to the chair to the floor, the final rest's position last, so the body goes down once and
stays down, with at most ``max_changes`` changes of position.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from voicekit.errors import OptionsError
from voicekit.plan.compose.arc import Unit, fits, places, unit_ms
from voicekit.plan.compose.choose import LYING, UP
from voicekit.sequence.model import Pose


def max_changes(length_ms: int) -> int:
    """Changes of position a practice of this length may have: 3 in 20 minutes, 5 in 60."""
    return 2 + length_ms // (20 * 60_000)


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


def allowed(units: list[Unit], forced: list[Pose], length_ms: int, rest: Pose, first: str | None) -> list[list[str]]:
    """Every order of stations the practice may go through: with the positions of the poses it must have,
    warming up where it starts wherever the library allows it."""
    positions = {p for u in units for p in places(u)} | {rest.position or ""}
    most = max_changes(length_ms) + 1
    found = orders(positions, rest.position or "", first, most)
    found = [o for o in found if all(p.position in o for p in forced)]
    if not found:
        names = ", ".join(p.id or "" for p in forced)
        raise OptionsError(f"--include {names}: its position cannot join the rest of this practice; drop --include")
    warm = [o for o in found if any(u[0].kind == "warm-up" and places(u)[0] == o[0] for u in units)]
    return warm or found


def holding(found: list[list[str]], units: list[Unit]) -> list[list[str]]:
    """The orders of ``found`` in which every one of ``units`` can be placed."""
    return [o for o in found if all(fits(u, o) for u in units)]


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
    up to what the practice needs), less for each change of position, far less for a station on the way
    (not the last) with no work for the focus."""
    at = {p: i for i, p in enumerate(order)}
    placed = [u for u in units if u.start in at and u.end in at and at[u.end] - at[u.start] in (0, 1)]
    focused = sum(u.ms for u in placed if u.focused)
    anything = sum(u.ms for u in placed)
    warm = any(u.warm_up and u.start == order[0] for u in placed)
    value = 3 * min(focused, need_ms) + min(anything, 2 * need_ms) + (need_ms / 4) * warm
    unfocused = not any(u.focused for u in units)  # no focus asked for: any work will do
    starts = {u.start for u in placed if u.focused or unfocused}
    empty = sum(1 for p in order[:-1] if p not in starts)
    return value * (0.93 ** (len(order) - 1)) * (0.3**empty)


def chosen(
    rng: random.Random, found: list[list[str]], units: list[Unit], focus: tuple[str, ...], need: float
) -> list[str]:
    """One of the orders ``found``, at random in proportion to its score among those scoring at least half
    the best: any order the library fills well may come, so some days go down through the chair, others
    through the floor on the front; none through a position with nothing for the focus."""
    weighed = sized(units, focus)
    scores = [score(o, weighed, max(need, 1.0)) for o in found]
    best = max(scores)
    weights = [s if s >= best / 2 else 0.0 for s in scores]
    return rng.choices(found, weights=weights)[0] if best > 0 else found[0]
