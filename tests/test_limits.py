"""What a built file can hold (12 hours, 255 chapters) is known to check, plan and build alike, before
any work: the same one line from each, and nothing synthesized or written."""

from __future__ import annotations

import pytest
from helpers import PREFIX, assert_one_line_error, entries

from voicekit.plan.limits import MAX_CHAPTERS
from voicekit.speech.engines import settled
from voicekit.store import CLIP


def practice(poses: int, hold: str, extra: str = "") -> str:
    rows = [f"    hold: {hold}\n{extra}" for _ in range(poses)]
    return "title: T\nvoice: {engine: fake}\nposes:\n" + "".join(
        f"  - name: Pose {i}\n    setup: Go.\n{row}" for i, row in enumerate(rows)
    )


# Chapters: one per pose (the first holds the lead-in, without an intro) and the closing.
TOO_MANY = MAX_CHAPTERS  # poses: MAX_CHAPTERS + 1 chapters with the closing
CHAPTERS = (
    f"the session would have {MAX_CHAPTERS + 1} chapters; a file holds at most {MAX_CHAPTERS}: write fewer "
    "poses (each side of a pose is a chapter, and each time a round plays) or split the practice in two"
)
LONG = (
    "the session would last 13:02:22.5; the limit is 12 hours: shorten the holds (--holds short, --scale or "
    "--length) or split the practice in two"
)


# 256 chapters passed check, then failed after the whole encode: "could not write tags: bytes must be
# in range(0, 256)". A 13-hour session passed check and failed in plan and build.
@pytest.mark.parametrize(("text", "message"), [(practice(TOO_MANY, "5s"), CHAPTERS), (practice(13, "1h"), LONG)])
@pytest.mark.parametrize("command", ["check", "plan", "build"])
def test_what_a_build_would_refuse_check_and_plan_refuse_first(run_cli, tmp_path, cache_dir, text, message, command):
    seq = tmp_path / "big.yaml"
    seq.write_text(text)
    out = tmp_path / "out"
    out.mkdir()
    args = ["-o", out / "big.mp3"] if command == "build" else []
    assert assert_one_line_error(run_cli(command, seq, *args)) == f"{PREFIX}{seq}: {message}"
    assert list(out.iterdir()) == [] and entries(cache_dir, CLIP) == []  # refused before any work


@pytest.mark.slow
def test_the_most_chapters_a_file_holds_are_written_and_read_back(tmp_path, cache_dir):
    from voicekit.output.tags import read
    from voicekit.pipeline import build

    seq = tmp_path / "many.yaml"
    seq.write_text(practice(TOO_MANY - 1, "1s"))
    result = build(seq, output=tmp_path / "many.mp3", cache_dir=cache_dir, companions=False)
    meta = read(result.output)
    assert meta is not None and len(meta.chapters) == MAX_CHAPTERS
    assert meta.chapters[-1].title == "Closing"


# The limit is the built file's, not every timeline fitting tries: a practice 13 hours long as written
# fits to 2 hours, and one fitted to the whole 12 hours may end a few frames past them.
@pytest.mark.parametrize(
    ("text", "length", "total"),
    [
        (practice(13, "1h"), "2h", "total 2:00:00,"),
        (practice(7, "290 breaths", "    breath_cues: silent\n"), "12h", "total 12:00:00"),
    ],
    ids=["longer-as-written", "fitted-to-the-limit"],
)
def test_a_length_fitted_within_the_limit_is_planned(run_cli, tmp_path, cache_dir, text, length, total):
    seq = tmp_path / "long.yaml"
    seq.write_text(text)
    ran = run_cli("plan", seq, "--length", length)
    assert ran.code == 0, ran.err
    assert total in ran.out.splitlines()[-1]


# The limit is the file's: the compiler lays out any length (fitting tries many), limits.check judges it.
def test_the_limit_is_judged_on_the_timeline_not_while_compiling():
    from helpers import SHIPPED

    from voicekit.errors import OptionsError
    from voicekit.plan import limits
    from voicekit.plan.compiler import compile_timeline
    from voicekit.plan.options import BuildOptions, resolve
    from voicekit.sequence.loader import load_sequence

    practice = resolve(load_sequence(SHIPPED), BuildOptions(overrides=(("1", "11h"),), scale=1.5), settled)
    timeline = compile_timeline(practice, lambda t, r: 1000.0)
    assert timeline.total > limits.LONGEST_MS
    with pytest.raises(OptionsError, match="the limit is 12 hours"):
        limits.check(timeline, practice)
