"""``voicekit new``: a commented starter or a copy of a practice, written once, never over a file."""

from __future__ import annotations

import json

import jsonschema
import yaml
from conftest import FAKE, ROOT, assert_one_line_error

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
    jsonschema.validate(yaml.safe_load(text), schema_of(path))
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
