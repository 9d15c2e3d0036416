"""One error family. The CLI turns any of these into a one-line message and exit status 2."""

from __future__ import annotations


class VoicekitError(Exception):
    """Base of every error voicekit reports to the user."""


class SequenceError(VoicekitError):
    """A sequence file is missing, unreadable or invalid."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.file = file
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class OptionsError(VoicekitError):
    """A build option (--hold, --scale, output path...) is invalid."""


class EngineError(VoicekitError):
    """The speech engine is missing, broken or failed on a text."""


class ExportError(VoicekitError):
    """The encoder is missing or failed, or the output cannot be written."""


class CacheError(VoicekitError):
    """The clip cache cannot be written (a full disk, no permission): never the engine's fault."""


class DownloadError(VoicekitError):
    """A voice could not be downloaded whole: nothing of it was installed."""
