"""What a language gives voicekit: its phrases, its number words and the grammar of the few phrases
built around a number, its side words and the words a teacher writes holds with.

Each language is one module (``en.py``, ``de.py``, ...) that makes one :class:`Language`. Its phrases
are data; numbers, time left and rounds are small functions, because agreement differs from language
to language (German "eine Minute", Spanish "veintiún minutos", French "vingt et une minutes").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

SECOND, MINUTE, HOUR = 1000, 60_000, 3_600_000
T = TypeVar("T")


@dataclass(frozen=True)
class Language:
    """One language's table (see ``phrases`` for the keys)."""

    tag: str
    """BCP 47, lower case: "de", "pt-br"."""
    name: str
    """In English, for messages: "German"."""
    phrases: Mapping[str, str]
    """Every plain phrase and template by key, each whole."""
    number: Callable[[int], str]
    """A number as it is counted aloud, lower case: 21 -> "einundzwanzig"."""
    time_left: Callable[[int, int, int], str]
    """(hours, minutes, seconds) -> the whole phrase: (0, 1, 0) -> "Noch eine Minute."."""
    round: Callable[[int, int], str]
    """(n, m) -> the whole phrase: (2, 3) -> "Runde zwei von drei."."""
    sides: tuple[tuple[str, str], ...]
    """(right, left) word forms, the plain form first: ("rechts", "links"), ("rechten", "linken"), ..."""
    units: Mapping[str, int]
    """Hold words and their milliseconds: "minuten" -> 60000 (the English ones always work too)."""
    breath_words: tuple[str, ...]
    """Words that count a hold in breaths: "atemzüge"."""
    range_words: tuple[str, ...]
    """Words between the ends of a range: "bis" ("5 bis 8 Minuten")."""
    range_starts: tuple[str, ...]
    """A word that may open a range: "von" ("von 5 bis 8 Minuten")."""
    hold_examples: tuple[str, ...]
    """Holds written the language's way, for messages: "90 Sekunden", "5 bis 8 Minuten", "6 Atemzüge"."""
    decimal_comma: bool = False
    """The language writes a decimal with a comma: "1,5 Minuten" (a point, as English writes it, works too)."""
    halfway_words: tuple[str, ...] = ()
    """A time cue at the middle of the hold in the language's words: "hälfte" (halfway always works)."""
    left_words: tuple[str, ...] = ()
    """Words after a time-left cue's time: "übrig" ("1 Minute übrig"; left always works)."""
    left_starts: tuple[str, ...] = ()
    """Words before a time-left cue's time: "noch" ("noch 1 Minute")."""
    every_words: tuple[str, ...] = ()
    """Words before the time between bells: "alle" ("alle 5 Minuten"; every always works)."""
    count: Callable[[int], str] | None = None
    """A breath count spoken alone; default: the number, capitalized, with a full stop ("Eins.")."""
    move_words: tuple[tuple[str, int], ...] = ()
    """Words of a step that asks for a change of position, and the milliseconds that move takes at least:
    ("lie down", 10000). Each matches at the start of a word, in lower case (the teaching check)."""
    prop_words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The nouns that name each prop id ("strap": ("strap", "belt")), at the start of a word, in lower case."""
    prop_verbs: tuple[str, ...] = ()
    """Verbs that, with a prop's noun, ask for a prop to be fetched or placed ("bring", "lay")."""

    other_senses: tuple[str, ...] = ()
    """Where a side word means something else, as regular expressions over the lower-case text (whole words):
    French "dos (?:bien )?droit" (a straight back), German "rechten winkel" (a right angle); the teaching
    check reads no side there."""
    glued_sides: tuple[str, ...] = ()
    """Side forms written as the first part of a compound: Dutch "rechter" in "rechterzij", "linkerhand"."""

    euphony: Callable[[str], str] | None = None
    """How the language joins words a template puts side by side, applied once its fields are filled:
    Italian "e" before a word starting with e is "ed" ("{items} e {last}" -> "... ed elastico")."""

    colon: str = ":"
    """What follows a label in the cue sheet ("Length:"); French sets a no-break space before it ("Durée :")."""

    def counted(self, n: int) -> str:
        return self.count(n) if self.count else capital(self.number(n)) + "."


