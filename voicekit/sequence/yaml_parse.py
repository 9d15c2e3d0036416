"""PyYAML's safe parse of a YAML text, walked into a :class:`~voicekit.sequence.yaml_tree.Located` tree.

Only PyYAML's safe constructor builds values, so tags that would build Python objects are
refused. Duplicate keys (PyYAML silently keeps the last), alias bombs, an alias inside its own anchor
and values nested past any practice's depth are refused too, each at its line: read recursively,
they would end in a RecursionError. Imported only to parse: a warm build reads the trees it kept.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from voicekit.errors import SequenceError, excerpt
from voicekit.sequence.located import MAX_DEPTH, MAX_NODES, TOO_DEEP, Located
from voicekit.sequence.texts import CONTROL, SURROGATE

_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
# libyaml's parser where PyYAML was built with it (eight times faster: a practice reads the whole pose
# library); the values are still built by PyYAML's safe constructor. A file it cannot read, or with a
# character PyYAML's own reader refuses, is read again by PyYAML's, whose messages say more.
_FAST = getattr(yaml, "CSafeLoader", None)


def parse(text: str, file: str) -> Located:
    """Parse ``text`` (the contents of ``file``) into a :class:`Located` tree."""
    for number, row in enumerate(text.splitlines(), 1):
        if "\t" in row[: len(row) - len(row.lstrip())]:
            raise SequenceError("tabs are not allowed for indentation in YAML; indent with spaces", file, number)
    if _FAST is not None and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        fast = _FAST(text)
        try:
            node = fast.get_single_node()
            if node is not None:
                return _Walker(fast, file).walk(node)
        except yaml.YAMLError:
            pass  # read again below, for PyYAML's words
        finally:
            fast.dispose()
    return _load(text, file)


class _Composer(yaml.SafeLoader):
    """PyYAML's safe loader, refusing values nested deeper than MAX_DEPTH: its composer recurses."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


