"""The pose library: poses written once, in pose files, used by id (``- use: reclining-twist``).

The library is the shipped ``poses/`` folder, then the user's own (``poses/`` in the user config
folder), then a sequence's ``library:`` paths: a later pose with the same id overrides an earlier
one. A library pose may itself ``use`` another; a pose that uses a pose that uses it is an error.
Files are read when a pose is first asked for, and each pose is validated in its own file.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from voicekit.errors import BAD_FILE, describe
from voicekit.language.phrases import phrases_for
from voicekit.places import SHIPPED_DIR, config_dir
from voicekit.sequence import fields, yaml_tree
from voicekit.sequence.model import Pose
from voicekit.sequence.pose_reader import PoseReader, written_as_flow
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


def pose_files(source: Path) -> list[Path]:
    """A file, or the YAML files of a folder (in name order)."""
    if source.is_dir():
        return sorted(p for p in source.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [source] if source.is_file() else []


def default_sources() -> list[Path]:
    """The shipped poses, then the user's own."""
    return [SHIPPED_POSES, config_dir() / "poses"]


class Library:
    """Poses by id; see the module docstring."""

    def __init__(self, sources: list[Path]) -> None:
        self.entries: dict[str, Entry] = {}
        self.unreadable: dict[Path, str] = {}
        """Pose files that cannot be read, and why: one bad file is one bad entry, the rest is the library."""
        for source in sources:
            for path in pose_files(source):
                try:
                    self.entries |= self._read(path)
                except BAD_FILE as e:
                    self.unreadable[path] = describe(e, path)
        self._poses: dict[str, Pose] = {}

    def _read(self, path: Path) -> dict[str, Entry]:
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
            found[reader.pose_id(mapping["id"], f"{where}.id")] = Entry(item, path, language)
        return found

    def ids(self) -> list[str]:
        return sorted(self.entries)

    def pose(self, pose_id: str, chain: tuple[str, ...] = ()) -> Pose:
        """The pose ``pose_id``, its ``use`` followed (KeyError if there is no such pose)."""
        if pose_id in self._poses:
            return self._poses[pose_id]
        entry = self.entries[pose_id]
        reader = PoseReader(str(entry.file), self, (*chain, pose_id))
        reader.phrases = phrases_for(entry.language)
        made = reader.pose(entry.node, f"pose {pose_id}")
        self._poses[pose_id] = made
        return made

    def suggest(self, pose_id: str) -> str:
        """What to say after "no pose X": a close id, and a pose file that cannot be read (it may hold X)."""
        close = difflib.get_close_matches(pose_id, self.ids(), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        if self.unreadable:
            hint += f"a pose file that may hold it cannot be read: {next(iter(self.unreadable.values()))}; "
        return hint
