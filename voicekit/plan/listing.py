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


ALL = "all"
"""The shelf in every language (``practices --language all``)."""


@dataclass(frozen=True)
class Shelved:
    """A practice as the shelf in one language lists it: with the languages it is also in."""

    name: str
    listing: Listing | None
    """None: it cannot be read (``why``)."""
    why: str = ""
    also_in: tuple[tuple[str, str], ...] = ()
    """(language, practice name) of its translations, English first."""


def translated_from(name: str, language: str) -> str:
    """The practice a file is a translation of, by the file-name convention: "lumbar-release-de" in de and
    "desk-break-pt-BR" in pt-br -> their English name; a name without its language's suffix is its own."""
    for tag in dict.fromkeys((language, language.split("-")[0])):
        if tag != "en" and name.lower().endswith(f"-{tag}"):
            return name[: -len(tag) - 1]
    return name


def in_language(entries: list[tuple[str, Listing | None, str]], tag: str) -> tuple[list[Shelved], int]:
    """The shelf in ``tag`` (a BCP 47 tag, or ``all``): of each practice and its translations, the ones in
    ``tag`` (its region's, else its language's: pt-br, else pt), each with the languages of the others; and
    how many practices have none in ``tag``. A file that cannot be read is listed in every language."""
    families: dict[str, dict[str, list[str]]] = {}
    for name, item, _ in entries:
        if item is not None:
            families.setdefault(translated_from(name, item.language), {}).setdefault(item.language, []).append(name)
    chosen = {family: _closest(langs, tag) for family, langs in families.items()}
    out = []
    for name, item, why in entries:
        if item is None:
            out.append(Shelved(name, None, why))
            continue
        family = translated_from(name, item.language)
        if tag == ALL or item.language == chosen[family]:
            others = sorted((lang, n) for lang, names in families[family].items() for n in names if n != name)
            out.append(Shelved(name, item, why, tuple(sorted(others, key=lambda o: o[0] != "en"))))
    return out, sum(1 for lang in chosen.values() if lang is None) if tag != ALL else 0


def _closest(languages: dict[str, list[str]], tag: str) -> str | None:
    """Of the languages a practice is in, ``tag`` itself, else its language (pt for pt-br), else one of its
    regions (pt-br for pt); None if none."""
    primary = tag.split("-")[0]
    if tag in languages or primary in languages:
        return tag if tag in languages else primary
    return next((lang for lang in sorted(languages) if lang.split("-")[0] == primary), None)
