"""The command line: every user mistake is one stderr line and exit status 2, never a traceback; what
works prints what it made (a summary, a plan, a check)."""

from __future__ import annotations

import itertools
import json

import pytest
from audio_tools import decode
from helpers import MINIMAL, PIPER_INSTALLED, PREFIX, SHIPPED, assert_one_line_error, assert_usage_error, earlier_build

from voicekit import __version__, cli
from voicekit.errors import SequenceError
from voicekit.plan.grid import SAMPLE_RATE
from voicekit.sequence.durations import format_ms

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
        (["--holds", "huge"], False, "--holds must be one of short, medium, long, not 'huge'"),
        (["--breath", "1"], False, "--breath must be between 2 and 60 seconds"),
        (["--rate", "5"], False, "--rate must be between 80 and 400"),
        (["--hold", "1=12h", "--scale", "2"], True, "the session would last 24:00:41.6; the limit is 12 hours"),
    ],
)
def test_bad_plan_option_is_one_line(run_cli, write_seq, cache_dir, args, names_file, message):
    path = write_seq(MINIMAL)
    line = assert_one_line_error(run_cli("plan", path, *args), message)
    if names_file:
        assert line.startswith(f"{PREFIX}{path}: ")


@pytest.mark.parametrize("typo", ["reclining twits=6 breaths", "twsit=3m"])
def test_near_miss_pose_name_gets_a_suggestion(run_cli, cache_dir, typo):
    line = assert_one_line_error(run_cli("plan", SHIPPED, "--hold", typo))
    assert "did you mean 'Reclining twist'?" in line
    assert str(SHIPPED) in line


@pytest.mark.parametrize(
    ("args", "message"),
    [
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


def test_debug_shows_the_error_itself_instead_of_one_line(write_seq):
    path = write_seq(MINIMAL.replace("10s", "5 parsecs"))
    with pytest.raises(SequenceError, match="'5 parsecs' is not a duration"):
        cli.main(["--debug", "check", str(path)])


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


def test_file_in_the_way_is_one_line_not_a_traceback(run_cli, write_seq, tmp_path, monkeypatch):
    seq = write_seq(MINIMAL)
    (tmp_path / "blocker").write_text("")
    ran = run_cli(
        "build", seq, "--engine", "fake", "--cache-dir", tmp_path / "blocker" / "sub", "-o", tmp_path / "a.wav"
    )
    assert_one_line_error(ran, "blocker")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "output").write_text("")  # a file where the default output folder goes
    ran = run_cli("build", seq, "--engine", "fake", "--cache-dir", tmp_path / "cache")
    assert_one_line_error(ran, "output")


# --- what works ---------------------------------------------------------------------------------


def test_check_shipped_sequence_is_ok(run_cli):
    ran = run_cli("check", SHIPPED)
    assert ran.code == 0
    assert ran.out.startswith(f"{SHIPPED}: ok (6 poses, spoken by ")
    assert all(": warning: " in line for line in ran.err.splitlines())  # the teaching check's, if any


def test_build_prints_path_length_and_poses(run_cli, write_seq, warm_cache, tmp_path):
    seq = write_seq(MINIMAL)
    out = tmp_path / "out.mp3"
    ran = run_cli("build", seq, "--engine", "fake", "-o", out)
    assert ran.code == 0, ran.err
    assert ran.err == ""  # not a terminal: no progress bar
    lines = ran.out.splitlines()
    assert lines[0].startswith(f"{out}  ") and "1 pose " in lines[0] and "MB" in lines[0]
    minutes, seconds = lines[0].split()[1].rstrip(",").split(":")
    assert abs(int(minutes) * 60 + float(seconds) - len(decode(out)) / SAMPLE_RATE) < 1
    assert lines[1] == "voice: fake low, 140 words a minute"
    assert lines[2:6] == [str(out.with_suffix(s)) for s in (".md", ".lrc", ".vtt", ".json")]
    assert lines[6] == "chapters:"
    chapters = json.loads(run_cli("plan", seq, "--engine", "fake", "--json").out)["chapters"]
    assert [line.split(maxsplit=1) for line in lines[7:]] == [
        [format_ms(c["start"] * 1000), c["title"]] for c in chapters
    ]


# The summary names the voice that spoke: the engine by its own name and the voice id it used.
def test_build_summary_names_the_espeak_voice_that_spoke(run_cli, write_seq, warm_cache, tmp_path):
    ran = run_cli("build", write_seq(MINIMAL), "--engine", "espeak", "--rate", "160", "-o", tmp_path / "o.wav")
    assert ran.code == 0, ran.err
    assert ran.out.splitlines()[1] == "voice: pyttsx3 gmw/en-us, 160 words a minute"


def test_quiet_build_prints_nothing(run_cli, write_seq, warm_cache, tmp_path):
    ran = run_cli("build", write_seq(MINIMAL), "--engine", "fake", "-o", tmp_path / "o.wav", "--quiet")
    assert (ran.code, ran.out, ran.err) == (0, "", "")
    assert (tmp_path / "o.wav").stat().st_size > 44


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


@pytest.mark.parametrize(
    ("args", "engine", "voice"),
    [([], "piper", "en_US-joe-medium"), (["--engine", "pyttsx3"], "pyttsx3", "gmw/en-us")],
    ids=["default", "espeak"],
)
def test_plan_json_settings_name_the_engine_and_voice_used(run_cli, write_seq, cache_dir, args, engine, voice):
    if engine == "piper" and not PIPER_INSTALLED:
        pytest.skip("needs voicekit[piper]")
    ran = run_cli("plan", write_seq(MINIMAL), "--json", *args)
    assert ran.code == 0, ran.err
    assert json.loads(ran.out)["settings"]["voice"] == {"engine": engine, "id": voice, "rate": 140, "volume": 1.0}


def test_check_settles_the_voice_it_checks(run_cli, write_seq, cache_dir):
    from voicekit.pipeline import check

    path = write_seq(MINIMAL.replace("poses:", "voice: {id: gmw/en-gb-x-rp}\nposes:"))
    assert run_cli("check", path).out.startswith(f"{path}: ok (1 pose, spoken by pyttsx3 gmw/en-gb-x-rp)")
    voice = check(path).voice
    assert (voice.engine, voice.id) == ("pyttsx3", "gmw/en-gb-x-rp")


def hold_seconds(plan: dict, pose: str) -> float:
    return sum(
        c["duration"] for c in plan["cues"] if c["pose"] == pose and c["kind"] == "silence" and c["text"] == "hold"
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


# A 5-minute hold on the frame grid lasts 300.01 s: the plan shows it rounded to tenths, as 5:00.
def test_plan_shows_a_five_minute_hold_as_five_minutes(run_cli, write_seq, cache_dir):
    ran = run_cli("plan", write_seq(MINIMAL.replace("10s", "5m")))
    hold = next(line for line in ran.out.splitlines() if "(hold)" in line)
    assert hold.split()[1] == "5:00", hold


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
