"""Where each sounding cue's audio comes from, and the fade-in that shapes the session's first seconds.

Light on purpose (no numpy): the MP3 join asks these questions on every rebuild.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from voicekit.plan.timeline import SPEECH, Cue

if TYPE_CHECKING:
    from voicekit.sound.bed import BedPlayer

FADE_IN_MS = 1500  # the session starts softly (lead-in silence, then the first words rising)


def fade_end(rate: int) -> int:
    """Sounds that start before this sample are shaped by the fade-in."""
    return FADE_IN_MS * rate // 1000


@dataclass(frozen=True)
class Sources:
    """Where a session's sounds come from: speech clips by (text, rate), made sounds (bell, chime) by
    kind, and the bed under them all, if there is one."""

    clips: Mapping[tuple[str, int], Path]
    sounds: Mapping[str, Path]
    bed: BedPlayer | None = None

    def path(self, cue: Cue) -> Path:
        """The clip a speech, bell or chime cue plays."""
        return self.clips[cue.text, cue.rate] if cue.kind == SPEECH else self.sounds[cue.kind]
