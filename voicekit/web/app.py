"""The app: ``make_app(Settings(...))`` gives the ASGI application ``voicekit serve`` runs: the routes,
behind the guard, over one ``Site`` (web/site.py) that the handlers share."""

from __future__ import annotations

import os
import threading

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from voicekit.errors import VoicekitError
from voicekit.web import art, events, feed, media, pages, words
from voicekit.web.guard import Guard
from voicekit.web.prepare import Poke, Preparer
from voicekit.web.settings import Settings
from voicekit.web.site import Site


def make_app(settings: Settings | None = None, warm: bool = False) -> Guard:
    """The whole app: routes behind the guard (Host, token, origin, headers). ``warm``: read the shelf
    and list the voices in the background at once, so the first page a phone opens comes quickly."""
    settings = settings or Settings()
    os.makedirs(settings.output, exist_ok=True)
    routes = [
        Route("/", pages.library),
        Route("/manifest.webmanifest", art.manifest),
        Route("/cover-{size}.png", art.feed_cover),
        Route("/compose", pages.compose, methods=["POST"]),
        Route("/practice/{name}", pages.practice),
        Route("/practice/{name}/play", pages.play, methods=["POST"]),
        Route("/practice/{name}/cover-{size}.png", art.practice_cover),
        Route("/practice/{name}/manifest.webmanifest", art.manifest),
        Route("/builds/{file}/events", events.follow),
        Route("/sessions/{file}/cover-{size}.png", art.session_cover),
        Route("/media/{file}", media.serve_media),
        Route("/chapters/{file}.json", feed.chapters),
        Route("/feed.xml", feed.feed),
        Route("/static/{file}", media.serve_static),
    ]
    site = Site(settings)
    middleware = []
    if settings.prepare:
        site.preparer = Preparer(settings, site.builder, site.kept)
        middleware.append(Middleware(Poke, preparer=site.preparer))
        site.preparer.start()
    app = Starlette(routes=routes, exception_handlers={VoicekitError: words.error}, middleware=middleware)
    app.state.site = site
    if warm:
        threading.Thread(target=site.warm, name="voicekit-warm", daemon=True).start()
    return Guard(app, settings.token, settings.hosts)
