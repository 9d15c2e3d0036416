"""The same sequences and options give the same files: timeline JSON, cue sheet, lyrics, captions and
byte-identical audio, compared with digests checked in before the code was moved around.

The fake engine makes every clip, so nothing depends on a speech engine's version. The audio goes
through numpy (levelling, the bell, the bed), and an MP3 through LAME too, whose floating point can
differ in the last bit between CPUs and library versions: tests/data/golden.json records what the
digests were made with (the CPU and numpy; the ffmpeg the build runs, whichever one it finds, and its
LAME), and each audio digest is compared exactly where what it depends on matches (a WAV: the CPU and
numpy; an MP3: those and the encoder), skipped elsewhere. A deliberate change of output is recorded
with VOICEKIT_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy
import pytest

from voicekit.pipeline import build
from voicekit.plan.options import BuildOptions

GOLDEN = Path(__file__).parent / "data" / "golden.json"

PLAIN = """\
title: Golden plain
description: Every kind of cue.
intro: Welcome. Let us begin... Find your mat.
outro: Thank you. [pause 2s] Rest a moment.
pauses: {step: 2s, pose: 3s}
poses:
  - name: Knees to chest
    props: [blanket]
    setup:
      - Lie on your back.
      - Hug both knees in.
    hold: 4-6 breaths
    reminders: [Let the shoulders soften.]
    release: Place the feet down.
  - name: Reclining twist
    sides: [right, left]
    setup:
      - Open your arms wide.
      - Lower your knees to the {side}.
    hold: 30s-1m
    rate: 120
    reminders:
      - Look toward your {other_side} hand.
      - Keep both shoulders down.
    release: Bring the knees back up.
    transition: Now the other way.
"""

COUNTED = """\
title: Golden counted
chimes: true
breath: {inhale: 3s, exhale: 5s}
poses:
  - name: Counting
    setup: Sit tall.
    hold: 5 breaths
    breath_cues: counted
  - name: Quiet
    setup: Rest your hands.
    hold: 3 breaths
    breath_cues: silent
"""

BED = """\
title: Golden bed
bed: {kind: KIND, level: LEVEL}
chimes: true
poses:
  - name: Rest
    setup: [Lie down., Close your eyes.]
    hold: 40s
    reminders: [Stay soft.]
  - name: Breathe
    setup: Notice the breath.
    hold: 3 breaths
"""

CASES = {
    "plain-medium": (PLAIN, BuildOptions(), "mp3"),
    "plain-long-wav": (PLAIN, BuildOptions(holds="long"), "wav"),
    "plain-overrides": (PLAIN, BuildOptions(overrides=(("2", "45s"),), scale=0.5, breath_s=8), "mp3"),
    "counted": (COUNTED, BuildOptions(holds="short"), "mp3"),
    "bed-brown": (BED.replace("KIND", "brown-noise").replace("LEVEL", "-30"), BuildOptions(), "mp3"),
    "bed-drone-wav": (BED.replace("KIND", "drone").replace("LEVEL", "-24"), BuildOptions(), "wav"),
}


def machine() -> dict[str, str]:
    """What the exact bytes depend on besides our code: the CPU's vector units and numpy (every audio
    file), the encoder the build runs (an MP3): ffmpeg's version and LAME's, as they say it, and the
    cover every MP3 carries: Pillow's version and its zlib's, and Lato's."""
    import platform
    import re
    from importlib.metadata import version as installed

    from PIL import Image

    from voicekit import ffmpeg
    from voicekit.output.mp3.frames import lame_args

    try:
        flags = set(Path("/proc/cpuinfo").read_text().split())
    except OSError:
        flags = set()
    vector = ",".join(f for f in ("avx2", "avx512f") if f in flags)
    version = ffmpeg.run(["-version"], None, "say its version").decode().splitlines()[0]
    mp3 = ffmpeg.run(["-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono", "-t", "0.1", *lame_args("pipe:1", True)],
                      None, "encode MP3")  # fmt: skip
    lame = re.search(rb"LAME[0-9.]+", mp3)
    return {
        "numpy": f"{platform.machine()} {vector} numpy {numpy.__version__}",
        "encoder": f"{version.split(' Copyright')[0]}, {lame.group().decode() if lame else 'LAME unknown'}",
        "cover": f"pillow {installed('pillow')} zlib {Image.core.zlib_version} font-lato {installed('font-lato')}",
    }


def digests(tmp_path: Path) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for name, (text, options, fmt) in CASES.items():
        seq = tmp_path / f"{name}.yaml"
        seq.write_text(text)
        options = BuildOptions(**{**options.__dict__, "engine": "fake"})
        result = build(seq, options, output=tmp_path / f"{name}.{fmt}", cache_dir=tmp_path / "cache")
        files = [result.output, *result.companions]
        out[name] = {p.suffix.lstrip("."): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    return out


def test_the_same_input_gives_the_same_files_as_before(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01: the year tag does not move
    found = digests(tmp_path)
    if os.environ.get("VOICEKIT_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps({"machine": machine(), "cases": found}, indent=1, sort_keys=True) + "\n")
    golden = json.loads(GOLDEN.read_text())
    here = machine()
    depends = {"json": [], "md": [], "lrc": [], "vtt": [], "wav": ["numpy"], "mp3": ["numpy", "encoder", "cover"]}
    skipped: set[str] = set()
    for name, files in found.items():
        for kind, digest in files.items():
            differs = [part for part in depends[kind] if golden["machine"][part] != here[part]]
            if differs:
                skipped.update(f"{part}: recorded {golden['machine'][part]!r}, here {here[part]!r}" for part in differs)
            else:
                assert digest == golden["cases"][name][kind], f"{name}.{kind} changed"
    if skipped:
        pytest.skip("some audio digests were not compared; " + "; ".join(sorted(skipped)))
