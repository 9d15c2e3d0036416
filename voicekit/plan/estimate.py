"""Speech length from text, rate and language, for plans made without synthesizing.

espeak-ng's rate counts words of English length, so a clip's length follows its letters more
closely than its words: ``(letters x LETTER + CLIP) x 60000 / rate``, plus a pause at each
punctuation mark inside the text (the one at the end is trimmed from a clip), plus the pauses
written in it. The three numbers of each language were fitted by least squares to clips espeak-ng
made in it at 110, 140 and 180 words a minute (``scripts/calibrate_estimate.py``): 4.5 to 12% off
a clip on average (French, with its silent letters, the most), within 0.5% over a whole practice.
The estimate it replaces (words x 60000 / rate, 350 ms a punctuation mark) was 27 to 61% long.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from voicekit.language.base import for_tag
from voicekit.sequence import pacing

# language: (LETTER, CLIP, PAUSE_MS), measured with espeak-ng 1.52 (espeakng-loader 0.2.4).
CALIBRATION = {
    "en": (0.1769, 0.135, 462),
    "de": (0.1851, -0.032, 192),
    "es": (0.1836, 0.014, 380),
    "fr": (0.1367, 0.311, 371),
    "it": (0.1695, 0.282, 614),
    "pt": (0.1929, 0.172, 463),
    "pt-br": (0.2036, 0.095, 432),
    "nl": (0.1811, 0.323, 925),
}
DEFAULT = "en"
"""A language not measured is estimated like English."""
MIN_MS = 300  # even "One." takes this long
FAKE_WORD_MS = 400  # a word of the fake engine (speech.engines.fake) at 150 words per minute
_PAUSE = re.compile(r"[.,;:!?]\s")


def letters(text: str) -> int:
    """The letters and digits of the words spoken."""
    return len(re.sub(r"[\W_]", "", pacing.spoken(text)))


def inner_pauses(text: str) -> int:
    """Punctuation marks inside the spoken words, where the voice pauses (not the one at the end)."""
    return len(_PAUSE.findall(pacing.spoken(text).strip()))


def estimate_ms(text: str, rate_wpm: int, language: str = "en") -> int:
    """A fair guess at how long ``text`` takes to say at ``rate_wpm`` in ``language``, written pauses included."""
    letter, clip, pause = for_tag(CALIBRATION, language.lower()) or CALIBRATION[DEFAULT]
    spoken = (letters(text) * letter + clip) * 60_000 / rate_wpm + inner_pauses(text) * pause
    return max(MIN_MS, round(spoken)) + pacing.silence_ms(text)


def estimator(language: str, engine: str = "") -> Callable[[str, int], int]:
    """``estimate_ms`` for one language: a ``measure(text, rate)`` for the compiler. The fake engine's
    clips have a length known from their words: its plans are exact."""
    if engine == "fake":
        return _fake_ms
    return lambda text, rate: _estimated(text, rate, language)


# A practice is compiled many times over (fitting its length, composing one): each text is measured once.
@functools.lru_cache(maxsize=16384)
def _estimated(text: str, rate: int, language: str) -> int:
    return estimate_ms(text, rate, language)


@functools.lru_cache(maxsize=16384)
def _fake_ms(text: str, rate: int) -> int:
    return sum(p if isinstance(p, int) else fake_clip_ms(p, rate) for p in pacing.pieces(text))


def fake_clip_ms(text: str, rate: int) -> int:
    """Length of the fake engine's clip for ``text`` at ``rate`` words per minute."""
    return max(1, len(text.split())) * FAKE_WORD_MS * 150 // rate
