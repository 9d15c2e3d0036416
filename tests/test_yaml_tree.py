"""YAML read safely into a tree of values with their lines: syntax errors, tabs, duplicate keys, tags,
aliases, merge keys and control characters, each refused at its line or read as written."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from helpers import FILE, MINIMAL, assert_reported_at

from voicekit.errors import SequenceError
from voicekit.sequence import located, yaml_parse, yaml_tree
from voicekit.sequence.loader import load_sequence
from voicekit.sequence.yaml_tree import Located


@pytest.fixture(autouse=True)
def parsed_afresh() -> None:
    """Each test parses what it loads (the process keeps every tree it parsed: see yaml_tree._parsed),
    so that a test of the parser (libyaml or PyYAML's own) or of the kept trees sees its own parse."""
    yaml_tree._parsed.cache_clear()


def tree_error(text: str) -> SequenceError:
    with pytest.raises(SequenceError) as info:
        yaml_tree.load(text, FILE)
    return info.value


def plain(node: Located) -> Any:
    """The tree as plain Python values (lines dropped)."""
    if isinstance(node.value, dict):
        return {key: plain(value) for key, value in node.value.items()}
    if isinstance(node.value, list):
        return [plain(item) for item in node.value]
    return node.value


def test_every_value_remembers_the_line_of_its_key():
    tree = yaml_tree.load(MINIMAL + "    reminders:\n      - Breathe.\n", FILE)
    pose = tree.value["poses"].value[0]
    assert (tree.value["title"].line, tree.value["poses"].line, pose.line) == (1, 2, 3)
    assert (pose.value["setup"].line, pose.value["hold"].line, pose.value["reminders"].line) == (4, 5, 6)
    assert pose.value["reminders"].value[0].line == 7


BAD = [
    pytest.param(
        "title: T\nposes:\n  - name: a\n   setup: b\n",
        4,
        ["invalid YAML, column 4", "expected <block end>"],
        id="yaml-syntax-indentation",
    ),
    pytest.param("title: [a\nposes: x\n", 2, ["invalid YAML, column 6", "expected ',' or ']'"], id="yaml-syntax-flow"),
    pytest.param(
        "title: T\nposes:\n\t- name: a\n", 3, ["tabs are not allowed for indentation", "indent with spaces"], id="tab"
    ),
    pytest.param(
        MINIMAL + "---\ntitle: Another\n", 6, ["invalid YAML, column 1", "another document"], id="two-documents"
    ),
    pytest.param(
        "title: A\nposes: []\ntitle: B\n", 3, ["duplicate key 'title' (first on line 1); keep one"], id="dup-top"
    ),
    pytest.param(MINIMAL + "    hold: 5s\n", 6, ["duplicate key 'hold' (first on line 5); keep one"], id="dup-pose"),
    pytest.param(
        MINIMAL + "    release: !!set {a, b}\n", 6, ["unsupported YAML tag", "write plain text"], id="set-tag"
    ),
    pytest.param(MINIMAL + "    release: !shout hey\n", 6, ["unsupported YAML tag '!shout'"], id="custom-tag"),
    pytest.param(MINIMAL + "~: x\n", 6, ["a key must be a plain word, not ~"], id="null-key"),
]


@pytest.mark.parametrize(("text", "line", "fragments"), BAD)
def test_bad_yaml_is_reported_at_its_line(text, line, fragments):
    assert_reported_at(tree_error(text), line, fragments)


def test_duplicate_key_with_a_block_value_names_the_first_key_line():
    text = "title: T\nposes:\n  - name: a\n    setup:\n      - Lie down.\n    hold: 5s\n    setup: Sit.\n"
    e = tree_error(text)
    assert e.line == 7
    assert "first on line 4" in str(e)  # 'setup:' is on line 4; its list item on line 5


def test_merge_key_copies_an_anchored_mapping():
    text = "title: T\nposes:\n  - &p\n    name: a\n    setup: b\n    hold: 5s\n  - <<: *p\n"
    poses = plain(yaml_tree.load(text, FILE))["poses"]
    assert [p["name"] for p in poses] == ["a", "a"]
    assert poses[1] == poses[0]


def test_merge_key_can_be_overridden():
    text = "title: T\nposes:\n  - &p\n    name: a\n    setup: b\n    hold: 5s\n  - <<: *p\n    name: c\n"
    poses = plain(yaml_tree.load(text, FILE))["poses"]
    assert [p["name"] for p in poses] == ["a", "c"]


def test_a_few_aliases_are_fine():
    text = "title: &t Calm\nposes:\n  - name: *t\n    setup: [&s Lie down., *s]\n    hold: 10s\n"
    pose = plain(yaml_tree.load(text, FILE))["poses"][0]
    assert pose["name"] == "Calm"
    assert pose["setup"] == ["Lie down.", "Lie down."]


def test_a_plain_scalar_keeps_how_it_was_written():
    tree = yaml_tree.load("a: 010\nb: 1:30\nc: '010'\n", FILE).value
    assert (tree["a"].value, tree["a"].raw) == (8, "010")  # YAML 1.1 reads 010 as octal
    assert (tree["b"].value, tree["b"].raw) == (90, "1:30")  # and 1:30 in base 60
    assert (tree["c"].value, tree["c"].raw) == ("010", None)  # quoted: text, nothing to second-guess


# --- control characters -------------------------------------------------------------------------


def test_a_raw_control_character_is_refused_at_its_line(tmp_path):
    path = tmp_path / "ctrl.yaml"
    path.write_text(MINIMAL.replace("Lie down.", "Lie\x07down."), encoding="utf-8")
    with pytest.raises(SequenceError) as info:
        load_sequence(path)
    assert str(info.value).startswith(f"{path}:4: the control character")


# Escapes in a double-quoted YAML text make control characters the reader never sees; they would reach
# the terminal, the LRC, the VTT and the JSON.
@pytest.mark.parametrize("escape", ["\\x1b[31m", "\\a", "\\x7f", "\\x9b", "\\0"])
def test_a_control_character_written_as_an_escape_is_refused_at_its_line(escape):
    e = tree_error(MINIMAL.replace("setup: Lie down.", f'setup: "Lie {escape} down."'))
    assert e.line == 4
    assert "the control character" in str(e) and "delete it" in str(e)


# --- hostile YAML -------------------------------------------------------------------------------

PYTHON_TAG = '!!python/object/apply:os.system ["touch {marker}"]'


def test_python_tag_payload_is_live_so_the_marker_check_means_something(tmp_path):
    marker = tmp_path / "MARKER"
    yaml.unsafe_load(PYTHON_TAG.format(marker=marker))
    assert marker.exists()


UNSUPPORTED = "unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'; write plain text"


@pytest.mark.parametrize(
    ("template", "line", "message"),
    [
        (MINIMAL + "    release: {payload}\n", 6, UNSUPPORTED),
        (MINIMAL.replace("setup: Lie down.", "setup:\n      - {payload}"), 5, UNSUPPORTED),
        ("{payload}\n", 1, UNSUPPORTED),
        (MINIMAL + "{payload}: x\n", 6, "a key must be a plain word"),
    ],
    ids=["value", "list-item", "whole-document", "key"],
)
def test_python_tag_is_refused_and_runs_nothing(tmp_path, monkeypatch, template, line, message):
    monkeypatch.chdir(tmp_path)  # a relative "touch MARKER" would land here too
    marker = tmp_path / "MARKER"
    path = tmp_path / "evil.yaml"
    path.write_text(template.replace("{payload}", PYTHON_TAG.format(marker=marker)), encoding="utf-8")
    with pytest.raises(SequenceError) as info:
        load_sequence(path)
    assert str(info.value).startswith(f"{path}:{line}: {message}")
    assert not marker.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evil.yaml"]  # nothing else made, by any path


def billion_laughs(levels: int = 9, width: int = 10) -> list[str]:
    """Anchors a0..a9, each a list of ten aliases of the one before: 10**10 values once expanded."""
    rows = ["&a0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels + 1):
        rows.append(f"&a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return rows


def test_alias_bomb_is_refused():
    text = "".join(f"a{i}: {row}\n" for i, row in enumerate(billion_laughs()))
    e = tree_error(text)
    assert str(e).startswith(f"{FILE}:")
    assert "expands to more than 100000 values" in str(e)


def test_alias_bomb_inside_a_pose_is_refused():
    text = MINIMAL + "    reminders:\n" + "".join(f"      - {row}\n" for row in billion_laughs())
    e = tree_error(text)
    assert str(e).startswith(f"{FILE}:")
    assert "expands to more than 100000 values" in str(e)


# An alias inside its own anchor, and values nested hundreds deep, were RecursionError tracebacks: each
# is one line at its line, whichever of the two YAML parsers reads the file (PyYAML's own reads a file
# libyaml refuses, and one with a character libyaml's reader does not take).
@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("title: T\nposes: &x [*x]\n", 2),
        ("title: T\nposes:\n  - &p {name: a, setup: *p, hold: 5s}\n", 3),
        ("title: T\nposes:\n  - &p\n    name: a\n    setup: [b, [c, *p]]\n", 3),
    ],
    ids=["list", "mapping", "deeper"],
)
def test_an_alias_inside_its_own_anchor_is_refused_at_its_line(text, line):
    assert_reported_at(tree_error(text), line, ["holds an alias of itself", "write it out instead"])


NESTED = [
    pytest.param("title: T\ndescription: " + "[" * 500 + "]" * 500 + "\n", 2, id="flow-500"),
    pytest.param("title: T\ndescription: " + "[" * 5000 + "]" * 5000 + "\n", 2, id="flow-5000-past-libyaml"),
    pytest.param("title: T\nposes:\n" + "".join("  " * i + "-\n" for i in range(1, 500)), 52, id="block-500"),
]


@pytest.mark.parametrize(("text", "line"), NESTED)
@pytest.mark.parametrize("parser", ["libyaml", "pyyaml"])
def test_values_nested_hundreds_deep_are_refused_at_their_line(text, line, parser, monkeypatch):
    if parser == "pyyaml":
        monkeypatch.setattr(yaml_parse, "_FAST", None)
    assert_reported_at(tree_error(text), line, [f"values are nested more than {located.MAX_DEPTH} deep"])


def test_the_deepest_practice_is_far_from_the_nesting_limit():
    text = "title: T\nposes:\n  - round:\n      - name: a\n        setup: [[b]]\n        hold: 5s\n    repeat: 2\n"
    assert plain(yaml_tree.load(text, FILE))["poses"][0]["round"][0]["setup"] == [["b"]]


# "\ud800" is half of a UTF-16 pair: no UTF-8 file, cache key or tag can hold it, so it crashed build,
# plan, the practice page and --watch after check had passed it.
@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('"Lie \\ud800 down."', "\\ud800 is half of a UTF-16 pair, not a character; write the character itself"),
        ('"Lie \\U0000DFFF down."', "\\udfff is half of a UTF-16 pair, not a character; write the character itself"),
        ('"Smile \\ud83d\\ude00"', "\\ud83d\\ude00 is a UTF-16 pair, which YAML reads as two halves; write the "
         "character itself or \\U0001F600"),
    ],
    ids=["high-half", "low-half-long-escape", "pair"],
)  # fmt: skip
def test_half_of_a_utf16_pair_is_refused_at_its_line(written, message):
    e = tree_error(MINIMAL.replace("setup: Lie down.", f"setup: {written}"))
    assert str(e) == f"{FILE}:4: {message}"


