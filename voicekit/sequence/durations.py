"""Parse hold lengths as teachers write them: 90s, 5 minutes, 1:30, 2m30, 5-8m, 5 to 8 minutes, 6 breaths."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from voicekit.errors import excerpt
from voicekit.language import en
from voicekit.language.base import HOUR, MINUTE, SECOND
from voicekit.language.phrases import Phrases
from voicekit.language.phrases import language as table_of

MIN_HOLD_MS = 1000  # a hold shorter than a second is a typo, not a pose
LIMIT_MS = 12 * HOUR  # the longest hold, and the longest session
MAX_BREATHS = 4000
HALF_BREATHS = ("inhale", "exhale")  # a hold of one phase of the breath: the movement it carries

# Unit words of every language (each language's own come from its table in voicekit.language, the
# English ones always work): a number after a unit without one is the next smaller unit.
UNITS = {"ms": 1, "millisecond": 1, "milliseconds": 1}
_NEXT_SMALLER = {HOUR: MINUTE, MINUTE: SECOND}


@dataclass(frozen=True)
class HoldWords:
    """The words holds are written with in one language, the English ones among them."""

    units: dict[str, int]
    breaths: tuple[str, ...]
    ranges: tuple[str, ...]
    starts: tuple[str, ...]
    hint: str
    decimal_comma: bool = False
    """"1,5 Minuten" is 1.5 minutes (the language writes decimals so); "1.5" always is."""


def _try(examples: tuple[str, ...]) -> str:
    *most, last = examples
    return f"try {', '.join(most)} or {last}"


@lru_cache(maxsize=32)
def hold_words(language: str = "en") -> HoldWords:
    """The hold words of ``language`` (a BCP 47 tag) and English; a language voicekit has no table for: English."""
    own = table_of(language)
    if own is None or own is en.ENGLISH:
        tables, hint = [en.ENGLISH], _try(en.ENGLISH.hold_examples)
    else:
        tables, hint = [en.ENGLISH, own], _try(own.hold_examples) + "; or in English: 90s, 5m, 6 breaths"
    return HoldWords(
        units={**UNITS, **{w: ms for t in tables for w, ms in t.units.items()}},
        breaths=tuple(w for t in tables for w in t.breath_words),
        ranges=tuple(w for t in tables for w in t.range_words),
        starts=tuple(w for t in tables for w in t.range_starts),
        hint=hint,
        decimal_comma=any(t.decimal_comma for t in tables),
    )


_NUMBER = r"\d+(?:\.\d+)?"
_PART = re.compile(rf"({_NUMBER})\s*([^\W\d_]+\.?)?\s*")
_CLOCK = re.compile(r"(\d+):([0-5]\d)(?::([0-5]\d))?")
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2012": "-"})


@dataclass(frozen=True)
class Hold:
    """A hold as written: a range of milliseconds or of breaths (low == high for a single value)."""

    low: float
    """Low end: milliseconds, or breaths when ``breaths`` is true."""
    high: float
    """High end, same unit as ``low``."""
    breaths: bool = False
    """True when the hold is counted in breaths (or, a flow's, in rounds)."""
    phase: str | None = None
    """``inhale`` or ``exhale``: the hold is that half of one breath (low and high are 1)."""

    def pick(self, length: str) -> float:
        """The value for ``short``, ``medium`` or ``long`` holds."""
        if length == "short":
            value = self.low
        elif length == "long":
            value = self.high
        else:
            value = (self.low + self.high) / 2
        return float(math.floor(value + 0.5)) if self.breaths else value

    def shown(self, counted: str = "breaths", said: Phrases | None = None) -> str:
        """As listings show it: "5-8 breaths" (a flow's: ``counted`` "rounds"), "5:00-8:00", "1:30", "inhale";
        with ``said``, in its words ("5-8 respiraciones", "1 ronda", "Al inhalar")."""
        if self.phase:
            return said.label(f"phase.{self.phase}") if said else self.phase
        if self.breaths:
            n: int | str = f"{self.low:g}-{self.high:g}" if self.low != self.high else int(self.low)
            if said is None:
                return f"{n} {counted}"
            return said.rounds(n) if counted == "rounds" else said.breaths(n)
        return f"{format_ms(self.low)}-{format_ms(self.high)}" if self.low != self.high else format_ms(self.low)


def _normal(text: object, said: HoldWords) -> str:
    """Lower case, one space between words, dashes as '-', a decimal comma as '.' (where the language writes
    one), range words as '-', a word opening a range dropped."""
    s = " ".join(str(text).translate(_DASHES).lower().split())
    if said.decimal_comma:
        s = re.sub(r"(?<=\d),(?=\d)", ".", s)
    for word in said.ranges:
        s = re.sub(rf"(?<=[\w.])\s+{re.escape(word)}\s+(?=\d)", "-", s)
    for word in said.starts:
        s = re.sub(rf"^{re.escape(word)}\s+(?=\d)", "", s)
    return s


def _refuse_number_forms(text: object, s: str) -> None:
    """YAML 1.1 reads 010 as octal 8 and 0x10 as hex 16: say so instead of guessing."""
    if re.fullmatch(r"0[xob][0-9a-f_]+", s):
        raise ValueError(
            f"{_quoted(text)}: a number starting with {s[:2]} is not decimal in YAML; write it like 16s or 5m"
        )
    if re.fullmatch(r"0\d+", s):
        plain = s.lstrip("0") or "0"
        raise ValueError(
            f"{_quoted(text)}: a number with a leading 0 is read as octal in YAML; write {plain}s or {plain}m"
        )


def parse_time_ms(text: object, language: str = "en") -> int:
    """``"1m30s"``, ``"2m30"``, ``"1:30"``, ``"90 seconds"`` -> 90000 (``"90 Sekunden"`` in German). A bare
    number is seconds.

    Raises ValueError with a hint."""
    said = hold_words(language)
    s = _normal(text, said)
    clock = _CLOCK.fullmatch(s)
    if clock:  # m:ss, or h:mm:ss
        a, b, c = clock.groups()
        if c is not None:
            return int(a) * HOUR + int(b) * MINUTE + int(c) * SECOND
        return int(a) * MINUTE + int(b) * SECOND
    _refuse_number_forms(text, s)
    if re.fullmatch(_NUMBER, s):
        return round(float(s) * SECOND)
    total, pos = 0.0, 0
    unit: int | None = None
    for found in _PART.finditer(s):
        if found.start() != pos:
            break
        pos = found.end()
        number, word = float(found.group(1)), (found.group(2) or "").rstrip(".")
        if word:
            size = said.units.get(word)
            if size is None or (unit is not None and size >= unit):
                raise ValueError(f"{_quoted(text)} is not a duration ({said.hint})")
        elif unit is not None and unit in _NEXT_SMALLER and pos == len(s):
            size = _NEXT_SMALLER[unit]  # "2m30": the seconds after the minutes
        else:
            raise ValueError(f"{_quoted(text)} is not a duration ({said.hint})")
        total, unit = total + number * size, size
    if pos != len(s) or unit is None:
        raise ValueError(f"{_quoted(text)} is not a duration ({said.hint})")
    return round(total)


def parse_hold(text: object, language: str = "en") -> Hold:
    """Parse a hold written in English or in ``language`` (``5-8 Atemzüge``); raises ValueError naming the problem."""
    said = hold_words(language)
    if isinstance(text, bool) or not isinstance(text, (str, int, float)):
        raise ValueError(f"{_quoted(text)} is not a duration ({said.hint})")
    s = _normal(text, said)
    if s in HALF_BREATHS:
        return Hold(1, 1, breaths=True, phase=s)
    if s.startswith("-"):
        raise ValueError(f"{_quoted(text)}: a hold cannot be negative")
    breaths = re.fullmatch(rf"(.*?)\s*(?:{'|'.join(map(re.escape, said.breaths))})", s)
    if breaths:
        low, high = _range(text, breaths.group(1), _whole, said.hint)
        _check(text, low, high, MAX_BREATHS)
        return Hold(low, high, breaths=True)
    low, high = _range(text, s, lambda e: parse_time_ms(e, language), said.hint)
    if 0 < low < MIN_HOLD_MS:
        raise ValueError(f"{_quoted(text)} is shorter than a second; a hold is at least 1s")
    _check(text, low, high, LIMIT_MS)
    return Hold(low, high)


def _whole(s: str) -> int:
    _refuse_number_forms(s, s)
    if not re.fullmatch(r"\d+", s):
        raise ValueError(s)
    return int(s)


def _range(text: object, s: str, parse: Callable[[str], float], hint: str) -> tuple[float, float]:
    """``"5-8m"``: the unit may be written once, on either end; a single value is both ends."""
    ends = s.split("-")
    if len(ends) > 2 or not all(e.strip() for e in ends):
        raise ValueError(f"{_quoted(text)} is not a duration ({hint})")
    if len(ends) == 2:
        a, b = (e.strip() for e in ends)
        if re.fullmatch(_NUMBER, a) and not re.fullmatch(_NUMBER, b):
            a += re.sub(rf"^.*?{_NUMBER}\s*", "", b)  # "5-8m": the unit of the high end
        elif re.fullmatch(_NUMBER, b) and not re.fullmatch(_NUMBER, a):
            b += re.sub(rf"^.*?{_NUMBER}\s*", "", a)
        ends = [a, b]
    try:
        values = [parse(e.strip()) for e in ends]
    except ValueError as e:
        if "octal" in str(e) or "decimal" in str(e):
            raise ValueError(f"{_quoted(text)}: {str(e).split(': ', 1)[-1]}") from None
        raise ValueError(f"{_quoted(text)} is not a duration ({hint})") from None
    return values[0], values[-1]


def _check(text: object, low: float, high: float, limit: float) -> None:
    if low <= 0:
        raise ValueError(f"{_quoted(text)}: a hold must be longer than zero")
    if high < low:
        raise ValueError(f"{_quoted(text)}: the range is reversed (write the shorter end first)")
    if high > limit:
        raise ValueError(f"{_quoted(text)} is too long for one hold (at most 12 hours)")


def _quoted(text: object) -> str:
    """A hold as written, for a message: quoted, and cut short."""
    return excerpt(text) if isinstance(text, str) else repr(text)


def format_ms(ms: float) -> str:
    """``93500`` -> ``"1:33.5"``; to the nearest tenth of a second; hours when needed."""
    total = round(round(ms) / 100) * 100
    h, rest = divmod(total, HOUR)
    m, rest = divmod(rest, 60_000)
    s, millis = divmod(rest, 1000)
    tail = f".{millis // 100}" if millis // 100 else ""
    return f"{h}:{m:02d}:{s:02d}{tail}" if h else f"{m}:{s:02d}{tail}"
