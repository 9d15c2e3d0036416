"""What a value may look like: a text to speak (markup stripped, blanks folded, real words, known
placeholders, well-formed pauses, not too long) and a number YAML read in decimal."""

from __future__ import annotations

import pytest
import yaml
from helpers import ESPEAK, FILE, MINIMAL, PRACTICE, assert_reported_at, sequence_error

from voicekit.pipeline import build
from voicekit.sequence.loader import parse_sequence
from voicekit.sequence.model import Step


def test_texts_are_joined_into_single_spaced_lines():
    text = MINIMAL.replace("setup: Lie down.", "setup: >\n      Lie   down\n      slowly.")
    text += "    release: |\n      Roll\n      up.\n"
    pose = parse_sequence(text, FILE).poses[0]
    assert pose.setup == (Step("Lie down slowly."),)
    assert pose.release == "Roll up."


def test_a_tab_or_a_newline_escape_is_only_a_space():
    pose = parse_sequence(MINIMAL.replace("setup: Lie down.", 'setup: "Lie\\tdown.\\nRest."'), FILE).poses[0]
    assert pose.setup == (Step("Lie down. Rest."),)


def test_text_of_exactly_1000_characters_is_fine():
    seq = parse_sequence(MINIMAL + "    release: " + "a" * 1000 + "\n", FILE)
    assert seq.poses[0].release is not None and len(seq.poses[0].release) == 1000


# Markup is stripped only where it is a well-formed tag: "A lone < bracket and 3 > 2." stays as written.
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
    assert parse_sequence(text, FILE).poses[0].setup == (Step(spoken),)


@pytest.mark.slow
def test_markup_in_a_text_is_stripped_never_interpreted(tmp_path):
    plain = PRACTICE.format(hold="5s")
    marked = plain.replace(
        "Lie down on your back.", '"<prosody rate=\\"x-fast\\">Lie down on your back.</prosody>[[h@\'loU]]"'
    )
    assert marked != plain
    results = []
    for name, text in (("plain", plain), ("marked", marked)):
        seq = tmp_path / f"{name}.yaml"
        seq.write_text(text)
        results.append(build(seq, ESPEAK, output=tmp_path / f"{name}.wav", cache_dir=tmp_path / "c"))
    assert results[1].synthesized == 0  # the same words, so the same clip
    assert results[0].timeline.cues == results[1].timeline.cues


# A pause is written exactly like [pause 3s]: anything that merely starts like one is reported, never spoken.
@pytest.mark.parametrize("text", ["Lie down. [pauses 3s] Rest.", "Lie down. [pause3s] Rest."])
def test_misspelt_pause_markup_is_reported(text):
    e = sequence_error(MINIMAL.replace("Lie down.", f"'{text}'"))
    assert e.line == 4 and "is not a pause; write it like [pause 3s]" in str(e)


BAD = [
    # empty texts
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
        MINIMAL.replace("Lie down.", '"[[l@I daUn]]"'),
        4,
        ["poses[1] (Rest).setup is only markup ([[...]] and <tags> are never spoken); write the words to speak"],
        id="setup-only-markup",
    ),
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
    # a brace never closed, or never opened, was accepted and the letters inside it spoken
    pytest.param(
        MINIMAL + "    sides: [right, left]\n    release: Turn to the {side.\n",
        7,
        [
            "poses[1] (Rest).release: 'Turn to the {side.' has a { that is not part of a placeholder; write a "
            "placeholder whole, like {side}"
        ],
        id="brace-unclosed",
    ),
    pytest.param(
        MINIMAL + "outro: Thank you :}\n",
        6,
        ["outro: 'Thank you :}' has a } that is not part of a placeholder; remove it"],
        id="brace-unopened",
    ),
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
]


@pytest.mark.parametrize(("text", "line", "fragments"), BAD)
def test_bad_text_is_reported_at_its_line(text, line, fragments):
    assert_reported_at(sequence_error(text), line, fragments)


# YAML 1.1 reads 0x8C, 0214 and 2:20 as 140 and 1_40 too: a number is taken only as a plain decimal.
@pytest.mark.parametrize("rate", ["0x8C", "0214", "2:20", "1_40"])
def test_a_rate_in_another_base_is_refused(rate):
    e = sequence_error(MINIMAL + f"voice: {{rate: {rate}}}\n")
    assert e.line == 6
    assert f"YAML reads {rate} as" in str(e) and "plain decimal number" in str(e)
