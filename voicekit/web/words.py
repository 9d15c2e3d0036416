"""What the web says when something goes wrong: what a phone user can do, never a path on the server or
a command-line flag.

The library's messages are written for the command line: they name files by their whole path and say
which option to change ("choose another -o", "ask for 1:29:09.7" after "--length"). The web answers a
length it cannot fit with the minutes this practice can last, and any other message as a sentence of
its own kind ("the practice cannot be read: ...") followed by the library's words with every path cut
to its file name and every hint that names a flag or a command left out.
"""

from __future__ import annotations

import math
import re

from voicekit.errors import CacheError, EngineError, ExportError, SequenceError
from voicekit.plan.fit import LengthError

# The folders of an absolute path (POSIX or Windows), so that only the file's own name is left.
_FOLDERS = re.compile(r"(?<![\w.~:/\\-])(?:/(?:[^/\s'\"]*/)+|[A-Za-z]:\\(?:[^\\\s'\"]*\\)+)")
_FLAG = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
_COMMAND = re.compile(r"`voicekit[^`]*`")
_ASIDE = re.compile(r"\s*\([^()]*\)")
LEADS = {
    SequenceError: "the practice cannot be read",
    ExportError: "this version cannot be written",
    CacheError: "the speech cannot be stored",
    EngineError: "the voice cannot speak it",
}
"""The sentence each kind of the library's errors starts with on the web."""


def for_phone(error: Exception) -> str:
    """The one line the web answers ``error`` with."""
    if isinstance(error, LengthError):
        low, high = math.ceil(error.shortest_ms / 60_000), math.floor(error.longest_ms / 60_000)
        if high < low:
            return "this practice cannot be fitted to whole minutes; choose short, medium or long holds"
        return f"choose {low} to {high} minutes: that is how long this practice can be made to last"
    lead = next((words for kind, words in LEADS.items() if isinstance(error, kind)), "")
    text = scrub(str(error))
    return f"{lead}: {text}" if lead else text


def scrub(text: str) -> str:
    """``text`` without the server's folders (each path cut to its file name) and without the hints
    that name a flag or a command (a clause after '; ', an aside in parentheses); a flag left in what
    remains loses its dashes."""
    text = _FOLDERS.sub("", text)
    text = _ASIDE.sub(lambda m: "" if _names_option(m[0]) else m[0], text)
    first, *rest = text.split("; ")
    text = "; ".join([first, *(clause for clause in rest if not _names_option(clause))])
    return _FLAG.sub(lambda m: m[0].lstrip("-"), _COMMAND.sub("", text)).strip()


def _names_option(text: str) -> bool:
    return bool(_FLAG.search(text) or _COMMAND.search(text))
