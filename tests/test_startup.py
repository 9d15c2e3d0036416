"""Start-up stays light: --help, check and plan import no audio stack (numpy, pydub, mutagen, pyttsx3),
no web stack (starlette, uvicorn, jinja2, segno)
and no Piper; the benchmark still runs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import PRACTICE, ROOT, SHIPPED

HEAVY = (
    "numpy",
    "pydub",
    "mutagen",
    "pyttsx3",
    "audioop",
    "onnxruntime",
    "piper",
    "starlette",
    "uvicorn",
    "jinja2",
    "segno",
    "anyio",
)

PROBE = """
import sys
from voicekit.cli import main
code = 0
try:
    main(sys.argv[1:])
except SystemExit as e:
    code = e.code
import json
print(json.dumps({"code": code, "modules": sorted(m.split(".")[0] for m in sys.modules)}), file=sys.stderr)
"""


def loaded_by(args: list[str]) -> set[str]:
    """The top-level modules a voicekit command imports (the command itself must succeed)."""
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    found = json.loads(proc.stderr.strip().splitlines()[-1])
    assert found["code"] == 0, proc.stderr
    return set(found["modules"])


@pytest.mark.parametrize("args", [["--help"], ["plan", str(SHIPPED)], ["check", str(SHIPPED)]])
def test_no_audio_stack_is_imported(args, tmp_path):
    loaded = loaded_by([*args, *(["--cache-dir", str(tmp_path)] if args[0] == "plan" else [])])
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_a_plan_for_piper_imports_no_piper(tmp_path):
    seq = tmp_path / "s.yaml"
    seq.write_text(PRACTICE.format(hold="8s").replace("poses:", "voice: {engine: piper}\nposes:"))
    loaded = loaded_by(["plan", str(seq), "--cache-dir", str(tmp_path / "cache")])
    assert not loaded & {"onnxruntime", "piper"}, loaded & {"onnxruntime", "piper"}


@pytest.mark.slow
def test_benchmark_runs_in_quick_mode():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[1].split()[:3] == ["case", "wall", "s"]
    cases = ("(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)", "(i)", "(j)", "voicekit")
    rows = [ln for ln in lines[2:-3] if ln.startswith(cases)]
    assert len(rows) == 12  # eight builds, plan, --help, a build through the server and 50 range requests
    assert all(float(row.split()[-5]) > 0 and float(row.split()[-4]) > 0 for row in rows)  # wall s, peak MB
    assert lines[-3].startswith("(c) vs (e) peak memory:") and lines[-2].startswith("(f) vs (g) time:")
    assert lines[-1].startswith("(f) vs (b) time:") and "(j) vs (b):" in lines[-1]
