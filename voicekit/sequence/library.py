"""The pose library: poses written once, in pose files, used by id (``- use: reclining-twist``).

The library is the shipped ``poses/`` folder, then the user's own (``poses/`` in the user config
folder), then a sequence's ``library:`` paths: a later pose with the same id overrides an earlier
one. A library pose may itself ``use`` another; a pose that uses a pose that uses it is an error.
Files are read when a pose is first asked for, and each pose is validated in its own file. A pose
asked for in another language is its translation (``poses/<lang>/``, see ``translations``) where there
is one, else the English pose.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from voicekit.errors import BAD_FILE, describe
from voicekit.language.phrases import phrases_for
from voicekit.places import SHIPPED_DIR, config_dir
from voicekit.sequence import fields, yaml_tree
from voicekit.sequence.breath import Breath, BreathCues, Flow
from voicekit.sequence.model import Pose, Step
from voicekit.sequence.pose_reader import PoseReader, written_as_flow
from voicekit.sequence.translations import Translation, Translator, folders, read_file, tags_for
from voicekit.sequence.values import Reader
from voicekit.sequence.yaml_tree import Located

SHIPPED_POSES = SHIPPED_DIR / "poses"


@dataclass(frozen=True)
class Entry:
    """A pose as written in its file, not yet read."""

    node: Located
    file: Path
    language: str = "en"
    """Its file's ``language:``."""
    rank: int = 0
    """Which of the library's sources it is in (a later one overrides an earlier one)."""


