"""Every arrow runs down: the layers contract in pyproject.toml ([tool.importlinter]) holds for voicekit,
and it sees an import made inside a function as well as one at the top of a module."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import ROOT

LINT = Path(sys.executable).with_name("lint-imports")


def lint(where: Path) -> subprocess.CompletedProcess:
    """lint-imports over the voicekit package found first from ``where`` (with its pyproject.toml)."""
    env = {**os.environ, "PYTHONPATH": str(where)}
    cmd = [str(LINT), "--no-cache", "--no-logo", str(where / "pyproject.toml")]
    return subprocess.run(cmd, cwd=where, env=env, capture_output=True, text=True, timeout=60)


def test_no_module_imports_a_layer_above_its_own():
    done = lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 1 kept, 0 broken." in done.stdout


def test_an_import_up_inside_a_function_breaks_the_contract(tmp_path):
    shutil.copytree(ROOT / "voicekit", tmp_path / "voicekit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    planted = tmp_path / "voicekit" / "plan" / "estimate.py"
    planted.write_text(planted.read_text() + "\n\ndef _planted():\n    from voicekit.speech import synthesis\n")
    done = lint(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Contracts: 0 kept, 1 broken." in done.stdout
    assert "voicekit.plan.estimate -> voicekit.speech.synthesis" in done.stdout
