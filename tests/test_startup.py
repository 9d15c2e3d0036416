"""Start-up stays light: --help and plan import no audio stack (numpy, pydub, mutagen, pyttsx3)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SHIPPED = Path(__file__).resolve().parent.parent / "sequences" / "lumbar-release.yaml"
HEAVY = ("numpy", "pydub", "mutagen", "pyttsx3", "audioop")

PROBE = """
import sys
from voicekit.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
import json
print(json.dumps(sorted(m.split(".")[0] for m in sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["plan", str(SHIPPED)], ["check", str(SHIPPED)]])
def test_no_audio_stack_is_imported(args, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args, *(["--cache-dir", str(tmp_path)] if args[0] == "plan" else [])],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = set(json.loads(proc.stderr.strip().splitlines()[-1]))
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_benchmark_runs_in_quick_mode():
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run(
        [sys.executable, str(root / "scripts" / "bench.py"), "--quick"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[1].split()[:3] == ["case", "wall", "s"]
    rows = [ln for ln in lines[2:-2] if ln.startswith(("(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "voicekit"))]
    assert len(rows) == 9  # seven cases, plan and --help
    assert all(float(row.split()[-3]) > 0 for row in rows)  # wall seconds and peak memory were measured
    assert lines[-2].startswith("(c) vs (e) peak memory:") and lines[-1].startswith("(f) vs (g) time:")
