"""``Site``: what the handlers share (the builder, the output folder's sessions, the shelf's listings and
the voices), and ``Version``, a practice's version as a request names it."""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote, urlencode

import anyio.to_thread
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.templating import Jinja2Templates

from voicekit.errors import VoicekitError
from voicekit.language.page import Words
from voicekit.output.companions import COMPANION_SUFFIXES
from voicekit.pipeline import BuildResult, check, load, plan_of, prepare
from voicekit.plan.listing import Listing, listing, shelf
from voicekit.plan.options import Practice, resolve
from voicekit.plan.speaker import Speaker
from voicekit.plan.timeline import Timeline
from voicekit.sequence.loader import Libraries
from voicekit.sequence.model import Sequence
from voicekit.sequence.shelf import practice_files
from voicekit.speech.engines import settled
from voicekit.web import choices, composing, media, words
from voicekit.web.builds import Builder, BuildRequest, inside
from voicekit.web.built import Built, Folder
from voicekit.web.keep import Kept
from voicekit.web.prepare import Preparer
from voicekit.web.settings import Settings
from voicekit.web.voices import VoiceChoice, offered_voices

HERE = Path(__file__).parent
T = TypeVar("T")


@dataclass(frozen=True)
class Version:
    """A practice's version as a request names it: the choice (what is the practice's own left out), the
    build that makes it, the practice read, and the voice it speaks with when none is chosen."""

    choice: choices.Choice
    job: BuildRequest
    sequence: Sequence
    default_voice: Speaker


