"""A value read from YAML with the line it starts on (``Located``), and the limits any YAML read keeps:
shared by the parse (``yaml_parse``) and the tree kept between builds (``yaml_tree``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_NODES = 100_000  # an expanded document larger than this is an alias bomb, not a practice
MAX_DEPTH = 50  # values in values: a practice needs 7 (a setup step of a pose in a round)
TOO_DEEP = f"values are nested more than {MAX_DEPTH} deep; a practice needs a few levels"


@dataclass(frozen=True)
class Located:
    """A value from the file and the 1-based line it starts on."""

    value: Any
    """A scalar, a ``dict[str, Located]`` or a ``list[Located]``."""
    line: int
    raw: str | None = None
    """A plain (unquoted) scalar as written: ``010`` is ``8`` to YAML, ``1:30`` is ``90``."""
