"""Many versions at once: every sequence in every hold choice or length, each to its own file."""

from __future__ import annotations

import pytest
from audio_tools import mp3_seconds
from helpers import MINIMAL, ROOT, assert_one_line_error, assert_usage_error

from voicekit.cli.common import variants_of


def test_each_hold_choice_gets_its_own_file_and_a_line(run_cli, tmp_path, monkeypatch, shelf_cache):
    monkeypatch.chdir(tmp_path)
    ran = run_cli("build", "desk-break", "--engine", "fake", "--holds", "short,long", "--no-companions")
    assert ran.code == 0, ran.err
    lines = ran.out.splitlines()
    assert [line.split()[0] for line in lines] == ["output/desk-break-short.mp3", "output/desk-break-long.mp3"]
    short, long = (mp3_seconds(tmp_path / "output" / f"desk-break-{h}.mp3") for h in ("short", "long"))
    assert long > short + 30
    assert "0 new clips" in lines[1]  # the clips were made once, for the first file


def test_each_length_of_each_sequence_gets_its_own_file(run_cli, tmp_path, monkeypatch, shelf_cache):
    monkeypatch.chdir(tmp_path)
    seq = ROOT / "sequences" / "neck-and-shoulders.yaml"
    ran = run_cli("build", seq, "desk-break", "--engine", "fake", "--length", "11m,13m", "--no-companions", "-q")
    assert ran.code == 0, ran.err
    for name in ("neck-and-shoulders", "desk-break"):
        for minutes in (11, 13):
            assert abs(mp3_seconds(tmp_path / "output" / f"{name}-{minutes}m.mp3") - minutes * 60) <= 1.0


def test_one_version_keeps_the_plain_name(run_cli, tmp_path, monkeypatch, shelf_cache):
    monkeypatch.chdir(tmp_path)
    assert run_cli("build", "desk-break", "--engine", "fake", "--holds", "short", "-q").code == 0
    assert (tmp_path / "output" / "desk-break.mp3").exists()


def test_o_with_several_files_and_holds_with_lengths_are_usage_errors(run_cli, tmp_path, cache_dir):
    two = ("build", "desk-break", "--holds", "short,long")
    assert_usage_error(run_cli(*two, "-o", tmp_path / "x.mp3"), "-o names one")
    assert_usage_error(run_cli("build", "desk-break", "--holds", "short,long", "--length", "10m"), "not both")
    assert_usage_error(run_cli("plan", "desk-break", "--holds", "short,long"), "one version")


@pytest.mark.parametrize("option", ["--holds", "--length"])
def test_an_empty_item_in_a_list_suggests_a_list_of_that_option(run_cli, tmp_path, cache_dir, option):
    values = "short,,long" if option == "--holds" else "2m,,3m"
    line = assert_one_line_error(run_cli("plan", "desk-break", "--engine", "fake", option, values), option)
    example = line.split(f"write e.g. {option} ")[1]
    holds, length = ("medium", example) if option == "--length" else (example, None)
    assert len(variants_of(holds, length, (), 1.0, None, "fake", None, None)) == 2  # a list the option takes


def build_in(run_cli, folder, *args):
    """``voicekit build ARGS`` with the fake engine, and every file then in ``folder``'s output/."""
    ran = run_cli("build", *args, "--engine", "fake", "-q")
    output = folder / "output"
    return ran, sorted(p.name for p in output.iterdir()) if output.exists() else []


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["a/x.yaml", "b/x.yaml"], "{0} and {1} would both write output/x{2}.mp3; build them one at a time"),
        (["q!.yaml", "q?.yaml"], "{0} and {1} would both write output/q{2}.mp3"),
        (["Calm.yaml", "calm.yaml"], "{0} and {1} would both write output/Calm{2}.mp3"),
        (["q.yaml", "q.yaml"], "{0} is given twice; name it once"),
    ],
)
def test_two_sequences_that_would_write_one_file_are_refused_before_any_work(
    run_cli, tmp_path, monkeypatch, warm_cache, names, message
):
    monkeypatch.chdir(tmp_path)
    for name in names:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(MINIMAL)
    ran, written = build_in(run_cli, tmp_path, *names)
    assert_one_line_error(ran, message.format(*names, ""))
    assert written == []
    ran, written = build_in(run_cli, tmp_path, *names, "--holds", "short,long", "--no-companions")
    short = "--short" if names[0] == "q!.yaml" else "-short"  # the name's "!" becomes a "-"
    assert_one_line_error(ran, message.format(*(f"{n} (short)" for n in names), short))
    assert written == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["good.yaml", "--length", "2m,99m"], "good.yaml: --length 1:39:00 is more than 3 times this practice"),
        (["good.yaml", "bad.yaml"], "bad.yaml:5: poses[1] (Rest).hold"),
        (["good.yaml", "other.yaml", "--length", "1m,2m"], "other.yaml: --length 1:00 is shorter than the speech"),
        (["good.yaml", "--holds", "short,long"], "good-long.md exists and was not made by voicekit"),
    ],
)
def test_one_refused_version_and_nothing_is_written(run_cli, tmp_path, monkeypatch, warm_cache, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.yaml").write_text(MINIMAL)
    (tmp_path / "bad.yaml").write_text(MINIMAL.replace("hold: 10s", "hold: 5 parsecs"))
    (tmp_path / "other.yaml").write_text(MINIMAL + "intro: " + "Breathe in, and breathe out. " * 12 + "\n")
    (tmp_path / "output").mkdir()
    notes = tmp_path / "output" / "good-long.md"
    notes.write_text("# My notes for the long version\n")
    ran, written = build_in(run_cli, tmp_path, *args)
    assert_one_line_error(ran, message)
    assert written == ["good-long.md"] and notes.read_text() == "# My notes for the long version\n"
