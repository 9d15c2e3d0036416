"""Where each sounding cue's audio comes from, and the fade-in that shapes the session's first seconds.

Light on purpose (no numpy): the MP3 join asks these questions on every rebuild.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .timeline import SPEECH, Cue

FADE_IN_MS = 1500  # the session starts softly (lead-in silence, then the first words rising)


def fade_end(rate: int) -> int:
    """Sounds that start before this sample are shaped by the fade-in."""
    return FADE_IN_MS * rate // 1000


def clip_path(cue: Cue, clips: Mapping[tuple[str, int], Path], sounds: Mapping[str, Path]) -> Path:
    """The clip a cue plays: speech by text and rate, a made sound (bell, chime) by kind."""
    return clips[cue.text, cue.rate] if cue.kind == SPEECH else sounds[cue.kind]
