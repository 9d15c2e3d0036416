"""Sequence files -> Sequence, and every bad input -> one SequenceError that says file:line and what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FILE, MINIMAL, SHIPPED, assert_one_line_error, assert_reported_at, sequence_error, with_hold

from voicekit.errors import SequenceError
from voicekit.sequence.durations import Hold
from voicekit.sequence.loader import load_sequence, parse_sequence
from voicekit.sequence.model import Step


def load_error(path: Path) -> SequenceError:
    with pytest.raises(SequenceError) as info:
        load_sequence(path)
    return info.value


# --- what loads ---------------------------------------------------------------------------------


def test_shipped_sequence_loads_as_written():
    seq = load_sequence(SHIPPED)
    assert seq.title == "Lower Back Release"
    assert seq.name == "lumbar-release"
    assert seq.file == str(SHIPPED)
    assert [p.name for p in seq.poses] == [
        "Supported hero forward bend",
        "Cat and cow",
        "Reclining hand-to-big-toe with a strap",
        "Reclining twist",
        "Knees to chest",
        "Supported corpse pose, legs on a chair",
    ]
    assert [p.position for p in seq.poses] == ["kneeling", "all-fours", "supine", "supine", "supine", "supine"]
    assert [p.sides for p in seq.poses] == [(), (), ("right", "left"), ("right", "left"), (), ()]
    assert [p.hold for p in seq.poses] == [
        Hold(300_000, 480_000),
        Hold(4, 5, breaths=True),
        Hold(5, 8, breaths=True),
        Hold(5, 8, breaths=True),
        Hold(4, 6, breaths=True),
        Hold(300_000, 480_000),
    ]
    assert len(seq.poses[0].setup) == 8 and seq.poses[0].transition_in is False
    first = "Come down to kneeling on your mat, with your bolster and blanket beside you."
    assert seq.poses[0].setup[0] == Step(first, 12_000)
    assert seq.props == ("bolster", "blanket", "strap", "chair") and seq.gather_ms == 45_000
    assert seq.voice.rate == 140
    assert (seq.breath.inhale_ms, seq.breath.exhale_ms) == (4000, 6000)
    assert seq.intro is not None and seq.intro.startswith("Welcome.")
    # {side} stays a placeholder in the model; the compiler fills it in per side.
    assert "{side}" in seq.poses[2].setup[1].text


def test_minimal_sequence_gets_the_defaults():
    seq = parse_sequence(MINIMAL, FILE)
    assert seq.title == "Test practice"
    (pose,) = seq.poses
    assert pose.setup == (Step("Lie down."),)
    assert pose.hold == Hold(10_000, 10_000)
    assert pose.sides == ()
    assert pose.release is None
    assert pose.breath_cues is None  # the sequence's, and with none there, guided
    assert pose.line == 3


# A number where text belongs is a mistake more often than a text (setup: 42 would be spoken as "forty-two").
@pytest.mark.parametrize("value", ["42", "[1, 2.5]", "3.0"])
def test_a_number_where_text_belongs_is_refused_at_its_line(value):
    e = sequence_error(MINIMAL.replace("setup: Lie down.", f"setup: {value}"))
    assert e.line == 4
    assert "must be text, not the number" in str(e)
    assert "quote it if you mean the number" in str(e)


def test_a_quoted_number_is_text():
    seq = parse_sequence(MINIMAL.replace("setup: Lie down.", "setup: ['1', \"2.5\"]"), FILE)
    assert seq.poses[0].setup == (Step("1"), Step("2.5"))


def test_sides_are_case_insensitive_and_allow_side_placeholders():
    pose = parse_sequence(MINIMAL + "    sides: [Right, LEFT]\n    release: Now {side}, then {other_side}.\n", FILE)
    assert pose.poses[0].sides == ("right", "left")
    assert pose.poses[0].release == "Now {side}, then {other_side}."


def test_utf8_bom_and_crlf_line_ends_are_fine(tmp_path):
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode())
    assert load_sequence(path).title == "Test practice"


def test_merged_poses_are_poses():
    text = "title: T\nposes:\n  - &p\n    name: a\n    setup: b\n    hold: 5s\n  - <<: *p\n    name: c\n"
    seq = parse_sequence(text, FILE)
    assert [p.name for p in seq.poses] == ["a", "c"]
    assert seq.poses[1].hold == seq.poses[0].hold == Hold(5000, 5000)


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


# Only a regular file is read: a device such as /dev/zero, or a FIFO nobody writes to (opening it would
# wait for a writer for ever), is refused at once, by check, plan and build alike.
def test_a_device_is_not_a_sequence():
    assert (
        str(load_error(Path("/dev/zero"))) == "/dev/zero: is a character device, not a regular file; give a YAML file"
    )


@pytest.mark.parametrize("command", ["check", "plan", "build"])
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path, command):
    import os
    import subprocess
    import sys

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    ran = subprocess.run(
        [sys.executable, "-m", "voicekit", command, str(fifo), "--cache-dir", str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert (ran.returncode, ran.stdout) == (2, "")
    assert ran.stderr == f"voicekit: error: {fifo}: is a FIFO, not a regular file; give a YAML file\n"


def test_an_unreadable_sequence_file_is_one_line(tmp_path, run_cli, monkeypatch):
    seq = tmp_path / "locked.yaml"
    seq.write_text(MINIMAL)
    import builtins

    real = builtins.open

    def locked(file, *args, **kwargs):
        if Path(file) == seq:
            raise PermissionError(13, "Permission denied", str(file))  # root reads anything: simulate it
        return real(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", locked)
    for command in ("check", "plan", "build"):
        ran = run_cli(command, seq)
        assert_one_line_error(ran)
        assert ran.err == f"voicekit: error: {seq}: cannot read: Permission denied\n", ran.err


# --- holds as written ---------------------------------------------------------------------------


# YAML 1.1 reads plain 010 as 8, 0x10 as 16 and 1:30 as 90: holds are read as written, and numbers
# that YAML would read in another base are refused.
@pytest.mark.parametrize(
    ("hold", "low"), [("1:30", 90_000), ("2m30", 150_000), ("5 minutes", 300_000), ("1:02:03", 3_723_000)]
)
def test_holds_are_read_as_written_not_as_yaml_numbers(hold, low):
    assert parse_sequence(with_hold(hold), FILE).poses[0].hold.low == low


@pytest.mark.parametrize(("hold", "fragment"), [("010", "leading 0 is read as octal"), ("0x10", "starting with 0x")])
def test_octal_and_hex_holds_are_refused(hold, fragment):
    e = sequence_error(with_hold(hold))
    assert e.line == 5 and fragment in str(e)


def test_a_hold_under_a_second_is_refused_not_raised_to_a_second():
    e = sequence_error(with_hold("0.5s"))
    assert e.line == 5 and "shorter than a second" in str(e)


# A rate is a whole number of words per minute: 140.7 is reported, not cut to 140.
def test_a_fractional_rate_is_reported():
    e = sequence_error(MINIMAL + "    rate: 140.7\n")
    assert e.line == 6 and "whole number" in str(e)


# --- errors with file:line and a fix ------------------------------------------------------------

ROUND = """\
title: T
poses:
  - name: Rest
    setup: Lie down.
    hold: 10s
  - round:
      - name: Reach
        setup: Reach up.
        hold: 5s
    repeat: 3
