"""Preparing while idle: the server builds the default version of each shipped practice (medium holds,
the practice's own sounds and voice: what Play builds when nothing else is chosen) in the background,
so that the first Play of a shipped practice usually finds it made.

One at a time, in a thread of its own at the lowest priority the system gives without privileges (and
the speech engine's and encoder's processes it starts inherit it), only while the server is idle (no
request for ``Settings.idle_s`` seconds and no build of a request under way). Any request stops it at
once: the build under way gives up at its next progress report (a clip, a stretch of frames), leaving
the clips already made in the store, and is taken up again the next time the server is idle. A version
already up to date is left as it is; ``voicekit serve --no-prepare`` turns all of it off."""

from __future__ import annotations

import os
import sys
import threading
import time

from voicekit.errors import VoicekitError
from voicekit.web.builds import BuildRequest, run_build, up_to_date
from voicekit.web.waiting import Building, Stopped, Watch

POLL_S = 0.5


class Preparer:
    """Builds the shipped practices' default versions while the server is idle (``start``; ``poke`` on
    every request)."""

    def __init__(self, site) -> None:
        self.site = site
        self.last_request = time.monotonic()
        self.building: Building | None = None
        self.prepared: list[str] = []
        """The files it built."""
        self.stopped = 0
        """Builds it gave up for a request."""
        self._quit = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="voicekit-prepare", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._quit.set()
        self.poke()

    def poke(self) -> None:
        """A request came: stop at once, and wait for the next idle moment."""
        self.last_request = time.monotonic()
        building = self.building
        if building is not None:
            building.stop.set()

    def idle(self) -> bool:
        return time.monotonic() - self.last_request >= self.site.settings.idle_s and not self.site.builder.busy

    def _run(self) -> None:
        lowest_priority()
        todo = self._jobs()
        while todo and not self._quit.is_set():
            if not self.idle():
                self._quit.wait(POLL_S)
                continue
            job = todo[0]
            try:
                if not up_to_date(job, self.site.settings.output, self.site.settings.cache_dir):
                    self.run_build(job)
                todo.pop(0)
            except Stopped:
                self.stopped += 1  # taken up again when the server is idle
            except (VoicekitError, OSError):
                todo.pop(0)  # its page will say what is wrong when someone opens it

    def _jobs(self) -> list[BuildRequest]:
        """The default version of each shipped practice (not the user's: theirs may change at any time)."""
        from voicekit.pipeline import load
        from voicekit.sequence.shelf import SHIPPED_PRACTICES, practice_files
        from voicekit.web.choices import Choice

        jobs = []
        for name, path in practice_files().items():
            if not path.resolve().is_relative_to(SHIPPED_PRACTICES.resolve()):
                continue
            try:
                sequence = load(path)
            except VoicekitError:
                continue
            options = Choice().options(self.site.settings.defaults, sequence)
            jobs.append(BuildRequest(name, sequence, options, Choice().file_name(name)))
        return jobs

    def run_build(self, job: BuildRequest) -> None:
        site = self.site
        path = site.settings.output / job.file_name
        building = self.building = Building(job.file_name)
        try:
            building.begin()
            users = site.kept.theirs(path)
            result = run_build(job, path, site.settings.cache_dir, Watch(building))
            if not users:
                site.kept.built(result.output, result.companions)
            self.prepared.append(job.file_name)
        finally:
            self.building = None


def lowest_priority() -> None:
    """This thread (and the processes it starts) runs only when nothing else wants the CPU: SCHED_IDLE
    and nice 19 on Linux, where both are a thread's own; elsewhere they would slow the whole server,
    so nothing is changed."""
    if not sys.platform.startswith("linux"):
        return
    tid = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, tid, 19)
        os.sched_setscheduler(tid, os.SCHED_IDLE, os.sched_param(0))
    except (OSError, AttributeError):
        pass  # a system that refuses: nice alone, or nothing


class Poke:
    """ASGI middleware: every request tells the preparation to give way."""

    def __init__(self, app, preparer: Preparer) -> None:
        self.app = app
        self.preparer = preparer

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            self.preparer.poke()
        await self.app(scope, receive, send)
