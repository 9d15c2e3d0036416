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


class StoreChanged(ExportError):
    """An entry the build read whole turned out damaged (it was discarded) or gone: the build runs again,
    once, and makes it anew. Presence is checked by an entry's seal alone, so its body is read only when
    it is used."""

    def __init__(self, what: str = "a cached clip") -> None:
        super().__init__(f"{what} changed during the build; build again")


class CacheError(VoicekitError):
    """The clip cache cannot be written (a full disk, no permission): never the engine's fault."""


class DownloadError(VoicekitError):
    """A voice could not be downloaded whole: nothing of it was installed."""


BAD_FILE: tuple[type[BaseException], ...] = (VoicekitError, OSError, RecursionError, UnicodeError)
"""What reading a user's file can raise when the file is bad rather than voicekit: our own errors, a file
that cannot be opened, nesting deeper than the reader can follow (an alias inside itself), a character
that is not text. Where a list of the user's files is read, one such file is one bad entry, not the end."""


def excerpt(text: str, length: int = 40) -> str:
    """``text`` quoted for a message, cut short: a whole file read as one text is not shown whole."""
    return repr(text if len(text) <= length else text[: length - 3] + "...")


def describe(e: BaseException, file: object = None) -> str:
    """One of BAD_FILE as the one line a user reads, naming ``file`` (the one being read) where the error
    cannot say which file it is about."""
    where = f"{file}: " if file is not None else ""
    if isinstance(e, OSError):  # it names its own path, if any: the output's, or a file read
        return f"{e.filename}: {e.strerror or e}" if e.filename else str(e.strerror or e)
    if isinstance(e, RecursionError):
        return f"{where}nested too deeply to read (an alias inside itself, or lists in lists hundreds deep)"
    if isinstance(e, UnicodeError):
        return f"{where}holds a character that is not text ({getattr(e, 'reason', e)}); delete it"
    if isinstance(e, SequenceError) and not e.file:
        return f"{where}{e}"
    return str(e)  # it says what it is about (a SequenceError: the practice's file, or a pose file's)
