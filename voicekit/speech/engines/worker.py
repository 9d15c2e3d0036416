"""An engine's worker process: speaks the clips the build sends it (``pool`` starts it and hands them out).

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
import sys
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from voicekit.errors import VoicekitError
from voicekit.speech.engines import SpeechEngine, engine_class, get_engine
from voicekit.speech.make import Child, ClipJob, child_pieces, finish, make_clip, start_child

if TYPE_CHECKING:
    from voicekit.speech.finish import Spoken


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
            made = functools.partial(make_clip, engine, job)
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