"""
BAD = [
    # the top level
    pytest.param("- Rest\n- Twist\n", 1, ["the top level must be a mapping of keys (title,", "not a list"], id="list"),
    pytest.param("hello\n", 1, ["the top level must be a mapping", "not 'hello'"], id="scalar"),
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
        ["poses[1] (Rest).setup must be a text or a list, not a mapping; write - {say: ...} in a list"],
        id="setup-mapping",
    ),
    pytest.param(
        MINIMAL + "    props: [[mat]]\n", 6, ["poses[1] (Rest).props[1] must be text, not a list"], id="props-nested"
    ),
    pytest.param(MINIMAL + "voice: 140\n", 6, ["voice must be a mapping of keys", "not the number 140"]),
    pytest.param(MINIMAL + "    release: yes\n", 6, ["release must be text, not yes (a yes/no)"], id="release-bool"),
    # missing required fields
    pytest.param(MINIMAL.replace("title: Test practice\n", ""), 1, ["the top level is missing 'title'"], id="no-title"),
    pytest.param("title: T\n", 1, ["the top level is missing 'poses'"], id="no-poses"),
    pytest.param(
        MINIMAL.replace("  - name: Rest\n    setup", "  - setup"), 3, ["poses[1] is missing 'name'"], id="no-name"
    ),
    pytest.param(MINIMAL.replace("    setup: Lie down.\n", ""), 3, ["poses[1] is missing 'setup'"], id="no-setup"),
    pytest.param(MINIMAL.replace("    hold: 10s\n", ""), 3, ["poses[1] is missing 'hold'"], id="no-hold"),
    # empty values and lists
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
    pytest.param(MINIMAL + "voice:\n  rate: yes\n", 7, ["voice.rate must be a number, not yes (a yes/no)"]),
    pytest.param(MINIMAL + "voice:\n  rate: .nan\n", 7, ["voice.rate must be between 80 and 400, not .nan"]),
    pytest.param(MINIMAL + "voice:\n  volume: 0\n", 7, ["voice.volume must be between 0.05 and 1, not 0"]),
    pytest.param(MINIMAL + "breath:\n  inhale: 0s\n", 7, ["breath.inhale must be a duration between 1s and 30s"]),
    pytest.param(MINIMAL + "pauses:\n  step: soon\n", 7, ["pauses.step: 'soon' is not a duration"]),
    # cues and bells inside holds, end bells
    *[
        pytest.param(
            MINIMAL + f"    time_cues: {value}\n",
            6,
            [
                f"poses[1] (Rest).time_cues{at}: {shown} is not a time cue",
                "write halfway, or a time before the hold ends such as 1m left",
            ],
            id=f"time-cue-{value}",
        )
        for value, at, shown in [
            ("1m", "", "'1m'"),
            ("[halfway, soon left]", "[2]", "'soon left'"),
            ("[30]", "[1]", "the number 30"),
            ("0s left", "", "'0s left'"),
            ("half", "", "'half'"),
        ]
    ],
    pytest.param(
        MINIMAL + "time_cues: [1m left, 60s left]\n",
        6,
        ["time_cues[2]: '60s left' names a moment already"],
        id="time-cue-twice",
    ),
    *[
        pytest.param(
            MINIMAL + f"    bells: {value}\n",
            6,
            [
                f"poses[1] (Rest).bells{at}: {shown} is not a bell time",
                "write every 5m, or times from the start of the hold such as 2m or [2m, 4m]",
            ],
            id=f"bells-{value}",
        )
        for value, at, shown in [
            ("soon", "", "'soon'"),
            ("every soon", "", "'every soon'"),
            ("[1m, x]", "[2]", "'x'"),
            ("[-5s]", "[1]", "'-5s'"),
            ("yes", "", "yes (a yes/no)"),
        ]
    ],
    pytest.param(
        MINIMAL + "bells: every 2s\n",
        6,
        ["bells: every 2s is too often for bells; write every 10s or more"],
        id="bells-often",
    ),
    pytest.param(MINIMAL + "bells: [1m, 60]\n", 6, ["bells names a time twice"], id="bells-twice"),
    pytest.param(MINIMAL + "bell: gong\n", 6, ["bell must be one of bowl, chime, double, none, not 'gong'"], id="bell"),
    # rounds
    pytest.param(
        MINIMAL + "    repeat: 0\n", 6, ["poses[1] (Rest).repeat must be between 1 and 50, not 0"], id="repeat-0"
    ),
    pytest.param(
        MINIMAL + "    repeat: 2.5\n",
        6,
        ["poses[1] (Rest).repeat must be a whole number of rounds, not 2.5"],
        id="repeat-fraction",
    ),
    pytest.param(MINIMAL + "    repeat: twice\n", 6, ["repeat must be a number, not 'twice'"], id="repeat-text"),
    pytest.param(
        ROUND.replace("repeat: 3", "repeat: 99"),
        10,
        ["poses[2].repeat must be between 1 and 50, not 99"],
        id="round-repeat",
    ),
    pytest.param(ROUND.replace("    repeat: 3\n", ""), 6, ["poses[2] is missing 'repeat'"], id="round-no-repeat"),
    pytest.param(
        ROUND.replace("    repeat: 3", "    times: 3"),
        10,
        ["unknown key poses[2].times", "known keys: round,"],
        id="round-unknown-key",
    ),
    pytest.param(
        ROUND.replace(
            "  - round:\n      - name: Reach\n        setup: Reach up.\n        hold: 5s\n", "  - round: []\n"
        ),
        6,
        ["poses[2].round must be a list of the poses of one round"],
        id="round-empty",
    ),
    pytest.param(
        ROUND.replace("hold: 5s\n", "hold: 5s\n        repeat: 2\n"),
        10,
        ["poses[2].round[1].repeat: a pose in a round plays once a round; set repeat on the round"],
        id="round-pose-repeat",
    ),
    pytest.param(
        ROUND.replace("      - name: Reach", "      - round: [x]\n        repeat: 2\n      - name: Reach"),
        7,
        ["poses[2].round[1]: a round cannot hold another round"],
        id="round-nested",
    ),
    pytest.param(
        ROUND.replace("hold: 5s", "hold: 5 parsecs"),
        9,
        ["poses[2].round[1] (Reach).hold: '5 parsecs'"],
        id="round-pose-error",
    ),
    # --- issue 23: positions, steps, cautions, the library's words for a pose ---
    pytest.param(
        MINIMAL + "    position: floating\n",
        6,
        ["poses[1] (Rest).position must be one of standing, chair, seated, kneeling,", "not 'floating'"],
        id="position",
    ),
    pytest.param(
        MINIMAL.replace("setup: Lie down.", "setup: [{say: Lie down., move: 5 parsecs}]"),
        4,
        ["poses[1] (Rest).setup[1].move: '5 parsecs' is not a duration"],
        id="step-move",
    ),
    pytest.param(
        MINIMAL.replace("setup: Lie down.", "setup: [{say: Lie down., move: 3m}]"),
        4,
        ["poses[1] (Rest).setup[1].move must be a duration between 0s and 120s"],
        id="step-move-long",
    ),
    pytest.param(
        MINIMAL.replace("setup: Lie down.", "setup:\n      - Sit.\n      - {say: Lie down., mvoe: 8s}"),
        6,
        ["unknown key poses[1] (Rest).setup[2].mvoe; did you mean 'move'?"],
        id="step-typo",
    ),
    pytest.param(
        MINIMAL.replace("setup: Lie down.", "setup: [{move: 8s}]"), 4, ["setup[1] is missing 'say'"], id="step-say"
    ),
    pytest.param(
        MINIMAL.replace("setup: Lie down.", "setup: [{say: Lie down., first_side: yes please}]"),
        4,
        ["poses[1] (Rest).setup[1].first_side must be true or false"],
        id="step-first-side",
    ),
    pytest.param(
        MINIMAL + "    second_side: [{say: Again., first_side: true}]\n",
        6,
        ["unknown key poses[1] (Rest).second_side[1].first_side; known keys: say, move"],
        id="second-side-first",
    ),
    pytest.param(
        MINIMAL + "    transition_in: true\n",
        6,
        ["poses[1] (Rest).transition_in must be false or a text to say instead of the automatic move, not true"],
        id="transition-in-true",
    ),
    pytest.param(
        MINIMAL + "    counter: [knees-to-chset]\n",
        6,
        ["poses[1] (Rest).counter: no pose 'knees-to-chset' in the library; did you mean 'knees-to-chest'?"],
        id="counter-unknown",
    ),
    pytest.param(
        MINIMAL + "    cautions: [{say: Careful., when: later}]\n",
        6,
        ["poses[1] (Rest).cautions[1].when must be one of setup, not 'later'"],
        id="caution-when",
    ),
    pytest.param(
        MINIMAL + "    focus: [hips, toes]\n",
        6,
        ["poses[1] (Rest).focus must be one of lower-back, hips,", "not 'toes'"],
        id="focus",
    ),
    pytest.param(
        MINIMAL.replace("poses:", "gather: soon\nposes:"),
        2,
        ["gather must be a duration such as 45s, or none, not 'soon'"],
        id="gather",
    ),
]


@pytest.mark.parametrize(("text", "line", "fragments"), BAD)
def test_bad_sequence_is_reported_at_its_line(text, line, fragments):
    assert_reported_at(sequence_error(text), line, fragments)


def test_unknown_key_after_a_comment_reports_line_7():
    text = "# Evening practice\n" + MINIMAL + "    reminder: Breathe.\n"
    assert str(sequence_error(text)).startswith(f"{FILE}:7: unknown key")


def test_error_in_second_pose_reports_its_line():
    text = MINIMAL + "  - name: Twist\n    setup: Turn.\n    hold: 5 parsecs\n"
    e = sequence_error(text)
    assert e.line == 8
    assert "poses[2] (Twist).hold" in str(e)


def test_load_sequence_reports_the_path_and_line(tmp_path, write_seq):
    path = write_seq(MINIMAL + "    reminder: Breathe.\n")
    e = load_error(path)
    assert str(e).startswith(f"{path}:6: ")
    assert "did you mean 'reminders'?" in str(e)


def test_unknown_key_with_a_block_value_reports_the_key_line():
    text = MINIMAL + "    reminder:\n      - Breathe.\n"  # the key is on line 6, its list item on line 7
    assert sequence_error(text).line == 6


@pytest.mark.parametrize("hold", ["[5m]", "{low: 5m}"])
def test_hold_that_is_a_list_or_mapping_has_a_readable_message(hold):
    e = sequence_error(with_hold(hold))
    assert e.line == 5
    assert "Located" not in str(e)


# --- pronounce: how words are said ---------------------------------------------------------------


def test_a_pronounce_block_loads_as_pairs_in_order():
    seq = parse_sequence(
        MINIMAL + "pronounce:\n  Savasana: shah-VAH-sah-nah\n  'Adho   Mukha': <b>AH-doh</b> MOO-kah\n"
    )
    assert seq.pronounce == (("Savasana", "shah-VAH-sah-nah"), ("Adho Mukha", "AH-doh MOO-kah"))  # blanks folded
    assert parse_sequence(MINIMAL).pronounce == ()


@pytest.mark.parametrize(
    ("block", "line", "fragments"),
    [
        ("pronounce: Savasana\n", 6, ["pronounce must map words to how they are said", "Savasana: shah"]),
        ("pronounce: [Savasana, shah]\n", 6, ["pronounce must map words to how they are said"]),
        ("pronounce:\n  Savasana: ''\n", 7, ["pronounce.Savasana is empty"]),
        ("pronounce:\n  Savasana:\n", 7, ["pronounce.Savasana must be text, not nothing"]),
        ("pronounce:\n  Savasana: 42\n", 7, ["pronounce.Savasana must be text, not the number 42"]),
        ("pronounce:\n  Savasana: [shah, vah]\n", 7, ["pronounce.Savasana must be text, not a list"]),
        ("pronounce:\n  Savasana: '[pause 2s]'\n", 7, ["pronounce.Savasana has no words in it"]),
        ("pronounce:\n  '...': dots\n", 7, ["pronounce: '...' has no word in it"]),
        ("pronounce:\n  Savasana: shah\n  Ujjayi: 3.5\n", 8, ["pronounce.Ujjayi must be text, not the number 3.5"]),
        ("pronounce:\n  Savasana: shah\n  Savasana: vah\n", 8, ["duplicate key"]),
        ('pronounce:\n  Savasana: "a\\x1bb"\n', 7, ["control character"]),
    ],
    ids=[
        "a-text",
        "a-list",
        "empty",
        "nothing",
        "number",
        "list",
        "only-a-pause",
        "no-word",
        "second-entry",
        "duplicate",
        "control-character",
    ],
)
def test_a_bad_pronounce_block_is_reported_at_its_line(block, line, fragments):
    assert_reported_at(sequence_error(MINIMAL + block), line, fragments)


def test_the_user_s_pronunciations_file_reports_its_own_path_and_line(tmp_path):
    from voicekit.sequence.loader import load_pronunciations

    assert load_pronunciations(tmp_path / "missing.yaml") == ()
    path = tmp_path / "pronounce.yaml"
    path.write_text("Savasana: shah-VAH-sah-nah\nUjjayi: oo-JAI-ee\n")
    assert load_pronunciations(path) == (("Savasana", "shah-VAH-sah-nah"), ("Ujjayi", "oo-JAI-ee"))
    path.write_text("Savasana: shah-VAH-sah-nah\nUjjayi: [oo, jai]\n")
    with pytest.raises(SequenceError) as info:
        load_pronunciations(path)
    assert (info.value.file, info.value.line) == (str(path), 2) and "must be text, not a list" in str(info.value)


# --- a practice in another language: language:, phrases:, sides in its words ----------------------------

GERMAN = MINIMAL.replace("hold: 10s", "hold: 5-8 Atemzüge") + "language: de\n"  # language: on line 6
TWO_SIDED = """\
title: Drehung
language: de
poses:
  - name: Drehung
    sides: [{sides}]
    setup: Lass die Knie nach {{side}} sinken, zu deiner {{other_side:linken}} Hand.
    hold: 6 Atemzüge
