"""The podcast feed (RSS 2.0 with the iTunes and Podcasting 2.0 namespaces) of the built sessions, and
each session's chapters in the JSON chapters format (``version``, ``chapters[]`` of ``startTime`` in
seconds and ``title``), read back from the file's own chapter marks.

The channel and each episode carry a cover (``itunes:image``), each episode its captions as a transcript
(``podcast:transcript``, the WebVTT companion), and the channel a ``podcast:guid``: the Podcasting 2.0
UUIDv5 of the feed's address without its scheme and without the key of ``--lan`` (new at every start),
so the podcast stays one podcast. An episode's ``guid`` is its file's name and version: a version built
again unchanged is the same file (``targets.replacing``), so the same episode."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from email.utils import formatdate
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from voicekit.web.built import Built, clock
from voicekit.web.media import TYPES, find

CHAPTERS_VERSION = "1.2.0"
PODCAST_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
"""The namespace of podcast:guid's UUIDv5 (Podcasting 2.0)."""


def chapters_document(built: Built) -> dict:
    return {
        "version": CHAPTERS_VERSION,
        "chapters": [{"startTime": c.start / 1000, "title": c.title} for c in built.meta.chapters],
    }


def chapters(request: Request) -> Response:
    site = request.app.state.site
    built = site.folder.get(request.path_params["file"])
    if built is None or not built.meta.chapters:
        return Response("Not Found", 404, media_type="text/plain")
    return JSONResponse(chapters_document(built), media_type="application/json+chapters")


def feed(request: Request) -> Response:
    site = request.app.state.site
    base = site.base(request)
    episodes = [_episode(b, base, site.quote, site.settings.output) for b in site.folder.sessions()]
    guid = uuid.uuid5(PODCAST_NAMESPACE, f"{request.headers['host']}/feed.xml")
    body = site.templates.get_template("feed.xml").render(base=base, episodes=episodes, guid=guid)
    return Response(body, media_type="application/rss+xml; charset=utf-8", headers={"cache-control": "no-cache"})


def _episode(built: Built, base: str, quote: Callable[[str], str], folder: Path) -> dict:
    meta = built.meta
    transcript = str(Path(built.name).with_suffix(".vtt"))
    marks = "; ".join(f"{clock(c.start)} {c.title}" for c in meta.chapters)
    title = f"{meta.title or built.name} ({clock(meta.length_ms)})"
    return {
        "title": title,
        "description": f"{title} ({built.name}). Built with: {meta.comment}. Chapters: {marks}",
        "url": f"{base}/media/{quote(built.name)}",
        "size": built.size,
        "type": TYPES[built.path.suffix.lower()],
        "guid": f"voicekit:{built.name}:{built.version}",
        "date": formatdate(built.mtime, usegmt=True),
        "seconds": meta.length_ms // 1000,
        "chapters": f"{base}/chapters/{quote(built.name)}.json" if meta.chapters else None,
        "image": f"{base}/sessions/{quote(built.name)}/cover-1400.png",
        "transcript": f"{base}/media/{quote(transcript)}" if find(folder, transcript) else None,
    }
