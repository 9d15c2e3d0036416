"""Engine worker processes: a timeout per clip, failures that name the text, our stdout kept clean, and
the fork server (one worker, a forked child per clip, answers matched to jobs by their id)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from helpers import clip_samples, clip_stored, needs_piper

from voicekit.errors import EngineError
from voicekit.plan.estimate import fake_clip_ms
from voicekit.plan.grid import SAMPLE_RATE
from voicekit.speech import make
from voicekit.speech.engines import worker
from voicekit.speech.engines.fake import FakeEngine
from voicekit.speech.engines.pool import run_jobs
from voicekit.speech.make import ClipJob, child_pieces, speak, start_child
from voicekit.store import CLIP

LONG = " ".join(["Let the whole of your lower back rest on the mat, and let the breath be easy."] * 12)


class Replies(io.StringIO):
    """What a fork server answers, line by line, into ``lines``."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines

    def write(self, text: str) -> int:
        self.lines.append(text)
        return len(text)


def job(tmp_path: Path, text: str, name: str) -> ClipJob:
    return ClipJob(text, None, 140, 1.0, name, tmp_path / "store")


def test_hanging_engine_times_out_naming_the_text(tmp_path):
    with pytest.raises(EngineError, match=r"HANG here.*within 0\.5s"):
        run_jobs("fake", [job(tmp_path, "please HANG here", "hang")], workers=1, timeout_s=0.5)


def test_failing_engine_names_the_text(tmp_path):
    with pytest.raises(EngineError, match="FAIL"):
        run_jobs("fake", [job(tmp_path, "this will FAIL", "fail")], workers=1)


# Two workers, three jobs: the error names the text that failed, not one that was running beside it.
def test_a_failing_text_among_others_is_the_one_named(tmp_path):
    jobs = [job(tmp_path, "Rest here a while longer.", "a"), job(tmp_path, "FAIL", "b"), job(tmp_path, "Rest.", "c")]
    with pytest.raises(EngineError, match=r"the fake engine failed on 'FAIL': RuntimeError"):
        run_jobs("fake", jobs, workers=2)


