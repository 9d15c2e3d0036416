"""Builds on demand, through ``voicekit.pipeline.build`` into the output folder: one at a time (a burst
of requests waits its turn rather than taking the machine), requests for the same version sharing one
build, a bounded number waiting (``Busy`` beyond it, answered 503), and each version written down in
``keep.Kept`` so that what clients make the server keep stays within its limit."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import anyio.to_thread

from voicekit.errors import ExportError, VoicekitError
from voicekit.output.companions import COMPANION_SUFFIXES
from voicekit.pipeline import BuildResult, build
from voicekit.plan.options import BuildOptions
from voicekit.web.keep import Kept
from voicekit.web.media import real_inside


class Busy(VoicekitError):
    """Too many builds are running or waiting."""


@dataclass(frozen=True)
class BuildRequest:
    """One version to build: the practice (its name on the shelf and its file), the options, and the
    file name in the output folder."""

    name: str
    source: Path
    options: BuildOptions
    file_name: str


class Builder:
    """Runs ``pipeline.build`` in worker threads for the server's requests."""

    def __init__(
        self,
        output: Path,
        cache_dir: Path | None,
        max_builds: int = 4,
        run: Callable | None = None,
        kept: Kept | None = None,
    ):
        self.output = output
        self.cache_dir = cache_dir
        self.max_builds = max_builds
        """Builds running or waiting at most; one more is refused (Busy)."""
        self.kept = kept
        """Where the versions built are written down and the oldest removed (None: nothing is removed)."""
        self._run = run or _build
        self._building: dict[str, asyncio.Task[BuildResult]] = {}
        self._turn = asyncio.Lock()

    async def build(self, job: BuildRequest) -> BuildResult:
        """The result of building ``job``: of a build of the same file already under way, if there is one."""
        task = self._building.get(job.file_name)
        if task is None:
            if len(self._building) >= self.max_builds:
                raise Busy(f"{len(self._building)} builds are already running or waiting; try again in a moment")
            task = asyncio.get_running_loop().create_task(self._one_at_a_time(job))
            self._building[job.file_name] = task
            task.add_done_callback(lambda _: self._building.pop(job.file_name, None))
        return await asyncio.shield(task)  # a client that goes away does not stop the build others wait for

    async def _one_at_a_time(self, job: BuildRequest) -> BuildResult:
        async with self._turn:
            path = self.output / job.file_name
            inside(self.output, [path.with_suffix(f".{s}") for s in ("mp3", *COMPANION_SUFFIXES)])
            users = self.kept is not None and self.kept.theirs(path)  # built some other way: it stays theirs
            result = await anyio.to_thread.run_sync(self._run, job, path, self.cache_dir)
            if self.kept is not None and not users:
                await anyio.to_thread.run_sync(self.kept.built, result.output, result.companions)
            return result


def _build(job: BuildRequest, path: Path, cache_dir: Path | None) -> BuildResult:
    return build(job.source, job.options, output=path, cache_dir=cache_dir)


def inside(folder: Path, paths: list[Path]) -> None:
    """ExportError unless every path is in ``folder`` once symlinks are followed: a build follows a link
    and writes where it points, and the server writes nowhere but its output folder."""
    for path in paths:
        if real_inside(folder, path) is None:
            raise ExportError(f"{path.name} in the output folder leads out of it; remove that link")
