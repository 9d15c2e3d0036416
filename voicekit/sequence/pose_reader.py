"""Reading a pose: written out, or ``use``-ing a pose of the library, its keys overriding."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

from voicekit.sequence import fields
from voicekit.sequence.catalogue import AVOID, FOCUS, KINDS, LEVELS, POSITIONS, PROPS
from voicekit.sequence.model import BREATH_CUES, Caution, Pose, Step
from voicekit.sequence.values import Reader
from voicekit.sequence.yaml_tree import Located


class Library(Protocol):
    """Where poses used by id come from (``library.Library``)."""

    @property
    def entries(self) -> dict[str, Any]: ...

    def pose(self, pose_id: str, chain: tuple[str, ...] = ()) -> Pose: ...

    def suggest(self, pose_id: str) -> str: ...


MAX_USES = 16  # library poses each using the next: a longer chain is a mistake (and would recurse deep)


def bounds(table: tuple[fields.Field, ...], key: str) -> tuple[float, float]:
    f = fields.field(table, key)
    return (f.low if f.low is not None else float("-inf")), (f.high if f.high is not None else float("inf"))


class PoseReader(Reader):
    """Reads poses: written out, or ``use``-ing a pose of the library (its keys overriding)."""

    def __init__(self, file: str, library: Library | Callable[[], Library] | None, chain: tuple[str, ...] = ()) -> None:
        super().__init__(file)
        self._library = library
        self.chain = chain
        """The library poses being read: a ``use`` of one of them is a cycle."""

    @property
    def library(self) -> Library:
        if callable(self._library):
            self._library = self._library()
        assert self._library is not None
        return self._library

    def pose(self, node: Located, where: str, table: tuple[fields.Field, ...] | None = None) -> Pose:
        """A pose; ``table``: the keys it may have (default: a library pose's, or a pose's in a sequence)."""
        m = self.mapping(node, where, table or (fields.LIBRARY_POSE if self.chain else fields.POSE))
        base = self.used(m["use"], where) if "use" in m else None
        name = self.text(m["name"], f"{where}.name") if "name" in m else base.name if base else ""
        where = f"{where} ({name})"
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
            "reminders": lambda n: self.texts(n, f"{where}.reminders", ph),
            "release": lambda n: self.text(n, f"{where}.release", ph),
            "breath_cues": lambda n: self.choice(n, f"{where}.breath_cues", BREATH_CUES),
            "transition": lambda n: self.text(n, f"{where}.transition", ph),
            "rate": lambda n: self.whole(n, f"{where}.rate", *rate),
            "names": lambda n: self.texts(n, f"{where}.names"),
            "cautions": lambda n: self.cautions(n, f"{where}.cautions", ph),
            "pronounce": lambda n: self.table(n, f"{where}.pronounce"),
            "time_cues": lambda n: self.time_cues(n, f"{where}.time_cues"),
            "bells": lambda n: self.bells(n, f"{where}.bells"),
        }
        values = {key: read_value(m[key]) for key, read_value in read.items() if key in m}
        if "setup" in m or base is None:
            values["language"] = self.phrases.tag
        if self.chain:
            values["id"] = self.chain[-1]
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
        return self.library.pose(pose_id, self.chain)
