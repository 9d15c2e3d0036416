"""Covers and web app manifests: each practice's cover (``output.cover``) at the sizes a page, a lock
screen, a home screen and a podcast feed ask for, the cover of a built session (from its title), the
feed's own, and a manifest so that "Add to Home Screen" gives the practice's name and icon."""

from __future__ import annotations

import hashlib

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from voicekit.output import cover
from voicekit.web.media import not_modified

DAY = "public, max-age=86400"
"""A cover changes only with its title: a day in a phone's cache, then asked about again (304)."""
ICONS = (192, 512)


def _png(request: Request, title: str) -> Response:
    size = int(request.path_params["size"]) if request.path_params["size"].isdecimal() else 0
    if size not in cover.SIZES:
        return PlainTextResponse("Not Found", 404)
    data = cover.png(title, size)
    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    headers = {"etag": etag, "cache-control": DAY}
    if not_modified(dict(request.headers.raw), etag, ""):
        return Response(status_code=304, headers=headers)
    return Response(data, media_type="image/png", headers=headers)


async def practice_cover(request: Request) -> Response:
    site = request.app.state.site
    listing = await site.in_thread(site.listing, site.practice(request.path_params["name"]))
    return await site.in_thread(_png, request, listing.title)


async def session_cover(request: Request) -> Response:
    site = request.app.state.site
    built = await site.in_thread(site.folder.get, request.path_params["file"])
    if built is None:
        return PlainTextResponse("Not Found", 404)
    return await site.in_thread(_png, request, built.meta.title or built.name)


async def feed_cover(request: Request) -> Response:
    site = request.app.state.site
    return await site.in_thread(_png, request, site.feed_title)


async def manifest(request: Request) -> Response:
    """The web app manifest of the library page, or of a practice's page (its title, its cover)."""
    site = request.app.state.site
    root = site.root(request)
    name = request.path_params.get("name")
    if name is None:
        title, start, icons = "voicekit", f"{root}/", f"{root}/cover"
    else:
        listing = await site.in_thread(site.listing, site.practice(name))
        title, start = listing.title, f"{root}/practice/{site.quote(name)}"
        icons = f"{start}/cover"
    body = {
        "name": title,
        "short_name": title if len(title) <= 12 else title.split()[0],
        "start_url": start,
        "scope": f"{root}/",
        "display": "standalone",
        "background_color": "#fbfaf7",
        "theme_color": "#2f6f5e",
        "icons": [{"src": f"{icons}-{n}.png", "sizes": f"{n}x{n}", "type": "image/png"} for n in ICONS],
    }
    return JSONResponse(body, media_type="application/manifest+json", headers={"cache-control": "no-cache"})