def pose_files(source: Path) -> list[Path]:
    """A file, or the YAML files of a folder (in name order)."""
    if source.is_dir():
        return sorted(p for p in source.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [source] if source.is_file() else []


def default_sources() -> list[Path]:
    """The shipped poses, then the user's own."""
    return [SHIPPED_POSES, config_dir() / "poses"]


def read_once() -> Callable[[list[Path]], Library]:
    """Libraries each read once for its sources: the practices of a shelf share one instead of each
    reading every pose file again (with 120 practices, most of a listing's time)."""
    read: dict[tuple[Path, ...], Library] = {}

    def library(sources: list[Path]) -> Library:
        key = tuple(sources)
        if key not in read:
            read[key] = Library(sources)
        return read[key]

    return library


class Library:
    """Poses by id; see the module docstring."""

    def __init__(self, sources: list[Path]) -> None:
        self.sources = sources
        self.entries: dict[str, Entry] = {}
        self.unreadable: dict[Path, str] = {}
        """Pose files that cannot be read, and why: one bad file is one bad entry, the rest is the library."""
        for rank, source in enumerate(sources):
            for path in pose_files(source):
                try:
                    self.entries |= self._read(path, rank)
                except BAD_FILE as e:
                    self.unreadable[path] = describe(e, path)
        self._poses: dict[tuple[str, str], Pose] = {}
        self._translations: dict[str, dict[str, Translation]] = {}

    def _read(self, path: Path, rank: int) -> dict[str, Entry]:
        """The poses of one file, by id (all of them, or an error)."""
        found: dict[str, Entry] = {}
        reader = Reader(str(path))
        text = yaml_tree.read_text(path)
        top = reader.mapping(yaml_tree.load(text, str(path)), "the top level", fields.POSE_FILE)
        language = reader.language(top["language"], "language") if "language" in top else "en"
        node = top["poses"]
        if not isinstance(node.value, list) or not node.value:
            raise reader.fail(node, "poses must be a list of poses, each with an id")
        for i, item in enumerate(node.value):
            where = f"poses[{i + 1}]"
            mapping = reader.mapping(item, where, fields.LIBRARY_FLOW if written_as_flow(item) else fields.LIBRARY_POSE)
            found[reader.pose_id(mapping["id"], f"{where}.id")] = Entry(item, path, language, rank)
        return found

    def ids(self) -> list[str]:
        return sorted(self.entries)

    def pose(self, pose_id: str, chain: tuple[str, ...] = (), language: str = "en") -> Pose:
        """The pose ``pose_id``, its ``use`` followed (KeyError if there is no such pose); in ``language``
        where it is translated into it (pt-br: else pt), else as written."""
        if (pose_id, language) in self._poses:
            return self._poses[pose_id, language]
        found = self.translation(pose_id, language)
        if found is not None:
            made = Translator(found, self).translated(self.pose(pose_id, chain))
        elif (pose_id, "en") in self._poses:
            made = self._poses[pose_id, "en"]
        else:
            entry = self.entries[pose_id]
            reader = PoseReader(str(entry.file), self, (*chain, pose_id))
            reader.phrases = phrases_for(entry.language)
            made = reader.pose(entry.node, f"pose {pose_id}")
        self._poses[pose_id, language] = made
        return made

    def translation(self, pose_id: str, language: str) -> Translation | None:
        """The translation of ``pose_id`` into ``language`` (its own folder's, else its primary
        language's), from the pose's source or a later one; None if there is none."""
        rank = self.entries[pose_id].rank
        for tag in tags_for(language):
            found = self.translated(tag).get(pose_id)
            if found is not None and found.rank >= rank:
                return found
        return None

    def translated(self, tag: str) -> dict[str, Translation]:
        """Every translation into ``tag`` by id, its folders read the first time (later sources win)."""
        if tag not in self._translations:
            found: dict[str, Translation] = {}
            for rank, source in enumerate(self.sources):
                for folder in folders(source, tag):
                    for path in pose_files(folder):
                        found |= read_file(path, tag, rank, self)
            self._translations[tag] = found
        return self._translations[tag]

    def suggest(self, pose_id: str) -> str:
        """What to say after "no pose X": a close id, and a pose file that cannot be read (it may hold X)."""
        close = difflib.get_close_matches(pose_id, self.ids(), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        if self.unreadable:
            hint += f"a pose file that may hold it cannot be read: {next(iter(self.unreadable.values()))}; "
        return hint


def record(pose: Pose) -> dict:
    """A pose as ``voicekit poses --json`` prints it: its id, its name and every field."""

    def steps(found: tuple[Step, ...]) -> list[dict]:
        return [{"say": s.text, "move": s.move_ms / 1000, "first_side": s.first_side} for s in found]

    return {
        "id": pose.id,
        "name": pose.name,
        "names": list(pose.names),
        "position": pose.position,
        "focus": list(pose.focus),
        "kind": pose.kind,
        "level": pose.level,
        "avoid": list(pose.avoid),
        "counter": list(pose.counter),
        "props": list(pose.props),
        "sides": list(pose.sides),
        "hold": pose.hold.shown("rounds" if pose.flow else "breaths"),
        "transition_in": pose.transition_in,
        "setup": steps(pose.setup),
        "second_side": steps(pose.second_side),
        "breath": _breath(pose.breath),
        "breath_cues": _cues(pose.breath_cues),
        "flow": _flow(pose.flow),
        "reminders": list(pose.reminders),
        "release": pose.release,
        "transition": pose.transition,
        "cautions": [{"say": c.text, "spoken": c.spoken} for c in pose.cautions],
        "rate": pose.rate,
        "language": pose.language,
    }


def _breath(breath: Breath | None) -> str | dict | None:
    """A breath pattern as written: its name, or its phases in seconds."""
    if breath is None or breath.name:
        return breath.name if breath else None
    phases = ("inhale", breath.inhale_ms), ("hold", breath.hold_ms), ("exhale", breath.exhale_ms)
    return {key: ms / 1000 for key, ms in (*phases, ("hold_out", breath.hold_out_ms))}


def _cues(cues: BreathCues | None) -> str | dict | None:
    """Breath cues as written: guided, counted or silent, or its own words per phase."""
    if cues is None or not (cues.inhale or cues.exhale or cues.hold or cues.every):
        return cues.mode if cues else None
    return {"in": cues.inhale, "out": cues.exhale, "hold": cues.hold, "every": cues.every}


def _flow(flow: Flow | None) -> dict | None:
    if flow is None:
        return None
    moves = [{m.phase: {"say": m.say, "short": m.short}} for m in flow.movements]
    return {"movements": moves, "round_cues": flow.round_cues}


@dataclass(frozen=True)
class Wanted:
    """What ``voicekit poses`` filters by: each list empty (anything), or the values one of which it has."""

    focus: tuple[str, ...] = ()
    position: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    level: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    """Conditions the listener has: a pose that should avoid one of them is left out."""

    def admits(self, pose: Pose) -> bool:
        return (
            (not self.focus or bool(set(self.focus) & set(pose.focus)))
            and (not self.position or pose.position in self.position)
            and (not self.kind or pose.kind in self.kind)
            and (not self.level or pose.level in self.level)
            and not set(self.avoid) & set(pose.avoid)
        )
