"""The units of a composed practice, chosen in two steps: the main work first, each pose of the focus as
likely as another, so that over a week of practices most of them come; then, once the stations that hold
it are chosen, warm-ups where the practice starts, a unit for each station, and more by weight."""

from __future__ import annotations

import itertools
import random

from voicekit.errors import OptionsError
from voicekit.plan.compose import arc, stations
from voicekit.plan.compose.request import Request
from voicekit.sequence.model import Pose

MAIN = 0.5  # the main work takes this much of the time the poses need


def main_work(
    rng: random.Random,
    units: list[arc.Unit],
    forced: list[Pose],
    found: list[list[str]],
    wants: arc.Wants,
    need: float,
    taken: set[str],
) -> arc.Filling:
    """The main work, chosen first so that every pose of the focus is as likely as another: the poses asked
    for, then for each area in turn a unit of a pose working on it, all alike (not a rest, unless rest is
    asked for), until they take MAIN of the time; only what some order of stations holds together, and what
    fits in the time left (else the shortest)."""
    filling = arc.Filling([], set(taken))
    for pose in forced:
        held = stations.holding(found, filling.chosen)
        fitting = [u for u in units if u[0].id == pose.id and stations.holding(held, [u])]
        if (unit := arc.pick(rng, fitting, wants, filling, even=True)) is None:
            raise OptionsError(f"--include {pose.id}: nothing that balances it fits this practice; drop --include")
        filling.add(unit)
        filling.kept.append(unit)
    for turn in itertools.count():  # one for each area at least, however short the practice
        if turn and sum(arc.unit_ms(u) for u in filling.chosen) >= MAIN * need:
            break
        more = len(filling.chosen)
        for area in wants.focus:
            held = stations.holding(found, filling.chosen)
            work = [u for u in units if area in u[0].focus and (u[0].kind != "rest" or area == "rest")]
            work = [u for u in work if filling.takes(u) and stations.holding(held, [u])]
            room = need - sum(arc.unit_ms(u) for u in filling.chosen)
            work = [u for u in work if arc.unit_ms(u) <= room] or sorted(work, key=arc.unit_ms)[:1]
            if unit := arc.pick(rng, work, wants, filling, even=True):
                filling.add(unit)
        if len(filling.chosen) == more:
            break
    filling.main = list(filling.chosen)
    for area in wants.focus:  # the practice keeps its focus, however short it must be
        if not any(area in u[0].focus for u in filling.kept):
            filling.kept += sorted((u for u in filling.main if area in u[0].focus), key=arc.unit_ms)[:1]
    return filling


def filled(
    rng: random.Random,
    units: list[arc.Unit],
    order: list[str],
    filling: arc.Filling,
    request: Request,
    wants: arc.Wants,
    need: float,
) -> arc.Filling:
    """The units of the practice: the main work, warm-ups where it starts, one for each focus area, one for
    each station on the way down, then more, chosen by weight, while that brings them nearer what it needs."""
    warm = [u for u in units if u[0].kind == "warm-up" and arc.places(u)[0] == order[0]]
    for _ in range(1 + request.length_ms // (30 * 60_000) - sum(u in warm for u in filling.chosen)):
        if unit := arc.pick(rng, warm, wants, filling):
            filling.add(unit)
    filling.warm_up = sorted((u for u in filling.chosen if u in warm), key=arc.unit_ms)[:1]
    for area in request.focus:
        covered = any(area in p.focus for u in filling.chosen for p in u)
        if not covered and (unit := arc.pick(rng, [u for u in units if area in u[0].focus], wants, filling)):
            filling.add(unit)
    for station in order[:-1]:
        empty = not any(arc.places(u)[0] == station for u in filling.chosen)
        if empty and (unit := arc.pick(rng, [u for u in units if arc.places(u)[0] == station], wants, filling)):
            filling.add(unit)
    while (unit := arc.pick(rng, units, wants, filling)) is not None:
        short = need - sum(arc.unit_ms(u) for u in filling.chosen)
        if arc.unit_ms(unit) > 2 * short:  # nearer what it needs without it
            break
        filling.add(unit)
    return filling