def test_half_of_a_utf16_pair_in_a_key_is_refused_at_its_line():
    assert_reported_at(tree_error(MINIMAL + 'pronounce: {"Om \\ud800": ohm}\n'), 6, ["half of a UTF-16 pair"])


@pytest.mark.parametrize(
    ("where", "extra"),
    [
        ("practice.yaml", 'phrases: {transition: "Now \\ud800 the other side."}\n'),
        ("practice.yaml", 'pronounce: {Savasana: "shah \\ud800"}\n'),
        ("lib.yaml", "library: lib.yaml\n"),
        ("pronounce.yaml", ""),
    ],
    ids=["phrases", "pronounce", "pose-file", "user-pronounce"],
)
def test_half_of_a_utf16_pair_anywhere_check_reads_is_one_line_at_its_line(where, extra, tmp_path, config_dir, run_cli):
    from helpers import assert_one_line_error

    (tmp_path / "lib.yaml").write_text('poses:\n  - id: mine\n    name: "Mine \\ud800"\n    setup: Go.\n    hold: 5s\n')
    (config_dir / "pronounce.yaml").write_text('Om: "\\ud800"\n' if where == "pronounce.yaml" else "Om: ohm\n")
    seq = tmp_path / "practice.yaml"
    seq.write_text(MINIMAL + ("  - use: mine\n" if where == "lib.yaml" else "") + extra)
    line = {"practice.yaml": 6, "lib.yaml": 3, "pronounce.yaml": 1}[where]
    file = config_dir / where if where == "pronounce.yaml" else tmp_path / where
    assert_one_line_error(run_cli("check", seq), f"{file}:{line}: \\ud800 is half of a UTF-16 pair")


