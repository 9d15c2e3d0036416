"""Read YAML safely into a tree that remembers the line of every value.

The parse is ``yaml_parse``'s (PyYAML's safe constructor; duplicate keys, alias bombs and values nested
too deep refused at their lines). A build keeps each file's tree in its store, under the digest of
the text (``kept_in``): parsing the pose library was a fifth of a warm rebuild, and importing PyYAML
as much again, so a warm build reads the trees it kept and imports no PyYAML.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Protocol

from voicekit.errors import SequenceError
from voicekit.files import not_regular
from voicekit.sequence.located import Located

MAX_FILE = 1_000_000  # bytes: a practice or a pose file is a few kilobytes


def read_text(path: Path) -> str:
    """A YAML file's text: a regular file of at most MAX_FILE bytes, UTF-8, not binary; SequenceError
    naming the file otherwise."""
    file = str(path)
    if path.is_dir():
        raise SequenceError("is a directory; give a sequence .yaml file", file)
    try:
        with open(path, "rb", opener=without_waiting) as f:
            kind = not_regular(os.fstat(f.fileno()).st_mode)
            if kind:
                raise SequenceError(f"is {kind}, not a regular file; give a YAML file", file)
            data = f.read(MAX_FILE + 1)  # at most the limit and a byte
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
    return text


def without_waiting(path: str, flags: int) -> int:
    """Opening a FIFO waits for a writer, for ever: open without waiting, then refuse it."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def load(text: str, file: str) -> Located:
    """Parse ``text`` (the contents of ``file``) into a :class:`Located` tree: the tree kept for the same
    text where a build keeps them (``kept_in``), else parsed (and kept)."""
    keeper = _keeper.get()
    if keeper is None:
        return _parsed(text, file)
    name = hashlib.sha256(_shape() + text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    found = keeper.get(name)
    tree = _from_json(found) if found is not None else None
    if tree is None:
        tree = _parsed(text, file)
        body = _to_json(tree)
        if body is not None:
            keeper.put(name, body)
    return tree


@lru_cache(maxsize=1024)
def _parsed(text: str, file: str) -> Located:
    """The tree of ``text``, parsed once per process: the server, ``--watch`` and a listing of the shelf
    read the same files again and again (112 practices on one pose library). Trees are never changed
    once made, so one may be shared."""
    from voicekit.sequence.yaml_parse import parse  # PyYAML: only for a text not parsed before

    return parse(text, file)


class Keeper(Protocol):
    """Where parsed trees are kept between runs (a build's store), by name: bytes, or None."""

    def get(self, name: str) -> bytes | None: ...

    def put(self, name: str, body: bytes) -> None: ...


_keeper: ContextVar[Keeper | None] = ContextVar("keeper", default=None)


@contextmanager
def kept_in(keeper: Keeper) -> Iterator[None]:
    """Within the block, ``load`` keeps each text's tree in ``keeper`` and reads it from there next time."""
    token = _keeper.set(keeper)
    try:
        yield
    finally:
        _keeper.reset(token)


@lru_cache(maxsize=1)
def _shape() -> bytes:
    """What a tree depends on besides its text: this module's code, the parse's and PyYAML's version (read
    from their files: importing PyYAML is what a kept tree saves)."""
    spec = find_spec("yaml")
    folders = spec.submodule_search_locations if spec else None
    here = Path(__file__)
    files = [
        here,
        here.with_name("yaml_parse.py"),
        here.with_name("located.py"),
        Path(next(iter(folders or [""])), "__init__.py"),
    ]
    parts = [f.read_bytes() if f.is_file() else b"" for f in files]
    return hashlib.sha256(b"\0".join(parts)).digest()


class _NotPlain(Exception):
    """A value JSON does not hold as it is (a date, bytes): such a tree is parsed each time."""


def _to_json(tree: Located) -> bytes | None:
    """A tree as JSON: a scalar as [line, raw, value], a mapping or a list as [line, value]."""

    def plain(node: Located) -> list:
        value = node.value
        if isinstance(value, dict):
            return [node.line, {key: plain(item) for key, item in value.items()}]
        if isinstance(value, list):
            return [node.line, [plain(item) for item in value]]
        if value is None or isinstance(value, (str, int, float)):  # bool is an int
            return [node.line, node.raw, value]
        raise _NotPlain

    try:
        return json.dumps(plain(tree), ensure_ascii=False, separators=(",", ":")).encode()
    except _NotPlain:
        return None


def _from_json(body: bytes) -> Located | None:
    """The tree ``_to_json`` wrote; None if the body is not one. Each node is made as pickle makes an
    object, its fields set at once: through the frozen dataclass's __init__ it took 2.5 times as long."""

    def node(item: list) -> Located:
        made = new(Located)
        if len(item) == 3:
            fields = {"value": item[2], "line": item[0], "raw": item[1]}
        elif isinstance(item[1], dict):
            fields = {"value": {key: node(child) for key, child in item[1].items()}, "line": item[0], "raw": None}
        else:
            fields = {"value": [node(child) for child in item[1]], "line": item[0], "raw": None}
        set_fields(made, "__dict__", fields)
        return made

    new, set_fields = object.__new__, object.__setattr__

    try:
        return node(json.loads(body))
    except (ValueError, TypeError, KeyError, IndexError, RecursionError):
        return None
