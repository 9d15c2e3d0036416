"""Start-up stays light, as the import policy in the README says: --help, check and plan import no audio
stack (numpy, mutagen, pyttsx3), no web stack (starlette, uvicorn, jinja2, segno) and no Piper; --help and
plan load few of voicekit's modules; a warm MP3 rebuild imports no numpy, Pillow, PyYAML or mutagen; the
benchmark still runs."""

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
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""
# voicekit's own modules --help and plan load (8 and 55 when these were set; 59 with breath patterns and
# flows; 9 and 65 with positions, moves, props and the teaching check: cli.poses, language.moves and its
# en, plan.moves, plan.teaching, sequence.catalogue; 66 with sequence.translations, the library's translated
# poses; 67 with plan.option_text, out of plan.options; 68 with sound.bell, at the top of speech.synthesis,
# which every build rings): a new one on either path is a choice to make, not an accident of a hoisted import.
HELP_MODULES = 9
PLAN_MODULES = 68
# voicekit's own modules a warm MP3 rebuild loads (80, cli.report among them; 78 with --no-companions,
# which loads no companion writer): each is imported, and its dataclasses made, on every rebuild.
WARM_MODULES = 80
WARM_MODULES_ALONE = 78
BED_MODULES = 5  # a made bed: sound/bed, bed_layout, bed_loops, levels and output/mp3/bed, beside the rest


def modules_of(args: list[str]) -> tuple[list[str], str]:
    """Every module a voicekit command imports (the command itself must succeed), and what it printed."""
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    found = json.loads(proc.stderr.strip().splitlines()[-1])
    assert found["code"] == 0, proc.stderr
    return found["modules"], proc.stdout


def loaded_by(args: list[str]) -> set[str]:
    """The top-level modules a voicekit command imports."""
    return {name.split(".")[0] for name in modules_of(args)[0]}


def own(modules: list[str]) -> list[str]:
    return [name for name in modules if name.split(".")[0] == "voicekit"]


def test_help_and_plan_load_few_of_voicekit_s_modules(tmp_path):
    assert len(own(modules_of(["--help"])[0])) <= HELP_MODULES
    planned = own(modules_of(["plan", str(SHIPPED), "--engine", "pyttsx3", "--cache-dir", str(tmp_path)])[0])
    assert len(planned) <= PLAN_MODULES, planned
    assert not [name for name in planned if name.startswith("voicekit.output")], planned  # the build's stage


# With a made bed too: its loop and bridges are stored frames as well (the cold build encodes a bank: slow).
@pytest.mark.parametrize("bed", ["", pytest.param("bed: {kind: brown-noise, level: -30}\n", marks=pytest.mark.slow)])
def test_a_warm_mp3_rebuild_imports_no_numpy_pillow_yaml_or_mutagen(tmp_path, bed):
    seq = tmp_path / "s.yaml"
    seq.write_text(PRACTICE.format(hold="30s") + bed)
    args = ["build", str(seq), "--engine", "fake", "--cache-dir", str(tmp_path / "cache")]
    cold, _ = modules_of([*args, "-o", str(tmp_path / "cold.mp3")])  # a process of its own, as a user's first build
    assert {"numpy", "PIL", "yaml"} <= {name.split(".")[0] for name in cold}
    loaded, said = modules_of([*args, "--hold", "1=40s", "-o", str(tmp_path / "warm.mp3")])
    assert "(0 new clips" in said.splitlines()[0]
    # The cover and the YAML files' trees are in the store too; the ID3 tag is written, and read, without
    # mutagen; the shipped folder is found without importlib.resources.
    assert not {name.split(".")[0] for name in loaded} & {"numpy", "pydub", "PIL", "yaml", "mutagen"}
    assert "importlib.resources" not in loaded
    # What speaks a clip (worker processes, the engine's side), and the teaching check (check and plan's).
    assert not {
        "voicekit.speech.engines.pool",
        "voicekit.speech.engines.worker",
        "voicekit.speech.make",
        "voicekit.plan.teaching",
    } & set(loaded)
    more = BED_MODULES if bed else 0
    assert len(own(loaded)) <= WARM_MODULES + more, own(loaded)
    alone, _ = modules_of([*args, "--hold", "1=50s", "--no-companions", "-o", str(tmp_path / "alone.mp3")])
    assert "voicekit.output.companions" not in alone and len(own(alone)) <= WARM_MODULES_ALONE + more, own(alone)


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
    rows = [ln for ln in lines[2:-4] if ln.startswith(cases)]
    assert len(rows) == 13  # eight builds, plan, --help, compose, a build through the server, 50 range requests
    assert any(ln.startswith("composing a 20-minute practice, in process: ") for ln in lines)
    (where,) = [ln for ln in lines if ln.startswith("where (b)'s time goes, in ms")]
    assert all(
        f"{stage} " in where for stage in ("imports", "dataclasses made", "library read", "compile", "join", "replace")
    )
    assert all(float(row.split()[-5]) > 0 and float(row.split()[-4]) > 0 for row in rows)  # wall s, peak MB
    assert lines[-4].startswith("(c) vs (e) peak memory:") and lines[-3].startswith("(f) vs (g) time:")
    assert lines[-2].startswith("(f) vs (b) time:") and "(j) vs (b):" in lines[-2]
    assert lines[-1].startswith("(b) vs --help time:") and float(lines[-1].split()[4]) > 1


def test_every_dataclass_has_a_docstring():
    """Python 3.11 gives a dataclass without a docstring one made by inspect.signature, at import: for
    four of a warm rebuild's 53 dataclasses that was a tenth of the time it spent making them."""
    import ast

    missing = []
    for path in sorted((ROOT / "voicekit").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef) or ast.get_docstring(node) is not None:
                continue
            if any("dataclass" in ast.unparse(decorator) for decorator in node.decorator_list):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert not missing, missing