def _load(text: str, file: str) -> Located:
    loader = None
    try:
        loader = _Composer(text)  # reads the first chunk: may already raise ReaderError
        node = loader.get_single_node()
        if node is None:
            raise SequenceError("the file is empty; a sequence needs at least a title and poses", file)
        return _Walker(loader, file).walk(node)
    except yaml.reader.ReaderError as e:
        raise _reader_error(e, text, file) from None
    except _TooDeep as e:
        raise SequenceError(TOO_DEEP, file, e.mark.line + 1) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = (e.problem or e.context or "invalid YAML").strip()
        col = f", column {mark.column + 1}" if mark else ""
        hint = _flow_hint(text, [m for m in (e.context_mark, e.problem_mark) if m])
        raise SequenceError(f"invalid YAML{col}: {problem}{hint}", file, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as e:
        raise SequenceError(f"invalid YAML: {e}", file) from None
    finally:
        if loader is not None:
            loader.dispose()


_FLOW_TRAP = re.compile(r"\[[^\]]*(\{\w*\}|\[\s*pause)", re.IGNORECASE)


def _flow_hint(text: str, marks: list) -> str:
    """In a list written [a, b], "{side}" or "[pause 2s]" reads as YAML: say how to write it."""
    rows = text.splitlines()
    lines = {m.line for m in marks if m.line < len(rows)}
    if any(_FLOW_TRAP.search(rows[n]) for n in lines):
        return "; inside a [...] list, quote a text that has {side} or [pause ...] in it, or write one item per line"
    return ""


def _reader_error(e: yaml.reader.ReaderError, text: str, file: str) -> SequenceError:
    char = e.character if isinstance(e.character, str) else chr(e.character)
    line = text[: e.position].count("\n") + 1
    return SequenceError(f"the control character {char!r} is not allowed in YAML; delete it", file, line)


class _Walker:
    def __init__(self, loader: yaml.SafeLoader, file: str) -> None:
        self.loader = loader
        self.file = file
        self.count = 0
        self.open: set[int] = set()
        """The mappings and lists being walked: an alias of one of them inside it never ends."""

    def walk(self, node: yaml.Node, depth: int = 1) -> Located:
        self.count += 1
        line = node.start_mark.line + 1
        if self.count > MAX_NODES:
            raise SequenceError(
                f"the document expands to more than {MAX_NODES} values (aliases nested too deep?)", self.file, line
            )
        if id(node) in self.open:
            raise SequenceError(
                "this value holds an alias of itself (a *name inside its own &name); write it out instead",
                self.file,
                line,
            )
        if depth > MAX_DEPTH:
            raise SequenceError(TOO_DEEP, self.file, line)
        if isinstance(node, yaml.CollectionNode):
            self.open.add(id(node))
            try:
                return self._collection(node, depth)
            finally:
                self.open.discard(id(node))
        plain = isinstance(node, yaml.ScalarNode) and not node.style  # libyaml says "", PyYAML None
        return Located(self._scalar(node), line, node.value if plain else None)

    def _collection(self, node: yaml.CollectionNode, depth: int) -> Located:
        line = node.start_mark.line + 1
        if node.tag not in _PLAIN_TAGS:
            raise SequenceError(
                f"unsupported YAML tag {node.tag!r}; write plain text, numbers and lists", self.file, line
            )
        if isinstance(node, yaml.MappingNode):
            explicit = sum(1 for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge")
            self.loader.flatten_mapping(node)  # resolves "<<" merge keys; merged entries come first
            merged = len(node.value) - explicit
            out: dict[str, Located] = {}
            from_merge: set[str] = set()
            for index, (key_node, value_node) in enumerate(node.value):
                key = self._scalar(key_node)
                if not isinstance(key, (str, int, float)) or isinstance(key, bool):
                    raise SequenceError(
                        f"a key must be a plain word, not {key_node.value}", self.file, key_node.start_mark.line + 1
                    )
                key = str(key)
                if key in out and key not in from_merge:
                    if index < merged:
                        continue  # two merged mappings share a key: the first one wins
                    raise SequenceError(
                        f"duplicate key {excerpt(key)} (first on line {out[key].line}); keep one",
                        self.file,
                        key_node.start_mark.line + 1,
                    )
                from_merge.discard(key)  # an explicit key overrides a merged one
                if index < merged:
                    from_merge.add(key)
                # A value's errors point at its key's line: where the reader looks for it.
                walked = self.walk(value_node, depth + 1)
                out[key] = Located(walked.value, key_node.start_mark.line + 1, walked.raw)
            return Located(out, line)
        return Located([self.walk(item, depth + 1) for item in node.value], line)

    def _scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise SequenceError("a key must be a plain word", self.file, node.start_mark.line + 1)
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as e:
            raise SequenceError(
                f"unsupported YAML tag {node.tag!r}; write plain text, numbers and lists",
                self.file,
                node.start_mark.line + 1,
            ) from e
        if isinstance(value, str):
            found = CONTROL.search(value)
            if found:
                raise SequenceError(
                    f"the control character {found.group()!r} is not allowed in a text; delete it",
                    self.file,
                    node.start_mark.line + 1,
                )
            half = SURROGATE.search(value)
            if half:
                raise SequenceError(
                    _surrogate(value[half.start() : half.start() + 2]), self.file, node.start_mark.line + 1
                )
        return value


def _surrogate(found: str) -> str:
    """What to write instead of "\\ud83d\\ude00" (a UTF-16 pair, which YAML reads as two halves)."""
    try:
        whole = found[:2].encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        return f"\\u{ord(found[0]):04x} is half of a UTF-16 pair, not a character; write the character itself"
    pair = "".join(f"\\u{ord(c):04x}" for c in found[:2])
    return f"{pair} is a UTF-16 pair, which YAML reads as two halves; write the character itself or \\U{ord(whole):08X}"
