"""How a language speaks of moving, one module per language: the move from each position to each other
(``MOVES``, said where a practice's position changes), each prop as the props phrase names it (``PROPS``),
and, for the teaching check, the words of a step that asks for a move (``MOVE_WORDS``, with the time that
move takes at least), the nouns of each prop (``PROP_WORDS``) and the verbs that fetch or place one
(``PROP_VERBS``, whole words). Each language's module in ``voicekit.language`` puts them in its table."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voicekit.language.base import Language

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")

DOWN_OR_UP_MS = 10_000
"""Getting down to the floor or up from it, at least (the teaching check's measure of a step's quiet)."""
SHORTER_MS = 8_000
"""A roll to the side, sitting up, a step, fetching or placing a prop, at least."""


def timed(ms: int, *words: str) -> tuple[tuple[str, int], ...]:
    """Move words that each take ``ms`` at least."""
    return tuple((word, ms) for word in words)


@functools.lru_cache(maxsize=65536)  # the teaching check asks each text for every move word, in every compile
def said_in(text: str, word: str, whole: bool = False) -> bool:
    """``word`` (lower case) at the start of a word of ``text`` (``whole``: as a whole word), placeholders
    left out (a text's words as the listener hears them, one space between). ``..`` in ``word`` stands for
    up to three words between ("roll .. onto": "roll slowly onto")."""
    plain = " ".join(_PLACEHOLDER.sub(" ", text).lower().split())
    pattern = r"(?:\W+\w+){0,3}?\W+".join(re.escape(part.strip()) for part in word.split(" .. "))
    return re.search(rf"(?<!\w){pattern}" + (r"(?!\w)" if whole else ""), plain) is not None


def unglued(text: str, table: Language) -> str:
    """``text`` with the side forms glued into compounds taken off, so a move word finds the noun: Dutch
    "op je rechterzij liggen" reads as "op je zij liggen" (as "op je {side:rechter}zij liggen" does, its
    placeholder left out)."""
    if not table.glued_sides:
        return text
    return re.sub(rf"(?i)(?<![\w{{:])(?:{'|'.join(map(re.escape, table.glued_sides))})(?=\w)", "", text)


def move_needed(text: str, table: Language) -> int:
    """The milliseconds the move a text asks for takes at least (0: it asks for none): its move words (whole
    words, each form listed), or a prop's noun with a verb that fetches or places it in one clause ("fold a
    blanket", not "bend the knee, and hold the towel": fold and bend are one verb in French, pliez)."""
    text = unglued(text, table)
    need = max((ms for word, ms in table.move_words if said_in(text, word, whole=True)), default=0)
    nouns = [noun for found in table.prop_words.values() for noun in found]
    for clause in re.split(r"[,.;:!?]", _PLACEHOLDER.sub(" ", text)):
        if any(said_in(clause, noun) for noun in nouns) and _verb_on_prop(clause.lower(), nouns, table.prop_verbs):
            return max(need, SHORTER_MS)
    return need


def _verb_on_prop(clause: str, nouns: list[str], verbs: tuple[str, ...]) -> bool:
    """Whether a verb that fetches or places a prop is said in ``clause`` (lower case), leaving out the word
    right after a prop's noun: there the prop does it ("let the strap take the weight"), nobody fetches it."""
    for noun in nouns:
        clause = re.sub(rf"(?<!\w)({re.escape(noun)}\w*)\W+\w+", r"\1", clause)
    return any(said_in(clause, verb, whole=True) for verb in verbs)


def phrases_of(module: ModuleType, props: Mapping[str, str] | None = None) -> dict[str, str]:
    """A language's moves and props (its ``PROPS``, or ``props``) as phrases of its table: ``move.standing.chair``,
    ``prop.strap``."""
    moves: Mapping[str, Mapping[str, str]] = module.MOVES
    return {
        **{f"move.{a}.{b}": text for a, row in moves.items() for b, text in row.items()},
        **{f"prop.{key}": text for key, text in (props or module.PROPS).items()},
    }
