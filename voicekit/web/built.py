"""The built sessions in the output folder, as the library page and the feed list them: each MP3 or
M4A that voicekit made (not a ``voicekit say`` sample), with its tags and chapters read back."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from voicekit.output import tags
from voicekit.output.metadata import SAMPLES_ALBUM, Metadata
from voicekit.output.provenance import made_by_voicekit
from voicekit.web import media


@dataclass(frozen=True)
class Built:
    """A built session: its file name in the output folder, size, time and what its tags say."""

    name: str
    path: Path
    size: int
    mtime: float
    meta: Metadata

    @property
    def version(self) -> str:
        """Changes whenever the file is rebuilt: for URLs a player must not take from its cache."""
        return f"{int(self.mtime * 1000)}-{self.size}"


class Folder:
    """The output folder; tags are read again only from files that changed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._read: dict[str, tuple[tuple[int, int], Metadata | None]] = {}
        """Each file's tags, with the (mtime, size) they were read at."""

    def sessions(self) -> list[Built]:
        """Every built session, newest first."""
        found = []
        try:
            names = sorted(os.listdir(self.path))
        except OSError:
            return []
        for name in names:
            if Path(name).suffix.lower() in (".mp3", ".m4a"):
                built = self.get(name)
                if built is not None:
                    found.append(built)
        return sorted(found, key=lambda b: -b.mtime)

    def get(self, name: str) -> Built | None:
        """The session in file ``name``, if it is one that may be served and voicekit made it."""
        path = media.find(self.path, name)
        if path is None or path.suffix.lower() not in (".mp3", ".m4a"):
            return None
        info = path.stat()
        stamp = (info.st_mtime_ns, info.st_size)
        known = self._read.get(str(path))
        if known is None or known[0] != stamp:
            known = self._read[str(path)] = (stamp, tags.read(path) if made_by_voicekit(path) else None)
        meta = known[1]
        if meta is None or meta.album == SAMPLES_ALBUM:
            return None
        return Built(name, path, info.st_size, info.st_mtime, meta)


def clock(ms: int) -> str:
    """A time on the page, in whole seconds as players count them: 4:05, 1:02:09 (the page's script
    writes the same)."""
    s = ms // 1000
    h, m = divmod(s // 60, 60)
    return f"{h}:{m:02d}:{s % 60:02d}" if h else f"{m}:{s % 60:02d}"
