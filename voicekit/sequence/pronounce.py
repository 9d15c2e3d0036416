"""Words said right: a table of respellings (``Savasana: sah-vah-sah-nah``) applied before speaking.

Entries match whole words or phrases, whatever their case; the longest entry wins where two
overlap. A respelling's syllables in capitals (``shah-VAH-sah-nah``, the dictionaries' way to mark
the stress) are said in lower case: both engines spell out a capitalised syllable ("shabby A-H").

Only what is spoken changes: written pauses (``[pause 3s]``) are left alone, and the
plan, cue sheet, lyrics and captions keep the written words.

A respelling is at most ``longest(word)`` characters, and a text as spoken, respelled, at most the
``MAX_TEXT`` of any text: one short word respelled a thousand characters long, written twenty times,
made a clip of eleven minutes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping

from voicekit.errors import excerpt
from voicekit.sequence import pacing
from voicekit.sequence.texts import MAX_TEXT

Table = tuple[tuple[str, str], ...]
"""(written, spoken) pairs; the written side compared without regard to case."""


def longest(written: str) -> int:
    """The longest respelling of ``written``: four times its length and 20 characters more."""
    return 4 * len(" ".join(written.split())) + 20


def spoken(text: str, table: Table) -> str:
    """``text`` respelled: what the engine says; ValueError if that is longer than any text may be."""
    said = respell(text, table)
    if len(said) > MAX_TEXT:
        raise ValueError(
            f"{excerpt(text)} is {len(said)} characters as spoken, with its respellings; the limit is {MAX_TEXT}: "
            "shorten the respellings or split the text"
        )
    return said


def merge(*tables: Mapping[str, str]) -> Table:
    """One table from several, later ones winning (the user's file, then the sequence's entries)."""
    merged: dict[str, tuple[str, str]] = {}
    for table in tables:
        for written, spoken in table.items():
            merged[_folded(written)] = (written, spoken)
    return tuple(merged.values())


def respell(text: str, table: Table) -> str:
    """``text`` as it is to be spoken: every whole-word match of the table replaced."""
    if not table:
        return text
    pattern, swap = _matcher(table)
    parts = pacing.PIECES.split(text)  # pauses and "..." stay as written
    return "".join(part if pacing.PIECES.fullmatch(part) else pattern.sub(swap, part) for part in parts)


@functools.lru_cache(maxsize=32)
def _matcher(table: Table) -> tuple[re.Pattern[str], Callable[[re.Match[str]], str]]:
    """The pattern of a table's entries, longest first, and what replaces a match: made once per table (a
    build respells every text of the practice with one table)."""
    spoken = {_folded(w): s for w, s in table}
    words = sorted(spoken, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(_flexible(w) for w in words) + r")(?!\w)", re.IGNORECASE)

    def swap(found: re.Match[str]) -> str:
        return _syllables(spoken[_folded(found.group(1))])

    return pattern, swap


CAPITALS = re.compile(r"[^\W\d_]{2,}")


def _syllables(respelling: str) -> str:
    """Every run of two or more capital letters in lower case: a syllable to say, not letters to spell."""
    return CAPITALS.sub(lambda m: m.group().lower() if m.group().isupper() else m.group(), respelling)


def _folded(words: str) -> str:
    return " ".join(words.casefold().split())


def _flexible(words: str) -> str:
    """A phrase as a pattern that allows any run of blanks between its words."""
    return r"\s+".join(re.escape(w) for w in words.split())
