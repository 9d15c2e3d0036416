"""Speech length from text and rate, for plans made without synthesizing."""

from __future__ import annotations

import re

SENTENCE_PAUSE_MS = 350  # espeak-ng pauses about this long at a full stop or comma


def estimate_ms(text: str, rate_wpm: int) -> int:
    """A fair guess at how long ``text`` takes to say at ``rate_wpm``."""
    words = len(text.split())
    pauses = len(re.findall(r"[.,;:!?](?:\s|$)", text))
    return max(300, round(words * 60_000 / rate_wpm + pauses * SENTENCE_PAUSE_MS))
