"""What the web says, in the page's language: the state of a build under way, and what went wrong, as
something a phone user can do, never a path on the server or a command-line flag.

The library's messages are written for the command line, in English: they name files by their whole
path and say which option to change ("choose another -o", "ask for 1:29:09.7" after "--length"). The
web answers with its own words where it has them (a length it cannot fit: the minutes this practice
can last; a choice it does not offer; too many builds), and any other message as a sentence of its own
kind ("The practice cannot be read: ...") followed by the library's words with every path cut to its
file name and every hint that names a flag or a command left out.
"""

from __future__ import annotations

import contextlib
import math
import re

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from voicekit.errors import CacheError, EngineError, ExportError, OptionsError, SequenceError, VoicekitError
from voicekit.language.page import Words, asked, words
from voicekit.plan.fit import LengthError
from voicekit.web.builds import Busy
from voicekit.web.choices import BadChoice

# The folders of an absolute path (POSIX or Windows), so that only the file's own name is left.
_FOLDERS = re.compile(r"(?<![\w.~:/\\-])(?:/(?:[^/\s'\"]*/)+|[A-Za-z]:\\(?:[^\\\s'\"]*\\)+)")
_FLAG = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
_COMMAND = re.compile(r"`voicekit[^`]*`")
_ASIDE = re.compile(r"\s*\([^()]*\)")
LEADS = {
    SequenceError: "error.practice",
    ExportError: "error.write",
    CacheError: "error.store",
    EngineError: "error.voice",
}
"""The sentence each kind of the library's errors starts with on the web."""


class Gone(VoicekitError):
    """The version built was removed from the output folder before it could be played."""


def page_words(language: str) -> Words:
    """The words of a page about a practice in ``language``."""
    return words(language)


def for_phone(error: Exception, w: Words | None = None) -> str:
    """The one line the web answers ``error`` with, in the words ``w`` (English by default)."""
    w = w or words("en")
    if isinstance(error, LengthError):
        low, high = math.ceil(error.shortest_ms / 60_000), math.floor(error.longest_ms / 60_000)
        return w("error.no_minutes") if high < low else w("error.minutes", low=low, high=high)
    if isinstance(error, Busy):
        return w("error.busy", n=error.running)
    if isinstance(error, Gone):
        return w("error.gone")
    if isinstance(error, BadChoice) and error.key and w.tag != "en":  # English has the reason itself
        if error.key in ("bad.minutes", "bad.compose_minutes"):
            return w("error.bad_minutes", **{"least": 1, **error.fields})
        return w("error.bad")
    lead = next((w(key) for kind, key in LEADS.items() if isinstance(error, kind)), "")
    text = scrub(str(error))
    return f"{lead}: {text}" if lead else text


def status(w: Words, report: dict) -> str:
    """A build under way in a line (what the page's script writes too): its phase, and the time left."""
    phase = report["phase"]
    if phase == "speech" and report["total"]:
        said = w("status.speech", done=report["done"], total=report["total"])
    elif phase == "encoding":
        said = w("status.encoding", percent=round(100 * report["done"] / max(1, report["total"])))
    else:
        said = w("status.waiting" if phase == "waiting" else "status.starting")
    left = report.get("left")
    return said if left is None or phase == "waiting" else f"{said} · {w('status.left', time=_duration(left))}"


def _duration(seconds: float) -> str:
    s = max(1, math.ceil(seconds))
    return f"{s // 60}:{s % 60:02d}" if s >= 60 else f"0:{s:02d}"


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


async def error(request: Request, exc: Exception) -> Response:
    """A VoicekitError as one line a phone user can act on (``for_phone``), in the practice's language:
    400 for a bad choice, 409 for a file the build will not replace, 503 when the builds are full, 500
    for the rest (a practice that cannot be read, a missing engine)."""
    statuses = {Busy: 503, BadChoice: 400, OptionsError: 400, ExportError: 409, Gone: 409}
    status = next((code for kind, code in statuses.items() if isinstance(exc, kind)), 500)
    headers = {"retry-after": "5"} if status == 503 else None
    text = for_phone(exc, _words_of(request))
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"error": text}, status, headers=headers)
    return PlainTextResponse(f"{text}\n", status, headers=headers)


def _words_of(request: Request) -> Words:
    """The words of the practice a request is about (its language), else those the phone asks for."""
    name = request.path_params.get("name")
    site = request.app.state.site
    if name:
        with contextlib.suppress(Exception):  # a practice that cannot be read: the phone's language
            return words(site.listing(site.practice(name)).language)
    return asked(request.headers.get("accept-language", ""))