class Site:
    """What the handlers share."""

    feed_title = "voicekit practices"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.folder = Folder(settings.output)
        self.kept = Kept(settings.output, settings.keep)
        self.builder = Builder(settings.output, settings.cache_dir, settings.max_builds, kept=self.kept)
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self._listings: dict[str, tuple[int, Listing]] = {}
        """Each practice's listing, with the mtime of the file it was read from."""
        self._voices: tuple[VoiceChoice, ...] | None = None
        self._static: dict[str, tuple[int, str]] = {}
        self.preparer: Preparer | None = None
        """The background preparation (``prepare.Preparer``), when the settings ask for it."""
        self._composing = threading.Lock()

    async def in_thread(self, fn: Callable[..., T], *args: object) -> T:
        return await anyio.to_thread.run_sync(fn, *args)

    def practice(self, name: str) -> Path:
        """The shelf's practice of that name (never a path from the client); 404 if there is none."""

        path = practice_files().get(name)
        if path is None:
            raise HTTPException(404, f"no practice {name[:80]!r}")
        return path

    def listing(self, path: Path, libraries: Libraries | None = None) -> Listing:
        """The shelf's listing of a practice file (title, props, lengths), read again when the file changes."""
        mtime = path.stat().st_mtime_ns
        known = self._listings.get(str(path))
        if known is None or known[0] != mtime:
            known = self._listings[str(path)] = (mtime, listing(path, libraries))
        return known[1]

    def shelf(self) -> list[tuple[str, object, str]]:
        """Every practice: its name, its listing (None if it cannot be read) and why not."""
        return [(name, listed, words.scrub(why) if why else why) for name, listed, why in shelf(self.listing)]

    def warm(self) -> None:
        """Read every practice's listing and list the voices now (a page needs them later)."""
        with contextlib.suppress(VoicekitError, OSError):  # a page will say what is wrong
            self.shelf()
            self.voices()

    def voices(self) -> tuple[VoiceChoice, ...]:
        if self._voices is None:
            self._voices = offered_voices(self.settings.engines, self.settings.cache_dir)
        return self._voices

    async def version(self, name: str, source: Path, form: Mapping[str, str] | list[tuple[str, str]]) -> Version:
        """The version a request's query or form names, checked (BadChoice, 400, for a bad one)."""
        choice = choices.parse(form, await self.in_thread(self.voices))
        sequence = await self.in_thread(load, source)
        default = await self.in_thread(self.default_voice, sequence)
        choice = choice.normal(sequence, default, self.settings.defaults.guidance)
        options = choice.options(self.settings.defaults, sequence)
        job = BuildRequest(name, choice.applied(sequence), options, choice.file_name(name))
        return Version(choice, job, sequence, default)

    def compose(self, form: composing.Asked, language: str) -> str:
        """The practice ``form`` asks for, composed and written (one at a time: a client cannot keep
        every core composing); its name on the shelf."""
        with self._composing:
            return composing.make(form, language)

    def default_voice(self, sequence: Sequence) -> Speaker:
        """The voice a version of the practice speaks with when none is chosen: its own or its language's."""
        return resolve(sequence, replace(self.settings.defaults, voice=None), settled).voice

    def writable(self, job: BuildRequest) -> None:
        """What would refuse the build of ``job``, raised now: a file in the way that voicekit did not make,
        a link out of the output folder, a practice that cannot be checked (nothing is written)."""
        path = self.settings.output / job.file_name
        inside(self.settings.output, [path.with_suffix(f".{s}") for s in ("mp3", *COMPANION_SUFFIXES)])
        prepare(job.source, job.options, output=path, cache_dir=self.settings.cache_dir)

    def preview(self, job: BuildRequest) -> tuple[Practice, Timeline]:
        """The version checked, and its timeline (clips not made yet estimated)."""
        checked = check(job.source, job.options, self.settings.cache_dir)
        return checked, plan_of(checked, self.settings.cache_dir)

    def common(self, request: Request, w: Words, icons: str, name: str | None = None) -> dict:
        """What every page's template is given: its words, the root of its URLs, its icons and manifest."""
        root = self.root(request)
        place = f"{root}/practice/{self.quote(name)}" if name else root
        return {"root": root, "site": self, "w": w, "icons": icons, "manifest": f"{place}/manifest.webmanifest"}

    def played(self, root: str, built: Built, page: str | None, result: BuildResult | None = None) -> dict:
        """What Play answers the page's script with: the file, its player's URL, its chapters."""
        return {
            "file": built.name,
            "version": built.version,
            "audio": self.media_url(root, built),
            "download": self.media_url(root, built, download=True),
            "duration": built.meta.length_ms / 1000,
            "chapters": [{"title": c.title, "start": c.start / 1000} for c in built.meta.chapters],
            "page": page,
            "built": result is not None,
            "seconds": round(result.seconds, 3) if result else 0.0,
            "new_clips": result.synthesized if result else 0,
            "warnings": [words.scrub(w) for w in result.warnings] if result else [],
        }

    def session_page(self, root: str, built: Built) -> str | None:
        """The practice page that plays a built session, if it is a version of a practice on the shelf."""
        found = choices.from_file_name(built.name, list(practice_files()), self._voices or ())
        if found is None:
            return None
        practice, choice = found
        return f"{root}/practice/{self.quote(practice)}?{urlencode(choice.query())}"

    def static_url(self, root: str, name: str) -> str:
        """A file of the page's own, with its content's version: kept by the phone until it changes."""
        return f"{root}/static/{name}?v={self.static_version(name)}"

    def static_version(self, name: str) -> str:
        path = media.STATIC_DIR / name
        mtime = path.stat().st_mtime_ns
        known = self._static.get(name)
        if known is None or known[0] != mtime:
            known = self._static[name] = (mtime, hashlib.sha256(path.read_bytes()).hexdigest()[:12])
        return known[1]

    def events_url(self, root: str, file_name: str, lang: str = "") -> str:
        return f"{root}/builds/{self.quote(file_name)}/events" + (f"?lang={lang}" if lang else "")

    def subscribe_url(self, request: Request) -> str:
        """The feed as a podcast app opens it from a link (``podcast://``, the address without http)."""
        return f"podcast://{request.headers['host']}{self.root(request)}/feed.xml"

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
