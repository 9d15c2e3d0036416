"""Run an engine in worker processes: a timeout per clip, parallel clips, and stdout kept clean.

Protocol: one JSON object per line. The worker says {"ready": true} or {"error": ...} when it
starts, then answers each job ({"text", "voice", "rate", "gain", "name", "root"}: see
``voicekit.speech.make.Job``) with {"ok": true} or {"error": ...}, once the clip is in the store.
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
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from voicekit.errors import EngineError, VoicekitError
from voicekit.speech.engines import SpeechEngine, VoiceInfo, engine_class, get_engine
from voicekit.speech.make import ERRORS, Job, finish, speak, speak_in_child

START_TIMEOUT_S = 60.0


def main() -> None:
    """Worker entry point: ``python -m voicekit.speech.engines.worker ENGINE [--voices]``."""
    # Answers go to a private copy of stdout; anything the engine prints goes to stderr.
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    name = sys.argv[1]
    cls = engine_class(name)
    fresh = cls.fresh_per_clip and hasattr(os, "fork")
    listing = len(sys.argv) > 2 and sys.argv[2] == "--voices"
    engine: SpeechEngine | None = None
    try:
        if fresh and not listing:
            cls.prepare()  # the libraries load once; each clip gets an engine of its own in a child
        else:
            engine = get_engine(name)
    except VoicekitError as e:
        out.write(json.dumps({"error": str(e)}) + "\n")
        return
    out.write(json.dumps({"ready": True}) + "\n")
    if listing and engine is not None:
        try:
            found = [[v.id, v.name, list(v.languages)] for v in engine.voices()]
        except Exception as e:  # a broken voice file: said, not swallowed
            out.write(json.dumps({"error": f"the {name} engine cannot list its voices: {e}"}) + "\n")
            return
        out.write(json.dumps(found) + "\n")
        return
    for line in sys.stdin:
        fields = json.loads(line)
        job = Job(**{**fields, "root": Path(fields["root"])})
        out.write(json.dumps(_clip(cls, engine, job)) + "\n")


def _clip(cls: type[SpeechEngine], engine: SpeechEngine | None, job: Job) -> dict:
    """Make one clip and say how it went; with no engine, the speaking is done by a forked child."""
    try:
        finish(job, speak(engine, job) if engine else speak_in_child(cls, job))
        return {"ok": True}
    except VoicekitError as e:  # already says what is wrong and how to fix it
        return {"error": str(e), "kind": type(e).__name__}
    except Exception as e:  # report every engine failure to the parent, which names the text
        return {"error": f"{type(e).__name__}: {e}"}


class _Worker:
    def __init__(self, engine: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "voicekit.speech.engines.worker", engine],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
            start_new_session=os.name == "posix",  # its own group: a kill reaches a clip's child too
        )
        self.stdin: IO[str] = self.proc.stdin  # type: ignore[assignment]
        self.stdout: IO[str] = self.proc.stdout  # type: ignore[assignment]
        self.job: Job | None = None
        self.started = 0.0

    def send(self, job: Job) -> None:
        self.job, self.started = job, time.monotonic()
        self.stdin.write(json.dumps({**job.__dict__, "root": str(job.root)}) + "\n")
        self.stdin.flush()

    def text(self) -> str:
        return self.job.text[:80] if self.job else ""

    def kill(self) -> None:
        if self.proc.poll() is None:
            if os.name == "posix":
                with contextlib.suppress(OSError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.kill()
        self.proc.wait()


def run_jobs(
    engine: str,
    jobs: Iterable[Job],
    workers: int = 2,
    timeout_s: float = 30.0,
    on_done: Callable[[Job], None] = lambda job: None,
) -> None:
    """Synthesize every job in up to ``workers`` processes; raise EngineError naming a failed text."""
    queue = list(jobs)
    if not queue:
        return
    pool = [_Worker(engine) for _ in range(max(1, min(workers, len(queue))))]
    sel = selectors.DefaultSelector()
    try:
        for worker in pool:
            sel.register(worker.stdout, selectors.EVENT_READ, worker)
        _await_ready(pool, sel, engine)
        for worker in pool:
            if queue:
                worker.send(queue.pop(0))
        busy = [w for w in pool if w.job]
        while busy:
            deadline = min(w.started for w in busy) + timeout_s
            events = sel.select(max(0.0, deadline - time.monotonic()))
            if not events:
                late = min(busy, key=lambda w: w.started)
                raise EngineError(f"the {engine} engine did not finish speaking {late.text()!r} within {timeout_s:g}s")
            for key, _ in events:
                worker = key.data
                reply = _read(worker, engine)
                if reply.get("kind") in ERRORS:
                    raise ERRORS[reply["kind"]](reply["error"])
                if "error" in reply:
                    raise EngineError(f"the {engine} engine failed on {worker.text()!r}: {reply['error']}")
                if worker.job:
                    on_done(worker.job)
                worker.job = None
                if queue:
                    worker.send(queue.pop(0))
            busy = [w for w in pool if w.job]
    finally:
        sel.close()
        for worker in pool:
            worker.stdin.close()
            worker.kill()


def list_voices(engine: str) -> list[VoiceInfo]:
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
            return [VoiceInfo(i, n, tuple(langs)) for i, n, langs in reply]
    raise EngineError(crashed["error"])


def _await_ready(pool: list[_Worker], sel: selectors.BaseSelector, engine: str) -> None:
    pending = set(pool)
    deadline = time.monotonic() + START_TIMEOUT_S
    while pending:
        events = sel.select(max(0.0, deadline - time.monotonic()))
        if not events:
            raise EngineError(f"the {engine} engine did not start within {START_TIMEOUT_S:g}s")
        for key, _ in events:
            reply = _read(key.data, engine)
            if "error" in reply:
                raise EngineError(reply["error"])
            pending.discard(key.data)


def _read(worker: _Worker, engine: str) -> dict:
    line = worker.stdout.readline()
    if not line:
        code = worker.proc.wait()
        what = f" on {worker.text()!r}" if worker.job else " while starting"
        raise EngineError(f"the {engine} engine crashed{what} (exit status {code})")
    return json.loads(line)


if __name__ == "__main__":
    main()
