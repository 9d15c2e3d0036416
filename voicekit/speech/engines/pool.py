"""Run an engine in worker processes (``worker``): a timeout per clip, parallel clips, stdout kept clean.

This is the build's side: it starts the workers, hands out the clips, longest first, and collects the
replies, turning each failure into an error (naming the text, where a clip failed).
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import IO

from voicekit.errors import EngineError
from voicekit.speech.engines import InstalledVoice, engine_class, get_engine
from voicekit.speech.make import ERRORS, ClipJob

START_TIMEOUT_S = 60.0
# glibc's malloc in transparent huge pages (where the kernel offers them on request): the fork server's
# model then forks in 0.7 ms, not 6, and each child faults its working memory in 2 MB at a time.
HUGE_PAGES = "glibc.malloc.hugetlb=1"


class Worker:
    """A worker process, seen from the build: its pipes, and the jobs sent to it not answered yet."""

    def __init__(self, engine: str, children: int = 0, voice: str | None = None) -> None:
        extra = ["--children", str(children), *([voice] if voice else [])] if children else []
        env = None
        if children:
            tunables = os.environ.get("GLIBC_TUNABLES")
            env = {**os.environ, "GLIBC_TUNABLES": f"{tunables}:{HUGE_PAGES}" if tunables else HUGE_PAGES}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "voicekit.speech.engines.worker", engine, *extra],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
            start_new_session=os.name == "posix",  # its own group: a kill reaches a clip's child too
            env=env,
        )
        self.stdin: IO[str] = self.proc.stdin  # type: ignore[assignment]
        self.stdout: IO[str] = self.proc.stdout  # type: ignore[assignment]
        self.capacity = children or 1
        self.jobs: dict[int, tuple[ClipJob, float]] = {}  # sent and not answered: the job, when it was sent
        self._pending = b""

    def replies(self, engine: str) -> list[dict]:
        """Every whole reply that has come, read from the pipe itself. (A buffered readline() took two
        replies that arrived together and returned one: the selector never woke for the other, whose
        clip then timed out. Seen under load, where two children finish at once.)"""
        chunk = os.read(self.stdout.fileno(), 1 << 16)
        if not chunk:
            code = self.proc.wait()
            texts = [job.text[:80] for job, _ in self.jobs.values()]
            what = f" on {texts[0]!r}" if texts else " while starting"
            raise EngineError(f"the {engine} engine crashed{what} (exit status {code})")
        *lines, self._pending = (self._pending + chunk).split(b"\n")
        return [json.loads(line) for line in lines if line]

    def send(self, job_id: int, job: ClipJob) -> None:
        self.jobs[job_id] = (job, time.monotonic())
        self.stdin.write(json.dumps({"id": job_id, **job.__dict__, "root": str(job.root)}) + "\n")
        self.stdin.flush()

    def kill(self) -> None:
        if self.proc.poll() is None:
            if os.name == "posix":
                with contextlib.suppress(OSError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.kill()
        self.proc.wait()


def run_jobs(
    engine: str,
    jobs: Iterable[ClipJob],
    workers: int = 2,
    timeout_s: float = 30.0,
    on_done: Callable[[ClipJob], None] = lambda job: None,
) -> None:
    """Make every job's clip with up to ``workers`` clips at once; raise EngineError naming a failed text."""
    # Longest first: the last clips to finish are short ones, so no core waits long on a lone clip.
    queue = deque(sorted(enumerate(jobs), key=lambda j: -len(j[1].text)))
    if not queue:
        return
    n = max(1, min(workers, len(queue)))
    forking = engine_class(engine).fresh_per_clip and hasattr(os, "fork")
    voices = {job.voice for _, job in queue}
    voice = voices.pop() if len(voices) == 1 else None
    pool = [Worker(engine, children=n, voice=voice)] if forking else [Worker(engine) for _ in range(n)]
    sel = selectors.DefaultSelector()
    try:
        for worker in pool:
            sel.register(worker.stdout, selectors.EVENT_READ, worker)
        _await_ready(pool, sel, engine)
        while queue or any(w.jobs for w in pool):
            for worker in pool:
                while queue and len(worker.jobs) < worker.capacity:
                    worker.send(*queue.popleft())
            sent = [(when, job) for w in pool for job, when in w.jobs.values()]
            when, oldest = min(sent, key=lambda s: s[0])
            events = sel.select(max(0.0, when + timeout_s - time.monotonic()))
            if not events:
                raise EngineError(
                    f"the {engine} engine did not finish speaking {oldest.text[:80]!r} within {timeout_s:g}s"
                )
            for key, _ in events:
                worker = key.data
                for reply in worker.replies(engine):
                    job, _ = worker.jobs.pop(reply["id"])
                    if reply.get("kind") in ERRORS:
                        raise ERRORS[reply["kind"]](reply["error"])
                    if "error" in reply:
                        raise EngineError(f"the {engine} engine failed on {job.text[:80]!r}: {reply['error']}")
                    on_done(job)
    finally:
        sel.close()
        for worker in pool:
            worker.stdin.close()
            worker.kill()


def list_voices(engine: str) -> list[InstalledVoice]:
    """The engine's voices, asked of a worker process (keeps engine output off our stdout)."""
    if not engine_class(engine).isolated:
        return get_engine(engine).voices()
    proc = subprocess.run(
        [sys.executable, "-m", "voicekit.speech.engines.worker", engine, "--voices"],
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT_S,
    )
    replies = [json.loads(line) for line in proc.stdout.splitlines()]
    crashed = {"error": f"the {engine} engine crashed (exit status {proc.returncode})"}
    for reply in [*replies, crashed]:
        if isinstance(reply, dict) and "error" in reply:
            raise EngineError(reply["error"])
        if isinstance(reply, list):
            return [InstalledVoice(i, n, tuple(langs)) for i, n, langs in reply]
    raise EngineError(crashed["error"])


def _await_ready(pool: list[Worker], sel: selectors.BaseSelector, engine: str) -> None:
    pending = set(pool)
    deadline = time.monotonic() + START_TIMEOUT_S
    while pending:
        events = sel.select(max(0.0, deadline - time.monotonic()))
        if not events:
            raise EngineError(f"the {engine} engine did not start within {START_TIMEOUT_S:g}s")
        for key, _ in events:
            for reply in key.data.replies(engine):
                if "error" in reply:
                    raise EngineError(reply["error"])
                pending.discard(key.data)
