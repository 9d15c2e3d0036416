"""The web's words for what went wrong: the library's messages without the server's folders and
without the command line's options, and a length it cannot fit as the minutes to choose."""

from __future__ import annotations

import pytest

from voicekit.errors import ExportError, SequenceError
from voicekit.output.targets import target
from voicekit.plan.fit import LengthError
from voicekit.web.words import for_phone, scrub


def test_a_file_in_the_way_is_named_without_its_folder_or_the_options(tmp_path):
    mine = tmp_path / "deep" / "x-long.md"
    mine.parent.mkdir()
    mine.write_text("my notes")
    with pytest.raises(ExportError) as caught:
        target(mine, "use --no-companions or another -o")
    assert str(tmp_path) in str(caught.value) and "--no-companions" in str(caught.value)
    assert for_phone(caught.value) == (
        "this version cannot be written: x-long.md exists and was not made by voicekit, so it is left alone"
    )


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("/home/sam/.config/voicekit/practices/a b.yaml:3: poses[1].hold: no", "a b.yaml:3: poses[1].hold: no"),
        (
            "the clip cache '/var/c/voicekit' is full; free some space or choose another --cache-dir",
            "the clip cache 'voicekit' is full",
        ),
        (
            "Twist: breath cue 'in' at 3s does not fit; left out (slow the --breath)",
            "Twist: breath cue 'in' at 3s does not fit; left out",
        ),
        ("no pose 'x' in the library; `voicekit poses` lists them", "no pose 'x' in the library"),
        ("--holds must be one of short, long", "holds must be one of short, long"),
        (r"C:\Users\sam\out\x.mp3: the disk is full", "x.mp3: the disk is full"),
        ("hold 5-8m (a range) is 2-sided; re-read it", "hold 5-8m (a range) is 2-sided; re-read it"),
    ],
)
def test_scrub_keeps_the_file_name_and_the_reason(message, shown):
    assert scrub(message) == shown


def test_a_length_is_answered_with_whole_minutes_inside_the_range():
    error = LengthError("/x/y.yaml: --length 10:00:00 is more than 3 times ...", 61_000, 369_000)
    assert for_phone(error) == "choose 2 to 6 minutes: that is how long this practice can be made to last"
    assert "short, medium or long" in for_phone(LengthError("", 61_000, 100_000))


def test_a_practice_that_cannot_be_read_says_so_with_its_file_and_line():
    error = SequenceError("poses[2].hold: '5 parsecs' is not a duration", "/srv/practices/flow.yaml", 12)
    assert for_phone(error) == "the practice cannot be read: flow.yaml:12: poses[2].hold: '5 parsecs' is not a duration"