def test_a_finished_job_s_clip_is_in_the_store(tmp_path):
    rest = job(tmp_path, "Rest here.", "rest")
    done: list[ClipJob] = []
    run_jobs("fake", [rest], workers=1, on_done=done.append)
    assert done == [rest]
    x = clip_samples(rest.root, rest.name)
    assert x is not None
    assert abs(len(x) - fake_clip_ms(rest.text, 140) * SAMPLE_RATE // 1000) <= SAMPLE_RATE // 100  # trimmed 5 ms ends


def test_engine_stdout_never_reaches_ours(tmp_path, capfd):
    run_jobs("pyttsx3", [ClipJob("Let the whole of your lower back rest.", None, 140, 1.0, "quiet", tmp_path / "s")])
    out = capfd.readouterr().out
    assert "Audio saved" not in out and out == ""
    assert clip_stored(tmp_path / "s", "quiet")


# --- the fork server (pyttsx3 on Linux, Piper on POSIX) ------------------------------------------------


# Clips come back in the order they finish, not the order they were sent: each answer names its job.
def test_forked_clips_are_matched_to_their_jobs(tmp_path):
    texts = {"one": "Rest.", "three": "Rest your hands.", "eight": "Let the whole of your lower back rest."}
    jobs = [job(tmp_path, text, name) for name, text in texts.items()]
    done: list[ClipJob] = []
    run_jobs("pyttsx3", jobs, workers=2, on_done=done.append)
    assert sorted(j.name for j in done) == sorted(texts)
    seconds = {name: len(clip_samples(tmp_path / "store", name)) / SAMPLE_RATE for name in texts}
    assert seconds["one"] < seconds["three"] < seconds["eight"], seconds


def test_a_forked_clip_that_is_late_times_out_naming_its_text(tmp_path):
    with pytest.raises(EngineError, match=r"did not finish speaking 'Let the whole.*within 0\.05s"):
        run_jobs("pyttsx3", [job(tmp_path, LONG, "long")], workers=1, timeout_s=0.05)


def speak_in_child(cls, job):
    """``speak`` in a forked child, waiting for it (as the worker pool waits for many)."""
    child = start_child(cls, job)
    while chunk := os.read(child.fd, 1 << 16):
        child.data += chunk
    return child_pieces(child)


def test_a_child_speaks_what_the_engine_would_have_spoken(tmp_path):
    paced = job(tmp_path, "Breathe in. [pause 1s] Breathe out...", "paced")
    here, there = speak(FakeEngine(), paced), speak_in_child(FakeEngine, paced)
    assert [p if isinstance(p, int) else p[1] for p in there] == [p if isinstance(p, int) else p[1] for p in here]
    assert [p for p in there if isinstance(p, int)] == [1000, 1500]  # the pause and the trailing "..."
    for a, b in zip(here, there, strict=True):
        if not isinstance(a, int):
            assert np.array_equal(a[0], b[0])


def test_a_child_s_failure_comes_back_as_an_error_naming_it(tmp_path):
    with pytest.raises(RuntimeError, match="the fake engine was asked to fail"):
        speak_in_child(FakeEngine, job(tmp_path, "FAIL now", "f"))


def test_a_child_that_dies_is_reported_not_waited_for(tmp_path, monkeypatch):
    monkeypatch.setattr(make, "speak", lambda engine, job: os._exit(3))  # the forked child inherits it
    child = start_child(FakeEngine, job(tmp_path, "Rest.", "dies"))
    while chunk := os.read(child.fd, 1 << 16):
        child.data += chunk
    with pytest.raises(RuntimeError, match=r"the engine crashed \(status 768\)"):
        child_pieces(child)


# The server itself, in this process: jobs on its stdin, at most `children` children at once, one
# answer per job carrying the job's id, a failure answered like any other. (The parent closes the
# server's stdin once every answer is in: an end of input means nobody wants the rest.)
def test_the_fork_server_answers_every_job_by_its_id_with_at_most_n_children(tmp_path, monkeypatch):
    texts = {7: "Rest here for a while.", 3: "FAIL on this one", 5: "Breathe.", 11: "Let the jaw soften now."}
    read, write = os.pipe()
    lines = [
        json.dumps({"id": i, **job(tmp_path, t, f"c{i}").__dict__, "root": str(tmp_path / "store")})
        for i, t in texts.items()
    ]
    os.write(write, ("\n".join(lines) + "\n").encode())
    running, most = set(), [0]
    real_start, real_pieces = worker.start_child, worker.child_pieces

    def counted_start(cls, j):
        child = real_start(cls, j)
        running.add(child.pid)
        most[0] = max(most[0], len(running))
        return child

    def counted_pieces(child):  # the child is reaped here; the worker levels and stores its clip after
        try:
            return real_pieces(child)
        finally:
            running.discard(child.pid)

    monkeypatch.setattr(worker, "start_child", counted_start)
    monkeypatch.setattr(worker, "child_pieces", counted_pieces)

    class Stdin:
        def fileno(self):
            return read

    class Out(io.StringIO):
        def __init__(self) -> None:
            super().__init__()
            self.lines: list[dict] = []

        def write(self, text: str) -> int:
            self.lines.append(json.loads(text))
            if len(self.lines) == len(texts):
                os.close(write)
            return len(text)

    out = Out()
    monkeypatch.setattr(sys, "stdin", Stdin())
    try:
        worker._serve(FakeEngine, 2, out)
    finally:
        os.close(read)
    replies = {r["id"]: r for r in out.lines}
    assert len(out.lines) == len(replies) == len(texts)
    assert {i for i, r in replies.items() if r.get("ok")} == {7, 5, 11}
    assert "asked to fail" in replies[3]["error"]
    assert most[0] == 2
    for i in (7, 5, 11):
        assert len(clip_samples(tmp_path / "store", f"c{i}")) / SAMPLE_RATE == pytest.approx(
            fake_clip_ms(texts[i], 140) / 1000, abs=0.02
        )


# Two children that finish together answer in one write: a buffered readline() took both and returned
# one, the selector never woke for the other, and its clip timed out (1 build in 6 under CPU load).
def test_two_answers_that_arrive_together_are_both_taken():
    from voicekit.speech.engines.pool import Worker

    both = '{"id": 1, "ok": true}\n{"id": 2, "ok": true}\n{"id": 3'
    worker = object.__new__(Worker)
    worker.proc = subprocess.Popen(
        [sys.executable, "-c", f"import sys; sys.stdout.write({both!r}); sys.stdout.flush()"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert worker.proc.stdout is not None
    worker.stdout, worker.jobs, worker._pending = worker.proc.stdout, {}, b""
    worker.proc.wait()
    assert [r["id"] for r in worker.replies("fake")] == [1, 2]  # and the third waits for the rest of its line
    with pytest.raises(EngineError, match="crashed while starting"):
        worker.replies("fake")


def _group(pgid: int) -> list[int]:
    """The processes alive in a process group (zombies aside)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                found.append(int(entry))
    return found


def _workers_of(pid: int) -> list[int]:
    return [p for p in _children(pid) if b"engines.worker" in _cmdline(p)]


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read()
    except OSError:
        return b""


MANY_CUES = "title: Many cues\nposes:\n" + "".join(
    f"  - name: Pose {i}\n    setup: Let the whole of your lower back rest on the mat, number {i}, and breathe.\n"
    "    hold: 10s\n"
    for i in range(40)
)


# A build killed while its engine speaks (its worker forks a child per clip): the worker and every
# child end at once. (They spoke on through the queue, and a child whose reply found no reader
# unwound into the worker's own code and hung in onnxruntime's teardown, for ever.)
@needs_piper
@pytest.mark.slow
@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads the process table from /proc")
def test_a_killed_build_leaves_no_engine_process_behind(tmp_path):
    import signal
    import time

    seq = tmp_path / "many.yaml"
    seq.write_text(MANY_CUES)
    env = {**os.environ, "VOICEKIT_CACHE_DIR": str(tmp_path / "cache")}
    build = subprocess.Popen([sys.executable, "-m", "voicekit", "build", str(seq), "-o", str(tmp_path / "m.mp3"), "-q"],
                             env=env, stderr=subprocess.DEVNULL)  # fmt: skip
    group: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and build.poll() is None:  # until a child is speaking a clip
            workers = _workers_of(build.pid)
            if workers and len(_group(workers[0])) >= 2 and (tmp_path / "cache" / CLIP).is_dir():
                break
            time.sleep(0.01)
        assert workers and build.poll() is None, "the build never had its engine speak"
        pgid = workers[0]
        build.send_signal(signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 5
        while (group := _group(pgid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert group == [], [_cmdline(p) for p in group]
    finally:
        for pid in group:  # never leave one behind, even when the test fails
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


# The end of the server's input while children speak: they are stopped and the server returns at once,
# answering nothing more (the parent that closed it is done, or gone). The parent is a process of its
# own here, so that the children forked in this one hold no end of the server's input.
def test_the_fork_server_stops_its_children_when_its_input_ends(tmp_path, monkeypatch):
    import signal
    import time

    slow = json.dumps({"id": 1, **job(tmp_path, "please HANG here", "s").__dict__, "root": str(tmp_path / "store")})
    parent = subprocess.Popen(
        [sys.executable, "-c", f"import sys, time; print({slow!r}, flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE,
    )
    pipe = parent.stdout
    assert pipe is not None
    reading = pipe.fileno()
    started = []
    real_start = worker.start_child

    def start(cls, j):
        child = real_start(cls, j)
        started.append(child.pid)
        parent.kill()  # the parent goes while the child speaks
        parent.wait()
        return child

    class Stdin:
        def fileno(self):
            return reading

    monkeypatch.setattr(worker, "start_child", start)
    monkeypatch.setattr(sys, "stdin", Stdin())

    def too_long(*_):
        raise TimeoutError("the server went on waiting for its child")

    replies: list[str] = []
    began = time.monotonic()
    before = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(10)  # a failure, not a test that hangs
    try:
        worker._serve(FakeEngine, 2, Replies(replies))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)
        parent.kill()
        pipe.close()
        for pid in started:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
    assert time.monotonic() - began < 5 and replies == []
    _, status = os.waitpid(started[0], 0)
    assert os.WIFSIGNALED(status)  # stopped, not left to finish
