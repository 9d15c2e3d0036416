"""Pauses written inside a text: ``[pause 3s]`` on its own, or a sentence that ends with ``...``.

A text with pauses is still one cue: the speech stage speaks the pieces and puts the silences
between them, for every engine alike.
"""

from __future__ import annotations

import re

from voicekit.sequence.durations import parse_time_ms

ELLIPSIS_MS = 1500  # a sentence that trails off with "..." is followed by this much quiet
MIN_PAUSE_MS, MAX_PAUSE_MS = 100, 60_000
PAUSE = re.compile(r"\[\s*pause\s+([^\]]*)\]", re.IGNORECASE)
PIECES = re.compile(r"(\[\s*pause\s+[^\]]*\]|\.\.\.(?=\s|$))", re.IGNORECASE)


def pause_ms(spec: str) -> int:
    """``"3s"`` -> 3000; ValueError naming the problem."""
    try:
        ms = parse_time_ms(spec)
    except ValueError:
        raise ValueError(f"{spec!r} is not a duration like 3s or 1.5s") from None
    if not MIN_PAUSE_MS <= ms <= MAX_PAUSE_MS:
        raise ValueError(f"a pause must last between {MIN_PAUSE_MS / 1000:g}s and {MAX_PAUSE_MS / 1000:g}s")
    return ms


def pieces(text: str) -> list[str | int]:
    """The text as words to speak and pauses in milliseconds, in order: ``["Breathe in.", 3000, "Rest."]``."""
    out: list[str | int] = []
    for part in PIECES.split(text):
        found = PAUSE.fullmatch(part.strip())
        if found:
            out.append(pause_ms(found.group(1)))
        elif part == "...":
            if out and isinstance(out[-1], str):
                out[-1] += "."  # end the sentence: the voice falls, then the quiet
            out.append(ELLIPSIS_MS)
        elif part.strip():
            out.append(" ".join(part.split()))
    return out


def spoken(text: str) -> str:
    """Only the words of a text (pauses left out): what a listener hears spoken."""
    return " ".join(p for p in pieces(text) if isinstance(p, str))


def silence_ms(text: str) -> int:
    """How much written quiet a text holds."""
    return sum(p for p in pieces(text) if isinstance(p, int))
