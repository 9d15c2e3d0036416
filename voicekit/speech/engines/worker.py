"""Run an engine in worker processes: a timeout per clip, parallel clips, and stdout kept clean.

Protocol: one JSON object per line. The worker says {"ready": true} or {"error": ...} when it
starts, then answers each {"text", "voice", "rate", "path"} with {"ok": true} or {"error": ...}.
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
from dataclasses import dataclass
from pathlib import Path

from voicekit.errors import CacheError, EngineError, VoicekitError
from voicekit.speech.engines import SpeechEngine, VoiceInfo, engine_class, get_engine

START_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Job:
    """One clip to make: speak ``text``, then trim, resample and level it into ``path``."""

    text: str
    voice: str | None
    rate: int
    gain: float
    path: Path
    tmp: Path
    """The cache's folder for temporaries: the engine's raw output goes there."""


def make_clip(engine: SpeechEngine, job: Job) -> None:
    """Speak the text's pieces, then finish them into the clip (see ``speak`` and ``finish``)."""
    finish(job, speak(engine, job))


def speak(engine: SpeechEngine, job: Job) -> list[Path | int]:
    """Each spoken piece of the text as a raw engine WAV in the cache's temporary folder, and each
    written pause as milliseconds of quiet, in order."""
    from voicekit.output.files import DISK_FULL, temp_in
    from voicekit.sequence import pacing

    parts: list[Path | int] = []
    try:
        for piece in pacing.pieces(job.text):
            if isinstance(piece, int):
                parts.append(piece)
                continue
            parts.append(temp_in(job.tmp, "raw.wav"))
            engine.synthesize(piece, job.voice, job.rate, parts[-1])
    except OSError as e:
        _remove(parts)
        if e.errno in DISK_FULL:  # the cache's disk, not the engine
            raise CacheError(
                f"the clip cache {job.tmp.parent} is full; free some space or choose another folder with --cache-dir"
            ) from None
        raise
    except BaseException:
        _remove(parts)
        raise
    return parts


def finish(job: Job, parts: list[Path | int]) -> None:
    """Trim, join and level the raw pieces into the clip, written once into the cache."""
    from voicekit.speech import finish as clips

    try:
        clip = clips.join(parts, job.gain)
        if not len(clip):
            raise EngineError(f"the engine produced only silence for {job.text[:80]!r}")
        clips.write_wav(job.path, clip, tmp=job.tmp)
    finally:
        _remove(parts)


def _remove(parts: list[Path | int]) -> None:
    for part in parts:
        if isinstance(part, Path):
            part.unlink(missing_ok=True)


def main() -> None:
    """Worker entry point: ``python -m voicekit.speech.engines.worker ENGINE``."""
    # Answers go to a private copy of stdout; anything the engine prints goes to stderr.
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    listing = len(sys.argv) > 2 and sys.argv[2] == "--voices"
    cls = engine_class(sys.argv[1])
    fresh = getattr(cls, "fresh_per_clip", False) and hasattr(os, "fork") and not listing
    try:
        if fresh:
            cls.prepare()  # the libraries load once; each clip gets an engine of its own in a child
            engine = None
        else:
            engine = get_engine(sys.argv[1])
    except VoicekitError as e:
        out.write(json.dumps({"error": str(e)}) + "\n")
        return
    out.write(json.dumps({"ready": True}) + "\n")
    if listing:
        out.write(json.dumps([[v.id, v.name, list(v.languages)] for v in engine.voices()]) + "\n")
        return
    for line in sys.stdin:
        job = json.loads(line)
        job = Job(job["text"], job["voice"], job["rate"], job["gain"], Path(job["path"]), Path(job["tmp"]))
        out.write(json.dumps(_clip(cls, engine, job)) + "\n")


