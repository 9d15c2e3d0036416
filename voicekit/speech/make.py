"""Making one clip: the engine speaks each piece of a text, the pieces are finished into one levelled
clip, and the clip is stored. Runs in the build's process or in an engine worker."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voicekit.errors import CacheError, EngineError, VoicekitError
from voicekit.files import DISK_FULL
from voicekit.sequence import pacing
from voicekit.sound.wav import to_int16
from voicekit.store import CLIP, Store, cache_error

if TYPE_CHECKING:
    from voicekit.speech.engines import SpeechEngine
    from voicekit.speech.finish import Spoken


@dataclass(frozen=True)
class ClipJob:
    """One clip to make: speak ``text``, finish it, and store it as ``name`` in the store at ``root``."""

    text: str
    voice: str | None
    rate: int
    gain: float
    name: str
    root: Path


def make_clip(engine: SpeechEngine, job: ClipJob) -> None:
    """Speak the text's pieces, then finish and store them."""
    finish(job, speak(engine, job))


def speak(engine: SpeechEngine, job: ClipJob) -> list[Spoken]:
    """Each spoken piece of the text as the engine's samples, each written pause as milliseconds."""
    scratch = Store(job.root).tmp
    out: list[Spoken] = []
    for piece in pacing.pieces(job.text):
        if isinstance(piece, int):
            out.append(piece)
            continue
        try:
            out.append(engine.synthesize(piece, job.voice, job.rate, scratch))
        except OSError as e:
            if e.errno in DISK_FULL or _inside(e.filename, job.root):  # the cache's disk or folder, not the engine
                raise cache_error(job.root, e) from None
            raise
    return out


def _inside(filename: object, root: Path) -> bool:
    return isinstance(filename, str | bytes) and Path(os.fsdecode(filename)).is_relative_to(root)


def finish(job: ClipJob, parts: list[Spoken]) -> None:
    """Trim, join and level the pieces into the clip, stored once."""
    from voicekit.speech.finish import join

    clip = join(parts, job.gain)
    if not len(clip):
        raise EngineError(f"the engine produced only silence for {job.text[:80]!r}")
    Store(job.root).put(CLIP, job.name, to_int16(clip).tobytes())


@dataclass
class Child:
    """A forked child speaking one job's pieces; what it sends back collects in ``data``."""

    pid: int
    fd: int
    job: ClipJob
    data: bytearray = field(default_factory=bytearray)


def start_child(cls: type[SpeechEngine], job: ClipJob) -> Child:
    """Fork a child that speaks ``job`` with a new engine: nothing carries over from earlier clips.

    The child only speaks (its samples come back on a pipe, read as they come); finishing stays in
    the worker, where numpy's caches are warm."""
    import numpy as np

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: one clip's pieces on the pipe, then gone without running cleanups
        # Whatever happens here, the child ends here: an exception let out would run the worker's own
        # code in the child (a reply with no reader left did, and the child hung in onnxruntime's teardown).
        try:
            os.close(read)
            try:
                pieces = speak(cls(), job)
                head = [p if isinstance(p, int) else [p[1], len(p[0])] for p in pieces]
                data = json.dumps({"pieces": head}).encode() + b"\n"
                data += b"".join(np.asarray(p[0], dtype="<f8").tobytes() for p in pieces if not isinstance(p, int))
            except VoicekitError as e:
                data = json.dumps({"error": str(e), "kind": type(e).__name__}).encode() + b"\n"
            except BaseException as e:
                data = json.dumps({"error": f"{type(e).__name__}: {e}"}).encode() + b"\n"
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
        finally:
            os._exit(0)
    os.close(write)
    return Child(pid, read, job)


def child_pieces(child: Child) -> list[Spoken]:
    """The pieces a child spoke, once its pipe is at its end (the child is reaped here)."""
    import numpy as np

    os.close(child.fd)
    _, status = os.waitpid(child.pid, 0)
    head_line, _, body = bytes(child.data).partition(b"\n")
    reply: dict[str, Any] = json.loads(head_line) if head_line else {"error": f"the engine crashed (status {status})"}
    if "error" in reply:
        raise ERRORS.get(reply.get("kind"), RuntimeError)(reply["error"])
    out: list[Spoken] = []
    at = 0
    for p in reply["pieces"]:
        if isinstance(p, int):
            out.append(p)
        else:
            rate, n = p
            out.append((np.frombuffer(body, dtype="<f8", count=n, offset=at), rate))
            at += 8 * n
    return out


ERRORS: dict[str | None, type[Exception]] = {"EngineError": EngineError, "CacheError": CacheError}
"""Errors of ours that cross a process boundary by name."""