def for_tag(table: Mapping[str, T], tag: str) -> T | None:
    """``table``'s entry for a BCP 47 tag (lower case): the tag's own ("pt-br"), else its language's
    ("de-at" -> "de"); None when it has neither."""
    return table.get(tag) or table.get(tag.split("-")[0])


def capital(text: str) -> str:
    """The first letter in upper case, the rest as written ("einundzwanzig" -> "Einundzwanzig")."""
    return text[:1].upper() + text[1:]


def units(seconds: tuple[str, ...], minutes: tuple[str, ...], hours: tuple[str, ...]) -> dict[str, int]:
    """A units table from the words for each size (written in lower case)."""
    return {**dict.fromkeys(seconds, SECOND), **dict.fromkeys(minutes, MINUTE), **dict.fromkeys(hours, HOUR)}


def below_thousand(n: int, below_hundred: Callable[[int], str], hundreds: Callable[[int, str], str]) -> str:
    """``n`` < 1000 from the language's words below a hundred and its way of joining hundreds
    (``hundreds(h, rest)``, ``rest`` empty for a round hundred)."""
    if n < 100:
        return below_hundred(n)
    h, rest = divmod(n, 100)
    return hundreds(h, below_hundred(rest) if rest else "")


Said = Callable[[int, str, str], str]
"""A number with its noun, (n, singular, plural) -> "zwei Minuten"."""


def with_noun(number: Callable[[int], str]) -> Said:
    """A number said with its noun, the singular for one: "two minutes", "one minute"."""
    return lambda n, one, many: f"{number(n)} {one if n == 1 else many}"


def amounts(counts: tuple[int, ...], units: tuple[tuple[Said, str, str], ...], conjunction: str) -> str:
    """The hours, minutes and seconds that are not zero, each said with its noun (``units``: how, singular,
    plural), listed: "one hour, two minutes and five seconds"."""
    parts = [said(n, one, many) for n, (said, one, many) in zip(counts, units, strict=True) if n]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


def just_one(*counts: int) -> bool:
    """One hour, minute or second, and nothing more: a verb agrees with it ("Queda un minuto")."""
    return sorted(counts) == [0] * (len(counts) - 1) + [1]


def check_number(n: int) -> None:
    if not 0 <= n < 1_000_000:
        raise ValueError(f"{n}: number words go from 0 to 999999")


# ISO 639-2 codes, which ID3 tags and MP4 tracks carry (the terminology forms, "deu" not "ger"): voicekit's
# languages and other common ones a practice may write its own phrases for.
_ISO_639_2 = {
    "en": "eng", "de": "deu", "es": "spa", "fr": "fra", "it": "ita", "pt": "por", "nl": "nld", "sv": "swe",
    "da": "dan", "nb": "nob", "nn": "nno", "no": "nor", "fi": "fin", "pl": "pol", "cs": "ces", "sk": "slk",
    "hu": "hun", "ro": "ron", "el": "ell", "tr": "tur", "ru": "rus", "uk": "ukr", "he": "heb", "ar": "ara",
    "hi": "hin", "ja": "jpn", "zh": "zho", "ko": "kor", "ca": "cat", "eu": "eus", "gl": "glg", "ga": "gle",
}  # fmt: skip


def iso639_2(tag: str) -> str:
    """The three-letter code of a BCP 47 tag's language ("pt-BR" -> "por"); "und" (undetermined) when
    voicekit does not know it."""
    primary = tag.strip().lower().split("-")[0]
    if len(primary) == 3 and primary.isalpha():
        return primary
    return _ISO_639_2.get(primary, "und")
