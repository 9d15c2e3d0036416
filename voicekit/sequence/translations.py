"""Translated poses: ``poses/<lang>/<file>.yaml`` beside the English pose files.

A translation file has ``language: de`` at its top and a list of poses by the ids of the English ones,
each holding only texts (``TEXT_KEYS``); everything else (position, props, sides, hold, breath, ...)
comes from the English pose. A translation gives every text the English pose has, and its step lists
mirror the English ones (the same steps, each with the same ``move:`` and ``first_side:``), so a
practice lasts the same in every language and no English is left to be spoken. A folder is read the
first time a pose is asked for in its language; each pose is checked when it is first used.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from voicekit.errors import SequenceError
from voicekit.language.phrases import normal_tag, phrases_for
from voicekit.sequence import fields, yaml_tree
from voicekit.sequence.breath import Flow
from voicekit.sequence.fields import TEXT_KEYS
from voicekit.sequence.model import Pose, Step
from voicekit.sequence.pose_reader import PoseReader, PoseSource
from voicekit.sequence.values import Reader
from voicekit.sequence.yaml_tree import Located

OPTIONAL = ("names", "pronounce")
"""Texts a translation may leave out: the English pose's names are kept (Sanskrit is Sanskrit); its
respellings are the English voice's, so a translated pose has only its own."""
POSE_KEYS = frozenset(fields.keys((*fields.POSE, *fields.FLOW)))


@dataclass(frozen=True)
class Translation:
    """A pose's texts in one language, as written, not yet read."""

    node: Located
    file: Path
    language: str
    rank: int
    """Which library source its folder is in: it translates only a pose of that source or an earlier one."""


def folders(source: Path, tag: str) -> list[Path]:
    """The translation folders of one library source for ``tag`` (``pt-BR/`` for pt-br: any case)."""
    if not source.is_dir():
        return []
    return sorted(p for p in source.iterdir() if p.is_dir() and normal_tag(p.name) == tag)


def tags_for(language: str) -> list[str]:
    """The folders a pose is looked for in, in turn: the tag's own (pt-br), then its language's (pt)."""
    primary = language.split("-")[0]
    return [t for t in dict.fromkeys((language, primary)) if t != "en"]


def read_file(path: Path, tag: str, rank: int, known: PoseSource) -> dict[str, Translation]:
    """The poses of one translation file by id; an unknown id, a key that is not a text, or a
    ``language:`` that is not its folder's is an error at its line."""
    reader = Reader(str(path))
    top = reader.mapping(yaml_tree.load(yaml_tree.read_text(path), str(path)), "the top level", fields.TRANSLATION_FILE)
    written = reader.language(top["language"], "language")
    if written != tag:
        raise reader.fail(top["language"], f"language is {written} but the file is in the folder {path.parent.name}")
    node = top["poses"]
    if not isinstance(node.value, list) or not node.value:
        raise reader.fail(node, "poses must be a list of translated poses, each with the id of an English one")
    found: dict[str, Translation] = {}
    for i, item in enumerate(node.value):
        where = f"poses[{i + 1}]"
        for key, value in item.value.items() if isinstance(item.value, dict) else ():
            if key in POSE_KEYS and key not in TEXT_KEYS:
                texts = ", ".join(TEXT_KEYS)
                raise reader.fail(value, f"{where}.{key} is not a text: a translation holds only {texts}; "
                                  f"{key} comes from the English pose")  # fmt: skip
        m = reader.mapping(item, where, fields.TRANSLATED)
        pose_id = reader.pose_id(m["id"], f"{where}.id")
        if pose_id not in known.entries:
            hint = known.suggest(pose_id)
            raise reader.fail(m["id"], f"{where}.id: no pose {pose_id!r} in the library to translate; {hint}"
                              "`voicekit poses` lists them")  # fmt: skip
        found[pose_id] = Translation(item, path, tag, rank)
    return found


