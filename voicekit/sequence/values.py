"""Reading single values of a sequence or pose file: each checked, each error at its file and line."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from voicekit.errors import SequenceError, excerpt
from voicekit.files import not_regular
from voicekit.language.phrases import ENGLISH_PHRASES, Phrases, normal_tag
from voicekit.sequence.durations import LIMIT_MS, Hold, parse_hold, parse_time_ms
from voicekit.sequence.fields import Field, keys
from voicekit.sequence.model import Bells, TimeCue
from voicekit.sequence.pronounce import longest
from voicekit.sequence.texts import kind_of, not_decimal, spoken_text
from voicekit.sequence.yaml_tree import Located

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TIME_CUE_FORMS = "write halfway, or a time before the hold ends such as 1m left, 30s left or 1:30 left"
BELL_FORMS = "write every 5m, or times from the start of the hold such as 2m or [2m, 4m]"
MIN_EVERY_MS = 10_000  # bells closer than this would ring over one another


class Reader:
    """Reads the values of one file; ``fail`` makes the error that names the file and line. Holds and
    sides are read in the file's language (``phrases``, set once its ``language:`` is read)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.phrases: Phrases = ENGLISH_PHRASES

    def fail(self, node: Located, message: str) -> SequenceError:
        return SequenceError(message, self.file, node.line)

    def mapping(self, node: Located, where: str, fields: tuple[Field, ...]) -> dict[str, Located]:
        """The keys of a mapping, each one ``fields`` describes, the required ones there."""
        allowed = keys(fields)
        if not isinstance(node.value, dict):
            listed = ", ".join(allowed)
            raise self.fail(node, f"{where} must be a mapping of keys ({listed}), not {shown(node)}")
        for key, value in node.value.items():
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.7)
                hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(allowed)}"
                prefix = f"{where}." if where != "the top level" else ""
                raise self.fail(value, f"unknown key {prefix}{excerpt(key)[1:-1]}; {hint}")
        for f in fields:
            if f.required and f.key not in node.value and f.unless not in node.value:
                raise self.fail(node, f"{where} is missing {f.key!r}")
        return node.value

    def text(self, node: Located, where: str, placeholders: tuple[str, ...] = ()) -> str:
        value = node.value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise self.fail(node, f"{where} must be text, not {shown(node)}; quote it if you mean the number")
        if not isinstance(value, str):
            raise self.fail(node, f"{where} must be text, not {shown(node)}")
        try:
            said = spoken_text(value, placeholders)
        except ValueError as e:
            raise self.fail(node, f"{where}{e}") from None
        wrong = self.phrases.ambiguous_side(said) if placeholders else None
        if wrong:
            raise self.fail(node, f"{where}: {wrong}")
        return said

    def texts(
        self, node: Located, where: str, placeholders: tuple[str, ...] = (), *, none_ok: bool = False
    ) -> tuple[str, ...]:
        """A text or a list of them; ``none_ok``: an empty list is none (``reminders: []`` drops a use's)."""
        items = node.value if isinstance(node.value, list) else [node]
        if not items and not none_ok:
            raise self.fail(node, f"{where} is an empty list; add a text or remove the key")
        return tuple(
            self.text(item, f"{where}[{i + 1}]" if isinstance(node.value, list) else where, placeholders)
            for i, item in enumerate(items)
        )

    def number(self, node: Located, where: str, low: float, high: float) -> float:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(node, f"{where} must be a number, not {shown(node)}")
        if node.raw is not None and not_decimal(node.raw):
            raise self.fail(node, f"{where}: YAML reads {node.raw.strip()} as {value:g}; write a plain decimal number")
        if not low <= value <= high:
            raise self.fail(node, f"{where} must be between {low:g} and {high:g}, not {written(node)}")
        return value

    def whole(self, node: Located, where: str, low: float, high: float, unit: str = "words per minute") -> int:
        value = self.number(node, where, low, high)
        if value != int(value):
            raise self.fail(node, f"{where} must be a whole number of {unit}, not {written(node)}")
        return int(value)

    def duration(self, node: Located, where: str, low_ms: float, high_ms: float) -> int:
        try:
            ms = parse_time_ms(written(node), self.phrases.tag)
        except ValueError as e:
            raise self.fail(node, f"{where}: {e}") from None
        if ms is None or not low_ms <= ms <= high_ms:
            raise self.fail(node, f"{where} must be a duration between {low_ms / 1000:g}s and {high_ms / 1000:g}s")
        return ms

    def hold(self, node: Located, where: str) -> Hold:
        if node.value is None:
            raise self.fail(node, f"{where} is empty; write a duration like 5m, 5-8m or 6 breaths")
        if isinstance(node.value, (list, dict)):
            raise self.fail(node, f"{where} must be one duration like 5m, 5-8m or 6 breaths, not {shown(node)}")
        try:
            return parse_hold(written(node), self.phrases.tag)
        except ValueError as e:
            raise self.fail(node, f"{where}: {e}") from None

    def time_cues(self, node: Located, where: str) -> tuple[TimeCue, ...]:
        """``[halfway, 1m left, 30s left]`` (or one of them); ``[]``: none."""
        items = node.value if isinstance(node.value, list) else [node]
        cues: list[TimeCue] = []
        for i, item in enumerate(items):
            at = f"{where}[{i + 1}]" if isinstance(node.value, list) else where
            value = item.value
            said = " ".join(value.lower().split()) if isinstance(value, str) else ""
            left = self._words(said, "left_starts", "left_words", "left")
            try:
                cue = (
                    TimeCue()
                    if said in ("halfway", *self.phrases.table.halfway_words)
                    else TimeCue(parse_time_ms(left, self.phrases.tag))
                    if left
                    else None
                )
            except ValueError:
                cue = None
            if cue is None or (cue.left_ms is not None and not 1000 <= cue.left_ms <= LIMIT_MS):
                split = self._split_decimal(items, i)
                raise self.fail(item, f"{at}: {shown(item)} is not a time cue; {split or TIME_CUE_FORMS}")
            if cue in cues:
                raise self.fail(item, f"{at}: {shown(item)} names a moment already in the list")
            cues.append(cue)
        return tuple(cues)

    def _split_decimal(self, items: list[Located], i: int) -> str | None:
        """Why item ``i`` may be half a time: YAML splits ``[noch 1,5 Minuten]`` at its decimal comma."""
        before, after = (str(written(n)) if i else "" for n in (items[i - 1], items[i]))
        if not (self.phrases.table.decimal_comma and before[-1:].isdigit() and after[:1].isdigit()):
            return None
        return f'YAML splits [{before},{after}] at its comma: quote it ("{before},{after}") or write one item a line'

    def bells(self, node: Located, where: str) -> Bells:
        """``every 5m``, a time from the start of the hold, or a list of them; ``[]``: none."""
        value = node.value
        said = " ".join(value.lower().split()) if isinstance(value, str) else ""
        every = self._words(said, "every_words", "", "every") if said else None
        if every:
            ms = self._bell_time(node, every, where)
            if ms < MIN_EVERY_MS:
                often = f"every {every} is too often for bells; write every {MIN_EVERY_MS // 1000}s or more"
                raise self.fail(node, f"{where}: {often}")
            return Bells(every_ms=ms)
        items = value if isinstance(value, list) else [node]
        for i in range(1, len(items)):
            split = self._split_decimal(items, i) if str(written(items[i - 1])).isdigit() else None
            if split:  # [1,5 Minuten] would ring at 1 s and at 5 minutes
                raise self.fail(items[i], f"{where}[{i + 1}]: {split}")
        at = [
            self._bell_time(item, written(item), f"{where}[{i + 1}]" if items is value else where)
            for i, item in enumerate(items)
        ]
        if len(set(at)) != len(at):
            raise self.fail(node, f"{where} names a time twice; each bell rings once")
        return Bells(at_ms=tuple(sorted(at)))

    def _words(self, said: str, starts: str, ends: str, english: str) -> str | None:
        """The time in ``said`` between the language's words before it (``starts``: "noch", "alle") or after
        it (``ends``: "übrig"), at least one of them; ``english`` (left, every) works in every language."""
        table = self.phrases.table
        before = tuple(getattr(table, starts)) + (() if ends else (english,))
        after = (*getattr(table, ends), english) if ends else ()
        start = rf"(?:(?P<start>{_one_of(before)})\s+)?" if before else ""
        end = rf"(?:\s*(?P<end>{_one_of(after)}))?" if after else ""
        found = re.fullmatch(rf"{start}(?P<time>.+?){end}", said)
        if found is None or not (found.groupdict().get("start") or found.groupdict().get("end")):
            return None
        return found.group("time")

    def _bell_time(self, node: Located, value: Any, where: str) -> int:
        try:
            ms = (
                parse_time_ms(value, self.phrases.tag)
                if isinstance(value, (str, int, float)) and not isinstance(value, bool)
                else None
            )
        except ValueError:
            ms = None
        if ms is None or ms > LIMIT_MS:
            raise self.fail(node, f"{where}: {shown(node)} is not a bell time; {BELL_FORMS}")
        return ms

    def sides(self, node: Located, where: str) -> tuple[str, ...]:
        """``[right, left]``, or the sides in the file's language (``[rechts, links]``): ("right", "left")."""
        right, left = self.phrases.side_forms[0]
        pair = f"[{right}, {left}]"
        if not isinstance(node.value, list) or not node.value:
            raise self.fail(node, f"{where} must be a list such as {pair}")
        sides = []
        for item in node.value:
            side = self.phrases.side_of(item.value) if isinstance(item.value, str) else None
            if side is None:
                words = f"{right}, {left}" + ("" if right == "right" else " (or right, left)")
                raise self.fail(item, f"{where} must be one of {words}, not {shown(item)}")
            sides.append(side)
        if len(set(sides)) != len(sides):
            raise self.fail(node, f"{where} names a side twice; write {pair} or [{left}, {right}]")
        return tuple(sides)

    def language(self, node: Located, where: str) -> str:
        """A BCP 47 tag, in lower case with hyphens: ``de``, ``pt-br`` (``pt_BR`` too)."""
        tag = normal_tag(node.value) if isinstance(node.value, str) else None
        if tag is None:
            raise self.fail(node, f"{where} must be a language tag such as en, de, es, fr or pt-BR, not {shown(node)}")
        return tag

    def choice(self, node: Located, where: str, allowed: tuple[str, ...]) -> str:
        value = node.value
        if not isinstance(value, str) or value.strip().lower() not in allowed:
            raise self.fail(node, f"{where} must be one of {', '.join(allowed)}, not {shown(node)}")
        return value.strip().lower()

    def flag(self, node: Located, where: str) -> bool:
        if not isinstance(node.value, bool):
            raise self.fail(node, f"{where} must be true or false, not {shown(node)}")
        return node.value

    def table(self, node: Located, where: str) -> tuple[tuple[str, str], ...]:
        """``Savasana: shah-vah-sah-nah``: words or phrases, and how to say them."""
        if not isinstance(node.value, dict):
            raise self.fail(node, f"{where} must map words to how they are said, like Savasana: shah-vah-sah-nah")
        table = []
        for written_as, said in node.value.items():
            if not any(c.isalnum() for c in written_as):
                raise self.fail(said, f"{where}: {excerpt(written_as)} has no word in it")
            respelling = self.text(said, f"{where}.{written_as}")
            if len(respelling) > longest(written_as):
                raise self.fail(
                    said,
                    f"{where}.{written_as}: the respelling is {len(respelling)} characters; a respelling is at "
                    f"most {longest(written_as)} (four times the word's length and 20 more)",
                )
            table.append((" ".join(written_as.split()), respelling))
        return tuple(table)

    def pose_id(self, node: Located, where: str) -> str:
        value = node.value
        if not isinstance(value, str) or not ID.fullmatch(value.strip()):
            raise self.fail(node, f"{where} must be a pose id: lowercase words joined by hyphens, like reclining-twist")
        return value.strip()

    def paths(self, node: Located, where: str, base: Path) -> tuple[Path, ...]:
        """Files or folders, relative to ``base``; each must exist."""
        found = []
        for item in node.value if isinstance(node.value, list) else [node]:
            if not isinstance(item.value, str) or not item.value.strip():
                raise self.fail(item, f"{where} must be a path to a folder or file of poses, or a list of them")
            path = (base / item.value.strip()).expanduser()
            try:
                kind = not_regular(path.stat().st_mode)
            except FileNotFoundError:
                raise self.fail(
                    item, f"{where}: {item.value} does not exist (paths are relative to this file)"
                ) from None
            except OSError as e:
                raise self.fail(item, f"{where}: {item.value} cannot be read ({e.strerror})") from None
            if kind and kind != "a folder":
                raise self.fail(item, f"{where}: {item.value} is {kind}; give a folder or a file of poses")
            found.append(path)
        return tuple(found)


def _one_of(words: tuple[str, ...]) -> str:
    """A regular expression matching any of ``words``, the longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def written(node: Located) -> Any:
    """A value as the user wrote it: YAML reads ``1:30`` as 90, ``010`` as 8 and ``yes`` as True."""
    return node.raw.strip() if node.raw is not None else node.value


def shown(node: Located) -> str:
    """A value for a message, as the user wrote it: ``yes`` (a yes/no), a text quoted and cut short."""
    return kind_of(node.value, node.raw)
