"""A request -> a practice: the poses allowed (``choose``), the main work, then the stations that hold it
(``stations``) and the units that fill the time (``fill``, ``arc``), the file (``write``), then the file
read back, its length range and its teaching check run as ``voicekit plan`` and ``check`` would, until it
fits with every hold inside its range."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from voicekit.errors import SequenceError
from voicekit.plan.compose import arc, choose, fill, stations, write
from voicekit.plan.compose.request import Refusal, Request, minutes
from voicekit.plan.compose.write import Composed
from voicekit.plan.fit import fit, keeping_last, span
from voicekit.plan.grid import compile_on_grid
from voicekit.plan.options import BuildOptions, Practice, resolve
from voicekit.plan.speaker import as_named
from voicekit.plan.teaching import findings
from voicekit.plan.timeline import Timeline
from voicekit.sequence.durations import format_ms
from voicekit.sequence.library import Library, default_sources
from voicekit.sequence.loader import parse_sequence
from voicekit.sequence.model import Pose

SHORT_MARGIN, LONG_MARGIN = 0.12, 0.05
"""The length asked for this far inside the range (at short holds at most 88% of it, at long holds 105%): a
slower voice's words (another engine, another language) still leave every hold inside its range."""
RETRIES = 12  # poses the teaching check warns of, left out one by one before giving up
ADJUST = 12  # units added or taken out, at most, to bring the length inside the range
SPOKEN_MS = 150_000  # intro, outro, props and moves between positions: a fair first guess
AIM = 0.93
"""The poses at their middle holds fill this much of the length: at short holds they then take less than
the length less SHORT_MARGIN, at long holds more than it and LONG_MARGIN, most often at the first try."""


def compose(request: Request, day: date | None = None, library: Library | None = None) -> Composed:
    """The practice ``request`` asks for (OptionsError, one line, if it cannot be met)."""
    request = request.checked()
    library = library or Library(default_sources())
    seed = request.seed_for(day or date.today())
    banned: set[str] = set()
    for _ in range(RETRIES):
        try:
            return _compose(request, library, seed, banned)
        except Stumble as e:  # a library pose the check warns of in this practice: compose without it
            if e.pose_id is None or e.pose_id in banned:
                raise SequenceError(f"the composed practice would warn: {e}", "voicekit compose") from None
            banned.add(e.pose_id)
    raise SequenceError("no practice without a warning of the teaching check; try another --seed", "voicekit compose")


def _compose(request: Request, library: Library, seed: int, banned: set[str]) -> Composed:
    rng = random.Random(seed)
    found = choose.pool(library, request)
    for pose_id in banned:
        found.poses.pop(pose_id, None)
    forced = choose.included(library, request)
    choose.unmet_focus(library, found, request)
    rest = rng.choice(choose.final_rest(found, request))
    share = 0.2 if "rest" in request.focus else 0.1
    rest_hold, rest_ms = write.rest_hold(rest, request.length_ms, share)
    opening = _opening(found, request, rest)
    units = [u for u in arc.units_of(found.poses, rest) if not (opening and opening.id in {p.id for p in u})]
    opening_ms = arc.pose_ms(opening) if opening else 60_000 * bool(request.breath)
    need = AIM * request.length_ms - rest_ms - SPOKEN_MS - opening_ms
    wants = arc.wants(units, request.focus)
    taken = {rest.id or ""} | ({opening.id or ""} if opening else set())
    first = opening.position if opening else None
    found_orders = stations.allowed(units, forced, request.length_ms, rest, first)
    main = fill.main_work(rng, units, forced, found_orders, wants, need, taken)
    order = stations.chosen(rng, stations.holding(found_orders, main.chosen), units, request.focus, need)
    filling = fill.filled(rng, [u for u in units if arc.fits(u, order)], order, main, request, wants, need)
    return _fitted(rng, request, library, seed, order, filling, units, wants, (rest, rest_hold), opening)


class Stumble(Exception):
    """The teaching check warns of a composed practice: at the pose ``pose_id`` (None: the whole)."""

    def __init__(self, message: str, pose_id: str | None) -> None:
        super().__init__(message)
        self.pose_id = pose_id


def _opening(found: choose.Pool, request: Request, rest: Pose) -> Pose | None:
    """The library's breathing practice on the pattern asked for, if it has one (else one is written out)."""
    if not request.breath:
        return None
    poses = [p for p in choose.breathing(found, request) if p.breath and p.breath.name == request.breath]
    return poses[0] if poses and poses[0].id != rest.id else None


