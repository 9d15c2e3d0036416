"""Sequence files -> Sequence, and every bad input -> one SequenceError that says file:line and what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL

from voicekit.errors import SequenceError
from voicekit.sequence.durations import Hold
from voicekit.sequence.loader import load_sequence, parse_sequence

SHIPPED = Path(__file__).resolve().parent.parent / "sequences" / "lumbar-release.yaml"
FILE = "practice.yaml"

# MINIMAL is five lines: title (1), poses (2), - name (3), setup (4), hold (5).
# Pose keys appended to it land on line 6 and after; top-level keys too.


def error_of(text: str) -> SequenceError:
    with pytest.raises(SequenceError) as info:
        parse_sequence(text, FILE)
    return info.value


def load_error(path: Path) -> SequenceError:
    with pytest.raises(SequenceError) as info:
        load_sequence(path)
    return info.value


def with_hold(hold: str) -> str:
    return MINIMAL.replace("hold: 10s", f"hold: {hold}")


# --- what loads ---------------------------------------------------------------------------------


def test_shipped_sequence_loads_as_written():
    seq = load_sequence(SHIPPED)
    assert seq.title == "Lower Back Release"
    assert seq.name == "lumbar-release"
    assert seq.file == str(SHIPPED)
    assert [p.name for p in seq.poses] == [
        "Supported hero forward bend",
        "Reclining hand-to-big-toe with a strap",
        "Reclining twist",
        "Supported corpse pose, legs on a chair",
    ]
    assert [p.sides for p in seq.poses] == [(), ("right", "left"), ("right", "left"), ()]
    assert [p.hold for p in seq.poses] == [
        Hold(300_000, 480_000),
        Hold(5, 8, breaths=True),
        Hold(5, 8, breaths=True),
        Hold(300_000, 480_000),
    ]
    assert len(seq.poses[0].setup) == 7
    assert seq.voice.rate == 140
    assert (seq.breath.inhale_ms, seq.breath.exhale_ms) == (4000, 6000)
    assert seq.intro.startswith("Welcome.")
    # {side} stays a placeholder in the model; the compiler fills it in per side.
    assert "{side}" in seq.poses[1].setup[1]


def test_minimal_sequence_gets_the_defaults():
    seq = parse_sequence(MINIMAL, FILE)
    assert seq.title == "Test practice"
    (pose,) = seq.poses
    assert pose.setup == ("Lie down.",)
    assert pose.hold == Hold(10_000, 10_000)
    assert pose.sides == ()
    assert pose.release is None
    assert pose.breath_cues == "guided"
    assert pose.line == 3


# A number where text belongs is a mistake more often than a text (setup: 42 was spoken as "forty-two").
@pytest.mark.parametrize("value", ["42", "[1, 2.5]", "3.0"])
def test_a_number_where_text_belongs_is_refused_at_its_line(value):
    with pytest.raises(SequenceError) as info:
        parse_sequence(MINIMAL.replace("setup: Lie down.", f"setup: {value}"), FILE)
    assert info.value.line == 4
    assert "must be text, not the number" in str(info.value)
    assert "quote it if you mean the number" in str(info.value)


def test_a_quoted_number_is_text():
    seq = parse_sequence(MINIMAL.replace("setup: Lie down.", "setup: ['1', \"2.5\"]"), FILE)
    assert seq.poses[0].setup == ("1", "2.5")


def test_texts_are_joined_into_single_spaced_lines():
    text = MINIMAL.replace("setup: Lie down.", "setup: >\n      Lie   down\n      slowly.")
    text += "    release: |\n      Roll\n      up.\n"
    pose = parse_sequence(text, FILE).poses[0]
    assert pose.setup == ("Lie down slowly.",)
    assert pose.release == "Roll up."


def test_sides_are_case_insensitive_and_allow_side_placeholders():
    pose = parse_sequence(MINIMAL + "    sides: [Right, LEFT]\n    release: Now {side}, then {other_side}.\n", FILE)
    assert pose.poses[0].sides == ("right", "left")
    assert pose.poses[0].release == "Now {side}, then {other_side}."


def test_text_of_exactly_1000_characters_is_fine():
    seq = parse_sequence(MINIMAL + "    release: " + "a" * 1000 + "\n", FILE)
    assert len(seq.poses[0].release) == 1000


def test_utf8_bom_and_crlf_line_ends_are_fine(tmp_path):
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode())
    assert load_sequence(path).title == "Test practice"


def test_merge_key_copies_an_anchored_pose():
    text = "title: T\nposes:\n  - &p\n    name: a\n    setup: b\n    hold: 5s\n  - <<: *p\n"
    seq = parse_sequence(text, FILE)
    assert [p.name for p in seq.poses] == ["a", "a"]


# --- the file itself ----------------------------------------------------------------------------


def test_missing_file(tmp_path):
    path = tmp_path / "nope.yaml"
    e = load_error(path)
    assert str(e) == f"{path}: no such file"


def test_directory(tmp_path):
    e = load_error(tmp_path)
    assert str(e) == f"{tmp_path}: is a directory; give a sequence .yaml file"


@pytest.mark.parametrize("content", [b"", b"\n\n", b"# only a comment\n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.yaml"
    path.write_bytes(content)
    e = load_error(path)
    assert str(e) == f"{path}: the file is empty; a sequence needs at least a title and poses"


def test_non_utf8_file_names_the_line(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Détente\nposes:\n  - name: Repos\n    setup: Allongez-vous.\n".encode("latin-1"))
    e = load_error(path)
    assert str(e) == f"{path}:1: is not UTF-8 text; save it as UTF-8"


def test_non_utf8_byte_on_a_later_line(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"title: T\nposes:\n  - name: R\xe9\n")
    assert load_error(path).line == 3


def test_binary_file_with_nul_bytes(tmp_path):
    path = tmp_path / "image.yaml"
    path.write_bytes(b"PK\x03\x04\x00\x00\x00\x08\x00title: x\n")
    e = load_error(path)
    assert str(e) == f"{path}: is binary, not a YAML text file"


def test_binary_junk_that_is_not_even_utf8(tmp_path):
    path = tmp_path / "junk.yaml"
    path.write_bytes(bytes(range(256)) * 4)  # one newline (0x0a) comes before the first non-UTF-8 byte (0x80)
    e = load_error(path)
    assert str(e).startswith(f"{path}:2: ")
    assert "save it as UTF-8" in str(e)


def test_control_character_is_a_sequence_error(tmp_path):
    path = tmp_path / "ctrl.yaml"
    path.write_text(MINIMAL.replace("Lie down.", "Lie\x07down."), encoding="utf-8")
    e = load_error(path)
    assert str(e).startswith(f"{path}:")


# Escapes in a double-quoted YAML text make control characters the reader never sees; they reached
# the terminal, the LRC, the VTT and the JSON.
@pytest.mark.parametrize("escape", ["\\x1b[31m", "\\a", "\\x7f", "\\x9b", "\\0"])
def test_a_control_character_written_as_an_escape_is_refused_at_its_line(escape):
    e = error_of(MINIMAL.replace("setup: Lie down.", f'setup: "Lie {escape} down."'))
    assert e.line == 4
    assert "the control character" in str(e) and "delete it" in str(e)


def test_a_tab_or_a_newline_escape_is_only_a_space():
    pose = parse_sequence(MINIMAL.replace("setup: Lie down.", 'setup: "Lie\\tdown.\\nRest."'), FILE).poses[0]
    assert pose.setup == ("Lie down. Rest.",)


# Markup is stripped only where it is a well-formed tag: "A lone < bracket and 3 > 2." was spoken as "A lone 2.".
@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("A lone < bracket and 3 > 2.", "A lone < bracket and 3 > 2."),
        ("Keep x<y and z>w apart.", "Keep x<y and z>w apart."),
        ("Say <prosody rate='x-fast'>this</prosody> slowly.", "Say this slowly."),
        ("Rest <break time='3s'/> here.", "Rest here."),
        ("Rest <!-- note --> here [[h@'loU]] now.", "Rest here now."),
    ],
)
def test_only_well_formed_markup_is_removed(written, spoken):
    text = MINIMAL.replace("setup: Lie down.", f"setup: {yaml.safe_dump(written).splitlines()[0]}")
    assert parse_sequence(text, FILE).poses[0].setup == (spoken,)


# YAML 1.1 reads plain 010 as 8, 0x10 as 16 and 1:30 as 90: holds are read as written, and numbers
# that YAML would read in another base are refused.
@pytest.mark.parametrize(
    ("hold", "low"), [("1:30", 90_000), ("2m30", 150_000), ("5 minutes", 300_000), ("1:02:03", 3_723_000)]
)
def test_holds_are_read_as_written_not_as_yaml_numbers(hold, low):
    assert parse_sequence(with_hold(hold), FILE).poses[0].hold.low == low


@pytest.mark.parametrize(("hold", "fragment"), [("010", "leading 0 is read as octal"), ("0x10", "starting with 0x")])
def test_octal_and_hex_holds_are_refused(hold, fragment):
    e = error_of(with_hold(hold))
    assert e.line == 5 and fragment in str(e)


@pytest.mark.parametrize("rate", ["0x8C", "0214", "2:20", "1_40"])
def test_a_rate_in_another_base_is_refused(rate):
    e = error_of(MINIMAL + f"voice: {{rate: {rate}}}\n")
    assert e.line == 6
    assert f"YAML reads {rate} as" in str(e) and "plain decimal number" in str(e)


def test_a_hold_under_a_second_is_refused_not_raised_to_a_second():
    e = error_of(with_hold("0.5s"))
    assert e.line == 5 and "shorter than a second" in str(e)


# --- errors with file:line and a fix ------------------------------------------------------------

BAD = [
    # YAML itself
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
    # the top level
    pytest.param("- Rest\n- Twist\n", 1, ["the top level must be a mapping of keys (title,", "not a list"], id="list"),
    pytest.param("hello\n", 1, ["the top level must be a mapping", "not 'hello'"], id="scalar"),
    # duplicate keys
    pytest.param(
        "title: A\nposes: []\ntitle: B\n", 3, ["duplicate key 'title' (first on line 1); keep one"], id="dup-top"
    ),
    pytest.param(MINIMAL + "    hold: 5s\n", 6, ["duplicate key 'hold' (first on line 5); keep one"], id="dup-pose"),
    # unknown keys
    pytest.param(
        MINIMAL.replace("title:", "titel:"), 1, ["unknown key titel; did you mean 'title'?"], id="unknown-titel"
    ),
    pytest.param(MINIMAL + "intor: Hello.\n", 6, ["unknown key intor; did you mean 'intro'?"], id="unknown-top"),
    pytest.param(
        MINIMAL + "reminder: x\n", 6, ["unknown key reminder;", "known keys: title, description"], id="unknown-top-far"
    ),
    pytest.param(
        MINIMAL + "    reminder: Breathe.\n",
        6,
        ["unknown key poses[1].reminder;", "did you mean 'reminders'?"],
        id="unknown-pose",
    ),
    pytest.param(
        MINIMAL + "    zzz: 1\n",
        6,
        ["unknown key poses[1].zzz;", "known keys: name, props, setup, hold, sides"],
        id="unknown-pose-far",
    ),
    pytest.param(
        MINIMAL + "voice:\n  rat: 140\n", 7, ["unknown key voice.rat;", "did you mean 'rate'?"], id="unknown-voice-key"
    ),
    # wrong types
    pytest.param(MINIMAL.replace("title: Test practice", "title: [a, b]"), 1, ["title must be text, not a list"]),
    pytest.param("title: T\nposes:\n  name: Rest\n", 2, ["poses must be a list of poses, not a mapping"]),
    pytest.param(
        MINIMAL.replace("setup: Lie down.", "setup: {lie: down}"),
        4,
        ["poses[1] (Rest).setup must be text, not a mapping"],
        id="setup-mapping",
    ),
    pytest.param(
        MINIMAL + "    props: [[mat]]\n", 6, ["poses[1] (Rest).props[1] must be text, not a list"], id="props-nested"
    ),
    pytest.param(MINIMAL + "voice: 140\n", 6, ["voice must be a mapping of keys", "not the number 140"]),
    pytest.param(MINIMAL + "    release: yes\n", 6, ["release must be text, not true (a yes/no)"], id="release-bool"),
    # missing required fields
    pytest.param(MINIMAL.replace("title: Test practice\n", ""), 1, ["the top level is missing 'title'"], id="no-title"),
    pytest.param("title: T\n", 1, ["the top level is missing 'poses'"], id="no-poses"),
    pytest.param(
        MINIMAL.replace("  - name: Rest\n    setup", "  - setup"), 3, ["poses[1] is missing 'name'"], id="no-name"
    ),
    pytest.param(MINIMAL.replace("    setup: Lie down.\n", ""), 3, ["poses[1] is missing 'setup'"], id="no-setup"),
    pytest.param(MINIMAL.replace("    hold: 10s\n", ""), 3, ["poses[1] is missing 'hold'"], id="no-hold"),
    # empty texts and lists
    pytest.param(
        MINIMAL + '    release: ""\n',
        6,
        ["poses[1] (Rest).release is empty; write the words to speak or remove the key"],
        id="release-empty-string",
    ),
    pytest.param(
        MINIMAL.replace("setup: Lie down.", 'setup:\n      - Lie down.\n      - ""'),
        6,
        ["poses[1] (Rest).setup[2] is empty"],
        id="setup-item-empty",
    ),
    pytest.param(MINIMAL.replace("Test practice", "'   '"), 1, ["title is empty"], id="title-blank"),
    pytest.param(
        MINIMAL + "    release:\n", 6, ["poses[1] (Rest).release must be text, not nothing"], id="release-null"
    ),
    pytest.param(
        MINIMAL.replace("setup: Lie down.", "setup: []"),
        4,
        ["poses[1] (Rest).setup is an empty list; add a text or remove the key"],
        id="setup-empty-list",
    ),
    pytest.param(
        "title: T\nposes: []\n", 2, ["poses is empty; a sequence needs at least one pose"], id="poses-empty-list"
    ),
    pytest.param("title: T\nposes:\n", 2, ["poses must be a list of poses, not nothing"], id="poses-null"),
    # holds
    pytest.param(
        with_hold("5 parsecs"),
        5,
        [
            "poses[1] (Rest).hold: '5 parsecs' is not a duration "
            "(try 90s, 5m, 1m30s, 1:30, 5-8m, 6 breaths or 5-8 breaths)"
        ],
        id="hold-malformed",
    ),
    pytest.param(with_hold("0s"), 5, ["hold: '0s': a hold must be longer than zero"], id="hold-zero"),
    pytest.param(with_hold("0"), 5, ["hold: '0': a hold must be longer than zero"], id="hold-zero-number"),
    pytest.param(with_hold("-3m"), 5, ["hold: '-3m': a hold cannot be negative"], id="hold-negative"),
    pytest.param(
        with_hold("8-5m"), 5, ["hold: '8-5m': the range is reversed (write the shorter end first)"], id="hold-reversed"
    ),
    pytest.param(with_hold("13h"), 5, ["'13h' is too long for one hold (at most 12 hours)"], id="hold-absurd"),
    pytest.param(with_hold(""), 5, ["hold is empty; write a duration like 5m"], id="hold-null"),
    # placeholders
    pytest.param(
        MINIMAL + "    release: Well done, {name}.\n",
        6,
        ["poses[1] (Rest).release: unknown placeholder {name}; known here: none (the pose has no sides)"],
        id="placeholder-unknown",
    ),
    pytest.param(
        MINIMAL + "    reminders:\n      - Relax the {side} hip.\n",
        7,
        ["poses[1] (Rest).reminders[1]: unknown placeholder {side}; known here: none (the pose has no sides)"],
        id="side-without-sides",
    ),
    pytest.param(
        MINIMAL + "    sides: [right, left]\n    release: Turn to the {sides}.\n",
        7,
        ["unknown placeholder {sides}; known here: {side} and {other_side}"],
        id="placeholder-typo-in-sided-pose",
    ),
    pytest.param(
        MINIMAL + "intro: Start on the {side}.\n", 6, ["intro: unknown placeholder {side}"], id="side-in-intro"
    ),
    # sides
    pytest.param(
        MINIMAL + "    sides: right\n",
        6,
        ["poses[1] (Rest).sides must be a list such as [right, left]"],
        id="sides-str",
    ),
    pytest.param(MINIMAL + "    sides: []\n", 6, ["sides must be a list such as [right, left]"], id="sides-empty"),
    pytest.param(
        MINIMAL + "    sides: [right, up]\n", 6, ["sides must be one of right, left, not 'up'"], id="sides-unknown"
    ),
    pytest.param(
        MINIMAL + "    sides: [left, left]\n",
        6,
        ["sides names a side twice; write [right, left] or [left, right]"],
        id="sides-duplicate",
    ),
    # choices and numbers
    pytest.param(
        MINIMAL + "    breath_cues: loud\n",
        6,
        ["poses[1] (Rest).breath_cues must be one of guided, counted, silent, not 'loud'"],
        id="breath-cues",
    ),
    pytest.param(MINIMAL + "voice:\n  rate: 1000\n", 7, ["voice.rate must be between 80 and 400, not 1000"]),
    pytest.param(MINIMAL + "voice:\n  rate: 10\n", 7, ["voice.rate must be between 80 and 400, not 10"]),
    pytest.param(MINIMAL + "voice:\n  rate: fast\n", 7, ["voice.rate must be a number, not 'fast'"]),
    pytest.param(MINIMAL + "voice:\n  rate: yes\n", 7, ["voice.rate must be a number, not true (a yes/no)"]),
    pytest.param(MINIMAL + "voice:\n  rate: .nan\n", 7, ["voice.rate must be between 80 and 400, not nan"]),
    pytest.param(MINIMAL + "voice:\n  volume: 0\n", 7, ["voice.volume must be between 0.05 and 1, not 0"]),
    pytest.param(MINIMAL + "breath:\n  inhale: 0s\n", 7, ["breath.inhale must be a duration between 1s and 30s"]),
    pytest.param(MINIMAL + "pauses:\n  step: soon\n", 7, ["pauses.step: 'soon' is not a duration"]),
    # overlong text
    pytest.param(
        MINIMAL + "    release: " + "a" * 1001 + "\n",
        6,
        ["poses[1] (Rest).release is 1001 characters; split it into steps of at most 1000"],
        id="overlong",
    ),
    pytest.param(
        MINIMAL + "intro: " + "word " * 300 + "\n", 6, ["intro is 1499 characters", "split it"], id="overlong-words"
    ),
    # tags that are not plain data
    pytest.param(
        MINIMAL + "    release: !!set {a, b}\n", 6, ["unsupported YAML tag", "write plain text"], id="set-tag"
    ),
    pytest.param(MINIMAL + "    release: !shout hey\n", 6, ["unsupported YAML tag '!shout'"], id="custom-tag"),
    pytest.param(MINIMAL + "~: x\n", 6, ["a key must be a plain word, not None"], id="null-key"),
]


@pytest.mark.parametrize(("text", "line", "fragments"), BAD)
def test_bad_sequence_is_reported_at_its_line(text, line, fragments):
    e = error_of(text)
    assert (e.file, e.line) == (FILE, line)
    assert str(e).startswith(f"{FILE}:{line}: ")
    for fragment in fragments:
        assert fragment in str(e)


def test_unknown_key_after_a_comment_reports_line_7():
    text = "# Evening practice\n" + MINIMAL + "    reminder: Breathe.\n"
    assert str(error_of(text)).startswith(f"{FILE}:7: unknown key")


def test_error_in_second_pose_reports_its_line():
    text = MINIMAL + "  - name: Twist\n    setup: Turn.\n    hold: 5 parsecs\n"
    e = error_of(text)
    assert e.line == 8
    assert "poses[2] (Twist).hold" in str(e)


def test_load_sequence_reports_the_path_and_line(tmp_path, write_seq):
    path = write_seq(MINIMAL + "    reminder: Breathe.\n")
    e = load_error(path)
    assert str(e).startswith(f"{path}:6: ")
    assert "did you mean 'reminders'?" in str(e)


def test_unknown_key_with_a_block_value_reports_the_key_line():
    text = MINIMAL + "    reminder:\n      - Breathe.\n"  # the key is on line 6, its list item on line 7
    assert error_of(text).line == 6


def test_duplicate_key_with_a_block_value_names_the_first_key_line():
    text = "title: T\nposes:\n  - name: a\n    setup:\n      - Lie down.\n    hold: 5s\n    setup: Sit.\n"
    e = error_of(text)
    assert e.line == 7
    assert "first on line 4" in str(e)  # 'setup:' is on line 4; its list item on line 5


@pytest.mark.parametrize("hold", ["[5m]", "{low: 5m}"])
def test_hold_that_is_a_list_or_mapping_has_a_readable_message(hold):
    e = error_of(with_hold(hold))
    assert e.line == 5
    assert "Located" not in str(e)


def test_merge_key_can_be_overridden():
    text = "title: T\nposes:\n  - &p\n    name: a\n    setup: b\n    hold: 5s\n  - <<: *p\n    name: c\n"
    seq = parse_sequence(text, FILE)
    assert [p.name for p in seq.poses] == ["a", "c"]


# --- hostile YAML -------------------------------------------------------------------------------

PYTHON_TAG = '!!python/object/apply:os.system ["touch {marker}"]'


def test_python_tag_payload_is_live_so_the_marker_check_means_something(tmp_path):
    marker = tmp_path / "MARKER"
    yaml.unsafe_load(PYTHON_TAG.format(marker=marker))
    assert marker.exists()


@pytest.mark.parametrize(
    ("template", "line"),
    [
        (MINIMAL + "    release: {payload}\n", 6),
        (MINIMAL.replace("setup: Lie down.", "setup:\n      - {payload}"), 5),
        ("{payload}\n", 1),
        (MINIMAL + "{payload}: x\n", 6),
    ],
    ids=["value", "list-item", "whole-document", "key"],
)
def test_python_tag_is_refused_and_runs_nothing(tmp_path, monkeypatch, template, line):
    monkeypatch.chdir(tmp_path)  # a relative "touch MARKER" would land here too
    marker = tmp_path / "MARKER"
    path = tmp_path / "evil.yaml"
    path.write_text(template.replace("{payload}", PYTHON_TAG.format(marker=marker)), encoding="utf-8")
    e = load_error(path)
    assert str(e).startswith(f"{path}:{line}: ")
    assert "unsupported YAML tag" in str(e) or "a key must be a plain word" in str(e)
    assert not marker.exists()
    assert not (tmp_path / "MARKER").exists()


def billion_laughs(levels: int = 9, width: int = 10) -> list[str]:
    """Anchors a0..a9, each a list of ten aliases of the one before: 10**10 values once expanded."""
    rows = ["&a0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels + 1):
        rows.append(f"&a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return rows


def test_alias_bomb_is_refused():
    text = "".join(f"a{i}: {row}\n" for i, row in enumerate(billion_laughs()))
    e = error_of(text)
    assert str(e).startswith(f"{FILE}:")
    assert "expands to more than 100000 values" in str(e)


def test_alias_bomb_inside_a_pose_is_refused():
    text = MINIMAL + "    reminders:\n" + "".join(f"      - {row}\n" for row in billion_laughs())
    e = error_of(text)
    assert str(e).startswith(f"{FILE}:")
    assert "expands to more than 100000 values" in str(e)


def test_a_few_aliases_are_fine():
    text = "title: &t Calm\nposes:\n  - name: *t\n    setup: [&s Lie down., *s]\n    hold: 10s\n"
    pose = parse_sequence(text, FILE).poses[0]
    assert pose.name == "Calm"
    assert pose.setup == ("Lie down.", "Lie down.")


# Input is bounded before it is read: /dev/zero read until memory ran out (a MemoryError traceback).
def test_an_endless_input_is_read_only_to_the_size_limit():
    e = load_error(Path("/dev/zero"))
    assert "larger than 1000 kB" in str(e)


def test_an_endless_pipe_is_read_only_to_the_size_limit(tmp_path):
    import os
    import threading

    fifo = tmp_path / "endless.yaml"
    os.mkfifo(fifo)
    stop = threading.Event()

    def feed() -> None:
        with open(fifo, "wb") as f:
            try:
                while not stop.is_set():
                    f.write(b"# a comment that never ends\n" * 1000)
            except BrokenPipeError:
                pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        assert "larger than 1000 kB" in str(load_error(fifo))
    finally:
        stop.set()
