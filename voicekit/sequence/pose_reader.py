"""Reading a pose: written out, or ``use``-ing a pose of the library, its keys overriding."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

from voicekit.sequence import fields
from voicekit.sequence.model import BREATH_CUES, Pose
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
            "setup": lambda n: self.texts(n, f"{where}.setup", ph),
            "hold": lambda n: self.hold(n, f"{where}.hold"),
            "props": lambda n: self.texts(n, f"{where}.props"),
            "reminders": lambda n: self.texts(n, f"{where}.reminders", ph),
            "release": lambda n: self.text(n, f"{where}.release", ph),
            "breath_cues": lambda n: self.choice(n, f"{where}.breath_cues", BREATH_CUES),
            "transition": lambda n: self.text(n, f"{where}.transition", ph),
            "rate": lambda n: self.whole(n, f"{where}.rate", *rate),
            "names": lambda n: self.texts(n, f"{where}.names"),
            "cautions": lambda n: self.texts(n, f"{where}.cautions"),
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
            return replace(base, name=name, sides=sides, line=node.line, **values)
        return Pose(name=name, sides=sides, line=node.line, **values)

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
