"""voicekit's benchmark: whole processes, wall time and peak memory, measured in one run.

Run it with ./scripts/bench (add --quick for a small version that checks the script still works).
Ratios are what to read: this machine is shared, so absolute times move from run to run. The warm
rebuilds (b), (f) and (j) take a fraction of a second each: each is the median of three runs, and
(b) against --help is the median ratio of 15 pairs, each pair run one right after the other.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOICEKIT = [sys.executable, "-m", "voicekit"]
SHIPPED = ROOT / "sequences" / "lumbar-release.yaml"


@dataclass
class Run:
    name: str
    wall: float
    rss_mb: float
    """The largest single process's peak resident memory (the build, or one of its engine workers)."""
    tree_mb: float = 0.0
    """The peak of the whole process tree's proportional memory (PSS, sampled): shared pages, such as
    a model loaded once and forked, count once."""
    cpu: float = 0.0
    """CPU seconds of the process and every process it waited for (its engine workers, ffmpeg)."""


def measure(name: str, cmd: list[str], env: dict | None = None, times: int = 1, fresh: Path | None = None) -> Run:
    """Run ``cmd`` as its own process: wall time from start to exit, its peak resident memory, and the
    peak memory of it and every process it starts.

    ``times`` > 1: run it that many times and keep the median time (and the largest peaks). A warm
    rebuild takes a fraction of a second, which a shared machine's load can double at any moment.

    ``fresh``: a file removed before each run (not timed): a rebuild writes its file, where a second run
    of the same command would find the same file there and write nothing."""
    if times > 1:
        found = sorted((measure(name, cmd, env, fresh=fresh) for _ in range(times)), key=lambda run: run.wall)
        median = found[times // 2]
        return Run(name, median.wall, max(r.rss_mb for r in found), max(r.tree_mb for r in found), median.cpu)
    if fresh:
        fresh.unlink(missing_ok=True)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    peak = [0.0]
    watcher = threading.Thread(target=_watch_tree, args=(proc.pid, peak), daemon=True)
    watcher.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    watcher.join()
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"bench: {name} failed:\n{err}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(name, wall, usage.ru_maxrss / 1024, peak[0], cpu)  # ru_maxrss is in kB on Linux


def alternating(a: list[str], b: list[str], env: dict, rounds: int, fresh: Path) -> list[float]:
    """``a``'s wall time over ``b``'s, for ``rounds`` pairs run one right after the other (``fresh``
    removed before each): a shared machine's load moves both of a pair alike, so their ratio moves less
    than either. Nothing is sampled meanwhile (sampling memory took a core's time)."""
    ratios = []
    for _ in range(rounds):
        walls = []
        for cmd in (a, b):
            fresh.unlink(missing_ok=True)
            started = time.perf_counter()
            proc = subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            walls.append(time.perf_counter() - started)
            if proc.returncode:
                sys.exit(f"bench: {' '.join(cmd[1:])} failed:\n{proc.stderr.decode(errors='replace')}")
        ratios.append(walls[0] / walls[1])
    return ratios


def _watch_tree(root: int, peak: list[float]) -> None:
    """Sample the summed PSS of ``root`` and its descendants every 20 ms until ``root`` ends."""
    while os.path.exists(f"/proc/{root}/stat") and _state(root) != "Z":
        peak[0] = max(peak[0], sum(_pss_kb(pid) for pid in _tree(root)) / 1024)
        time.sleep(0.02)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def generated(minutes: float, poses: int) -> str:
    """A sequence of ``poses`` poses lasting about ``minutes``, every text its own (so every clip is new)."""
    hold_s = max(20, round((minutes * 60 - 60 - poses * 45) / poses))
    out = [f"title: Generated {minutes:g}-minute practice", "intro: Welcome to a long practice. Settle in.", "poses:"]
    for p in range(1, poses + 1):
        two_sided = p % 4 == 0
        steps = [
            f"Pose {p}, step one: come onto the mat and find your starting shape.",
            f"Pose {p}, step two: lengthen the spine and soften the shoulders.",
            f"Pose {p}, step three: let the breath slow down and deepen.",
        ]
        out += [f"  - name: Pose {p}", "    setup:"] + [f"      - {json.dumps(s)}" for s in steps]
        if two_sided:
            out += ["    sides: [right, left]", f"    hold: {hold_s // 2}s"]
        elif p % 3 == 0:
            out += [f"    hold: {max(2, hold_s // 10)} breaths", "    breath_cues: guided"]
        else:
            out += [f"    hold: {hold_s}s"]
        reminders = [f"Pose {p}: stay soft in the face.", f"Pose {p}: let the floor hold you."]
        out += [f"    reminders: {json.dumps(reminders)}", f"    release: Pose {p} is done. Come out slowly."]
    out.append("outro: That is the end of the practice. Thank you.")
    return "\n".join(out) + "\n"


NAIVE = textwrap.dedent(
    """
    # The typical script: pyttsx3 writes one file per cue, pydub joins with +, one export at the end.
    import json, sys, tempfile, warnings
    from pathlib import Path
    from voicekit.speech.engines.espeak_lib import ensure_loaded
    from voicekit.ffmpeg import ffmpeg_exe
    import pyttsx3

    with warnings.catch_warnings():  # pydub warns at import that ffmpeg is not on PATH; it is set below
        warnings.simplefilter("ignore")
        from pydub import AudioSegment

    ensure_loaded()
    AudioSegment.converter = ffmpeg_exe()
    plan = json.loads(Path(sys.argv[1]).read_text())
    engine = pyttsx3.init()
    engine.setProperty("rate", 140)
    session = AudioSegment.silent(duration=0, frame_rate=44100)
    with tempfile.TemporaryDirectory() as tmp:
        for i, cue in enumerate(plan["cues"]):
            ms = round(cue["duration"] * 1000)
            if cue["kind"] == "speech":
                path = f"{tmp}/{i}.wav"
                for _ in range(3):  # under load, runAndWait has returned before the file was written
                    engine.save_to_file(cue["text"], path)
                    engine.runAndWait()
                    if Path(path).exists():
                        break
                clip = AudioSegment.from_wav(path).set_frame_rate(44100).set_channels(1)
                session += clip[:ms] + AudioSegment.silent(duration=max(0, ms - len(clip)), frame_rate=44100)
            else:
                session += AudioSegment.silent(duration=ms, frame_rate=44100)
    session.export(sys.argv[2], format="mp3", bitrate="64k")
    """
)


STREAMED = textwrap.dedent(
    """
    # The same build, with the MP3 written by one encoder run over the whole session (what the frame
    # join avoids): the MP3 writer replaced by the streaming one WAV and M4A use, into LAME.
    import sys
    from voicekit import cli
    from voicekit import ffmpeg
    from voicekit.output import formats, tags
    from voicekit.output.mp3 import frames
    from voicekit.sound import mix

    def streamed(timeline, sources, path, progress, meta):
        def feed(stdin):
            for _, segment in mix.segments(timeline, sources):
                stdin.write(segment)

        ffmpeg.run([*ffmpeg.pcm_input(44100), *frames.lame_args(str(path), True)], feed, "encode MP3")
        audio = path.read_bytes()
        path.write_bytes(tags.id3(meta, len(audio)) + audio)  # the tag before the frames, as a build's

    formats.WRITERS["mp3"] = streamed
    cli.main(sys.argv[1:])
    """
)


RAIN = textwrap.dedent(
    """
    # An MP3 of something like rain (noise whose level drifts, a soft low tone): a bed's file. Made in a
    # process of its own, so the bench's own memory never counts in the peaks it measures.
    import sys
    from pathlib import Path
    import numpy as np
    from voicekit import ffmpeg
    from voicekit.output.mp3.frames import lame_args
    from voicekit.sound import wav

    seconds, out = float(sys.argv[1]), Path(sys.argv[2])
    rng = np.random.default_rng(14)
    t = np.arange(int(seconds * 44100)) / 44100
    noise = np.convolve(rng.standard_normal(len(t)), np.ones(8) / 8, "same")
    x = 0.3 * noise * (0.8 + 0.2 * np.sin(2 * np.pi * 0.07 * t)) + 0.02 * np.sin(2 * np.pi * 110 * t)
    with open(out.with_suffix(".wav"), "wb") as f:
        writer = wav.Writer(f, 44100, "voicekit bench")
        writer.write(wav.to_int16(x).tobytes())
        writer.close()
    ffmpeg.run(["-i", str(out.with_suffix(".wav")), *lame_args(str(out), True)], None, "encode MP3")
    """
)


PIPER_TEXTS = textwrap.dedent(
    """
    # The texts a Piper build of a practice speaks (respelled, with their rates), split into one share
    # per core, longest first to the least loaded: what each inference process of the floor says.
    import json, os, sys
    from voicekit import pipeline
    from voicekit.plan import compiler
    from voicekit.plan.estimate import estimator
    from voicekit.plan.options import BuildOptions
    from voicekit.sequence.pronounce import respell

    practice = pipeline.check(sys.argv[1], BuildOptions(engine="piper"))
    items = compiler.spoken_texts(practice, estimator(practice.sequence.language, "piper"))
    texts = sorted({(respell(text, practice.pronounce), rate) for text, rate in items}, key=lambda t: -len(t[0]))
    shares = [[] for _ in range(os.cpu_count() or 1)]
    for text in texts:
        min(shares, key=lambda share: sum(len(t) for t, _ in share)).append(text)
    json.dump([share for share in shares if share], open(sys.argv[2], "w"))
    """
)


PIPER_FLOOR = textwrap.dedent(
    """
    # Piper's inference alone, over one share of the texts: the model loaded as a build loads it (one
    # inference thread), each text's written pauses left out, nothing levelled, stored or encoded.
    import json, sys
    from voicekit.sequence import pacing
    from voicekit.speech.engines.piper_engine import PiperEngine

    engine = PiperEngine()
    for text, rate in json.load(open(sys.argv[1]))[int(sys.argv[2])]:
        for piece in pacing.pieces(text):
            if not isinstance(piece, int):
                engine.synthesize(piece, None, rate, None)
    """
)


def piper_floor(folder: Path, env: dict) -> Run:
    """(r) Piper's inference over the shipped practice's texts, one process per core, nothing else: the
    floor of a cold Piper build (each process starts Python, loads the model and speaks its share)."""
    (folder / "texts.py").write_text(PIPER_TEXTS)
    (folder / "floor.py").write_text(PIPER_FLOOR)
    shares = folder / "shares.json"
    subprocess.run([sys.executable, str(folder / "texts.py"), str(SHIPPED), str(shares)], check=True, env=env)
    n = len(json.loads(shares.read_text()))
    script = (
        "import subprocess, sys\n"
        f"procs = [subprocess.Popen([sys.executable, {str(folder / 'floor.py')!r}, {str(shares)!r}, str(i)]) "
        f"for i in range({n})]\n"
        "sys.exit(max(p.wait() for p in procs))\n"
    )
    return measure(f"(r) Piper inference alone, {n} processes", [sys.executable, "-c", script], env)


# An ffmpeg on PATH that runs the real one, then writes a file of its own (two ffmpeg may end together)
# with its first argument and bash's `times`: the wrapper's own user and system time, then its
# children's (`$(times)` would be a subshell's: zero).
COUNTED_FFMPEG = """#!/bin/bash
"$BENCH_FFMPEG" "$@"
status=$?
{ echo "$1"; times; } >"$BENCH_FFMPEG_LOG/$$"
exit $status
"""


@dataclass(frozen=True)
class Split:
    """Where a cold build's time went: the build's stages (ms, wall, in process), the CPU seconds of the
    build's own process, of its engine workers (with the clips they fork) and of its ffmpeg runs."""

    stages: dict[str, float]
    own_cpu: float
    workers_cpu: float
    ffmpeg_cpu: float
    ffmpeg_runs: int


def cold_split(folder: Path, env: dict, engine: str) -> Split:
    """One more cold build of the shipped practice, in process (scripts/phases.py --usage), into a cache of
    its own, with every ffmpeg run it makes counted by a wrapper on PATH (a bash start each, ~2 ms)."""
    real = subprocess.run([sys.executable, "-c", "from voicekit.ffmpeg import ffmpeg_exe; print(ffmpeg_exe())"],
                          env=env, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    wrapper, log = folder / "counted", folder / "ffmpeg-times"
    wrapper.mkdir()
    log.mkdir()
    (wrapper / "ffmpeg").write_text(COUNTED_FFMPEG)
    (wrapper / "ffmpeg").chmod(0o755)
    counted = {**env, "PATH": f"{wrapper}{os.pathsep}{env.get('PATH', '')}", "BENCH_FFMPEG": real,
               "BENCH_FFMPEG_LOG": str(log), "VOICEKIT_CACHE_DIR": str(folder / "cache")}  # fmt: skip
    cmd = [sys.executable, str(ROOT / "scripts" / "phases.py"), "--usage", "build", str(SHIPPED), "--engine", engine,
           "-q", "--no-companions", "-o", str(folder / "split.mp3")]  # fmt: skip
    proc = subprocess.run(cmd, env=counted, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"bench: the cold build in process failed:\n{proc.stderr}")
    found = json.loads(proc.stderr.strip().splitlines()[-1])
    usage = found.pop("usage")
    rows = [run.read_text().split() for run in log.iterdir()]  # argument, own user, system, children's
    wrappers_cpu = sum(_minutes_seconds(row[1]) + _minutes_seconds(row[2]) for row in rows)
    ffmpeg_cpu = sum(_minutes_seconds(row[3]) + _minutes_seconds(row[4]) for row in rows)
    runs = sum(row[0] != "-version" for row in rows)  # not the check that ffmpeg runs at all
    return Split(found, usage["self"], usage["children"] - ffmpeg_cpu - wrappers_cpu, ffmpeg_cpu, runs)


def _minutes_seconds(text: str) -> float:
    """bash's ``0m1.250s`` in seconds."""
    minutes, seconds = text.rstrip("s").split("m")
    return int(minutes) * 60 + float(seconds)


def imports_ms(cmd: list[str], env: dict) -> float:
    """Milliseconds ``cmd`` (a ``python -m voicekit ...`` command) spends importing, by ``-X importtime``."""
    proc = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], env=env, cwd=ROOT, capture_output=True, text=True)
    rows = [line.split("|") for line in proc.stderr.splitlines() if line.startswith("import time:")]
    return sum(int(row[1]) for row in rows[1:] if not row[2].startswith("  ")) / 1000  # the top-level ones