"""


def test_language_reads_holds_and_sides_in_its_words():
    seq = parse_sequence(TWO_SIDED.format(sides="links, rechts"), FILE)
    assert (seq.language, seq.poses[0].sides, seq.poses[0].hold) == ("de", ("left", "right"), Hold(6, 6, True))
    assert parse_sequence(TWO_SIDED.format(sides="right, left"), FILE).poses[0].sides == ("right", "left")
    assert parse_sequence(GERMAN, FILE).poses[0].hold == Hold(5, 8, breaths=True)
    assert parse_sequence(MINIMAL + "language: pt-BR\n", FILE).language == "pt-br"


@pytest.mark.parametrize(
    ("text", "line", "fragments"),
    [
        (MINIMAL + "language: Deutsch!\n", 6, ["language must be a language tag such as en, de, es, fr or pt-BR"]),
        (
            MINIMAL + "language: sv\n",
            6,
            ["language sv: voicekit has no phrases in it, so phrases: must give them all; missing: breath.in,",
             "`voicekit phrases` prints them"],
        ),
        (MINIMAL + "phrases:\n  breath.inn: Einatmen.\n", 7,
         ["unknown key phrases.breath.inn; did you mean 'breath.in'?"]),
        (MINIMAL + "phrases:\n  count: '{x}.'\n", 7, ["phrases.count: unknown placeholder {x}; known here: {n}"]),
        (MINIMAL + "phrases:\n  count: '{n'\n", 7,
         ["phrases.count: '{n' has a { that is not part of a placeholder; write a placeholder whole, like {n}"]),
        (MINIMAL + "phrases:\n  round: 'Round {{n}} of {m}.'\n", 7, ["phrases.round: 'Round {{n}} of {m}.' has a {"]),
        (MINIMAL + "phrases: Einatmen\n", 6, ["phrases must map phrase keys to texts"]),
        (TWO_SIDED.format(sides="rechts, oben"), 5,
         ["sides must be one of rechts, links (or right, left), not 'oben'"]),
        (TWO_SIDED.format(sides="rechts, right"), 5, ["names a side twice; write [rechts, links] or [links, rechts]"]),
        (
            TWO_SIDED.format(sides="rechts, links").replace("{other_side:linken}", "{other_side:linkn}"),
            6,
            ["unknown placeholder {other_side:linkn}; known here: {side} and {other_side}, and the side words' "
             "forms such as {side:rechte}"],
        ),
        (GERMAN.replace("5-8 Atemzüge", "5 Atemzuege"), 5, ["try 90 Sekunden, 5 Minuten"]),
    ],
)  # fmt: skip
def test_a_language_mistake_is_reported_at_its_line(text, line, fragments):
    assert_reported_at(sequence_error(text), line, fragments)


def test_a_language_of_one_s_own_is_written_in_phrases():
    from voicekit.language.phrases import required

    own = "".join(f"  {key}: Ord.\n" for key in required("sv")).replace("side.right: Ord.", "side.right: höger")
    seq = parse_sequence(MINIMAL + "language: sv\nphrases:\n" + own, FILE)
    assert seq.language == "sv" and ("side.right", "höger") in seq.phrases


def test_a_pose_file_has_a_language_too(tmp_path):
    poses = tmp_path / "mine.yaml"
    poses.write_text(
        "language: de\nposes:\n  - id: drehung\n    name: Drehung\n    sides: [rechts, links]\n"
        "    setup: Knie nach {side}.\n    hold: 5 Atemzüge\n",
        encoding="utf-8",
    )
    seq = parse_sequence(f"title: T\nlanguage: de\nlibrary: [{poses}]\nposes:\n  - use: drehung\n", FILE)
    assert seq.poses[0].sides == ("right", "left") and seq.poses[0].hold == Hold(5, 5, breaths=True)
    assert seq.poses[0].language == "de"


def test_time_cues_bells_and_rounds_load_as_written():
    from voicekit.sequence.model import Bells, Round, TimeCue

    seq = parse_sequence(
        ROUND.replace("title: T\n", "title: T\ntime_cues: [Halfway, 1:30 left]\nbells: every 5m\nbell: Double\n")
        + "    name: Flow\n  - name: Sit\n    setup: Sit.\n    hold: 20m\n    bells: [4m, 2m]\n    time_cues: []\n"
        "    repeat: 2\n",
        FILE,
    )
    assert (seq.time_cues, seq.bells, seq.bell) == ((TimeCue(), TimeCue(90_000)), Bells(every_ms=300_000), "double")
    assert [p.name for p in seq.poses] == ["Rest", "Reach", "Sit"]
    assert seq.rounds == (Round(1, 1, 3, "Flow", 9), Round(2, 1, 2, None, 15))
    assert (seq.poses[0].time_cues, seq.poses[0].bells) == (None, None)  # the sequence's
    assert (seq.poses[2].time_cues, seq.poses[2].bells) == ((), Bells(at_ms=(120_000, 240_000)))


# --- a bed from a file --------------------------------------------------------------------------------


def test_a_bed_file_is_found_beside_the_sequence(tmp_path, write_seq):
    (tmp_path / "sounds").mkdir()
    (tmp_path / "sounds" / "rain.ogg").write_bytes(b"OggS and more")
    path = write_seq(MINIMAL + "bed:\n  level: -24\n  file: sounds/rain.ogg\n")
    bed = load_sequence(path).bed
    assert bed is not None
    assert bed.file == str((tmp_path / "sounds" / "rain.ogg").resolve())
    assert (bed.level, bed.line, bed.origin, bed.name) == (-24, 8, str(path), "rain.ogg")


@pytest.mark.parametrize(
    "bed, line, fragment",
    [
        ("{file: rain.mp3}", 6, "bed.file: rain.mp3 does not exist (paths are relative to this file)"),
        ("{file: sounds}", 6, "bed.file: sounds is a folder, not a regular file"),
        ("{file: /dev/null}", 6, "bed.file: /dev/null is a character device, not a regular file"),
        ("{file: rain.fifo}", 6, "bed.file: rain.fifo is a FIFO, not a regular file"),
        ("{file: empty.wav}", 6, "bed.file: empty.wav is empty"),
        ("{file: ''}", 6, "bed.file must be the path of an audio file"),
        ("\n  kind: drone\n  file: empty.wav", 8, "bed: give a kind or a file, not both"),
    ],
)
def test_a_bed_file_that_cannot_be_used_is_refused_at_its_line(tmp_path, write_seq, bed, line, fragment):
    import os

    (tmp_path / "sounds").mkdir()
    (tmp_path / "empty.wav").write_bytes(b"")
    os.mkfifo(tmp_path / "rain.fifo")
    path = write_seq(MINIMAL + f"bed: {bed}\n")
    e = load_error(path)
    assert str(e).startswith(f"{path}:{line}: ") and fragment in str(e)


# Values are quoted as written: YAML reads yes as True, 100000000 as 1e+08 and 1.5e+3 as 1500.0, and
# the messages said so.
@pytest.mark.parametrize(
    ("key", "written", "message"),
    [
        ("hold", "yes", "poses[1] (Rest).hold: 'yes' is not a duration"),
        ("repeat", "100000000", "poses[1] (Rest).repeat must be between 1 and 50, not 100000000"),
        ("rate", "1.5e+3", "poses[1] (Rest).rate must be between 80 and 400, not 1.5e+3"),
        ("sides", "[yes, no]", "poses[1] (Rest).sides must be one of right, left, not yes (a yes/no)"),
        ("breath_cues", "on", "poses[1] (Rest).breath_cues must be one of guided, counted, silent, not on (a yes/no)"),
        ("time_cues", "[Yes]", "poses[1] (Rest).time_cues[1]: Yes (a yes/no) is not a time cue"),
        ("name", "1.0e+3", "poses[1].name must be text, not the number 1.0e+3; quote it if you mean the number"),
    ],
)
def test_a_value_is_quoted_back_as_written(key, written, message):
    pose = {"name": "Rest", "setup": "Lie down.", "hold": "10s", key: written}
    text = "title: T\nposes:\n  -\n" + "".join(f"    {k}: {v}\n" for k, v in pose.items())
    assert message in str(sequence_error(text))


# A file that is not a mapping was printed whole, on one line: all of /etc/passwd, named by library:.
@pytest.mark.parametrize(("named_by", "keys"), [("library", "language, poses"), ("argument", "title, description,")])
def test_a_file_that_is_not_a_mapping_is_quoted_short(tmp_path, run_cli, named_by, keys):
    passwd = tmp_path / "passwd"
    passwd.write_text("".join(f"user{i}:x:{i}:{i}:User {i}:/home/user{i}:/bin/sh\n" for i in range(200)))
    seq = tmp_path / "s.yaml"
    seq.write_text(f"title: T\nlibrary: {passwd}\nposes:\n  - use: rest\n")  # the library is read for a use
    line = assert_one_line_error(run_cli("check", seq if named_by == "library" else passwd))
    # A library file that cannot be read is set aside and named where a pose it might hold is missing.
    assert f"{passwd}:1: the top level must be a mapping of keys ({keys}" in line
    assert "), not 'user0:x:0:0:User 0:/home/user0:/bin/s...'" in line
    assert len(line) < 2 * len(str(passwd)) + 300  # the two paths and the words, not the file


def test_the_library_s_words_for_a_pose_are_read_and_a_use_may_change_them():
    text = MINIMAL + (
        "    position: SUPINE\n    props: [Strap, two cushions, strap]\n    focus: hips\n    avoid: []\n"
        "    transition_in: false\n    cautions: [Printed., {say: Spoken.}]\n    counter: knees-to-chest\n"
    )
    (pose,) = parse_sequence(text, FILE).poses
    assert (pose.position, pose.props, pose.focus, pose.avoid) == ("supine", ("strap", "two cushions"), ("hips",), ())
    assert pose.transition_in is False and pose.counter == ("knees-to-chest",)
    assert [(c.text, c.spoken, c.line) for c in pose.cautions] == [("Printed.", False, 11), ("Spoken.", True, 11)]
    assert parse_sequence(MINIMAL, FILE).gather_ms == 45_000
    assert parse_sequence(MINIMAL.replace("poses:", "gather: none\nposes:"), FILE).gather_ms is None


def test_a_use_that_writes_its_own_set_up_keeps_the_library_s_second_side_unless_it_writes_one():
    text = (
        "title: T\nposes:\n  - use: reclining-twist\n    setup: [Come down., Lower your knees.]\n"
        "  - use: reclining-twist\n    setup: Lower your knees.\n    second_side: Again.\n"
    )
    kept, own = parse_sequence(text, FILE).poses
    assert kept.second_side == parse_sequence("title: T\nposes: [{use: reclining-twist}]\n", FILE).poses[0].second_side
    assert kept.steps(first=False) == kept.second_side and len(kept.second_side) == 2
    assert own.steps(first=False) == (Step("Again."),)
