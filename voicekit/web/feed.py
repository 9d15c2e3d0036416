"""The podcast feed (RSS 2.0 with the iTunes and Podcasting 2.0 namespaces) of the built sessions, and
each session's chapters in the JSON chapters format (``version``, ``chapters[]`` of ``startTime`` in
seconds and ``title``), read back from the file's own chapter marks."""

from __future__ import annotations

from collections.abc import Callable
from email.utils import formatdate

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from voicekit.web.built import Built, clock
from voicekit.web.media import TYPES

CHAPTERS_VERSION = "1.2.0"


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
    episodes = [_episode(b, base, site.quote) for b in site.folder.sessions()]
    body = site.templates.get_template("feed.xml").render(base=base, episodes=episodes)
    return Response(body, media_type="application/rss+xml; charset=utf-8", headers={"cache-control": "no-cache"})


def _episode(built: Built, base: str, quote: Callable[[str], str]) -> dict:
    meta = built.meta
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
    }
