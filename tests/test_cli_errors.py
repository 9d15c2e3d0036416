"""The CLI's error boundary: every user mistake is one stderr line and exit status 2, never a traceback."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from conftest import MINIMAL, earlier_build

from voicekit import __version__

SHIPPED = Path(__file__).resolve().parent.parent / "sequences" / "lumbar-release.yaml"
PREFIX = "voicekit: error: "


def assert_one_line_error(ran, *fragments: str) -> str:
    """Exit status 2, nothing on stdout, exactly one 'voicekit: error:' line on stderr; returns that line."""
    assert "Traceback" not in ran.err + ran.out
    assert ran.code == 2
    assert ran.out == ""
    lines = ran.err.splitlines()
    assert len(lines) == 1, ran.err
    assert lines[0].startswith(PREFIX)
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def assert_usage_error(ran, *fragments: str) -> None:
    """A click usage error: status 2 and click's own message, but no traceback."""
    assert "Traceback" not in ran.err + ran.out
    assert ran.code == 2
    for fragment in fragments:
        assert fragment in ran.err


BAD_FILES = [
    pytest.param(None, "", "no such file", id="missing-file"),
    pytest.param("title: [a\n", ":2: ", "invalid YAML, column 1", id="invalid-yaml"),
    pytest.param(MINIMAL + "    reminder: Breathe.\n", ":6: ", "did you mean 'reminders'?", id="unknown-key"),
    pytest.param(MINIMAL.replace("10s", "5 parsecs"), ":5: ", "'5 parsecs' is not a duration", id="bad-hold"),
    pytest.param(MINIMAL.replace("10s", "8-5m"), ":5: ", "write the shorter end first", id="reversed-hold"),
    pytest.param("title: T\nposes: []\n", ":2: ", "poses is empty", id="empty-pose-list"),
]


@pytest.mark.parametrize("command", ["check", "plan"])
@pytest.mark.parametrize(("text", "where", "message"), BAD_FILES)
def test_bad_sequence_file_is_one_line_naming_the_file(
    run_cli, write_seq, tmp_path, cache_dir, command, text, where, message
):
    path = tmp_path / "nope.yaml" if text is None else write_seq(text)
    line = assert_one_line_error(run_cli(command, path), message)
    assert line.startswith(f"{PREFIX}{path}{where}")


@pytest.mark.parametrize(
    ("args", "names_file", "message"),
    [
        (["--hold", "nosuchpose=3m"], True, "--hold: no pose 'nosuchpose'; use a pose's name or its number 1-1"),
        (["--hold", "1=5 parsecs"], True, "--hold 1=5 parsecs: '5 parsecs' is not a duration"),
        (["--hold", "1=0s"], True, "a hold must be longer than zero"),
        (["--hold", "3m"], False, "--hold '3m': write POSE=DURATION"),
        (["--hold", "=3m"], False, "write POSE=DURATION"),
        (["--scale", "0"], False, "--scale must be between 0.05 and 20, not 0"),
        (["--breath", "1"], False, "--breath must be between 2 and 60 seconds"),
        (["--rate", "5"], False, "--rate must be between 80 and 400"),
        (["--hold", "1=12h", "--scale", "2"], True, "the session would last 24.0 hours; the limit is 12"),
    ],
)
def test_bad_plan_option_is_one_line(run_cli, write_seq, cache_dir, args, names_file, message):
    path = write_seq(MINIMAL)
    line = assert_one_line_error(run_cli("plan", path, *args), message)
    if names_file:
        assert line.startswith(f"{PREFIX}{path}: ")


def test_near_miss_pose_name_gets_a_suggestion(run_cli, cache_dir):
    line = assert_one_line_error(run_cli("plan", SHIPPED, "--hold", "reclining twits=6 breaths"))
    assert "did you mean 'Reclining twist'?" in line
    assert str(SHIPPED) in line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--holds", "huge"], "Invalid value for '--holds'"),
        (["--scale", "abc"], "Invalid value for '--scale'"),
        (["--nosuchoption"], "No such option"),
    ],
)
def test_click_usage_errors_exit_2_without_traceback(run_cli, write_seq, cache_dir, args, message):
    assert_usage_error(run_cli("plan", write_seq(MINIMAL), *args), message)


def test_missing_argument_is_a_usage_error(run_cli):
    assert_usage_error(run_cli("check"), "Missing argument 'SEQUENCE'")


def test_unknown_command_is_a_usage_error(run_cli):
    assert_usage_error(run_cli("bulid"), "No such command 'bulid'")


def test_control_character_in_file_is_one_line(run_cli, write_seq):
    path = write_seq(MINIMAL.replace("Lie down.", "Lie\x1b[1mdown."))
    assert_one_line_error(run_cli("check", path), str(path))


