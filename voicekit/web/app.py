"""The app: ``make_app(Settings(...))`` gives the ASGI application ``voicekit serve`` runs.

``Settings`` is all a server is told: the output folder, the cache, the default build options (the
tests' fake engine goes here), the token and the host names it answers to. ``Site`` holds what the
handlers share: the builder, the output folder's sessions, the shelf's listings and the voices."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from voicekit.errors import ExportError, OptionsError, VoicekitError
from voicekit.pipeline import check, plan_of
from voicekit.plan.listing import Listing, listing, shelf
from voicekit.plan.options import BuildOptions, Practice
from voicekit.plan.timeline import Timeline
from voicekit.sequence.shelf import practice_files
from voicekit.web import choices, feed, pages, words
from voicekit.web.builds import Builder, Busy
from voicekit.web.built import Built, Folder
from voicekit.web.guard import Guard
from voicekit.web.keep import DEFAULT_LIMIT, Kept
from voicekit.web.media import Media, find

HERE = Path(__file__).parent
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
STATIC = {"style.css": "text/css; charset=utf-8", "player.js": "text/javascript; charset=utf-8"}
T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    """What a server is told when it starts."""

    output: Path = Path("output")
    """The output folder: built versions are written here, and every file in it can be fetched."""
    cache_dir: Path | None = None
    """The clip cache (None: $VOICEKIT_CACHE_DIR, else the user's cache folder)."""
    defaults: BuildOptions = field(default_factory=BuildOptions)
    """Build options every version starts from (the page's choices override holds and voice)."""
    token: str | None = None
    """With --lan: every URL starts with /TOKEN/; any other gets 404."""
    hosts: tuple[str, ...] = LOOPBACK
    """Host names requests may name (the LAN address too, with --lan)."""
    engines: tuple[str, ...] | None = None
    """Engines whose voices the page offers (None: every installed engine but the fake one)."""
    max_builds: int = 4
    """Builds running or waiting at most (one runs at a time); one more is answered 503."""
    keep: int = DEFAULT_LIMIT
    """Bytes the versions built on demand may take in the output folder (the least recently played go first)."""


class Site:
    """What the handlers share."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.folder = Folder(settings.output)
        self.kept = Kept(settings.output, settings.keep)
        self.builder = Builder(settings.output, settings.cache_dir, settings.max_builds, kept=self.kept)
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self._listings: dict[str, tuple[int, Listing]] = {}
        """Each practice's listing, with the mtime of the file it was read from."""
        self._voices: tuple[choices.VoiceChoice, ...] | None = None

    async def in_thread(self, fn: Callable[..., T], *args: object) -> T:
        return await anyio.to_thread.run_sync(fn, *args)

    def practice(self, name: str) -> Path:
        """The shelf's practice of that name (never a path from the client); 404 if there is none."""

        path = practice_files().get(name)
        if path is None:
            raise HTTPException(404, f"no practice {name[:80]!r}")
        return path

    def listing(self, path: Path) -> Listing:
        """The shelf's listing of a practice file (title, props, lengths), read again when the file changes."""
        mtime = path.stat().st_mtime_ns
        known = self._listings.get(str(path))
        if known is None or known[0] != mtime:
            known = self._listings[str(path)] = (mtime, listing(path))
        return known[1]

    def shelf(self) -> list[tuple[str, object, str]]:
        """Every practice: its name, its listing (None if it cannot be read) and why not."""
        return [(name, listed, words.scrub(why) if why else why) for name, listed, why in shelf(self.listing)]

    def warm(self) -> None:
        """Read every practice's listing and list the voices now (a page needs them later)."""
        with contextlib.suppress(VoicekitError, OSError):  # a page will say what is wrong
            self.shelf()
            self.voices()

    def voices(self) -> tuple[choices.VoiceChoice, ...]:
        if self._voices is None:
            self._voices = choices.offered_voices(self.settings.engines, self.settings.cache_dir)
        return self._voices

    def preview(self, source: Path, choice: choices.Choice) -> tuple[Practice, Timeline]:
        """The practice checked with the choice's options, and its timeline (clips not made yet estimated)."""
        checked = check(source, choice.options(self.settings.defaults), self.settings.cache_dir)
        return checked, plan_of(checked, self.settings.cache_dir)

    def default_voice(self, source: Path, choice: choices.Choice, checked: Practice) -> str:
        """The menu's name for the voice a version of this practice gets when none is chosen (the practice's
        own voice or its language's): the checked version's, unless a voice was chosen for it."""

        if choice.voice is not None:
            unchosen = replace(choice, voice=None).options(self.settings.defaults)
            checked = check(source, unchosen, self.settings.cache_dir)
        return choices.voice_label(checked.voice)

    @staticmethod
    def root(request: Request) -> str:
        """The start of every URL: '' on the loopback, '/TOKEN' with --lan."""
        return request.scope.get("root_path", "")

    @classmethod
    def base(cls, request: Request) -> str:
        """The start of an absolute URL (the feed's): the one Host the guard let in, which is one of the
        server's own names with at most a port, and the root. Plain http: the server has no TLS."""
        return f"http://{request.headers['host']}{cls.root(request)}"

    @staticmethod
    def quote(name: str) -> str:
        return quote(name, safe="")

    def media_url(self, root: str, built: Built, download: bool = False) -> str:
        """The file's URL, with its version so that a player never plays a rebuilt file from its cache."""
        return f"{root}/media/{self.quote(built.name)}?v={built.version}" + ("&download=1" if download else "")


def media(request: Request) -> Response | Media:
    site = request.app.state.site
    name = request.path_params["file"]
    path = find(site.settings.output, name)
    if path is None:
        return PlainTextResponse("Not Found", 404)
    site.kept.played(name)
    return Media(path, download=name if request.query_params.get("download") == "1" else None)


def static(request: Request) -> Response:
    name = request.path_params["file"]
    if name not in STATIC:
        return PlainTextResponse("Not Found", 404)
    return FileResponse(HERE / "static" / name, media_type=STATIC[name], headers={"cache-control": "no-cache"})


STATUS = {Busy: 503, choices.BadChoice: 400, OptionsError: 400, ExportError: 409}


async def error(request: Request, exc: Exception) -> Response:
    """A VoicekitError as one line a phone user can act on (``words.for_phone``): 400 for a bad choice,
    409 for a file the build will not replace, 503 when the builds are full, 500 for the rest (a
    practice that cannot be read, a missing engine)."""
    status = next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 500)
    headers = {"retry-after": "5"} if status == 503 else None
    text = words.for_phone(exc)
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"error": text}, status, headers=headers)
    return PlainTextResponse(f"{text}\n", status, headers=headers)


def make_app(settings: Settings | None = None, warm: bool = False) -> Guard:
    """The whole app: routes behind the guard (Host, token, origin, headers). ``warm``: read the shelf
    and list the voices in the background at once, so the first page a phone opens comes quickly."""
    settings = settings or Settings()
    os.makedirs(settings.output, exist_ok=True)
    routes = [
        Route("/", pages.library),
        Route("/practice/{name}", pages.practice),
        Route("/practice/{name}/play", pages.play, methods=["POST"]),
        Route("/media/{file}", media),
        Route("/chapters/{file}.json", feed.chapters),
        Route("/feed.xml", feed.feed),
        Route("/static/{file}", static),
    ]
    app = Starlette(routes=routes, exception_handlers={VoicekitError: error})
    app.state.site = site = Site(settings)
    if warm:
        threading.Thread(target=site.warm, name="voicekit-warm", daemon=True).start()
    return Guard(app, settings.token, settings.hosts)
