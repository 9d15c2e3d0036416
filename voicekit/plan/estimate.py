"""Speech length from text and rate, for plans made without synthesizing."""

from __future__ import annotations

import re

from voicekit.sequence import pacing

SENTENCE_PAUSE_MS = 350  # espeak-ng pauses about this long at a full stop or comma


def estimate_ms(text: str, rate_wpm: int) -> int:
    """A fair guess at how long ``text`` takes to say at ``rate_wpm``, written pauses included."""
    spoken = pacing.words(text)
    words = len(spoken.split())
    pauses = len(re.findall(r"[.,;:!?](?:\s|$)", spoken))
    return max(300, round(words * 60_000 / rate_wpm + pauses * SENTENCE_PAUSE_MS)) + pacing.silence_ms(text)
