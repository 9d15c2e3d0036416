"""``voicekit import``: other tools' simple program files become sequences that last what they did."""

from __future__ import annotations

import pytest
from helpers import FAKE, assert_one_line_error

from voicekit.errors import SequenceError
from voicekit.pipeline import check, plan
from voicekit.plan.compiler import LEAD_IN_MS
from voicekit.plan.estimate import fake_clip_ms
from voicekit.plan.timeline import CueKind
from voicekit.sequence.importer import PLAIN_PAUSE_S

LINES = [
    ("Lie on your back and let your arms rest", 20),
    ("Draw both knees toward your chest", 30),
    ("Breathe out slowly", 0.5),
    ("Let your knees fall to the right", 45),
    ("Come back to the middle and rest", 10),
]
FORMATS = {
    "semicolon": "\n".join(f"{t}; {s:g}" for t, s in LINES),
    "bar": "# a comment line\n\n" + "\n".join(f"{t} | {s:g}" for t, s in LINES),
    "plain": "\n".join(t for t, _ in LINES),
}


def program_ms(kind: str) -> float:
    """The source program's length: each line's speech (the fake engine's exact length) and its silence."""
    pauses = [PLAIN_PAUSE_S if kind == "plain" else s for _, s in LINES]
    return sum(fake_clip_ms(t + ".", 140) + p * 1000 for (t, _), p in zip(LINES, pauses, strict=True))


@pytest.mark.parametrize("kind", sorted(FORMATS))
def test_each_format_becomes_a_sequence_that_checks_and_lasts_what_the_program_did(kind, run_cli, tmp_path, cache_dir):
    source = tmp_path / f"{kind}.txt"
    source.write_text(FORMATS[kind])
    ran = run_cli("import", source)
    out = tmp_path / f"{kind}.yaml"
    assert ran.code == 0 and ran.out.strip() == str(out), ran.err
    check(out, FAKE)
    timeline = plan(out, FAKE)
    spoken = [c.text for c in timeline.cues if c.kind is CueKind.SPEECH]
    assert [t.rstrip(".") for t in spoken[:2]] == [LINES[0][0], LINES[1][0]]
    assert not any(c.kind is CueKind.BELL for c in timeline.cues)
    # The speech estimate here is the fake engine's exact length, so what is left is the lead-in and
    # each cue's rounding up to whole MP3 frames.
    assert abs(timeline.total - LEAD_IN_MS - program_ms(kind)) <= 30 * len(LINES)


def test_a_short_silence_stays_a_pause_inside_the_text(tmp_path, cache_dir):
    source = tmp_path / "p.txt"
    source.write_text(FORMATS["semicolon"])
    from voicekit.sequence.importer import convert

    assert "Breathe out slowly [pause 0.5s]" in convert(source)


def test_a_malformed_line_is_named_with_its_line(run_cli, tmp_path):
    source = tmp_path / "p.txt"
    source.write_text("Lie down; 10\nthis line has no seconds; ten\n")
    assert_one_line_error(run_cli("import", source), f"{source}:2:", "text; seconds")
    assert not (tmp_path / "p.yaml").exists()


def test_import_never_writes_over_a_file(run_cli, tmp_path):
    source = tmp_path / "p.txt"
    source.write_text("Lie down; 10\n")
    (tmp_path / "p.yaml").write_text("mine\n")
    assert_one_line_error(run_cli("import", source), "already exists")
    assert (tmp_path / "p.yaml").read_text() == "mine\n"
    ran = run_cli("import", source, "-o", tmp_path / "other.yaml")
    assert ran.code == 0 and "Lie down" in (tmp_path / "other.yaml").read_text()


# What a sequence refuses in a text is refused at the program's line, and nothing is written.
@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Rest \x1b[31m now; 5", "the character '\\x1b' is not allowed in a text; delete it"),
        ("Rest \ufffe now; 5", "the character '\\ufffe' is not allowed in a text; delete it"),
        (
            "Turn to the {side}; 5",
            "the line: {side} is filled in only in a practice's texts; write the words themselves",
        ),
        ("Rest. " * 200 + "; 5", "the line is 1199 characters; split it into parts of at most 1000"),
        ("[[r@st]]; 5", "the line is only markup ([[...]] and <tags> are never spoken); write the words to speak"),
        ("Rest [pauses 2s] now; 5", "the line: '[pauses 2s] now' is not a pause; write it like [pause 3s]"),
    ],
)
def test_a_line_a_sequence_would_refuse_is_refused_at_its_line(run_cli, tmp_path, line, message):
    source = tmp_path / "p.txt"
    source.write_text(f"Lie down; 10\n{line}\nRest; 10\n", encoding="utf-8")
    line = assert_one_line_error(run_cli("import", source), f"{source}:2: {message}")
    assert "key" not in line and "pose" not in line
    assert sorted(tmp_path.iterdir()) == [source]


def test_a_program_too_big_to_read_is_refused_at_the_line_it_crosses(run_cli, tmp_path):
    from voicekit.sequence.importer import program, to_sequence

    source = tmp_path / "p.txt"
    source.write_text(("Rest " + '"' * 300 + "; 0.5\n") * 2000)  # 620 kB, each quote written \\" in YAML
    line = assert_one_line_error(run_cli("import", source), "the sequence would pass 1000 kB here", "; split")
    assert sorted(tmp_path.iterdir()) == [source]
    crossed = int(line.split(f"{source}:")[1].split(":")[0])
    lines = program(source.read_text(), str(source))
    assert len(to_sequence(lines[: crossed - 1], "T").encode()) <= 1_000_000  # the lines before it fit
    with pytest.raises(SequenceError):
        to_sequence(lines[:crossed], "T")


def test_a_program_larger_than_a_sequence_is_refused_as_a_program(run_cli, tmp_path):
    source = tmp_path / "p.txt"
    source.write_text("Rest; 1\n" * 130_000)
    line = assert_one_line_error(run_cli("import", source), f"{source}: is larger than 1000 kB", "split the program")
    assert "sequence?" not in line
    assert sorted(tmp_path.iterdir()) == [source]


def test_a_program_longer_than_12_hours_is_refused_at_the_line_it_crosses(run_cli, tmp_path):
    source = tmp_path / "p.txt"
    source.write_text("Rest; 40000\n" * 3)
    assert_one_line_error(run_cli("import", source), f"{source}:2: the program passes 12 hours here", "; split")
    assert sorted(tmp_path.iterdir()) == [source]


def test_a_program_its_words_take_past_12_hours_is_refused_whole(run_cli, tmp_path):
    source = tmp_path / "p.txt"
    source.write_text("Rest now; 43100\n" + "Rest and breathe slowly and deeply. " * 25 + "; 60\n")
    assert_one_line_error(run_cli("import", source), f"{source}: ", "12")
    assert sorted(tmp_path.iterdir()) == [source]


@pytest.mark.parametrize(
    ("name", "program"),
    [
        ("{side}", "Rest; 5\n"),
        ("rest [[r@st]]", "Rest; 5\n"),
        ("[pause", "Rest; 5\n"),
        ("odd", "' ' ' ' _ rest; 5\n''' now ___; 5\n"),
        ("quotes", 'Say "ah" \\ and rest: [not yaml]? # no; 5\n'),
    ],
)
def test_every_sequence_import_writes_passes_check(run_cli, tmp_path, cache_dir, name, program):
    source = tmp_path / f"{name}.txt"
    source.write_text(program)
    ran = run_cli("import", source, "-o", tmp_path / "out.yaml")
    assert ran.code == 0, ran.err
    check(tmp_path / "out.yaml", FAKE)
