"""Reading a pose: written out, or ``use``-ing a pose of the library, its keys overriding."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

from voicekit.sequence import fields
from voicekit.sequence.breath import BREATH_CUES, PATTERNS, PHASES, Breath, BreathCues, Flow, Movement
from voicekit.sequence.catalogue import AVOID, FOCUS, KINDS, LEVELS, POSITIONS, PROPS
from voicekit.sequence.durations import Hold
from voicekit.sequence.model import Caution, Pose, Step
from voicekit.sequence.values import Reader, shown
from voicekit.sequence.yaml_tree import Located


class PoseSource(Protocol):
    """Where poses used by id come from (``library.Library``)."""

    @property
    def entries(self) -> dict[str, Any]: ...

    def pose(self, pose_id: str, chain: tuple[str, ...] = (), language: str = "en") -> Pose: ...

    def suggest(self, pose_id: str) -> str: ...


MAX_USES = 16  # library poses each using the next: a longer chain is a mistake (and would recurse deep)


def bounds(table: tuple[fields.Field, ...], key: str) -> tuple[float, float]:
    f = fields.field(table, key)
    return (f.low if f.low is not None else float("-inf")), (f.high if f.high is not None else float("inf"))


FLOW_ONLY = ("flow", "rounds", "round_cues")
PHASE_KEYS = tuple(fields.Field(phase, "text", "") for phase in PHASES)
PATTERN_FORMS = f"{', '.join(PATTERNS)}, or a mapping like {{inhale: 4s, hold: 4s, exhale: 4s, hold_out: 4s}}"


def written_as_flow(node: Located) -> bool:
    """An item written with a flow's own keys (``flow:``, ``rounds:``): read with a flow's keys."""
    return isinstance(node.value, dict) and any(key in node.value for key in FLOW_ONLY)


class PoseReader(Reader):
    """Reads poses: written out, or ``use``-ing a pose of the library (its keys overriding)."""

    def __init__(
        self, file: str, library: PoseSource | Callable[[], PoseSource] | None, chain: tuple[str, ...] = ()
    ) -> None:
        super().__init__(file)
        self._library = library
        self.chain = chain
        """The library poses being read: a ``use`` of one of them is a cycle."""

    @property
    def library(self) -> PoseSource:
        if callable(self._library):
            self._library = self._library()
        assert self._library is not None
        return self._library

    def pose(self, node: Located, where: str, table: tuple[fields.Field, ...] | None = None) -> Pose:
        """A pose; ``table``: the keys it may have (default: a library pose's, or a pose's in a sequence)."""
        if written_as_flow(node):
            table = fields.LIBRARY_FLOW if self.chain else fields.FLOW
        m = self.mapping(node, where, table or (fields.LIBRARY_POSE if self.chain else fields.POSE))
        base = self.used(m["use"], where) if "use" in m else None
        name = self.text(m["name"], f"{where}.name") if "name" in m else base.name if base else ""
        where = f"{where} ({name})"
        self._flow_or_pose(m, base, where)
        sides = self.sides(m["sides"], f"{where}.sides") if "sides" in m else base.sides if base else ()
        ph = self.phrases.placeholders() if sides else ()
        rate = bounds(fields.POSE, "rate")
        read: dict[str, Callable[[Located], Any]] = {
            "setup": lambda n: self.steps(n, f"{where}.setup", fields.STEP, ph),
            "second_side": lambda n: self.steps(n, f"{where}.second_side", fields.SECOND_STEP, ph),
            "hold": lambda n: self.hold(n, f"{where}.hold"),
            "props": lambda n: self.props(n, f"{where}.props"),
            "position": lambda n: self.choice(n, f"{where}.position", POSITIONS),
            "transition_in": lambda n: self.transition_in(n, f"{where}.transition_in", ph),
            "focus": lambda n: self.choices(n, f"{where}.focus", FOCUS),
            "kind": lambda n: self.choice(n, f"{where}.kind", KINDS),
            "level": lambda n: self.choice(n, f"{where}.level", LEVELS),
            "avoid": lambda n: self.choices(n, f"{where}.avoid", AVOID),
            "counter": lambda n: self.counter(n, f"{where}.counter"),
            "reminders": lambda n: self.texts(n, f"{where}.reminders", ph, none_ok=True),
            "release": lambda n: self.text(n, f"{where}.release", ph),
            "breath_cues": lambda n: self.breath_cues(n, f"{where}.breath_cues", ph),
            "breath": lambda n: self.breath(n, f"{where}.breath"),
            "rounds": lambda n: self.rounds(n, f"{where}.rounds"),
            "transition": lambda n: self.text(n, f"{where}.transition", ph),
            "rate": lambda n: self.whole(n, f"{where}.rate", *rate),
            "names": lambda n: self.texts(n, f"{where}.names"),
            "cautions": lambda n: self.cautions(n, f"{where}.cautions", ph),
            "pronounce": lambda n: self.table(n, f"{where}.pronounce"),
            "time_cues": lambda n: self.time_cues(n, f"{where}.time_cues"),
            "bells": lambda n: self.bells(n, f"{where}.bells"),
        }
        values = {key: read_value(m[key]) for key, read_value in read.items() if key in m}
        if "rounds" in values:
            values["hold"] = values.pop("rounds")
        if any(key in m for key in ("flow", "round_cues")):
            written = self.movements(m["flow"], f"{where}.flow", ph) if "flow" in m else None
            cues = self.flag(m["round_cues"], f"{where}.round_cues") if "round_cues" in m else None
            values["flow"] = _flow(base.flow if base else None, written, cues)
            if base is None:
                values.setdefault("setup", ())  # a flow may start on its first movement
        if "setup" in m or base is None:
            values["language"] = self.phrases.tag
        if self.chain:
            values["id"] = self.chain[-1]
        if base is not None and "transition" not in m and _primary(base.language) != _primary(self.phrases.tag):
            values["transition"] = None  # its own words are in its language: this practice's phrase says it
        if base is not None:
            return replace(base, name=name, sides=sides, line=node.line, file=self.file, **values)
        return Pose(name=name, sides=sides, line=node.line, file=self.file, **values)

    def _items(self, node: Located, where: str) -> list[tuple[Located, str]]:
        """The items of a list (or one text alone), each with its name for messages."""
        if isinstance(node.value, dict):
            raise self.fail(node, f"{where} must be a text or a list, not a mapping; write - {{say: ...}} in a list")
        if not isinstance(node.value, list):
            return [(node, where)]
        if not node.value:
            raise self.fail(node, f"{where} is an empty list; add a text or remove the key")
        return [(item, f"{where}[{i + 1}]") for i, item in enumerate(node.value)]

    def steps(
        self, node: Located, where: str, table: tuple[fields.Field, ...], ph: tuple[str, ...]
    ) -> tuple[Step, ...]:
        """Set-up steps: each a text, or ``{say, move, first_side}``."""
        out = []
        for item, at in self._items(node, where):
            if not isinstance(item.value, dict):
                out.append(Step(self.text(item, at, ph), file=self.file, line=item.line))
                continue
            m = self.mapping(item, at, table)
            move = self.duration(m["move"], f"{at}.move", *bounds(table, "move")) if "move" in m else 0
            first = self.flag(m["first_side"], f"{at}.first_side") if "first_side" in m else False
            out.append(Step(self.text(m["say"], f"{at}.say", ph), move, first, self.file, item.line))
        return tuple(out)

    def cautions(self, node: Located, where: str, ph: tuple[str, ...]) -> tuple[Caution, ...]:
        """Cautions: a text (printed), or ``{say, when}`` (spoken as well)."""
        out = []
        for item, at in self._items(node, where):
            if not isinstance(item.value, dict):
                out.append(Caution(self.text(item, at, ph), False, self.file, item.line))
                continue
            m = self.mapping(item, at, fields.CAUTION)
            if "when" in m:
                self.choice(m["when"], f"{at}.when", fields.field(fields.CAUTION, "when").choices)
            out.append(Caution(self.text(m["say"], f"{at}.say", ph), True, self.file, item.line))
        return tuple(out)

    def transition_in(self, node: Located, where: str, ph: tuple[str, ...]) -> bool | str:
        """``false`` (the pose's own steps make the move), or a text said instead of the automatic move."""
        if node.value is False:
            return False
        if isinstance(node.value, bool):
            raise self.fail(node, f"{where} must be false or a text to say instead of the automatic move, not true")
        return self.text(node, where, ph)

    def props(self, node: Located, where: str) -> tuple[str, ...]:
        """Prop ids (``bolster``: said in the practice's language) or words said as written, each once."""
        if node.value == []:
            return ()
        found = [p.lower() if p.lower() in PROPS else p for p in self.texts(node, where)]
        return tuple(dict.fromkeys(found))

    def choices(self, node: Located, where: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        """A list of values from ``allowed`` (``[]``: none), each once."""
        items = node.value if isinstance(node.value, list) else [node]
        return tuple(dict.fromkeys(self.choice(item, where, allowed) for item in items))

    def counter(self, node: Located, where: str) -> tuple[str, ...]:
        """Ids of library poses that balance this one; each must be in the library."""
        items = node.value if isinstance(node.value, list) else [node]
        found = []
        for item in items:
            pose_id = self.pose_id(item, where)
            if pose_id not in self.library.entries:
                hint = self.library.suggest(pose_id)
                raise self.fail(item, f"{where}: no pose {pose_id!r} in the library; {hint}`voicekit poses` lists them")
            found.append(pose_id)
        return tuple(dict.fromkeys(found))

    def _flow_or_pose(self, m: dict[str, Located], base: Pose | None, where: str) -> None:
        """A flow (written, or used) has no hold, and only a flow has rounds."""
        if base is None:
            return
        if base.flow is not None and "flow" not in m:
            for key in (*fields.HOLD_ONLY, "repeat"):
                if key in m:
                    hint = "write rounds: N for how many rounds it plays" if key in ("hold", "repeat") else "remove it"
                    flow = f"{base.name} is a flow, played in rounds on the breath"
                    raise self.fail(m[key], f"{where}.{key}: {flow}; {hint}")
        if base.flow is None and "flow" not in m:
            for key in ("rounds", "round_cues"):
                if key in m:
                    hint = "repeat: N plays a pose again"
                    raise self.fail(m[key], f"{where}.{key}: {base.name} is a pose, not a flow; {hint}")

    def rounds(self, node: Located, where: str) -> Hold:
        """A flow's rounds, as the hold it plays instead of one (counted, like breaths)."""
        n = self.whole(node, where, *bounds(fields.FLOW, "rounds"), unit="rounds")
        return Hold(n, n, breaths=True)

    def movements(self, node: Located, where: str, placeholders: tuple[str, ...]) -> tuple[Movement, ...]:
        """A flow's movements: ``- inhale: {say: ..., short: ...}`` (or a text alone: what to say), in order."""
        example = "- inhale: {say: Breathing in, reach up., short: Reach up.}"
        if not isinstance(node.value, list) or not node.value:
            raise self.fail(node, f"{where} must be a list of movements, each on one phase, like {example}")
        out = []
        for i, item in enumerate(node.value):
            at = f"{where}[{i + 1}]"
            m = self.mapping(item, at, PHASE_KEYS)
            if len(m) != 1:
                raise self.fail(item, f"{at} must be one movement on one phase ({', '.join(PHASES)}), like {example}")
            ((phase, value),) = m.items()
            if isinstance(value.value, dict):
                said = self.mapping(value, f"{at}.{phase}", fields.MOVEMENT)
                short = self.text(said["short"], f"{at}.{phase}.short", placeholders) if "short" in said else None
                out.append(Movement(phase, self.text(said["say"], f"{at}.{phase}.say", placeholders), short))
            else:
                out.append(Movement(phase, self.text(value, f"{at}.{phase}", placeholders)))
        return tuple(out)

    def breath(self, node: Located, where: str) -> Breath:
        """A named pattern (``box``), or ``{inhale, hold, exhale, hold_out}`` (holds 0 by default)."""
        if isinstance(node.value, str):
            pattern = PATTERNS.get(node.value.strip().lower())
            if pattern is None:
                raise self.fail(node, f"{where} must be one of {PATTERN_FORMS}, not {shown(node)}")
            return pattern
        if not isinstance(node.value, dict):
            raise self.fail(node, f"{where} must be one of {PATTERN_FORMS}, not {shown(node)}")
        m = self.mapping(node, where, fields.BREATH)
        ms = {key: self.duration(m[key], f"{where}.{key}", *bounds(fields.BREATH, key)) for key in m}
        return Breath(
            inhale_ms=ms.get("inhale", Breath.inhale_ms),
            exhale_ms=ms.get("exhale", Breath.exhale_ms),
            hold_ms=ms.get("hold", 0),
            hold_out_ms=ms.get("hold_out", 0),
        )

    def breath_cues(self, node: Located, where: str, placeholders: tuple[str, ...] = ()) -> BreathCues:
        """guided, counted or silent; or guided with the pose's own words: ``{in, out, hold, every}``."""
        if not isinstance(node.value, dict):
            return BreathCues(self.choice(node, where, BREATH_CUES))
        m = self.mapping(node, where, fields.BREATH_WORDS)
        if not m:
            raise self.fail(node, f"{where} is an empty mapping; give in, out, hold or every, or write guided")

        def said(key: str) -> str | None:
            return self.text(m[key], f"{where}.{key}", placeholders) if key in m else None

        every = self.flag(m["every"], f"{where}.every") if "every" in m else False
        return BreathCues("guided", said("in"), said("out"), said("hold"), every)

    def used(self, node: Located, where: str) -> Pose:
        """The pose a ``use`` names, from the library."""
        pose_id = self.pose_id(node, f"{where}.use")
        if pose_id in self.chain:
            cycle = " -> ".join((*self.chain, pose_id))
            raise self.fail(node, f"{where}.use: {cycle}: a pose cannot use a pose that uses it")
        if len(self.chain) > MAX_USES:
            chain = f"{self.chain[0]} -> ... -> {pose_id}"
            raise self.fail(node, f"{where}.use: {chain}: more than {MAX_USES} poses each use the next; write one out")
        if pose_id not in self.library.entries:
            hint = self.library.suggest(pose_id)
            raise self.fail(node, f"{where}.use: no pose {pose_id!r} in the library; {hint}`voicekit poses` lists them")
        return self.library.pose(pose_id, self.chain, self.phrases.tag)


def _primary(tag: str) -> str:
    return tag.split("-")[0]


def _flow(base: Flow | None, movements: tuple[Movement, ...] | None, round_cues: bool | None) -> Flow:
    """A flow's movements and round cues, each as written, else as in the flow it uses."""
    moves = movements if movements is not None else base.movements if base else ()
    cues = round_cues if round_cues is not None else base.round_cues if base else False
    return Flow(moves, cues)
