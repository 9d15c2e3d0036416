"""``voicekit import``: other tools' simple program files become sequences that last what they did."""

from __future__ import annotations

import pytest
from conftest import FAKE, assert_one_line_error

from voicekit.pipeline import check, plan
from voicekit.plan.compiler import LEAD_IN_MS
from voicekit.plan.timeline import CueKind
from voicekit.sequence.importer import PLAIN_PAUSE_S
from voicekit.speech.engines.fake import expected_ms

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
    return sum(expected_ms(t + ".", 140) + p * 1000 for (t, _), p in zip(LINES, pauses, strict=True))


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
