"""``voicekit new``: a commented starter or a copy of a practice, written once, never over a file."""

from __future__ import annotations

import json

import yaml
from helpers import FAKE, ROOT, assert_one_line_error, validate

from voicekit.pipeline import plan
from voicekit.sequence import schema


def schema_of(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    return json.loads((path.parent / first.split("$schema=", 1)[1]).read_text())


def test_new_writes_a_starter_to_the_practices_folder_that_checks_and_builds_by_name(run_cli, config_dir, cache_dir):
    ran = run_cli("new", "my-evening")
    path = config_dir / "practices" / "my-evening.yaml"
    assert ran.code == 0 and ran.out.strip() == str(path)
    text = path.read_text(encoding="utf-8")
    assert "title: My Evening" in text and text.count("\n#") >= 3  # commented
    validate(yaml.safe_load(text), (path.parent / text.splitlines()[0].split("$schema=", 1)[1]).resolve())
    assert run_cli("check", "my-evening").code == 0
    timeline = plan("my-evening", FAKE)
    assert len(timeline.chapters) >= 4 and not timeline.warnings


def test_new_from_a_practice_copies_it_and_its_schema_line_still_reaches_the_schema(run_cli, config_dir, cache_dir):
    out = config_dir / "elsewhere" / "mine.yaml"
    out.parent.mkdir()
    ran = run_cli("new", "mine", "--from", "desk-break", "-o", out)
    assert ran.code == 0, ran.err
    assert schema_of(out) == schema.schema("sequence")
    assert "voicekit build mine" in out.read_text()
    original = plan(ROOT / "sequences" / "desk-break.yaml", FAKE)
    assert plan(out, FAKE).cues == original.cues  # the same practice


def test_new_never_writes_over_a_file(run_cli, config_dir):
    path = config_dir / "practices" / "taken.yaml"
    path.parent.mkdir()
    path.write_text("my own words\n")
    assert_one_line_error(run_cli("new", "taken"), "taken.yaml already exists")
    assert_one_line_error(run_cli("new", "x", "--from", "bedtime", "-o", path), "already exists")
    assert path.read_text() == "my own words\n"


def test_a_name_that_is_not_a_file_name_is_refused(run_cli, config_dir):
    assert_one_line_error(run_cli("new", "../escape"), "letters, digits, - and _")
    assert not (config_dir / "practices").exists()


def test_new_from_an_unknown_practice_suggests_one(run_cli, config_dir):
    assert_one_line_error(run_cli("new", "x", "--from", "bedtme"), "did you mean 'bedtime'?")


ELSEWHERE = """\
# A practice with its own poses and its own bed, beside it.
title: Mine   # my title
library: [mine, ./mine/p.yaml]   # my poses
bed:
  file: sounds/rain.wav   # the rain
  level: -30
poses:
  - use: my-rest
"""


def test_new_from_rewrites_the_copy_s_own_paths_to_reach_the_same_files_from_its_place(run_cli, tmp_path, cache_dir):
    from audio_tools import rain, write_wav

    source = tmp_path / "src" / "orig.yaml"
    (source.parent / "mine").mkdir(parents=True)
    (source.parent / "sounds").mkdir()
    (source.parent / "mine" / "p.yaml").write_text(
        "poses:\n  - {id: my-rest, name: My rest, setup: Lie down., hold: 20s}\n"
    )
    write_wav(source.parent / "sounds" / "rain.wav", rain(12))
    source.write_text(ELSEWHERE)
    original = plan(source, FAKE)
    for out in (tmp_path / "dest" / "copy.yaml", source.parent / "mine" / "copy.yaml"):
        ran = run_cli("new", "copy", "--from", source, "-o", out)
        assert ran.code == 0, ran.err
        text = out.read_text()
        assert "# my title" in text and "# my poses" in text and "# the rain" in text  # comments kept
        assert run_cli("check", out).code == 0
        assert plan(out, FAKE).cues == original.cues
    inside = (source.parent / "mine" / "copy.yaml").read_text()
    assert 'library: [".", "p.yaml"]' in inside  # inside its folder: still relative
    assert f'file: "{source.parent / "sounds" / "rain.wav"}"' in inside  # outside it: whole


def test_new_from_a_practice_that_does_not_read_is_one_line_and_writes_nothing(run_cli, tmp_path, config_dir):
    source = tmp_path / "broken.yaml"
    source.write_text("title: T\nlibrary: gone\nposes:\n  - use: my-rest\n")
    assert_one_line_error(run_cli("new", "copy", "--from", source), f"{source}:2: library: gone does not exist")
    assert not (config_dir / "practices").exists()