class Shelf(dict):
    """A keeper of trees in memory (a build's is its store)."""

    def put(self, name: str, body: bytes) -> None:
        self[name] = body


KEPT = (
    "title: T  # a comment\nposes:\n  - name: a\n    hold: 010\n    at: 1:30\n    quoted: '010'\n"
    "    chimes: true\n    quiet: no\n    none: ~\n    rate: 1.5e3\n    steps: [a, 'b', {c: d}]\n"
    "    text: |\n      Two\n      lines.\n    base: &b {x: 1}\n    merged: {<<: *b, y: 2}\n"
)


def test_a_kept_tree_is_the_parsed_tree_and_is_read_without_parsing(monkeypatch):
    shelf = Shelf()
    parsed = yaml_tree.load(KEPT, FILE)
    with yaml_tree.kept_in(shelf):
        assert yaml_tree.load(KEPT, FILE) == parsed
    assert len(shelf) == 1

    def never(text: str, file: str) -> Located:
        raise AssertionError("parsed again")

    monkeypatch.setattr(yaml_parse, "parse", never)
    with yaml_tree.kept_in(shelf):
        kept = yaml_tree.load(KEPT, FILE)
        with pytest.raises(AssertionError, match="parsed again"):  # another text is another tree
            yaml_tree.load(KEPT + "outro: Bye.\n", FILE)
    assert kept == parsed  # every value, its line and how it was written (010, 1:30)
    assert (kept.value["poses"].value[0].value["hold"].raw, plain(kept)["poses"][0]["at"]) == ("010", 90)
    yaml_tree._parsed.cache_clear()  # the process's own trees forgotten: outside kept_in nothing else keeps it
    with pytest.raises(AssertionError, match="parsed again"):
        yaml_tree.load(KEPT, FILE)


