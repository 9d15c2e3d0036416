"""The shelf as it is shown: each practice with its props and its length at each hold, estimated from
its texts (``voicekit practices``, the web's library page)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from voicekit.errors import BAD_FILE, describe
from voicekit.plan.compiler import compile_timeline
from voicekit.plan.estimate import estimator
from voicekit.plan.fit import fit
from voicekit.plan.options import HOLD_LENGTHS, BuildOptions, resolve
from voicekit.plan.speaker import as_named
from voicekit.sequence.loader import load_sequence
from voicekit.sequence.shelf import SHIPPED_PRACTICES, practice_files


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
    plan: tuple[str, ...] = ()
    """Its poses' names, in order."""


def listing(path: Path) -> Listing:
    """A practice read, with its props and its length at each hold (estimated from its texts)."""
    sequence = load_sequence(path)
    estimate = estimator(sequence.language)  # who speaks does not change the estimate: no engine is asked

    def length(holds: str) -> int:
        practice = resolve(sequence, BuildOptions(holds=holds), as_named)
        if practice.length_ms is not None:  # a practice with its own length lasts it at any holds
            practice = fit(practice, practice.length_ms, lambda p: compile_timeline(p, estimate))
        return compile_timeline(practice, estimate).total

    short, medium, long = (length(holds) for holds in HOLD_LENGTHS)
    mine = not path.resolve().is_relative_to(SHIPPED_PRACTICES.resolve())
    lengths = (short, medium, long)
    return Listing(
        path.stem,
        path,
        sequence.title,
        sequence.description or "",
        sequence.props,
        lengths,
        mine,
        sequence.language,
        tuple(p.name for p in sequence.poses),
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