def _fitted(
    rng: random.Random,
    request: Request,
    library: Library,
    seed: int,
    order: list[str],
    filling: arc.Filling,
    units: list[arc.Unit],
    wants: arc.Wants,
    rest: tuple[Pose, str],
    opening: Pose | None,
) -> Composed:
    """The practice written, read back and measured; a unit added or taken out until the length asked for
    lies inside its range (every hold then inside its own); refused if even the fewest poses are too long."""
    placeable = [u for u in units if arc.fits(u, order)]
    low, high = request.length_ms * (1 - SHORT_MARGIN), request.length_ms * (1 + LONG_MARGIN)
    best: tuple[float, list[arc.Unit]] | None = None
    for _ in range(ADJUST):
        composed = _written(request, seed, order, filling, rest, opening)
        short, long = span(_practice(composed.text, library, request), _compile)
        off = max(0.0, short - low) + max(0.0, high - long)
        if best is None or off < best[0]:
            best = (off, list(filling.chosen))
        if short > low:
            spare = filling.spare()
            if not spare and short > request.length_ms:
                least_ms = _up(short / (1 - SHORT_MARGIN))
                least = minutes(least_ms)
                raise Refusal(
                    f"--length {minutes(request.length_ms)} is too short for a practice with a warm-up, the main "
                    f"work and a rest ({format_ms(short)} at the least); ask for {least} or more",
                    "too-short",
                    least=least_ms // 60_000,
                )
            if not spare:
                break
            unit = min(spare, key=lambda u: arc.weight(u, wants, filling) * (0.5 + rng.random()))
            filling.remove(unit)
            filling.dropped.add(unit)
        elif long < high:
            more = arc.pick(rng, [u for u in placeable if u not in filling.dropped], wants, filling)
            if more is None:
                break
            filling.add(more)
        else:
            break
    assert best is not None
    filling.chosen = best[1]
    composed = _written(request, seed, order, filling, rest, opening)
    _check(composed, library, request)
    return composed


def _up(ms: float) -> int:
    return int(-(-ms // 60_000) * 60_000)


def _written(
    request: Request, seed: int, order: list[str], filling: arc.Filling, final: tuple[Pose, str], opening: Pose | None
) -> Composed:
    rest, rest_hold = final
    items: list[write.Item] = []
    breath = None
    if request.breath:
        why = f"Arriving: a few breaths of {request.breath} breathing to begin."
        items.append(write.Item(opening, why))
        breath = None if opening else (request.breath, order[0])
    for unit in arc.arranged(filling.chosen, order):
        for i, pose in enumerate(unit):
            items.append(
                write.Item(pose, (i and f"Balancing {unit[0].name}: {pose.name}.") or _why(pose, request, order))
            )
    share = round(100 * _rest_low(rest_hold) / request.length_ms)
    items.append(write.Item(rest, f"Final rest: at least {share}% of the practice.", rest_hold))
    language, warnings = write.language(request.language, items)
    length = minutes(request.length_ms)
    text = write.text(
        request.command(seed),
        write.title(request.focus, length, language),
        write.description(request.focus, request.level, request.props, language),
        length,
        items,
        language,
        breath,
    )
    name = "-".join(["composed", length, *request.focus])
    return Composed(text, name, seed, warnings)


def _why(pose: Pose, request: Request, order: list[str]) -> str:
    areas = [a for a in pose.focus if a in request.focus]
    if pose.kind == "warm-up" and pose.position == order[0]:
        part = "Warming up"
    elif areas:
        part = "The main work, for the " + " and ".join(areas).replace("-", " ")
    elif pose.position == order[-1] and pose.level == "gentle":
        part = "Cooling down"
    else:
        part = "Also"
    return f"{part} ({pose.position}): {pose.name}, {pose.kind}."


def _rest_low(hold: str) -> int:
    low = hold.split("-")[0]
    m, s = low.split(":")
    return (int(m) * 60 + int(float(s))) * 1000


def _practice(text: str, library: Library, request: Request, length: bool = False) -> Practice:
    sequence = parse_sequence(text, "<composed>", "composed", library)
    if not length:
        sequence = replace(sequence, length_ms=None)
    return resolve(sequence, BuildOptions(), as_named)


def _compile(practice: Practice) -> Timeline:
    return compile_on_grid(practice, lambda text, rate: None)


def _check(composed: Composed, library: Library, request: Request) -> None:
    """The composed practice fitted and checked as ``voicekit check --strict`` would: a warning is a
    ``Stumble`` at the library pose it is about."""
    practice = _practice(composed.text, library, request, length=True)
    assert practice.length_ms is not None
    compile_ = keeping_last(_compile)
    fitted = fit(practice, practice.length_ms, compile_)
    found = findings(fitted, compile_(fitted))
    if found:
        first = found[0]
        poses = [p.pose for p in practice.poses]
        said = [p for p in poses for s in (*p.setup, *p.second_side) if (s.file, s.line) == (first.file, first.line)]
        at = said or [p for p in poses if p.file == first.file and p.line <= first.line]
        pose = max(at, key=lambda p: p.line, default=None)
        raise Stumble(first.message, pose.id if pose else None)