class Translator(PoseReader):
    """Reads one translated pose over its English pose."""

    def __init__(self, found: Translation, library: PoseSource) -> None:
        super().__init__(str(found.file), library)
        self.phrases = phrases_for(found.language)
        self.found = found

    def translated(self, english: Pose) -> Pose:
        node = self.found.node
        m: dict[str, Located] = dict(node.value)
        where = f"pose {english.id}"
        if "name" in m:
            where = f"{where} ({self.text(m['name'], f'{where}.name')})"
        self._drop_copied(m, english, where)
        has = _texts_of(english)
        for key in TEXT_KEYS:
            if key in has and key not in m and key not in OPTIONAL:
                raise self.fail(node, f"{where} is missing {key}: the English pose has it, and a translation "
                                "gives every text (or it would be spoken in English)")  # fmt: skip
            if key in m and key not in has and key not in OPTIONAL:
                raise self.fail(m[key], f"{where}.{key}: the English pose has none; remove it")
        ph = self.phrases.placeholders() if english.sides else ()
        values: dict = {"names": english.names, "pronounce": ()}
        for key in ("setup", "second_side"):
            if key in m:
                table = fields.STEP if key == "setup" else fields.SECOND_STEP
                values[key] = self._mirrored(self.steps(m[key], f"{where}.{key}", table, ph), getattr(english, key),
                                             m[key], f"{where}.{key}")  # fmt: skip
        if "transition_in" in m:
            if not isinstance(m["transition_in"].value, str):
                raise self.fail(m["transition_in"], f"{where}.transition_in must be the text said instead of the move")
            values["transition_in"] = self.transition_in(m["transition_in"], f"{where}.transition_in", ph)
        for key in ("release", "transition"):
            if key in m:
                values[key] = self.text(m[key], f"{where}.{key}", ph)
        if "reminders" in m:
            values["reminders"] = self.texts(m["reminders"], f"{where}.reminders", ph)
        if "names" in m:
            values["names"] = self.texts(m["names"], f"{where}.names")
        if "pronounce" in m:
            values["pronounce"] = self.table(m["pronounce"], f"{where}.pronounce")
        if "cautions" in m:
            values["cautions"] = self._cautions(m["cautions"], english, f"{where}.cautions", ph)
        if "breath_cues" in m:
            values["breath_cues"] = self._breath_cues(m["breath_cues"], english, f"{where}.breath_cues", ph)
        if "flow" in m:
            values["flow"] = self._flow(m["flow"], english, f"{where}.flow", ph)
        name = self.text(m["name"], f"{where}.name")
        language = self.found.language
        return replace(english, name=name, language=language, file=self.file, line=node.line, **values)

    def _drop_copied(self, m: dict[str, Located], english: Pose, where: str) -> None:
        """Take out what a translator copied from the English pose that is no text (``transition_in: false``,
        ``breath_cues: guided``): valid as it is there, so kept from there; a value the English pose does not
        have is refused, naming the English one's (a translation changes texts only)."""
        node = m.get("transition_in")
        if node is not None and node.value is False:
            if english.transition_in is not False:
                raise self.fail(node, f"{where}.transition_in: false, but the English pose says the move; a "
                                "translation gives only the text said instead of it")  # fmt: skip
            del m["transition_in"]
        node = m.get("breath_cues")
        if node is not None:
            cues = self.breath_cues(node, f"{where}.breath_cues")
            if cues.inhale or cues.exhale or cues.hold:
                return  # words: checked against the English pose's words
            if cues != english.breath_cues:
                theirs = english.breath_cues.mode if english.breath_cues else "the practice's"
                raise self.fail(node, f"{where}.breath_cues: the English pose's are {theirs}; a translation gives "
                                "only their words (or leaves them out)")  # fmt: skip
            del m["breath_cues"]

    def _mirrored(self, steps: tuple[Step, ...], english: tuple[Step, ...], node: Located, where: str) -> tuple:
        """The steps, checked against the English ones: one for one, each moving the same."""
        if len(steps) != len(english):
            raise self.fail(node, f"{where} has {len(steps)} steps, the English pose {len(english)}; a translation "
                            "keeps the steps one for one (the timing is the same in every language)")  # fmt: skip
        for i, (step, theirs) in enumerate(zip(steps, english, strict=True)):
            for what, mine, other in (
                ("move", _seconds(step.move_ms), _seconds(theirs.move_ms)),
                ("first_side", str(step.first_side).lower(), str(theirs.first_side).lower()),
            ):
                if mine != other:
                    raise SequenceError(
                        f"{where}[{i + 1}]: {what}: {other} in the English pose, {mine} here; write the step "
                        f"with the same {what} (the timing is the same in every language)",
                        self.file,
                        step.line,
                    )
        return steps

    def _cautions(self, node: Located, english: Pose, where: str, ph: tuple[str, ...]) -> tuple:
        found = self.cautions(node, where, ph)
        forms = [c.spoken for c in found], [c.spoken for c in english.cautions]
        if forms[0] != forms[1]:
            said = ", ".join("{say: ...}" if spoken else "text" for spoken in forms[1])
            raise self.fail(node, f"{where} must mirror the English cautions, in order: {said}")
        return found

    def _breath_cues(self, node: Located, english: Pose, where: str, ph: tuple[str, ...]) -> object:
        cues = self.breath_cues(node, where, ph)
        theirs = english.breath_cues
        assert theirs is not None  # has "breath_cues" only with words
        given = [k for k, v in (("in", cues.inhale), ("out", cues.exhale), ("hold", cues.hold)) if v]
        wanted = [k for k, v in (("in", theirs.inhale), ("out", theirs.exhale), ("hold", theirs.hold)) if v]
        if given != wanted or cues.every != theirs.every:
            every = f", every: {str(theirs.every).lower()}" if theirs.every else ""
            raise self.fail(node, f"{where} must give the words of the English pose: {', '.join(wanted)}{every}")
        return cues

    def _flow(self, node: Located, english: Pose, where: str, ph: tuple[str, ...]) -> Flow:
        moves = self.movements(node, where, ph)
        theirs = english.flow.movements if english.flow else ()
        forms = [(m.phase, m.short is not None) for m in moves], [(m.phase, m.short is not None) for m in theirs]
        if forms[0] != forms[1]:
            said = ", ".join(f"{phase}{' (say, short)' if short else ''}" for phase, short in forms[1])
            raise self.fail(node, f"{where} must mirror the English movements, in order: {said}")
        return Flow(moves, english.flow.round_cues if english.flow else False)


def _seconds(ms: int) -> str:
    return f"{ms / 1000:g}s" if ms else "none"


def _texts_of(pose: Pose) -> set[str]:
    """The text keys an English pose has: those its translation must give."""
    cues = pose.breath_cues
    has = {
        "name": True,
        "names": bool(pose.names),
        "setup": bool(pose.setup),
        "second_side": bool(pose.second_side),
        "transition_in": isinstance(pose.transition_in, str),
        "reminders": bool(pose.reminders),
        "release": pose.release is not None,
        "transition": pose.transition is not None,
        "cautions": bool(pose.cautions),
        "breath_cues": bool(cues and (cues.inhale or cues.exhale or cues.hold)),
        "flow": bool(pose.flow and pose.flow.movements),
        "pronounce": bool(pose.pronounce),
    }
    return {key for key, present in has.items() if present}