def stages(cmd: list[str], env: dict, times: int, fresh: Path) -> dict[str, float]:
    """Where the time of ``cmd`` (a ``python -m voicekit ...`` command) goes, by stage (scripts/phases.py,
    in process): each stage's median milliseconds over ``times`` runs (``fresh`` removed before each, as
    ``measure`` does), and their total."""
    runs = []
    for _ in range(times):
        fresh.unlink(missing_ok=True)
        proc = subprocess.run([cmd[0], str(ROOT / "scripts" / "phases.py"), *cmd[len(VOICEKIT) :]], env=env,
                              cwd=ROOT, capture_output=True, text=True)  # fmt: skip
        if proc.returncode:
            sys.exit(f"bench: scripts/phases.py failed:\n{proc.stderr}")
        runs.append(json.loads(proc.stderr.strip().splitlines()[-1]))
    return {stage: statistics.median(run.get(stage, 0.0) for run in runs) for stage in runs[0]}


def rain_file(folder: Path, seconds: float) -> Path:
    """An MP3 of ``seconds`` of something like rain, in ``folder``."""
    script, out = folder / "rain.py", folder / "rain.mp3"
    script.write_text(RAIN)
    subprocess.run([sys.executable, str(script), str(seconds), str(out)], check=True, cwd=ROOT)
    return out


