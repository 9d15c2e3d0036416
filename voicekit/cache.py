"""Content-addressed store of finished clips (WAV), safe to share between concurrent builds."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import wave
from pathlib import Path

ENV = "VOICEKIT_CACHE_DIR"
FORMAT = 2  # bump when clip processing changes, so old entries are not reused


def default_dir() -> Path:
    """$VOICEKIT_CACHE_DIR, else the platform's user cache folder."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    elif sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "voicekit"


class ClipCache:
    """Clips stored by a hash of everything that shapes them."""

    def __init__(self, root: str | Path | None = None) -> None:
        self.root = Path(root) if root else default_dir()
        self.warnings: list[str] = []

    @staticmethod
    def key(**parts: object) -> str:
        blob = json.dumps({"format": FORMAT, **parts}, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()[:32]

    def path(self, key: str) -> Path:
        return self.root / "clips" / key[:2] / f"{key}.wav"

    def frames(self, key: str) -> int | None:
        """Sample count of a valid entry; a damaged entry is deleted (and warned about)."""
        path = self.path(key)
        try:
            with wave.open(str(path), "rb") as w:
                n, width, channels = w.getnframes(), w.getsampwidth(), w.getnchannels()
            if path.stat().st_size < 44 + n * width * channels:
                raise EOFError("shorter than its header says")
            return n
        except FileNotFoundError:
            return None
        except (OSError, EOFError, wave.Error) as e:
            self.warnings.append(f"discarded a damaged cache entry {path.name} ({e}); it will be made again")
            # The cache folder may not be a folder at all; that is reported when the clip is written.
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
            return None
