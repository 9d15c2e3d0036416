"""Preparing while idle: the server builds the default version of each shipped practice (medium holds,
the practice's own sounds and voice: what Play builds when nothing else is chosen) in the background,
so that the first Play of a shipped practice usually finds it made.

One at a time, as a ``voicekit build`` process of its own at the lowest priority the system gives
without privileges (nice 19, and SCHED_IDLE on Linux; the speech engine's and the encoder's processes
it starts inherit them), and only while the server is idle (no request for ``Settings.idle_s`` seconds
and no build of a request under way). A process, not a thread: a thread starved of the CPU would hold
the interpreter's lock the server needs. Any request stops it at once (the process is killed; the
clips it made stay in the store, and its temporaries are swept by the next build), and it is taken up
again the next time the server is idle. A version already up to date is left as it is; ``voicekit
serve --no-prepare`` turns all of it off."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Receive, Scope, Send

from voicekit.errors import VoicekitError
from voicekit.output.companions import COMPANION_SUFFIXES
from voicekit.pipeline import load
from voicekit.plan.options import BuildOptions
from voicekit.sequence.shelf import SHIPPED_PRACTICES, practice_files
from voicekit.web.builds import BuildRequest, up_to_date
from voicekit.web.choices import Choice

if TYPE_CHECKING:
    from voicekit.web.builds import Builder
    from voicekit.web.keep import Kept
    from voicekit.web.settings import Settings

POLL_S = 0.05
WAIT_S = 0.25


class Preparer:
    """Builds the shipped practices' default versions while the server is idle (``start``; ``poke`` on
    every request)."""

    def __init__(self, settings: Settings, builder: Builder, kept: Kept) -> None:
        self.settings = settings
        self.builder = builder
        self.kept = kept
        self.last_request = time.monotonic()
        self.process: subprocess.Popen | None = None
        """The build under way."""
        self.prepared: list[str] = []
        """The files it built."""
        self.stopped = 0
        """Builds it gave up for a request."""
        self.serving = 0
        """Requests being answered: the server is idle only when none is (a slow page is not idle time)."""
        self._quit = threading.Event()

    def start(self) -> None:
        threading.Thread(target=self._run, name="voicekit-prepare", daemon=True).start()

    def close(self) -> None:
        self._quit.set()
        self.poke()

    def poke(self) -> None:
        """A request came: stop at once, and wait for the next idle moment."""
        self.last_request = time.monotonic()
        process = self.process
        if process is not None and process.poll() is None:
            with contextlib.suppress(OSError):  # it ended meanwhile
                os.killpg(process.pid, signal.SIGKILL)

    def idle(self) -> bool:
        quiet = time.monotonic() - self.last_request >= self.settings.idle_s
        return quiet and not self.serving and not self.builder.busy

    def _run(self) -> None:
        todo = self._jobs()
        current = next(todo, None)
        while current is not None and not self._quit.is_set():
            if not self.idle():
                self._quit.wait(WAIT_S)
                continue
            source, job = current
            try:
                settings = self.settings
                done = up_to_date(job, settings.output, settings.cache_dir) or self._build(source, job)
            except (VoicekitError, OSError):
                done = True  # its page will say what is wrong when someone opens it
            if done:
                current = next(todo, None)
            else:
                self.stopped += 1  # taken up again when the server is idle

    def _jobs(self) -> Iterator[tuple[Path, BuildRequest]]:
        """The default version of each shipped practice (not the user's: theirs may change at any time),
        each read when its turn comes (reading the hundred-odd practices first kept a core busy for seconds
        before anything was prepared)."""
        for name, path in practice_files().items():
            if not path.resolve().is_relative_to(SHIPPED_PRACTICES.resolve()):
                continue
            try:
                sequence = load(path, self.settings.cache_dir)
            except VoicekitError:
                continue
            options = Choice().options(self.settings.defaults, sequence)
            yield path, BuildRequest(name, sequence, options, Choice().file_name(name))

    def _build(self, source: Path, job: BuildRequest) -> bool:
        """Build ``job`` in a process of its own; whether it was made (False: stopped for a request)."""
        settings = self.settings
        path = settings.output / job.file_name
        users = self.kept.theirs(path)  # built some other way: it stays theirs
        command = [sys.executable, "-m", "voicekit", "build", str(source), "-q", "-o", str(path)]
        command += arguments(job.options)
        command += ["--cache-dir", str(settings.cache_dir)] if settings.cache_dir else []
        quiet = subprocess.DEVNULL
        process = subprocess.Popen(command, stdin=quiet, stdout=quiet, stderr=quiet, start_new_session=True)
        lowest_priority(process.pid)
        self.process = process
        if not self.idle():
            self.poke()  # a request came while it started
        try:
            while process.poll() is None:
                time.sleep(POLL_S)
        finally:
            self.process = None
        if process.returncode < 0:
            return False
        if process.returncode:
            raise VoicekitError(f"the build of {job.file_name} failed")
        if not users:
            self.kept.built(path, tuple(path.with_suffix(f".{s}") for s in COMPANION_SUFFIXES))
        self.prepared.append(job.file_name)
        return True


def arguments(options: BuildOptions) -> list[str]:
    """The command line of a build with ``options`` (what the server's defaults and the default version set)."""
    out = ["--holds", options.holds]
    flags = {
        "engine": "--engine",
        "voice": "--voice",
        "rate": "--rate",
        "breath_s": "--breath",
        "guidance": "--guidance",
    }
    for name, flag in flags.items():
        value = getattr(options, name)
        if value is not None:
            out += [flag, str(value)]
    return out + (["--scale", f"{options.scale:g}"] if options.scale != 1.0 else [])


def lowest_priority(pid: int) -> None:
    """Process ``pid`` (and the processes it starts) runs only when nothing else wants the CPU: nice 19,
    and SCHED_IDLE where there is one (Linux)."""
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, pid, 19)
    with contextlib.suppress(OSError, AttributeError):
        os.sched_setscheduler(pid, os.SCHED_IDLE, os.sched_param(0))


class Poke:
    """ASGI middleware: every request tells the preparation to give way."""

    def __init__(self, app: ASGIApp, preparer: Preparer) -> None:
        self.app = app
        self.preparer = preparer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.preparer.serving += 1  # one event loop: no lock needed
        self.preparer.poke()
        try:
            await self.app(scope, receive, send)
        finally:
            self.preparer.serving -= 1
            self.preparer.last_request = time.monotonic()  # idle counts from the answer's end
