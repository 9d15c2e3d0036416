"""Every phrase voicekit itself speaks (or writes as a chapter title), in one table, with the numbers in
words: the words a sequence does not write. English for now; one table per language later."""

from __future__ import annotations

PHRASES = {
    "breathe in": "Breathe in.",
    "breathe out": "Breathe out.",
    "count": "{number}.",  # a counted breath: "Seven."
    "halfway": "Halfway.",
    "time left": "{time} left.",  # "One minute left."
    "round": "Round {number} of {total}.",
    "round chapter": "Round {number} of {total}: {name}",  # a chapter title, read, not spoken
    "and": "and",
}
UNITS = {  # (one, many), largest first
    3_600_000: ("hour", "hours"),
    60_000: ("minute", "minutes"),
    1000: ("second", "seconds"),
}
ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def number(n: int) -> str:
    """``45`` -> ``"forty-five"``, ``120`` -> ``"one hundred and twenty"`` (0 to 999_999)."""
    if n < 20:
        return ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return TENS[tens] + (f"-{ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{ONES[hundreds]} hundred" + (f" {PHRASES['and']} {number(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    glue = f" {PHRASES['and']} " if 0 < rest < 100 else " " if rest else ""
    return f"{number(thousands)} thousand" + glue + (number(rest) if rest else "")


def duration(ms: int) -> str:
    """``90_000`` -> ``"one minute and thirty seconds"``: whole hours, minutes and seconds, in words."""
    parts = []
    rest = round(ms / 1000) * 1000
    for size, (one, many) in UNITS.items():
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{number(count)} {one if count == 1 else many}")
    if len(parts) > 1:
        parts = [", ".join(parts[:-1]) + f" {PHRASES['and']} {parts[-1]}"]
    return parts[0] if parts else f"{number(0)} {UNITS[1000][1]}"


def say(phrase: str, **values: object) -> str:
    """The phrase ``phrase`` with its values filled in, starting with a capital letter."""
    text = PHRASES[phrase].format(**values)
    return text[:1].upper() + text[1:]


def counted(n: int) -> str:
    """A counted breath: ``"Seven."``."""
    return say("count", number=number(n))


def time_left(left_ms: int | None) -> str:
    """``"Halfway."`` (None) or ``"One minute left."``."""
    return say("halfway") if left_ms is None else say("time left", time=duration(left_ms))


def round_cue(k: int, n: int) -> str:
    """``"Round two of three."``."""
    return say("round", number=number(k), total=number(n))


def round_chapter(k: int, n: int, name: str) -> str:
    """``"Round 2 of 3: Cat and cow"``: a chapter title, with digits, as chapter lists show numbers."""
    return say("round chapter", number=k, total=n, name=name)
