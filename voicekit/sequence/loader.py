"""Sequence file -> validated :class:`~voicekit.sequence.model.Sequence`, with file:line errors.

The keys a file may have are described once, in ``fields``; single values are read by ``values``;
poses used by id come from the pose ``library``.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from voicekit.errors import SequenceError, excerpt
from voicekit.files import not_regular
from voicekit.language.phrases import ENGLISH_PHRASES, FIELDS, keys, phrases_for, required
from voicekit.language.phrases import language as language_table
from voicekit.places import SHIPPED_DIR
from voicekit.sequence import fields, library
from voicekit.sequence import yaml_tree as yamlsafe
from voicekit.sequence.model import BED_KINDS, BELLS, GATHER_MS, GUIDANCE, Bed, Pauses, Pose, Round, Sequence, Voice
from voicekit.sequence.pose_reader import PoseReader, PoseSource, bounds
from voicekit.sequence.values import Reader, shown
from voicekit.sequence.yaml_tree import Located, read_text

Libraries = Callable[[list[Path]], PoseSource]
"""Reads the pose library of the given folders (``library.read_once``: each once for many sequences)."""


def load_sequence(path: str | Path, libraries: Libraries | None = None) -> Sequence:
    """Read and validate a sequence file; ``libraries``: how its pose library is read (default: afresh)."""
    path = Path(path)
    return parse_sequence(read_text(path), str(path), name=path.stem, libraries=libraries)


def parse_sequence(
    text: str,
    file: str = "<sequence>",
    name: str = "sequence",
    poses: PoseSource | None = None,
    libraries: Libraries | None = None,
) -> Sequence:
    """Validate sequence YAML given as text; ``poses``: the pose library already read (default: read it,
    with the sequence's own ``library:``, by ``libraries``)."""
    return SequenceReader(file, poses, libraries).sequence(yamlsafe.load(text, file), name)


SHIPPED_PRONOUNCE = SHIPPED_DIR / "pronounce"


@lru_cache(maxsize=16)
def shipped_pronunciations(tag: str) -> tuple[tuple[str, str], ...]:
    """voicekit's own table of how words are said in a language (``pronounce/<language>.yaml``: the
    Sanskrit names, a borrowed word the voice stresses wrong); the user's table and a sequence's win."""
    return load_pronunciations(SHIPPED_PRONOUNCE / f"{tag.split('-')[0].lower()}.yaml")


def load_pronunciations(path: Path) -> tuple[tuple[str, str], ...]:
    """The user's own pronunciation table (a YAML mapping, like a sequence's ``pronounce:``); none if
    the file does not exist."""
    if not path.exists():
        return ()
    return Reader(str(path)).table(yamlsafe.load(read_text(path), str(path)), "pronunciations")


class SequenceReader(PoseReader):
    """Reads a whole sequence file."""

    def __init__(self, file: str, poses: PoseSource | None = None, libraries: Libraries | None = None) -> None:
        super().__init__(file, poses)
        self.extra: tuple[Path, ...] = ()
        self.libraries: Libraries = libraries or library.Library

    @property
    def library(self) -> PoseSource:
        if self._library is None:
            self._library = self.libraries([*library.default_sources(), *self.extra])
        return super().library

    def sequence(self, root: Located, name: str) -> Sequence:
        top = self.mapping(root, "the top level", fields.SEQUENCE)
        opt = _optional(top)
        language = self.language(top["language"], "language") if "language" in top else "en"
        own = self.own_phrases(top["phrases"], language) if "phrases" in top else ()
        missing = [key for key in required(language) if key not in dict(own)]
        if missing:
            raise self.fail(
                top.get("language", root),
                f"language {language}: voicekit has no phrases in it, so phrases: must give them all; missing: "
                f"{', '.join(missing)} (`voicekit phrases` prints them to translate)",
            )
        self.phrases = phrases_for(language, own)
        if "library" in top:
            self.extra = self.paths(top["library"], "library", Path(self.file).parent)
        poses_node = top["poses"]
        if not isinstance(poses_node.value, list):
            raise self.fail(poses_node, f"poses must be a list of poses, not {shown(poses_node)}")
        if not poses_node.value:
            raise self.fail(poses_node, "poses is empty; a sequence needs at least one pose")
        poses, rounds = self.items(poses_node.value)
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
            breath=opt("breath", lambda n: self.breath(n, "breath")) or Sequence.breath,
            breath_cues=opt("breath_cues", lambda n: self.breath_cues(n, "breath_cues")),
            guidance=opt("guidance", lambda n: self.choice(n, "guidance", GUIDANCE)) or Sequence.guidance,
            pauses=opt("pauses", self.pauses) or Pauses(),
            intro=opt("intro", lambda n: " ".join(self.texts(n, "intro"))),
            outro=opt("outro", lambda n: " ".join(self.texts(n, "outro"))),
            bed=opt("bed", self.bed),
            chimes=bool(opt("chimes", lambda n: self.flag(n, "chimes"))),
            bell=opt("bell", lambda n: self.choice(n, "bell", BELLS)) or Sequence.bell,
            pronounce=opt("pronounce", lambda n: self.table(n, "pronounce")) or (),
            length_ms=opt("length", lambda n: self.duration(n, "length", *bounds(fields.SEQUENCE, "length"))),
            library=tuple(str(p) for p in self.extra),
            time_cues=opt("time_cues", lambda n: self.time_cues(n, "time_cues")) or (),
            bells=opt("bells", lambda n: self.bells(n, "bells")),
            rounds=rounds,
            language=language,
            phrases=own,
            gather_ms=self.gather(top["gather"]) if "gather" in top else GATHER_MS,
        )

    def gather(self, node: Located) -> int | None:
        """``gather: 45s``, or ``none`` (no props phrase, no quiet)."""
        if isinstance(node.value, str) and node.value.strip().lower() == "none":
            return None
        try:
            return self.duration(node, "gather", *bounds(fields.SEQUENCE, "gather"))
        except SequenceError:
            raise self.fail(node, f"gather must be a duration such as 45s, or none, not {shown(node)}") from None

    def own_phrases(self, node: Located, language: str) -> tuple[tuple[str, str], ...]:
        """``phrases:``: the practice's own words for what voicekit says and writes, each key one of the
        language's phrases, each text filling only that phrase's fields."""
        if not isinstance(node.value, dict):
            raise self.fail(node, "phrases must map phrase keys to texts, like breath.in: Breathe in slowly.")
        known = keys(language_table(language) or ENGLISH_PHRASES.table)
        found = []
        for key, value in node.value.items():
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.7)
                hint = f"did you mean {close[0]!r}?" if close else "`voicekit phrases` lists them"
                raise self.fail(value, f"unknown key phrases.{excerpt(key)[1:-1]}; {hint}")
            found.append((key, self.text(value, f"phrases.{key}", FIELDS.get(key.removesuffix(".one"), ()))))
        return tuple(found)

    def items(self, nodes: list[Located]) -> tuple[tuple[Pose, ...], tuple[Round, ...]]:
        """The items of ``poses:``: poses (which may ``repeat``) and ``round:`` blocks of poses, the poses
        in the order written, and where the rounds are among them."""
        poses: list[Pose] = []
        rounds: list[Round] = []
        for i, node in enumerate(nodes):
            where = f"poses[{i + 1}]"
            if isinstance(node.value, dict) and "round" in node.value:
                m = self.mapping(node, where, fields.ROUND)
                items = self._listed(m["round"], f"{where}.round")
                block = [self._round_pose(item, f"{where}.round[{j + 1}]") for j, item in enumerate(items)]
                name = self.text(m["name"], f"{where}.name") if "name" in m else None
                repeat = self._repeat(m["repeat"], f"{where}.repeat")
                rounds += [Round(len(poses), len(block), repeat, name, node.line)] if repeat > 1 else []
                poses += block
                continue
            pose = self.pose(node, where, fields.SEQUENCE_POSE)
            if isinstance(node.value, dict) and "repeat" in node.value:
                repeat = self._repeat(node.value["repeat"], f"{where} ({pose.name}).repeat")
                rounds += [Round(len(poses), 1, repeat, None, node.line)] if repeat > 1 else []
            poses.append(pose)
        return tuple(poses), tuple(rounds)

    def _listed(self, node: Located, where: str) -> list[Located]:
        if not isinstance(node.value, list) or not node.value:
            raise self.fail(node, f"{where} must be a list of the poses of one round (at least one)")
        return node.value

    def _round_pose(self, node: Located, where: str) -> Pose:
        if isinstance(node.value, dict) and "round" in node.value:
            raise self.fail(node, f"{where}: a round cannot hold another round; write its poses in it")
        if isinstance(node.value, dict) and "repeat" in node.value:
            hint = "a pose in a round plays once a round; set repeat on the round"
            raise self.fail(node.value["repeat"], f"{where}.repeat: {hint}")
        return self.pose(node, where)

    def _repeat(self, node: Located, where: str) -> int:
        return self.whole(node, where, *bounds(fields.ROUND, "repeat"), unit="rounds")

    def bed(self, node: Located) -> Bed:
        if isinstance(node.value, str):  # bed: drone
            return Bed(kind=self.choice(node, "bed", BED_KINDS))
        m = self.mapping(node, "bed", fields.BED)
        opt = _optional(m)
        level = bounds(fields.BED, "level")
        apart = fields.field(fields.SEQUENCE, "bed").apart
        if all(key in m for key in apart):
            raise self.fail(m[apart[-1]], "bed: give a kind or a file, not both")
        return Bed(
            kind=opt("kind", lambda n: self.choice(n, "bed.kind", BED_KINDS)) or Bed.kind,
            level=float(_first(opt("level", lambda n: self.number(n, "bed.level", *level)), Bed.level)),
            file=opt("file", self.bed_file),
            line=m["file"].line if "file" in m else 0,
            origin=self.file,
        )

    def bed_file(self, node: Located) -> str:
        """An audio file that exists and can be read, relative to the sequence file (its content is
        checked when it is decoded)."""
        if not isinstance(node.value, str) or not node.value.strip():
            raise self.fail(node, "bed.file must be the path of an audio file, relative to this file")
        path = (Path(self.file).parent / node.value.strip()).expanduser()
        written = node.value.strip()
        try:
            kind = not_regular(os.stat(path).st_mode)
            if kind:
                raise self.fail(node, f"bed.file: {written} is {kind}, not a regular file")
            with open(path, "rb", opener=yamlsafe.without_waiting) as f:
                empty = not f.read(1)
        except FileNotFoundError:
            raise self.fail(node, f"bed.file: {written} does not exist (paths are relative to this file)") from None
        except OSError as e:
            raise self.fail(node, f"bed.file: {written} cannot be read ({e.strerror})") from None
        if empty:
            raise self.fail(node, f"bed.file: {written} is empty")
        return str(path.resolve())

    def voice(self, node: Located) -> Voice:
        m = self.mapping(node, "voice", fields.VOICE)
        opt = _optional(m)
        rate, volume = bounds(fields.VOICE, "rate"), bounds(fields.VOICE, "volume")
        return Voice(
            engine=opt("engine", lambda n: self.text(n, "voice.engine")),
            id=opt("id", lambda n: self.text(n, "voice.id")),
            rate=opt("rate", lambda n: self.whole(n, "voice.rate", *rate)) or Voice.rate,
            volume=float(_first(opt("volume", lambda n: self.number(n, "voice.volume", *volume)), Voice.volume)),
            engine_line=m["engine"].line if "engine" in m else 0,
            id_line=m["id"].line if "id" in m else 0,
        )

    def pauses(self, node: Located) -> Pauses:
        m = self.mapping(node, "pauses", fields.PAUSES)
        return Pauses(
            step_ms=_first(self._duration(m, "pauses", fields.PAUSES, "step"), Pauses.step_ms),
            pose_ms=_first(self._duration(m, "pauses", fields.PAUSES, "pose"), Pauses.pose_ms),
        )

    def _duration(self, m: dict[str, Located], group: str, table: tuple[fields.Field, ...], key: str) -> int | None:
        if key not in m:
            return None
        return self.duration(m[key], f"{group}.{key}", *bounds(table, key))


def _optional(mapping: dict[str, Located]) -> Callable[[str, Callable[[Located], Any]], Any]:
    def get(key: str, read: Callable[[Located], Any]) -> Any:
        node = mapping.get(key)
        return None if node is None else read(node)

    return get


def _first(value: Any, default: Any) -> Any:
    return default if value is None else value
