"""Run an engine in worker processes: a timeout per clip, parallel clips, and stdout kept clean.

Engines whose output depends on what they spoke before (``fresh_per_clip``) run in one worker that
loads the engine's libraries (and Piper's model) once and forks a child per clip, up to ``children``
at a time: each clip depends only on its text, the model is in memory once, and every core is used.
Other engines run in one worker process per core, a clip at a time.

Protocol: one JSON object per line. The worker says {"ready": true} or {"error": ...} when it
starts, then answers each job ({"id", "text", "voice", "rate", "gain", "name", "root"}: see
``voicekit.speech.make.ClipJob``) with {"id", "ok": true} or {"id", "error": ...}, once the clip is stored.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import selectors
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from voicekit.errors import EngineError, VoicekitError
from voicekit.speech.engines import InstalledVoice, SpeechEngine, engine_class, get_engine
from voicekit.speech.make import ERRORS, Child, ClipJob, child_pieces, finish, speak, start_child

if TYPE_CHECKING:
    from voicekit.speech.finish import Spoken

START_TIMEOUT_S = 60.0
# glibc's malloc in transparent huge pages (where the kernel offers them on request): the fork server's
# model then forks in 0.7 ms, not 6, and each child faults its working memory in 2 MB at a time.
HUGE_PAGES = "glibc.malloc.hugetlb=1"


def main() -> None:
    """Worker entry point: ``python -m voicekit.speech.engines.worker ENGINE [--voices | --children N]``."""
    # Answers go to a private copy of stdout; anything the engine prints goes to stderr.
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    name, flag = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""
    cls = engine_class(name)
    children = int(sys.argv[3]) if flag == "--children" else 0
    engine: SpeechEngine | None = None
    try:
        if children:  # the libraries load once; each clip gets an engine of its own in a child
            cls.prepare(sys.argv[4] if len(sys.argv) > 4 else None)
        else:
            engine = get_engine(name)
    except VoicekitError as e:
        out.write(json.dumps({"error": str(e)}) + "\n")
        return
    out.write(json.dumps({"ready": True}) + "\n")
    if flag == "--voices" and engine is not None:
        try:
            found = [[v.id, v.name, list(v.languages)] for v in engine.voices()]
        except Exception as e:  # a broken voice file: said, not swallowed
            out.write(json.dumps({"error": f"the {name} engine cannot list its voices: {e}"}) + "\n")
            return
        out.write(json.dumps(found) + "\n")
    elif engine is not None:
        for line in sys.stdin:
            job_id, job = _job(line)
            made = functools.partial(_make, engine, job)
            out.write(json.dumps({"id": job_id, **_outcome(made)}) + "\n")
    else:
        _serve(cls, children, out)


def _job(line: str) -> tuple[int, ClipJob]:
    fields = json.loads(line)
    return fields.pop("id"), ClipJob(**{**fields, "root": Path(fields["root"])})


def _outcome(make: Callable[[], None]) -> dict:
    try:
        make()
        return {"ok": True}
    except VoicekitError as e:  # already says what is wrong and how to fix it
        return {"error": str(e), "kind": type(e).__name__}
    except Exception as e:  # report every engine failure to the parent, which names the text
        return {"error": f"{type(e).__name__}: {e}"}


def _serve(cls: type[SpeechEngine], children: int, out: IO[str]) -> None:
    """The fork server: jobs from stdin, up to ``children`` children speaking at once; each clip is
    finished and stored here as its child ends."""
    sel = selectors.DefaultSelector()
    sel.register(sys.stdin.fileno(), selectors.EVENT_READ, None)
    waiting: deque[tuple[int, ClipJob]] = deque()
    running: dict[int, tuple[int, Child]] = {}  # by pipe
    buffer = b""

    def fill() -> None:
        while waiting and len(running) < children:
            job_id, job = waiting.popleft()
            child = start_child(cls, job)
            running[child.fd] = (job_id, child)
            sel.register(child.fd, selectors.EVENT_READ, child)

    while True:
        fill()
        for key, _ in sel.select():
            if key.data is None:  # the parent: more jobs, or the end of them
                chunk = os.read(key.fd, 1 << 16)
                if not chunk:  # the parent is done or gone: nobody wants what is still being spoken
                    for _, child in running.values():
                        with contextlib.suppress(OSError):
                            os.kill(child.pid, signal.SIGKILL)
                    return
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                waiting.extend(_job(line.decode()) for line in lines if line)
                continue
            chunk = os.read(key.fd, 1 << 20)
            if chunk:
                key.data.data += chunk
                continue
            sel.unregister(key.fd)
            job_id, child = running.pop(key.fd)
            heard = _heard(child)  # the child reaped: its place is free
            fill()  # the next clip is spoken while this one is levelled and stored: no core waits on it
            reply = _outcome(functools.partial(_finish_child, child.job, heard))
            out.write(json.dumps({"id": job_id, **reply}) + "\n")


def _make(engine: SpeechEngine, job: ClipJob) -> None:
    finish(job, speak(engine, job))


def _heard(child: Child) -> list[Spoken] | Exception:
    """What a child that ended spoke (it is reaped), or what went wrong."""
    try:
        return child_pieces(child)
    except Exception as e:  # raised in _finish_child, where every failure becomes a reply
        return e


def _finish_child(job: ClipJob, heard: list[Spoken] | Exception) -> None:
    if isinstance(heard, Exception):
        raise heard
    finish(job, heard)


class _Worker:
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
    pool = [_Worker(engine, children=n, voice=voice)] if forking else [_Worker(engine) for _ in range(n)]
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


def _await_ready(pool: list[_Worker], sel: selectors.BaseSelector, engine: str) -> None:
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


if __name__ == "__main__":
    # Skip the interpreter's teardown, however main() ends (a parent that was killed makes the next
    # reply raise BrokenPipeError): onnxruntime's destructors can wait forever on a condition variable
    # after the worker has forked children (seen: orphaned Piper workers, stuck at exit).
    status = 1
    try:
        main()
        status = 0
    except BrokenPipeError:  # the parent is gone: nobody to tell
        pass
    except BaseException:  # said on stderr, as Python would have before its teardown
        import traceback

        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stderr.flush()
        os._exit(status)
