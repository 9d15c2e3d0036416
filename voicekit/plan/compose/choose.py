"""Which poses of the library a request allows, and why the others are ruled out; the final rest and the
opening breathing practice among them. Every choice is by what a pose says it is (position, kind, level,
props, avoid, counter), never by a list of ids."""

from __future__ import annotations

from dataclasses import dataclass

from voicekit.errors import BAD_FILE, OptionsError
from voicekit.plan.compose.request import Refusal, Request
from voicekit.sequence.library import Library
from voicekit.sequence.model import Pose

UP = ("standing", "chair")
"""Positions off the floor, highest first: a practice comes down through them once."""
LYING = ("supine", "prone", "side-lying")
NEEDS_COUNTER = ("twist", "backbend", "forward-fold")
"""Kinds of pose followed by a pose from their ``counter`` list (none of it allowed: not chosen)."""
REST_ORDER = ("supine", "side-lying", "prone", "seated", "chair", "kneeling", "all-fours", "standing")
"""Where a final rest is best taken, best first: lying, then as low as the request allows."""


@dataclass(frozen=True)
class Pool:
    """The poses a request allows, by id, and why each other one is ruled out."""

    poses: dict[str, Pose]
    ruled_out: dict[str, str]
    """Pose id -> the rule that rules it out ("--avoid pregnancy", "--props", ...)."""


def rule_against(pose: Pose, request: Request) -> str | None:
    """The first of the request's rules that rules ``pose`` out (as the option that says it), or None."""
    levels = ("gentle", "moderate", "strong")
    if pose.id in request.exclude:
        return f"--exclude {pose.id}"
    if request.no_floor and pose.position not in UP:
        return "--no-floor"
    if request.lying and pose.position not in LYING:
        return "--lying"
    if avoided := [a for a in pose.avoid if a in request.avoid]:
        return f"--avoid {avoided[0]}"
    if missing := [p for p in pose.props if p not in request.props]:
        return f"--props (it needs a {missing[0]})"
    if pose.level and levels.index(pose.level) > levels.index(request.level):
        return f"--level {request.level} (it is {pose.level})"
    if pose.position is None or pose.kind is None:
        return "(the library does not say where or what it is)"
    return None


def pool(library: Library, request: Request) -> Pool:
    """The poses the request allows; a counter pose needs its counter (else it is ruled out too)."""
    allowed: dict[str, Pose] = {}
    ruled: dict[str, str] = {}
    for pose_id in library.ids():
        try:
            pose = library.pose(pose_id)
        except BAD_FILE:
            ruled[pose_id] = "(its pose file cannot be read)"
            continue
        why = rule_against(pose, request)
        if why:
            ruled[pose_id] = why
        else:
            allowed[pose_id] = pose
    for pose_id, pose in list(allowed.items()):
        if pose.kind in NEEDS_COUNTER and not counters(pose, allowed):
            ruled[pose_id] = "(every pose that balances it is ruled out)"
            del allowed[pose_id]
    return Pool(allowed, ruled)


def counters(pose: Pose, allowed: dict[str, Pose]) -> list[Pose]:
    """The poses that may follow ``pose`` to balance it: allowed, and needing no counter themselves."""
    found = [allowed[c] for c in pose.counter if c in allowed and c != pose.id]
    return [c for c in found if c.kind not in NEEDS_COUNTER]


def included(library: Library, request: Request) -> list[Pose]:
    """The poses ``--include`` forces in: each in the library, and allowed by every other rule."""
    out = []
    for pose_id in request.include:
        if pose_id not in library.entries:
            hint = library.suggest(pose_id)
            raise OptionsError(f"--include {pose_id}: no such pose; {hint}`voicekit poses` lists them")
        pose = library.pose(pose_id)
        why = rule_against(pose, request)
        if why and why.startswith("--exclude"):
            why = "--exclude"
        if why:
            raise OptionsError(f"--include {pose_id} and {why}: it cannot be in this practice; drop one of them")
        out.append(pose)
    return out


def final_rest(found: Pool, request: Request) -> list[Pose]:
    """The poses that may end the practice, best first: of kind rest, long enough to settle in, in the
    lowest position allowed. OptionsError if there is none."""
    rests = [p for p in found.poses.values() if p.kind == "rest" and _long_enough(p)]
    if not rests:
        raise Refusal(f"{_asked(request)}: no pose to rest in at the end is left; {_hint(request, 'rest')}", "no-rest")
    best = min(REST_ORDER.index(p.position or "standing") for p in rests)
    return sorted((p for p in rests if REST_ORDER.index(p.position or "standing") == best), key=lambda p: p.id or "")


def _long_enough(pose: Pose) -> bool:
    """A rest held for minutes (a timed hold of a minute or more), not a breath's pause."""
    return not pose.hold.breaths and pose.hold.high >= 60_000


def breathing(found: Pool, request: Request) -> list[Pose]:
    """The breathing practices that may open it (``--breath``): its own pattern's first."""
    poses = [p for p in found.poses.values() if p.kind == "breathing" and p.flow is None]
    if not poses:
        raise OptionsError(
            f"{_asked(request)} and --breath {request.breath}: no breathing practice of the library is left; "
            f"{_hint(request, 'breathing')}"
        )
    return sorted(poses, key=lambda p: (p.breath is None or p.breath.name != request.breath, p.id or ""))


def _asked(request: Request) -> str:
    """The rules of a request, as its options say them ("--lying --avoid pregnancy")."""
    out = [f"--props {','.join(request.props) or 'none'}"]
    out += ["--no-floor"] * request.no_floor + ["--lying"] * request.lying
    out += [f"--avoid {a}" for a in request.avoid] + [f"--level {request.level}"]
    return " ".join(out)


def _hint(request: Request, what: str) -> str:
    """What would let a pose of ``what`` in: the rules to drop, the props to add."""
    ways = ["--props all"] if len(request.props) < 8 else []
    ways += ["drop --no-floor"] * request.no_floor + ["drop --lying"] * request.lying
    ways += [f"drop --avoid {a}" for a in request.avoid]
    return f"for a {what} pose, try {' or '.join(ways)}" if ways else f"the library has no {what} pose to choose"


def unmet_focus(library: Library, found: Pool, request: Request) -> None:
    """OptionsError if a focus asked for has no pose left to work on it, naming the rules that rule them out."""
    for area in request.focus:
        if any(area in p.focus for p in found.poses.values()):
            continue
        working = [i for i in library.ids() if i in found.ruled_out and area in _focus(library, i)]
        if not working:
            raise Refusal(
                f"--focus {area}: the library has no pose that works on it; choose another focus",
                "unknown-focus",
                area=area,
            )
        rules = list(dict.fromkeys(found.ruled_out[i].split(" (")[0] for i in working))
        said = " and ".join(rules)
        fix = "give --props all" if rules[0] == "--props" else f"drop {rules[0]}"
        raise Refusal(
            f"{said} and --focus {area}: every {area} pose is ruled out by {said}; {fix} or choose another focus",
            "no-focus",
            area=area,
            rules=tuple(rules),
        )


def _focus(library: Library, pose_id: str) -> tuple[str, ...]:
    try:
        return library.pose(pose_id).focus
    except BAD_FILE:
        return ()
