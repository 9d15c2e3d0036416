"""Where each sounding cue's audio comes from (entries of the store), and the fade-in that shapes the
session's first seconds.

Light on purpose (no numpy until samples are read): the MP3 join asks these questions on every rebuild.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from voicekit.errors import StoreChanged
from voicekit.plan.grid import FRAME
from voicekit.plan.timeline import Cue, CueKind, Timeline
from voicekit.sequence.model import Bed
from voicekit.sound.wav import from_int16
from voicekit.store import CLIP, Store

if TYPE_CHECKING:
    import numpy as np

    from voicekit.sound.bed import BedPlayer

FADE_IN_MS = 1500  # the session starts softly (lead-in silence, then the first words rising)


@dataclass(frozen=True)
class Sources:
    """Where a session's sounds come from: speech clips by (text, rate), made sounds (bells, chimes) by
    name (a made cue's text), each an entry of ``store``; and the bed under them all, if there is one."""

    store: Store
    clips: Mapping[tuple[str, int], str]
    sounds: Mapping[str, str]
    """By name: "bell", "double bell", "chime", "hold bell" (and "bed", the bed's loop)."""
    bed: BedPlayer | None = None
    fade_in_ms: int = FADE_IN_MS
    """The session starts softly over this long (0: a sample that starts at once)."""

    def fade_end(self, rate: int) -> int:
        """Sounds that start before this sample are shaped by the fade-in."""
        return self.fade_in_ms * rate // 1000

    def entry(self, cue: Cue) -> str:
        """The store entry of the clip a speech cue, or a made sound's cue (its text names the sound), plays."""
        return self.clips[cue.text, cue.rate] if cue.kind is CueKind.SPEECH else self.sounds[cue.text]

    def samples(self, cue: Cue) -> np.ndarray:
        """The cue's clip as 16-bit samples."""
        return clip_samples(self.store, self.entry(cue))

    def length(self, cue: Cue) -> int:
        """Samples in the cue's clip, from the entry's size."""
        size = self.store.size(CLIP, self.entry(cue))
        if size is None:
            raise StoreChanged()
        return size // 2

    def content(self, cue: Cue) -> str:
        """What the cue's clip holds (its checksum and size): a clip made again is a new content."""
        found = self.store.content(CLIP, self.entry(cue))
        if found is None:
            raise StoreChanged()
        return found


def clip_samples(store: Store, name: str) -> np.ndarray:
    """The stored clip ``name`` as 16-bit samples; StoreChanged if it is gone or damaged."""
    import numpy as np

    body = store.get(CLIP, name)
    if body is None:
        raise StoreChanged()
    return np.frombuffer(body, dtype="<i2")


def bed_player(bed: Bed | None, timeline: Timeline, store: Store, sounds: Mapping[str, str]) -> BedPlayer | None:
    """The sequence's bed as heard in this timeline, its loop (made once) read from the store only when
    its samples are needed."""
    if bed is None:
        return None
    from voicekit.sound.bed import BedPlayer

    name = sounds["bed"]
    size, identity = store.size(CLIP, name), store.content(CLIP, name)
    if size is None or identity is None:
        raise StoreChanged("the bed's stored loop")

    def load() -> np.ndarray:
        body = store.get(CLIP, name)
        if body is None and bed.file:  # damaged (a build reads only its seal, not ten megabytes): made again
            from voicekit.sound.bed_file import stored_loop

            body = store.get(CLIP, stored_loop(store, bed))
        if body is None or store.content(CLIP, name) != identity:
            raise StoreChanged("the bed's stored loop")
        return from_int16(body)

    return BedPlayer(bed, timeline, frames=size // 2 // FRAME, load=load, identity=identity)