@pytest.mark.parametrize(
    ("text", "args", "message"),
    [
        ("title: T\nposes: []\n", [], "poses is empty"),
        (MINIMAL + "    reminder: x\n", [], "unknown key"),
        (MINIMAL, ["--scale", "0"], "--scale must be between"),
        (MINIMAL, ["--hold", "nosuchpose=3m"], "no pose 'nosuchpose'"),
        (MINIMAL, ["--hold", "3m"], "write POSE=DURATION"),
        (MINIMAL, ["--hold", "1=12h", "--scale", "2"], "the session would last"),
    ],
    ids=["empty-poses", "unknown-key", "bad-scale", "unknown-pose", "hold-without-equals", "too-long"],
)
def test_failed_build_leaves_existing_output_alone(run_cli, write_seq, tmp_path, cache_dir, text, args, message):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "out.mp3"
    original = earlier_build(target)
    path = write_seq(text)

    assert_one_line_error(run_cli("build", path, "-o", target, "-q", *args), message)

    assert target.read_bytes() == original
    assert sorted(p.name for p in out_dir.iterdir()) == ["out.mp3"]


# --- what works ---------------------------------------------------------------------------------


def test_check_shipped_sequence_is_ok(run_cli):
    ran = run_cli("check", SHIPPED)
    assert ran.code == 0
    assert ran.out == f"{SHIPPED}: ok (4 poses)\n"
    assert ran.err == ""


def test_plan_json_is_a_contiguous_list_of_cues(run_cli, write_seq, cache_dir):
    ran = run_cli("plan", write_seq(MINIMAL), "--json")
    assert ran.code == 0, ran.err
    doc = json.loads(ran.out)
    assert set(doc) == {"title", "total", "made_by", "settings", "chapters", "cues", "warnings"}
    cues = doc["cues"]
    assert isinstance(cues, list)
    assert cues
    for cue in cues:
        assert set(cue) == {"start", "duration", "kind", "text", "pose"}
    assert {c["kind"] for c in cues} <= {"speech", "silence", "bell"}
    assert cues[0]["start"] == 0
    for a, b in itertools.pairwise(cues):
        assert b["start"] == pytest.approx(a["start"] + a["duration"])
    last = cues[-1]
    assert sum(c["duration"] for c in cues) == pytest.approx(last["start"] + last["duration"])
    assert doc["total"] == pytest.approx(last["start"] + last["duration"])
    assert [c["title"] for c in doc["chapters"]] == ["Rest", "Closing"]  # no intro: the lead-in is the pose's
    assert doc["settings"]["holds"] == "medium" and doc["settings"]["voice"]["rate"] == 140
    assert [c["text"] for c in cues if c["kind"] == "speech"] == ["Lie down."]


def hold_seconds(cues: list[dict], pose: str) -> float:
    return sum(
        c["duration"] for c in cues["cues"] if c["pose"] == pose and c["kind"] == "silence" and c["text"] == "hold"
    )


def test_plan_uses_the_written_hold(run_cli, write_seq, cache_dir):
    ran = run_cli("plan", write_seq(MINIMAL), "--json")
    assert hold_seconds(json.loads(ran.out), "Rest") == pytest.approx(10.0, abs=0.014)  # to the nearest MP3 frame


@pytest.mark.parametrize("ref", ["1", "Rest", "rest", "Re"])
def test_plan_hold_override(run_cli, write_seq, cache_dir, ref):
    ran = run_cli("plan", write_seq(MINIMAL), "--json", "--hold", f"{ref}=20s")
    assert ran.code == 0, ran.err
    assert hold_seconds(json.loads(ran.out), "Rest") == pytest.approx(20.0, abs=0.014)


def test_plan_table_is_printed(run_cli, write_seq, cache_dir):
    ran = run_cli("plan", write_seq(MINIMAL))
    assert ran.code == 0, ran.err
    assert ran.out.startswith("Test practice  (")
    assert "== Rest" in ran.out
    assert "Lie down." in ran.out


def test_version(run_cli):
    ran = run_cli("--version")
    assert ran.code == 0
    assert ran.out == f"voicekit, version {__version__}\n"


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["plan", "--help"], ["build", "--help"]])
def test_help_shows_examples(run_cli, args):
    ran = run_cli(*args)
    assert ran.code == 0
    assert "Examples" in ran.out
    assert "voicekit build sequences/lumbar-release.yaml" in ran.out


def test_hold_typo_suggests_the_pose(run_cli, cache_dir):
    ran = run_cli("plan", "sequences/lumbar-release.yaml", "--hold", "twsit=3m")
    assert ran.code == 2
    assert "did you mean 'Reclining twist'?" in ran.err


# A 5-minute hold on the frame grid lasts 300.01 s; the plan showed it as 4:59.9 (tenths were cut, not rounded).
def test_plan_shows_a_five_minute_hold_as_five_minutes(run_cli, write_seq, cache_dir):
    ran = run_cli("plan", write_seq(MINIMAL.replace("10s", "5m")))
    hold = next(line for line in ran.out.splitlines() if "(hold)" in line)
    assert hold.split()[1] == "5:00", hold
