"""Sequence file -> validated :class:`~voicekit.sequence.model.Sequence`, with file:line errors."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from voicekit.errors import SequenceError
from voicekit.sequence import yaml_tree as yamlsafe
from voicekit.sequence.durations import Hold, parse_hold, parse_time_ms
from voicekit.sequence.model import (
    BED_KINDS,
    BREATH_CUES,
    MAX_RATE,
    MIN_RATE,
    SIDES,
    Bed,
    Breath,
    Pauses,
    Pose,
    Sequence,
    Voice,
)
from voicekit.sequence.texts import kind_of, not_decimal, spoken_text
from voicekit.sequence.yaml_tree import Located

MAX_FILE = 1_000_000  # bytes; a practice is a few kilobytes

TOP_KEYS = (
    "title", "description", "author", "collection", "genre", "voice", "breath", "pauses", "intro", "outro",
    "bed", "chimes", "poses",
)  # fmt: skip
BED_KEYS = ("kind", "level")
POSE_KEYS = ("name", "props", "setup", "hold", "sides", "reminders", "release", "breath_cues", "transition", "rate")
VOICE_KEYS = ("engine", "id", "rate", "volume")
BREATH_KEYS = ("inhale", "exhale")
PAUSE_KEYS = ("step", "pose")


def load_sequence(path: str | Path) -> Sequence:
    """Read and validate a sequence file."""
    path = Path(path)
    file = str(path)
    if path.is_dir():
        raise SequenceError("is a directory; give a sequence .yaml file", file)
    try:
        with open(path, "rb") as f:  # at most the limit and a byte: /dev/zero or a pipe is bounded too
            data = f.read(MAX_FILE + 1)
    except FileNotFoundError:
        raise SequenceError("no such file", file) from None
    except OSError as e:
        raise SequenceError(f"cannot read: {e.strerror}", file) from None
    if len(data) > MAX_FILE:
        raise SequenceError(f"the file is larger than {MAX_FILE // 1000} kB; is it really a sequence?", file)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise SequenceError("is not UTF-8 text; save it as UTF-8", file, line) from None
    if "\x00" in text:
        raise SequenceError("is binary, not a YAML text file", file)
    return parse_sequence(text, file, name=path.stem)


def parse_sequence(text: str, file: str = "<sequence>", name: str = "sequence") -> Sequence:
    """Validate sequence YAML given as text."""
    return _Reader(file).sequence(yamlsafe.load(text, file), name)


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, node: Located, message: str) -> SequenceError:
        return SequenceError(message, self.file, node.line)

    def mapping(
        self, node: Located, where: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, Located]:
        if not isinstance(node.value, dict):
            keys = ", ".join(allowed)
            raise self.fail(node, f"{where} must be a mapping of keys ({keys}), not {kind_of(node.value)}")
        for key, value in node.value.items():
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.7)
                hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(allowed)}"
                prefix = f"{where}." if where != "the top level" else ""
                raise self.fail(value, f"unknown key {prefix}{key}; {hint}")
        for key in required:
            if key not in node.value:
                raise self.fail(node, f"{where} is missing {key!r}")
        return node.value

    def text(self, node: Located, where: str, placeholders: tuple[str, ...] = ()) -> str:
        value = node.value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise self.fail(node, f"{where} must be text, not {kind_of(value)}; quote it if you mean the number")
        if not isinstance(value, str):
            raise self.fail(node, f"{where} must be text, not {kind_of(value)}")
        try:
            return spoken_text(value, placeholders)
        except ValueError as e:
            raise self.fail(node, f"{where}{e}") from None

    def texts(self, node: Located, where: str, placeholders: tuple[str, ...] = ()) -> tuple[str, ...]:
        items = node.value if isinstance(node.value, list) else [node]
        if not items:
            raise self.fail(node, f"{where} is an empty list; add a text or remove the key")
        return tuple(
            self.text(item, f"{where}[{i + 1}]" if isinstance(node.value, list) else where, placeholders)
            for i, item in enumerate(items)
        )

    def number(self, node: Located, where: str, low: float, high: float) -> float:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(node, f"{where} must be a number, not {kind_of(value)}")
        if node.raw is not None and not_decimal(node.raw):
            raise self.fail(node, f"{where}: YAML reads {node.raw.strip()} as {value:g}; write a plain decimal number")
        if not low <= value <= high:
            raise self.fail(node, f"{where} must be between {low:g} and {high:g}, not {value:g}")
        return value

    def whole(self, node: Located, where: str, low: int, high: int) -> int:
        value = self.number(node, where, low, high)
        if value != int(value):
            raise self.fail(node, f"{where} must be a whole number of words per minute, not {value:g}")
        return int(value)

    def duration(self, node: Located, where: str, low_ms: int, high_ms: int) -> int:
        try:
            ms = parse_time_ms(_written(node)) if not isinstance(node.value, bool) else None
        except ValueError as e:
            raise self.fail(node, f"{where}: {e}") from None
        if ms is None or not low_ms <= ms <= high_ms:
            raise self.fail(node, f"{where} must be a duration between {low_ms / 1000:g}s and {high_ms / 1000:g}s")
        return ms

    def sequence(self, root: Located, name: str) -> Sequence:
        top = self.mapping(root, "the top level", TOP_KEYS, ("title", "poses"))
        opt = _optional(top)
        poses_node = top["poses"]
        if not isinstance(poses_node.value, list):
            raise self.fail(poses_node, f"poses must be a list of poses, not {kind_of(poses_node.value)}")
        if not poses_node.value:
            raise self.fail(poses_node, "poses is empty; a sequence needs at least one pose")
        poses = tuple(self.pose(node, f"poses[{i + 1}]") for i, node in enumerate(poses_node.value))
        return Sequence(
            title=self.text(top["title"], "title"),
            poses=poses,
            name=name,
            file=self.file,
            description=opt("description", lambda n: self.text(n, "description")),
            author=opt("author", lambda n: self.text(n, "author")),
            collection=opt("collection", lambda n: self.text(n, "collection")),
            genre=opt("genre", lambda n: self.text(n, "genre")) or Sequence.genre,
            voice=opt("voice", self.voice) or Voice(),
            breath=opt("breath", self.breath) or Breath(),
            pauses=opt("pauses", self.pauses) or Pauses(),
            intro=opt("intro", lambda n: " ".join(self.texts(n, "intro"))),
            outro=opt("outro", lambda n: " ".join(self.texts(n, "outro"))),
            bed=opt("bed", self.bed),
            chimes=bool(opt("chimes", lambda n: self.flag(n, "chimes"))),
        )

    def bed(self, node: Located) -> Bed:
        if isinstance(node.value, str):  # bed: drone
            return Bed(kind=self.choice(node, "bed", BED_KINDS))
        m = self.mapping(node, "bed", BED_KEYS)
        opt = _optional(m)
        return Bed(
            kind=opt("kind", lambda n: self.choice(n, "bed.kind", BED_KINDS)) or Bed.kind,
            level=float(_first(opt("level", lambda n: self.number(n, "bed.level", -60, -20)), Bed.level)),
        )

    def flag(self, node: Located, where: str) -> bool:
        if not isinstance(node.value, bool):
            raise self.fail(node, f"{where} must be true or false, not {kind_of(node.value)}")
        return node.value

    def voice(self, node: Located) -> Voice:
        m = self.mapping(node, "voice", VOICE_KEYS)
        opt = _optional(m)
        return Voice(
            engine=opt("engine", lambda n: self.text(n, "voice.engine")) or Voice.engine,
            id=opt("id", lambda n: self.text(n, "voice.id")),
            rate=opt("rate", lambda n: self.whole(n, "voice.rate", MIN_RATE, MAX_RATE)) or Voice.rate,
            volume=float(_first(opt("volume", lambda n: self.number(n, "voice.volume", 0.05, 1.0)), Voice.volume)),
            engine_line=m["engine"].line if "engine" in m else 0,
            id_line=m["id"].line if "id" in m else 0,
        )

    def breath(self, node: Located) -> Breath:
        m = self.mapping(node, "breath", BREATH_KEYS)
        opt = _optional(m)
        return Breath(
            inhale_ms=opt("inhale", lambda n: self.duration(n, "breath.inhale", 1000, 30_000)) or Breath.inhale_ms,
            exhale_ms=opt("exhale", lambda n: self.duration(n, "breath.exhale", 1000, 30_000)) or Breath.exhale_ms,
        )

    def pauses(self, node: Located) -> Pauses:
        m = self.mapping(node, "pauses", PAUSE_KEYS)
        opt = _optional(m)
        return Pauses(
            step_ms=_first(opt("step", lambda n: self.duration(n, "pauses.step", 0, 120_000)), Pauses.step_ms),
            pose_ms=_first(opt("pose", lambda n: self.duration(n, "pauses.pose", 0, 600_000)), Pauses.pose_ms),
        )

    def pose(self, node: Located, where: str) -> Pose:
        m = self.mapping(node, where, POSE_KEYS, ("name", "setup", "hold"))
        opt = _optional(m)
        name = self.text(m["name"], f"{where}.name")
        where = f"{where} ({name})"
        sides = opt("sides", lambda n: self.sides(n, f"{where}.sides")) or ()
        ph = ("side", "other_side") if sides else ()
        return Pose(
            name=name,
            setup=self.texts(m["setup"], f"{where}.setup", ph),
            hold=self.hold(m["hold"], f"{where}.hold"),
            props=opt("props", lambda n: self.texts(n, f"{where}.props")) or (),
            sides=sides,
            reminders=opt("reminders", lambda n: self.texts(n, f"{where}.reminders", ph)) or (),
            release=opt("release", lambda n: self.text(n, f"{where}.release", ph)),
            breath_cues=opt("breath_cues", lambda n: self.choice(n, f"{where}.breath_cues", BREATH_CUES)) or "guided",
            transition=opt("transition", lambda n: self.text(n, f"{where}.transition", ph)) or Pose.transition,
            rate=opt("rate", lambda n: self.whole(n, f"{where}.rate", MIN_RATE, MAX_RATE)),
            line=node.line,
        )

    def hold(self, node: Located, where: str) -> Hold:
        if node.value is None:
            raise self.fail(node, f"{where} is empty; write a duration like 5m, 5-8m or 6 breaths")
        if isinstance(node.value, (list, dict)):
            raise self.fail(node, f"{where} must be one duration like 5m, 5-8m or 6 breaths, not {kind_of(node.value)}")
        try:
            return parse_hold(_written(node))
        except ValueError as e:
            raise self.fail(node, f"{where}: {e}") from None

    def sides(self, node: Located, where: str) -> tuple[str, ...]:
        if not isinstance(node.value, list) or not node.value:
            raise self.fail(node, f"{where} must be a list such as [right, left]")
        sides = tuple(self.choice(item, where, SIDES) for item in node.value)
        if len(set(sides)) != len(sides):
            raise self.fail(node, f"{where} names a side twice; write [right, left] or [left, right]")
        return sides

    def choice(self, node: Located, where: str, allowed: tuple[str, ...]) -> str:
        value = node.value
        if not isinstance(value, str) or value.strip().lower() not in allowed:
            raise self.fail(node, f"{where} must be one of {', '.join(allowed)}, not {value!r}")
        return value.strip().lower()


def _written(node: Located) -> Any:
    """A duration as the user wrote it: YAML reads ``1:30`` as 90 and ``010`` as 8."""
    return node.raw.strip() if node.raw is not None and not isinstance(node.value, bool) else node.value


def _optional(mapping: dict[str, Located]) -> Callable[[str, Callable[[Located], Any]], Any]:
    def get(key: str, read: Callable[[Located], Any]) -> Any:
        node = mapping.get(key)
        return None if node is None else read(node)

    return get


def _first(value: Any, default: Any) -> Any:
    return default if value is None else value
