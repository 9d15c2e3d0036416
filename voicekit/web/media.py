"""The files of the output folder, served as a phone's player needs them: exact Range answers (206 with
``Content-Range``, 416 for a range past the end), ``Accept-Ranges``, ``ETag`` and ``Last-Modified``,
304 to a request that already holds the file (``If-None-Match``, ``If-Modified-Since``), and each
format's content type. Nothing else can be reached: one file name, in that folder, once symlinks are
followed, a regular file of a known kind. The page's own files (style, script, covers) are served the
same way (``Media``), with the caching they allow.

Starlette's ``FileResponse`` (1.5.1 and later) answers valid ranges exactly. RFC 9110 also says a
Range header that is not a valid ``bytes`` range set is ignored (the whole file, 200) and that the
unsatisfiable ranges of a set are dropped, where Starlette answers 400 or 416; ``ranges`` makes the
header exact before Starlette sees it.
"""

from __future__ import annotations

import os
import re
import stat
from email.utils import parsedate_to_datetime
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.staticfiles import NotModifiedResponse
from starlette.types import Receive, Scope, Send

STATIC_DIR = Path(__file__).parent / "static"
STATIC = {"style.css": "text/css; charset=utf-8", "player.js": "text/javascript; charset=utf-8"}
"""The page's own files, and their types."""
TYPES = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".wav": "audio/wav",
    ".json": "application/json",
    ".md": "text/markdown; charset=utf-8",
    ".lrc": "text/plain; charset=utf-8",
    ".vtt": "text/vtt; charset=utf-8",
}
_NAME = re.compile(r"[^/\\\x00-\x1f\x7f.][^/\\\x00-\x1f\x7f]*")  # one plain name, not hidden
_SPEC = re.compile(r"(\d+)-(\d*)|-(\d+)")


def find(folder: Path, name: str) -> Path | None:
    """The file ``name`` of ``folder`` if it may be served: a plain name (no separator, not hidden, so
    no '..' and no temporaries) of a known kind, a regular file whose real path is in the folder."""
    if not _NAME.fullmatch(name) or Path(name).suffix.lower() not in TYPES:
        return None
    real = real_inside(folder, Path(folder) / name)
    if real is None:
        return None  # a symlink that leads out of the folder
    try:
        return real if stat.S_ISREG(os.stat(real).st_mode) else None
    except OSError:
        return None


def real_inside(folder: Path, path: Path) -> Path | None:
    """Where ``path`` really is once symlinks are followed, if that is directly in ``folder``; else None.
    The one test of "in the output folder" for what the server reads and what it writes."""
    real = os.path.realpath(path)
    return Path(real) if os.path.dirname(real) == os.path.realpath(folder) else None


def ranges(header: str, size: int) -> str | None:
    """The Range header to answer: None to ignore it (not a valid ``bytes`` range set: the whole file),
    the satisfiable ranges as a clean header, or ``header`` itself when none is satisfiable (416)."""
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or not spec.strip():
        return None
    wanted: list[str] = []
    for part in spec.split(","):
        part = part.strip(" \t")
        if not part:
            continue  # empty list elements are allowed (RFC 9110 5.6.1)
        m = _SPEC.fullmatch(part)
        if m is None:
            return None
        first, last, suffix = m.groups()
        if first is not None and last and int(last) < int(first):
            return None  # a range that ends before it starts makes the header invalid
        satisfiable = int(suffix) > 0 and size > 0 if suffix is not None else int(first) < size
        if satisfiable:
            wanted.append(part)
    if not wanted and not spec.replace(",", "").strip(" \t"):
        return None
    return f"bytes={','.join(wanted)}" if wanted else header


def not_modified(request: dict[bytes, bytes], etag: str, last_modified: str) -> bool:
    """Whether a GET that names what it holds (RFC 9110 13.1) holds this file: an ``If-None-Match`` with
    its ETag (weak or strong) or ``*``, else an ``If-Modified-Since`` not before its time."""
    if b"if-none-match" in request:
        tags = [t.strip().removeprefix("W/") for t in request[b"if-none-match"].decode("latin-1").split(",")]
        return "*" in tags or etag in tags
    since = request.get(b"if-modified-since")
    if since is None:
        return False
    try:
        return parsedate_to_datetime(since.decode("latin-1")) >= parsedate_to_datetime(last_modified)
    except (TypeError, ValueError):
        return False  # a date that cannot be read is ignored (RFC 9110 13.1.3)


NO_CACHE = "no-cache"
"""Kept, but asked about again before each use (a 304 makes that cheap)."""
FOREVER = "public, max-age=31536000, immutable"
"""For a URL that names its content's version: it never changes."""


class Media:
    """A served file: ``FileResponse`` with its type, after the Range header is made exact; 304 when the
    client holds it already."""

    def __init__(
        self, path: Path, download: str | None = None, media_type: str | None = None, cache: str = NO_CACHE
    ) -> None:
        self.path = path
        self.download = download
        self.media_type = media_type or TYPES[path.suffix.lower()]
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        info = os.stat(self.path)
        headers = [(k, v) for k, v in scope["headers"] if k != b"range"]
        for key, value in scope["headers"]:
            if key == b"range":
                clean = ranges(value.decode("latin-1"), info.st_size)
                if clean is not None:
                    headers.append((b"range", clean.encode("latin-1")))
                break  # a second Range header is ignored
        response = FileResponse(
            self.path,
            media_type=self.media_type,
            stat_result=info,
            filename=self.download,
            headers={"cache-control": self.cache},
        )
        asked = dict(scope["headers"])
        if scope["method"] in ("GET", "HEAD") and not_modified(
            asked, response.headers["etag"], response.headers["last-modified"]
        ):
            return await NotModifiedResponse(response.headers)(scope, receive, send)
        await response({**scope, "headers": headers}, receive, send)


def serve_media(request: Request) -> Response | Media:
    """A file of the output folder (``/media/NAME``); ``?download=1`` asks to save it under its name."""
    site = request.app.state.site
    name = request.path_params["file"]
    path = find(site.settings.output, name)
    if path is None:
        return PlainTextResponse("Not Found", 404)
    site.kept.played(name)
    return Media(path, download=name if request.query_params.get("download") == "1" else None)


def serve_static(request: Request) -> Response | Media:
    """The page's style or script: kept for a year under the URL naming its version, else asked about."""
    site = request.app.state.site
    name = request.path_params["file"]
    if name not in STATIC:
        return PlainTextResponse("Not Found", 404)
    versioned = request.query_params.get("v") == site.static_version(name)
    return Media(STATIC_DIR / name, media_type=STATIC[name], cache=FOREVER if versioned else NO_CACHE)