def _clip(cls: type, engine: SpeechEngine | None, job: Job) -> dict:
    """Make one clip and say how it went; with no engine, the speaking is done by a forked child."""
    try:
        finish(job, speak(engine, job) if engine else _speak_in_child(cls, job))
        return {"ok": True}
    except VoicekitError as e:  # already says what is wrong and how to fix it
        return {"error": str(e), "kind": type(e).__name__}
    except Exception as e:  # report every engine failure to the parent, which names the text
        return {"error": f"{type(e).__name__}: {e}"}


def _speak_in_child(cls: type, job: Job) -> list[Path | int]:
    """The raw pieces, spoken by a new engine in a forked child: nothing carries over from earlier
    clips. The child only speaks; trimming and levelling stay here, where numpy's caches are warm."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: one clip's pieces, their names on the pipe, then gone without cleanups
        os.close(read)
        try:
            reply: dict = {"parts": [str(p) if isinstance(p, Path) else p for p in speak(cls(), job)]}
        except VoicekitError as e:
            reply = {"error": str(e), "kind": type(e).__name__}
        except BaseException as e:
            reply = {"error": f"{type(e).__name__}: {e}"}
        os.write(write, json.dumps(reply).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as answer:
        data = answer.read()
    _, status = os.waitpid(pid, 0)
    reply = json.loads(data) if data else {"error": f"the engine crashed (status {status})"}
    if "error" in reply:
        raise _ERRORS.get(reply.get("kind"), RuntimeError)(reply["error"])
    return [Path(p) if isinstance(p, str) else p for p in reply["parts"]]


_ERRORS: dict[str | None, type[Exception]] = {"EngineError": EngineError, "CacheError": CacheError}


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
        self.job: Job | None = None
        self.started = 0.0

    def send(self, job: Job) -> None:
        self.job, self.started = job, time.monotonic()
        payload = {
            "text": job.text, "voice": job.voice, "rate": job.rate, "gain": job.gain,
            "path": str(job.path), "tmp": str(job.tmp),
        }  # fmt: skip
        self.proc.stdin.write(json.dumps(payload) + "\n")
        self.proc.stdin.flush()

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
        for w in pool:
            sel.register(w.proc.stdout, selectors.EVENT_READ, w)
        _await_ready(pool, sel, engine)
        for w in pool:
            if queue:
                w.send(queue.pop(0))
        busy = [w for w in pool if w.job]
        while busy:
            deadline = min(w.started for w in busy) + timeout_s
            events = sel.select(max(0.0, deadline - time.monotonic()))
            if not events:
                late = min(busy, key=lambda w: w.started)
                raise EngineError(
                    f"the {engine} engine did not finish speaking {late.job.text[:80]!r} within {timeout_s:g}s"
                )
            for key, _ in events:
                w: _Worker = key.data
                reply = _read(w, engine)
                if reply.get("kind") in _ERRORS:
                    raise _ERRORS[reply["kind"]](reply["error"])
                if "error" in reply:
                    raise EngineError(f"the {engine} engine failed on {w.job.text[:80]!r}: {reply['error']}")
                done, w.job = w.job, None
                on_done(done)
                if queue:
                    w.send(queue.pop(0))
            busy = [w for w in pool if w.job]
    finally:
        sel.close()
        for w in pool:
            if w.proc.stdin:
                w.proc.stdin.close()
            w.kill()


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
    lines = proc.stdout.splitlines()
    first = json.loads(lines[0]) if lines else {"error": f"the {engine} engine crashed (exit status {proc.returncode})"}
    if "error" in first:
        raise EngineError(first["error"])
    return [VoiceInfo(i, n, tuple(langs)) for i, n, langs in json.loads(lines[1])]


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


def _read(w: _Worker, engine: str) -> dict:
    line = w.proc.stdout.readline()
    if not line:
        code = w.proc.wait()
        what = f" on {w.job.text[:80]!r}" if w.job else " while starting"
        raise EngineError(f"the {engine} engine crashed{what} (exit status {code})")
    return json.loads(line)


if __name__ == "__main__":
    main()
