"""The shelf of practices: the shipped ones (``sequences/``) and the user's own (``practices/`` in the
user config folder), found by name, so ``voicekit build desk-break`` needs no path. How each is listed
(its length at each hold) is a plan: ``plan.listing``."""

from __future__ import annotations

import difflib
from pathlib import Path

from voicekit.errors import SequenceError
from voicekit.places import SHIPPED_DIR, config_dir

SHIPPED_PRACTICES = SHIPPED_DIR / "sequences"


def folders() -> list[Path]:
    """Where practices are found by name: the user's first (theirs win), then the shipped ones."""
    return [config_dir() / "practices", SHIPPED_PRACTICES]


def practice_files() -> dict[str, Path]:
    """Every practice by name (file stem); the user's override shipped ones of the same name."""
    found: dict[str, Path] = {}
    for folder in reversed(folders()):
        if folder.is_dir():
            found |= {p.stem: p for p in sorted(folder.glob("*.yaml"))}
    return dict(sorted(found.items()))


def find(source: str | Path) -> Path:
    """A sequence file: ``source`` itself if it is a path that exists, else the practice of that name."""
    path = Path(source)
    if path.exists() or path.suffix in (".yaml", ".yml", ".json") or len(path.parts) > 1:
        return path
    files = practice_files()
    if str(source) in files:
        return files[str(source)]
    close = difflib.get_close_matches(str(source), list(files), n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise SequenceError(
        f"no such file, and no practice of that name; {hint}`voicekit practices` lists them", str(source)
    )