def test_a_process_parses_the_same_text_once():
    parsed = yaml_tree.load(KEPT, FILE)
    assert yaml_tree.load(KEPT, FILE) is parsed  # the same tree, shared: trees are never changed
    assert yaml_tree.load(KEPT, "other.yaml") is not parsed  # an error would name the other file


def test_a_tree_json_cannot_hold_is_parsed_each_time_and_a_damaged_one_parsed_again():
    shelf = Shelf()
    with yaml_tree.kept_in(shelf):
        dated = yaml_tree.load("title: T\nwhen: 2024-05-01\n", FILE)
    assert plain(dated)["when"].year == 2024 and not shelf
    with yaml_tree.kept_in(shelf):
        yaml_tree.load(KEPT, FILE)
    (name,) = shelf
    for damaged in (b"[1, 2", b'{"a": 1}', b"[1]", b'[1, "x", 2, 3]'):
        shelf[name] = damaged
        with yaml_tree.kept_in(shelf):
            assert yaml_tree.load(KEPT, FILE) == yaml_tree.load(KEPT, "other.yaml")


def test_an_error_is_never_kept():
    shelf = Shelf()
    with yaml_tree.kept_in(shelf):
        assert_reported_at(tree_error("title: A\nposes: []\ntitle: B\n"), 3, ["duplicate key 'title'"])
    assert not shelf
