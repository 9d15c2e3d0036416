"""Progress on a terminal; nothing when quiet or when stderr is not a TTY."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

OnProgress = Callable[[int, int], None]
"""Told how far work has come: (done, total), in clips, frames or bytes."""


class Progress:
    def __init__(self, enabled: bool | None = None, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._last = 0.0
        self._shown = False

    def step(self, label: str, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.enabled or (done < total and now - self._last < 0.1):
            return
        self._last = now
        width = 24
        filled = width * done // max(1, total)
        self.stream.write(f"\r{label:<12} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        self.stream.flush()
        self._shown = True

    def done(self) -> None:
        if self.enabled and self._shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._shown = False
