"""The phrases voicekit itself speaks: numbers and times in words."""

from __future__ import annotations

import pytest

from voicekit.plan import phrases


@pytest.mark.parametrize(
    ("n", "words"),
    [(0, "zero"), (7, "seven"), (13, "thirteen"), (20, "twenty"), (45, "forty-five"), (100, "one hundred"),
     (115, "one hundred and fifteen"), (2000, "two thousand"), (2005, "two thousand and five"),
     (3120, "three thousand one hundred and twenty")],
)  # fmt: skip
def test_numbers_in_words(n, words):
    assert phrases.number(n) == words


@pytest.mark.parametrize(
    ("left_ms", "said"),
    [(None, "Halfway."), (60_000, "One minute left."), (30_000, "Thirty seconds left."),
     (120_000, "Two minutes left."), (90_000, "One minute and thirty seconds left."),
     (3_725_000, "One hour, two minutes and five seconds left.")],
)  # fmt: skip
def test_time_left_in_words(left_ms, said):
    assert phrases.time_left(left_ms) == said


def test_rounds_are_said_in_words_and_titled_in_digits():
    assert phrases.round_cue(2, 3) == "Round two of three."
    assert phrases.round_chapter(2, 3, "Cat and cow") == "Round 2 of 3: Cat and cow"
    assert [phrases.counted(n) for n in (1, 11, 21)] == ["One.", "Eleven.", "Twenty-one."]
