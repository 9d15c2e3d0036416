"""The shelf as it is shown: each practice with its props and its length at each hold, estimated from
its texts (``voicekit practices``, the web's library page)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from voicekit.errors import BAD_FILE, describe
from voicekit.plan.compiler import compile_timeline
from voicekit.plan.estimate import estimator
from voicekit.plan.fit import fit, lengths_at
from voicekit.plan.options import BuildOptions, Practice, resolve
from voicekit.plan.speaker import as_named
from voicekit.plan.timeline import Timeline
from voicekit.sequence.library import read_once
from voicekit.sequence.loader import Libraries, load_sequence
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


def listing(path: Path, libraries: Libraries | None = None) -> Listing:
    """A practice read, with its props and its length at each hold (estimated from its texts, from one
    compile: ``fit.lengths_at``); ``libraries``: how its pose library is read (``shelf``: once for all)."""
    sequence = load_sequence(path, libraries)
    estimate = estimator(sequence.language)  # who speaks does not change the estimate: no engine is asked

    def compile_(practice: Practice) -> Timeline:
        return compile_timeline(practice, estimate)

    practice = resolve(sequence, BuildOptions(holds="medium"), as_named)
    if practice.length_ms is not None:  # a practice with its own length lasts it at any holds
        total = compile_(fit(practice, practice.length_ms, compile_)).total
        lengths = (total, total, total)
    else:  # exact at medium, the practice's own holds; short and long within a frame a hold
        short, medium, long = (round(ms) for ms in lengths_at(practice, compile_, 0.0, 0.5, 1.0))
        lengths = (short, medium, long)
    mine = not path.resolve().is_relative_to(SHIPPED_PRACTICES.resolve())
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


def shelf(read: Callable[[Path, Libraries], Listing] = listing) -> list[tuple[str, Listing | None, str]]:
    """Every practice by name with its listing (``read``, the pose library read once for all), or None
    and why it cannot be read: one bad file is one bad entry, never the end of the list."""
    out: list[tuple[str, Listing | None, str]] = []
    libraries = read_once()
    for name, path in practice_files().items():
        try:
            out.append((name, read(path, libraries), ""))
        except BAD_FILE as e:
            out.append((name, None, describe(e, path)))
    return out