def serving(env: dict, out: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    """``voicekit serve`` (espeak-ng) into ``out``, started: the process and its address."""
    cmd = [*VOICEKIT, "serve", "--port", "0", "--output-dir", str(out), "--engine", "pyttsx3", *extra]
    log = out.with_suffix(".log")
    with open(log, "w") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=env, cwd=ROOT, text=True)
    first = proc.stdout.readline()
    if " at " not in first:
        proc.kill()
        sys.exit(f"bench: voicekit serve did not start:\n{log.read_text()}")
    return proc, first.split(" at ")[1].split()[0]


def followed(url: str, events: str) -> dict:
    """A build Play answered as under way (202), followed through its events to what it made."""
    import urllib.request

    with urllib.request.urlopen(url.rstrip("/") + events, timeout=600) as stream:
        kind = ""
        for line in stream:
            if line.startswith(b"event: "):
                kind = line[7:].strip().decode()
            elif line.startswith(b"data: ") and kind in ("done", "failed", "none"):
                data = json.loads(line[6:])
                if kind != "done":
                    sys.exit(f"bench: a build through the server ended with {kind}: {data}")
                return data
    sys.exit("bench: the build's events ended without its end")


def served(env: dict, out: Path, name: str) -> tuple[Run, Run]:
    """Through ``voicekit serve``: (h) a warm on-demand build of the practice ``name`` with long holds,
    from the request to the last byte of its audio, and (i) 50 range requests at once of 64 kB each.
    Both rows carry the server's peak memory."""
    import concurrent.futures
    import signal
    import urllib.request

    proc, url = serving(env, out, "--no-prepare")

    def play(holds: str) -> dict:
        ask = urllib.request.Request(url + f"practice/{name}/play", data=f"holds={holds}".encode())
        ask.add_header("Accept", "application/json")
        with urllib.request.urlopen(ask, timeout=600) as answer:
            status, built = answer.status, json.loads(answer.read())
        return built if status == 200 else followed(url, built["events"])

    def fetch(path: str, first: int | None = None) -> bytes:
        ask = urllib.request.Request(url.rstrip("/") + path)
        if first is not None:
            ask.add_header("Range", f"bytes={first}-{first + 65535}")
        with urllib.request.urlopen(ask, timeout=600) as answer:
            return answer.read()

    play("medium")  # the server's first build: its imports, the voice list, the shelf
    started = time.perf_counter()
    built = play("long")
    body = fetch(built["audio"])
    build_wall = time.perf_counter() - started
    assert len(body) > 100_000 and built["new_clips"] == 0, built
    with concurrent.futures.ThreadPoolExecutor(50) as pool:
        started = time.perf_counter()
        parts = list(pool.map(lambda i: fetch(built["audio"], i * len(body) // 50), range(50)))
        ranges_wall = time.perf_counter() - started
    assert all(part == body[i * len(body) // 50 :][:65536] for i, part in enumerate(parts))
    proc.send_signal(signal.SIGINT)
    _, _, usage = os.wait4(proc.pid, 0)
    rss = usage.ru_maxrss / 1024
    return (
        Run("(h) shipped, long, built on demand by serve", build_wall, rss),
        Run("(i) 50 range requests of 64 kB at once", ranges_wall, rss),
    )


def prepared(env: dict, out: Path) -> tuple[Run, Run]:
    """Through ``voicekit serve`` left alone until it has prepared a shipped practice in the background:
    (k) Play of that practice's default version to the first 64 kB of its audio (what a player needs to
    start), and (l) Play of a version never built (a voice whose clips are not in the store) to the first
    progress report of its build. The goals: both under half a second."""
    import signal
    import urllib.request

    proc, url = serving(env, out)
    deadline = time.monotonic() + 1200
    while not (ready := sorted(out.glob("*-medium.json"))):  # no request meanwhile: it would stop the work
        if time.monotonic() > deadline:
            proc.kill()
            sys.exit("bench: voicekit serve prepared nothing in 20 minutes")
        time.sleep(0.5)
    practice = ready[0].name.removesuffix("-medium.json")

    def post(form: str) -> tuple[int, dict]:
        ask = urllib.request.Request(url + f"practice/{practice}/play", data=form.encode())
        ask.add_header("Accept", "application/json")
        with urllib.request.urlopen(ask, timeout=600) as answer:
            return answer.status, json.loads(answer.read())

    started = time.perf_counter()
    status, built = post("holds=medium")
    ask = urllib.request.Request(url.rstrip("/") + built["audio"], headers={"Range": "bytes=0-65535"})
    with urllib.request.urlopen(ask, timeout=60) as answer:
        assert len(answer.read()) == 65536
    sound = time.perf_counter() - started
    assert status == 200 and not built["built"], built
    started = time.perf_counter()
    status, under_way = post("holds=long&voice=pyttsx3%3Agmw%2Fen-gb-x-rp")  # clips no build has made
    assert status == 202, under_way
    with urllib.request.urlopen(url.rstrip("/") + under_way["events"], timeout=60) as stream:
        while not stream.readline().startswith(b"event: progress"):
            pass
    progress = time.perf_counter() - started
    proc.send_signal(signal.SIGINT)
    proc.wait(30)
    return (
        Run(f"(k) Play to first sound, prepared ({practice})", sound, 0.0),
        Run("(l) Play to first progress, cold build", progress, 0.0),
    )


def composing_s(times: int) -> float:
    """The median time ``compose`` takes for a 20-minute lower-back practice (the library read, the poses
    chosen, the draft measured, fitted and checked), in process: the goal is under half a second."""
    from datetime import date

    from voicekit.plan.compose import Request, compose

    took = []
    for day in range(1, times + 1):
        started = time.perf_counter()
        compose(Request(20 * 60_000, ("lower-back",)), date(2025, 1, day))
        took.append(time.perf_counter() - started)
    return statistics.median(took)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sessions: checks the benchmark runs, fast")
    args = parser.parse_args()
    long_min, short_min, poses = (3, 1, 4) if args.quick else (90, 10, 20)
    repeats = 1 if args.quick else 3  # the warm rebuilds' median of three (one is enough to check the script)
    # voicekit's modules compiled, as an installed package's are: with PYTHONDONTWRITEBYTECODE set (as in
    # some shells and CI), every module changed since the install would be compiled again in every run.
    compileall.compile_dir(ROOT / "voicekit", quiet=1)

    # A build the server was making when it was stopped may still be storing a clip (its engine worker
    # finishes the clip in hand): what it leaves must not lose the run's numbers.
    with tempfile.TemporaryDirectory(prefix="voicekit-bench-", ignore_cleanup_errors=True) as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "VOICEKIT_CACHE_DIR": str(tmp / "cache")}
        long_seq, short_seq = tmp / "long.yaml", tmp / "short.yaml"
        long_seq.write_text(generated(long_min, poses))
        short_seq.write_text(generated(short_min, max(2, poses // 5)))

        # espeak-ng, the engine the naive way speaks with (not Piper, the default where it is installed).
        voice = ("--engine", "pyttsx3")

        def build(seq: Path, out: str, *extra: str, engine: str = "pyttsx3") -> list[str]:
            return [*VOICEKIT, "build", str(seq), "--engine", engine, "-q", "--no-companions", "-o", str(tmp / out),
                    *extra]  # fmt: skip

        # The quick run only checks the script works: a three-minute shipped practice, not the 35-minute one.
        shipped = ROOT / "sequences" / "three-minute-reset.yaml" if args.quick else SHIPPED
        runs = [measure("(a) shipped practice, cold cache", build(shipped, "a.mp3"), env)]
        rebuild_b = build(shipped, "b.mp3", "--holds", "long")
        runs.append(measure("(b) shipped, --holds long, warm cache", rebuild_b, env, repeats, tmp / "b.mp3"))
        piper = [] if args.quick else [  # the default voice where Piper is installed (the quick run skips it)
            measure("(p) shipped practice, Piper, cold cache", build(SHIPPED, "p.mp3", engine="piper"), env),
            measure("(q) shipped, Piper, --holds long, warm", build(SHIPPED, "q.mp3", "--holds", "long",
                                                                    engine="piper"), env),
            piper_floor(tmp, env),
        ]  # fmt: skip
        split = None if args.quick else cold_split(Path(tempfile.mkdtemp(dir=tmp)), env, "piper")
        measure("warm-up", build(long_seq, "warm.mp3"), env)  # synthesizes and encodes the long sequence's clips
        runs.append(measure(f"(c) {long_min}-minute sequence, {poses} poses, warm", build(long_seq, "c.mp3"), env))
        plan = tmp / "long.json"
        plan.write_text(subprocess.run([*VOICEKIT, "plan", str(long_seq), *voice, "--json"], env=env,
                                       capture_output=True, text=True, check=True, cwd=ROOT).stdout)  # fmt: skip
        naive = tmp / "naive.py"
        naive.write_text(NAIVE)
        runs.append(measure(f"(d) the same {long_min} minutes, naive", [sys.executable, str(naive), str(plan),
                                                                           str(tmp / "d.mp3")], env))  # fmt: skip
        measure("warm-up", build(short_seq, "warm-short.mp3"), env)
        runs.append(measure(f"(e) {short_min}-minute sequence, warm", build(short_seq, "e.mp3"), env))
        bedded = tmp / "bed.yaml"
        source = short_seq if args.quick else SHIPPED
        bedded.write_text(source.read_text() + "bed: {kind: brown-noise, level: -30}\n")
        measure("warm-up", build(bedded, "warm-bed.mp3"), env)
        label = f"{short_min}-minute" if args.quick else "shipped"
        rebuild = build(bedded, "f.mp3", "--holds", "long")
        runs.append(measure(f"(f) {label} + bed, --holds long, warm", rebuild, env, repeats, tmp / "f.mp3"))
        streamed = tmp / "streamed.py"
        streamed.write_text(STREAMED)
        again = build(bedded, "g.mp3", "--holds", "long")[len(VOICEKIT) :]
        runs.append(measure("(g) the same, one encoder run over it all", [sys.executable, str(streamed), *again], env))
        filed = tmp / "file-bed.yaml"
        filed.write_text(
            source.read_text() + f"bed: {{file: {rain_file(tmp, 20 if args.quick else 150)}, level: -24}}\n"
        )
        measure("warm-up", build(filed, "warm-file.mp3"), env)  # decodes the file, encodes its loop and bank
        rebuild = build(filed, "j.mp3", "--holds", "long")
        file_bed = measure(f"(j) {label} + bed from a file, --holds long, warm", rebuild, env, repeats, tmp / "j.mp3")
        runs.append(
            measure(f"voicekit plan, {long_min}-minute sequence", [*VOICEKIT, "plan", str(long_seq), *voice], env)
        )
        helped = measure("voicekit --help", [*VOICEKIT, "--help"], env, times=repeats)
        runs.append(helped)
        composer = [*VOICEKIT, "compose", "--length", "20m", "--focus", "lower-back", "-o", str(tmp / "composed.yaml")]
        runs.append(measure("voicekit compose --length 20m (and its plan)", composer, env))
        composed = composing_s(5 if not args.quick else 2)
        (tmp / "b.mp3").unlink(missing_ok=True)  # a rebuild that writes its file, as (b) measures it
        warm_imports, help_imports = imports_ms(rebuild_b, env), imports_ms([*VOICEKIT, "--help"], env)
        ratios = sorted(alternating(rebuild_b, [*VOICEKIT, "--help"], env, 3 if args.quick else 15, tmp / "b.mp3"))
        where = stages(rebuild_b, env, repeats, tmp / "b.mp3")
        runs += served(env, tmp / "served", shipped.stem)  # the quick run: the three-minute one
        runs.append(file_bed)
        # (k) and (l) wait for the server to prepare a practice in the background, at the lowest priority:
        # a minute or two, too long for the quick run, which only checks that the script works.
        served_runs = () if args.quick else prepared(env, tmp / "prepared")
        total = json.loads(plan.read_text())["total"]

    naive_run = runs[3]
    print(f"voicekit benchmark{' (quick)' if args.quick else ''}: {os.cpu_count()} cores, "
          f"long session {total / 60:.1f} min, one run, ratios within this run")  # fmt: skip
    print(f"{'case':<50} {'wall s':>8} {'peak MB':>8} {'tree MB':>8} {'time vs (d)':>12} {'memory vs (d)':>14}")
    for run in [*runs, *piper]:
        speed = naive_run.wall / run.wall
        memory = run.rss_mb / naive_run.rss_mb
        print(f"{run.name:<50} {run.wall:8.2f} {run.rss_mb:8.1f} {run.tree_mb:8.1f} {speed:11.1f}x {memory:13.2f}")
    for run in served_runs:
        print(f"{run.name:<50} {run.wall:8.2f}  (goal: under 0.5 s)")
    print(f"composing a 20-minute practice, in process: {composed:.2f} s (goal: under 0.5)")
    print("peak MB: the largest process; tree MB: the build and its engine workers together (PSS)")
    total = where.pop("total")
    print(
        f"where (b)'s time goes, in ms (in process, median of {repeats}): "
        + ", ".join(f"{stage} {ms:.0f}" for stage, ms in sorted(where.items(), key=lambda item: -item[1]))
        + f"; {total:.0f} in all, Python's start not counted (timing every import slows importing: (b) took "
        f"{runs[1].wall * 1000:.0f} as a whole)"
    )
    b, c, e = runs[1], runs[2], runs[4]
    f, g = runs[5], runs[6]
    print(f"(c) vs (e) peak memory: {c.rss_mb / e.rss_mb:.2f}  (flat in session length when close to 1)")
    print(f"(f) vs (g) time: {g.wall / f.wall:.1f}x faster with the bed's loop joined as frames")
    print(
        f"(f) vs (b) time: {f.wall / b.wall:.2f}, (j) vs (b): {file_bed.wall / b.wall:.2f}  (a warm rebuild with a "
        "bed, against one without: at most 3)"
    )
    print(
        f"(b) vs --help time: {statistics.median(ratios):.2f} (goal: at most 2; the median of {len(ratios)} pairs run "
        f"one after the other, from {ratios[0]:.2f} to {ratios[-1]:.2f}); importing takes {warm_imports:.0f} ms of "
        f"(b), {help_imports:.0f} ms of --help"
    )
    if piper:
        p, a, r = piper[0], runs[0], piper[2]
        print(f"(p) vs (a) time: {p.wall / a.wall:.2f}x espeak-ng's cold build; (p) tree memory {p.tree_mb:.0f} MB")
        print(f"(p) vs (r) time: {p.wall / r.wall:.2f} (goal: at most 1.3); CPU {p.cpu:.1f} s against {r.cpu:.1f} s")
    if split:
        walls = sorted(((stage, ms) for stage, ms in split.stages.items() if stage != "total"), key=lambda i: -i[1])
        print(
            "where (p)'s time goes (one more cold Piper build, in process): "
            + ", ".join(f"{stage} {ms / 1000:.2f} s" for stage, ms in walls[:6])
            + f" (clips: the build waiting on speech); CPU: the engine workers {split.workers_cpu:.1f} s (inference, "
            f"levelling, storing; inference alone, (r): {piper[2].cpu:.1f} s), ffmpeg {split.ffmpeg_cpu:.1f} s in "
            f"{split.ffmpeg_runs} runs (encoding each clip as it is stored), the build's own process "
            f"{split.own_cpu:.1f} s"
        )


if __name__ == "__main__":
    main()
