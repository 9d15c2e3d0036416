"""A build under way, followed by the page: server-sent events (``text/event-stream``) that tell how far
it has come, at once and then whenever it moves (at least once a second, so the page never looks
frozen), and end with what it made (``done``: as Play answers) or why it failed (``failed``).

A page reloaded mid-build finds it again by its file name; a build that ended a short while ago is
told at once; for no build at all, the answer is ``done`` if the file is there, else ``none``."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from voicekit.language.page import Words, asked, words
from voicekit.web.words import for_phone

if TYPE_CHECKING:
    from voicekit.web.site import Site

TICK_S = 0.1
"""How often the build is looked at."""
BEAT_S = 1.0
"""An event at least this often, the time left counted down."""
MAX_S = 3600
"""A stream ends after this (the page asks again)."""


def event(kind: str, data: dict) -> bytes:
    return f"event: {kind}\ndata: {json.dumps(data)}\n\n".encode()


async def follow(request: Request) -> Response:
    site = request.app.state.site
    name = request.path_params["file"]
    lang = request.query_params.get("lang", "")[:20]  # the page's language; else the phone's
    w = words(lang) if lang else asked(request.headers.get("accept-language", ""))
    headers = {"cache-control": "no-store", "x-accel-buffering": "no"}
    return StreamingResponse(_events(request, site, name, w), media_type="text/event-stream", headers=headers)


async def _events(request: Request, site: Site, name: str, w: Words) -> AsyncIterator[bytes]:
    building = site.builder.building(name)
    root = site.root(request)
    yield b"retry: 1000\n\n"
    if building is not None:
        sent, last, ends = None, 0.0, time.monotonic() + MAX_S
        while not building.finished and time.monotonic() < ends:
            report = building.report()
            now = time.monotonic()
            moved = {k: v for k, v in report.items() if k not in ("left", "elapsed")} != sent
            if moved or now - last >= BEAT_S:
                yield event("progress", report)
                sent, last = {k: v for k, v in report.items() if k not in ("left", "elapsed")}, now
            await asyncio.sleep(TICK_S)
        if building.phase == "failed":
            yield event("failed", {"error": for_phone(building.error or Exception("?"), w)})
            return
        if not building.finished:
            return
    built = await site.in_thread(site.folder.get, name)
    if built is None:
        yield event("none", {"file": name})
        return
    result = building.result if building is not None else None
    yield event("done", site.played(root, built, None, result))
