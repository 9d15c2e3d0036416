"""The shelf of practices: the shipped ones (``sequences/``) and the user's own (``practices/`` in the
user config folder), found by name, so ``voicekit build desk-break`` needs no path."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from voicekit.errors import BAD_FILE, SequenceError, describe

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "sequences"


def folders() -> list[Path]:
    """Where practices are found by name: the user's first (theirs win), then the shipped ones."""
    from voicekit.places import config_dir

    return [config_dir() / "practices", SHIPPED]


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
    import difflib

    close = difflib.get_close_matches(str(source), list(files), n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise SequenceError(
        f"no such file, and no practice of that name; {hint}`voicekit practices` lists them", str(source)
    )


@dataclass(frozen=True)
class Listing:
    """A practice as the shelf shows it."""

    name: str
    path: Path
    title: str
    description: str
    props: tuple[str, ...]
    lengths_ms: tuple[int, int, int]
    """Estimated length at short, medium and long holds."""
    mine: bool
    language: str = "en"


def listing(path: Path) -> Listing:
    """A practice read, with its props and its length at each hold (estimated from its texts)."""
    from voicekit.plan.compiler import compile_timeline
    from voicekit.plan.estimate import estimator
    from voicekit.plan.options import BuildOptions, resolve
    from voicekit.sequence.loader import load_sequence

    sequence = load_sequence(path)
    short, medium, long = (
        compile_timeline(resolve(sequence, BuildOptions(holds=holds)), estimator(sequence.language)).total
        for holds in ("short", "medium", "long")
    )
    mine = not path.resolve().is_relative_to(SHIPPED.resolve())
    lengths = (short, medium, long)
    return Listing(
        path.stem, path, sequence.title, sequence.description or "", sequence.props, lengths, mine, sequence.language
    )


def shelf(read: Callable[[Path], Listing] = listing) -> list[tuple[str, Listing | None, str]]:
    """Every practice by name with its listing (``read``), or None and why it cannot be read: one bad
    file is one bad entry, never the end of the list."""
    out: list[tuple[str, Listing | None, str]] = []
    for name, path in practice_files().items():
        try:
            out.append((name, read(path), ""))
        except BAD_FILE as e:
            out.append((name, None, describe(e, path)))
    return out
