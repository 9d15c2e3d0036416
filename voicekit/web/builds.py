"""Builds on demand, through ``voicekit.pipeline`` into the output folder: one at a time (a burst of
requests waits its turn rather than taking the machine), requests for the same version sharing one
build, a bounded number waiting (``Busy`` beyond it, answered 503), and each version written down in
``keep.Kept`` so that what clients make the server keep stays within its limit.

A version already in the folder as a build would make it now is not built again (``up_to_date``), and
every build under way is a ``Building`` the page can follow (``waiting``)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import anyio.to_thread

from voicekit.errors import ExportError, VoicekitError
from voicekit.output import tags
from voicekit.output.companions import COMPANION_SUFFIXES, plan_document
from voicekit.output.metadata import settings
from voicekit.output.provenance import made_by_voicekit
from voicekit.pipeline import BuildResult, check, make, plan_of, prepare
from voicekit.plan.options import BuildOptions
from voicekit.sequence.model import Sequence
from voicekit.web.keep import Kept
from voicekit.web.media import real_inside
from voicekit.web.waiting import Building, Watch

KEEP_FINISHED_S = 300
"""How long a finished build is remembered for a page that asks how it went (reloaded meanwhile)."""


class Busy(VoicekitError):
    """Too many builds are running or waiting."""

    def __init__(self, running: int) -> None:
        super().__init__(f"{running} builds are already running or waiting; try again in a moment")
        self.running = running


@dataclass(frozen=True)
class BuildRequest:
    """One version to build: the practice (its name on the shelf, and its file or the sequence read from it
    with the page's choices of sound applied), the options, and the file name in the output folder."""

    name: str
    source: Path | Sequence
    options: BuildOptions
    file_name: str


RunBuild = Callable[[BuildRequest, Path, "Path | None", Watch], BuildResult]


class Builder:
    """Runs ``pipeline.build`` in worker threads for the server's requests."""

    def __init__(
        self,
        output: Path,
        cache_dir: Path | None,
        max_builds: int = 4,
        run: RunBuild | None = None,
        kept: Kept | None = None,
        current: Callable[[BuildRequest], bool] | None = None,
    ):
        self.output = output
        self.cache_dir = cache_dir
        self.max_builds = max_builds
        """Builds running or waiting at most; one more is refused (Busy)."""
        self.kept = kept
        """Where the versions built are written down and the oldest removed (None: nothing is removed)."""
        self.count = 0
        """Builds run since the server started (a version found up to date is not one)."""
        self._run = run or run_build
        self._current = current or (lambda job: up_to_date(job, output, cache_dir))
        self._building: dict[str, Building] = {}
        self._finished: dict[str, Building] = {}
        self._turn = asyncio.Lock()

    def building(self, file_name: str) -> Building | None:
        """The build of that file under way, or the last one if it ended a short while ago."""
        return self._building.get(file_name) or self._finished.get(file_name)

    @property
    def busy(self) -> bool:
        return bool(self._building)

    async def start(self, job: BuildRequest) -> Building:
        """The build of ``job``'s file: one under way, else a new one (which first looks whether the file
        in the folder is already what it would make: then it is done at once, having built nothing)."""
        building = self._building.get(job.file_name)
        if building is None:
            if len(self._building) >= self.max_builds:
                raise Busy(len(self._building))
            building = Building(job.file_name)
            building.task = asyncio.get_running_loop().create_task(self._one_at_a_time(job, building))
            self._building[job.file_name] = building
            building.task.add_done_callback(lambda _: self._end(building))
        return building

    async def build(self, job: BuildRequest) -> BuildResult | None:
        """The result of building ``job`` (of a build of the same file already under way, if there is one);
        None when the version there is up to date."""
        building = await self.start(job)
        assert building.task is not None
        return await asyncio.shield(building.task)  # a client that goes away does not stop the build others wait for

    def _end(self, building: Building) -> None:
        self._building.pop(building.file_name, None)
        now = time.monotonic()
        for name, old in list(self._finished.items()):
            if now - old.updated > KEEP_FINISHED_S:
                del self._finished[name]
        self._finished[building.file_name] = building

    async def _one_at_a_time(self, job: BuildRequest, building: Building) -> BuildResult | None:
        try:
            if await anyio.to_thread.run_sync(self._current, job):
                building.finish(None)
                return None
            async with self._turn:
                building.begin()
                path = self.output / job.file_name
                inside(self.output, [path.with_suffix(f".{s}") for s in ("mp3", *COMPANION_SUFFIXES)])
                users = self.kept is not None and self.kept.theirs(path)  # built some other way: it stays theirs
                self.count += 1
                result = await anyio.to_thread.run_sync(self._run, job, path, self.cache_dir, Watch(building))
                if self.kept is not None and not users:
                    await anyio.to_thread.run_sync(self.kept.built, result.output, result.companions)
                building.finish(result)
                return result
        except BaseException as e:
            building.fail(e)
            raise


def run_build(job: BuildRequest, path: Path, cache_dir: Path | None, watch: Watch) -> BuildResult:
    prepared = prepare(job.source, job.options, output=path, cache_dir=cache_dir)
    watch.expect(prepared.practice, cache_dir)
    return make(prepared, watch)


def up_to_date(job: BuildRequest, output: Path, cache_dir: Path | None) -> bool:
    """Whether the version in the output folder is what building ``job`` would make now: its plan (the
    JSON companion every build writes) is the plan of the practice as it is now, with these choices,
    by this voicekit, and the audio beside it is voicekit's with that plan's title and length. So a practice
    edited since, or a file rebuilt with other options or replaced, is built again."""
    path = output / job.file_name
    try:
        written = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(written, dict) or written.get("audio") != job.file_name or not path.is_file():
        return False
    meta = tags.read(path) if made_by_voicekit(path) else None
    if meta is None or meta.title != written.get("title") or meta.length_ms != round(written.get("total", 0) * 1000):
        return False
    practice = check(job.source, job.options, cache_dir)
    return plan_document(plan_of(practice, cache_dir), settings(practice), job.file_name) == written


def inside(folder: Path, paths: list[Path]) -> None:
    """ExportError unless every path is in ``folder`` once symlinks are followed: a build follows a link
    and writes where it points, and the server writes nowhere but its output folder."""
    for path in paths:
        if real_inside(folder, path) is None:
            raise ExportError(f"{path.name} in the output folder leads out of it; remove that link")
