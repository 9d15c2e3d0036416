"""Parse hold lengths as teachers write them: 90s, 5m, 1m30s, 5-8m, 6 breaths, 5-8 breaths."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

HINT = "try 90s, 5m, 1m30s, 5-8m, 6 breaths or 5-8 breaths"

_UNIT_MS = {"h": 3_600_000, "m": 60_000, "min": 60_000, "s": 1000, "sec": 1000}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(h|min|m|sec|s)")
_TIME = re.compile(r"^(?:\d+(?:\.\d+)?\s*(?:h|min|m|sec|s)\s*)+$")
_BREATHS = re.compile(r"^(\d+)(?:\s*-\s*(\d+))?\s*breaths?$")
# A range: "5-8m" (unit on the high end applies to both) or "90s-2m".
_RANGE = re.compile(r"^(.+?)\s*-\s*(.+)$")


@dataclass(frozen=True)
class Hold:
    """A hold as written: a range of milliseconds or of breaths (low == high for a single value)."""

    low: float
    """Low end: milliseconds, or breaths when ``breaths`` is true."""
    high: float
    """High end, same unit as ``low``."""
    breaths: bool = False
    """True when the hold is counted in breaths."""

    def pick(self, length: str) -> float:
        """The value for ``short``, ``medium`` or ``long`` holds."""
        if length == "short":
            value = self.low
        elif length == "long":
            value = self.high
        else:
            value = (self.low + self.high) / 2
        return float(math.floor(value + 0.5)) if self.breaths else value


def parse_time_ms(text: str) -> int:
    """``"1m30s"`` -> 90000. A bare number is seconds. Raises ValueError with a hint."""
    s = str(text).strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return round(float(s) * 1000)
    if not _TIME.match(s):
        raise ValueError(f"{text!r} is not a duration ({HINT})")
    return round(sum(float(n) * _UNIT_MS[u] for n, u in _PART.findall(s)))


def parse_hold(text: object) -> Hold:
    """Parse a hold; raises ValueError naming the problem."""
    if isinstance(text, bool) or not isinstance(text, (str, int, float)):
        raise ValueError(f"{text!r} is not a duration ({HINT})")
    s = str(text).strip().lower()
    if s.startswith("-"):
        raise ValueError(f"{text!r}: a hold cannot be negative")
    m = _BREATHS.match(s)
    if m:
        low = int(m.group(1))
        high = int(m.group(2) or low)
        _check_range(text, low, high, "breaths")
        return Hold(low, high, breaths=True)
    m = _RANGE.match(s)
    if m:
        a, b = m.group(1), m.group(2)
        # The unit may be written once, on either end: "5-8m" or "5m-8".
        unit_a, unit_b = re.search(r"[a-z]+$", a), re.search(r"[a-z]+$", b)
        if unit_b and not unit_a:
            a += unit_b.group(0)
        elif unit_a and not unit_b:
            b += unit_a.group(0)
        try:
            low, high = parse_time_ms(a), parse_time_ms(b)
        except ValueError:
            raise ValueError(f"{text!r} is not a duration ({HINT})") from None
        _check_range(text, low, high, "ms")
        return Hold(low, high)
    ms = parse_time_ms(s)
    _check_range(text, ms, ms, "ms")
    return Hold(ms, ms)


def _check_range(text: object, low: float, high: float, unit: str) -> None:
    if low <= 0:
        raise ValueError(f"{text!r}: a hold must be longer than zero")
    if high < low:
        raise ValueError(f"{text!r}: the range is reversed (write the shorter end first)")
    limit = 12 * 3600 * 1000 if unit == "ms" else 4000
    if high > limit:
        raise ValueError(f"{text!r} is too long for one hold (at most 12 hours)")


def format_ms(ms: float) -> str:
    """``93500`` -> ``"1:33.5"``; hours when needed."""
    total = round(ms)
    h, rest = divmod(total, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, millis = divmod(rest, 1000)
    tail = f".{millis // 100}" if millis // 100 else ""
    return f"{h}:{m:02d}:{s:02d}{tail}" if h else f"{m}:{s:02d}{tail}"
