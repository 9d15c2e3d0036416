"""Fitting a practice to a length: the session lasts the target within a second, holds stay sane."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from audio_tools import decode, mp3_seconds
from helpers import BUILT, FAKE, FITTED_MP3, ROOT, SHIPPED, assert_one_line_error
from mutagen.id3 import ID3

from voicekit.errors import OptionsError
from voicekit.pipeline import build, check, plan_of
from voicekit.plan.grid import SAMPLE_RATE
from voicekit.plan.listing import listing
from voicekit.plan.options import BuildOptions, Practice
from voicekit.sequence.durations import format_ms


def fake(length_ms: int | None = None, **kw: Any) -> BuildOptions:
    return replace(FAKE, length_ms=length_ms, **kw)


def targets(path: Path) -> list[int]:
    """Lengths across and beyond the practice's range: below the short end, inside, far above."""
    short, medium, long = listing(path).lengths_ms
    return [round(short * 0.9 / 1000) * 1000, round(medium / 60_000) * 60_000, round(long * 1.6 / 1000) * 1000]


def assert_sane(practice: Practice) -> None:
    for settled in practice.poses:
        assert settled.hold_ms >= 1000
        if settled.pose.hold.breaths:  # whole breaths, or a flow's whole rounds (each as long as its movements)
            assert settled.breaths >= 1
            assert settled.pose.flow or settled.hold_ms == settled.breaths * settled.breath.cycle_ms


@pytest.mark.parametrize("path", BUILT, ids=lambda p: p.stem)
def test_every_shipped_practice_plans_to_each_target_within_a_second(path, cache_dir):
    for target in targets(path):
        practice = check(path, fake(target))
        assert 0 <= plan_of(practice).total - target <= 1000, target  # never shorter: a player shows 20:00
        assert practice.fitted_ms == target
        assert_sane(practice)


def test_holds_move_together_through_the_ranges_before_going_beyond_them(cache_dir):
    path = SHIPPED
    short, _, long = listing(path).lengths_ms
    inside = check(path, fake(round((short + long) / 2 / 1000) * 1000))
    for settled in inside.poses:  # every hold strictly within its range, none at an end
        hold = settled.pose.hold
        value = settled.breaths if hold.breaths else settled.hold_ms
        assert hold.low <= value <= hold.high
    beyond = check(path, fake(round(long * 1.5 / 1000) * 1000))
    assert all(s.hold_ms > (s.pose.hold.high * (10_000 if s.pose.hold.breaths else 1)) for s in beyond.poses)


def test_a_hold_set_with_hold_stays_as_set(cache_dir):
    path = SHIPPED
    practice = check(path, fake(30 * 60_000, overrides=(("1", "4m"),)))
    assert practice.poses[0].hold_ms == 240_000 and practice.poses[0].fixed
    assert abs(plan_of(practice).total - 30 * 60_000) <= 1000


def test_breath_only_practices_land_too_the_quiet_between_poses_absorbing_the_rounding(write_seq, cache_dir):
    seq = write_seq("""\
        title: Breaths only
        poses:
          - {name: One, setup: Lie down., hold: 3-6 breaths}
          - {name: Two, setup: Sit up., hold: 4-8 breaths, sides: [right, left]}
        """)
    for target in (150_000, 191_000, 247_000):
        practice = check(seq, fake(target))
        assert abs(plan_of(practice).total - target) <= 1000
        assert all(s.breaths for s in practice.poses)


def test_too_short_names_the_shortest_possible_length(run_cli, cache_dir):
    ran = run_cli("plan", "desk-break", "--engine", "fake", "--length", "3m")
    line = assert_one_line_error(ran, "--length 3:00 is shorter than the speech alone", "ask for")
    shortest = line.split("ask for ")[1].split(" ")[0]
    minutes, seconds = shortest.split(":")
    practice = check("desk-break", fake((int(minutes) * 60 + int(seconds)) * 1000))
    assert all(s.hold_ms <= 10_000 for s in practice.poses)  # the shortest holds the rules allow


def test_absurdly_long_is_refused(run_cli, cache_dir):
    assert_one_line_error(run_cli("plan", "desk-break", "--engine", "fake", "--length", "3h"), "more than 3 times")


@pytest.mark.parametrize(
    "text, message",
    [("20", "say which unit"), ("20 parsecs", "not a duration"), ("30s", "a minute and 12 hours"), ("10m,", "empty")],
)
def test_bad_lengths_are_one_line(run_cli, cache_dir, text, message):
    assert_one_line_error(run_cli("plan", "desk-break", "--engine", "fake", "--length", text), message)


def test_length_and_scale_together_are_refused(cache_dir):
    with pytest.raises(OptionsError, match="--length and --scale"):
        check("desk-break", fake(600_000, scale=1.5))


def test_a_sequence_s_length_is_its_default_and_length_overrides_it(write_seq, cache_dir):
    text = (ROOT / "sequences" / "desk-break.yaml").read_text() + "length: 14m\n"
    seq = write_seq(text, "desk.yaml")
    assert abs(plan_of(check(seq, FAKE)).total - 14 * 60_000) <= 1000
    assert abs(plan_of(check(seq, fake(12 * 60_000))).total - 12 * 60_000) <= 1000


def test_a_bad_length_key_is_reported_at_its_line(write_seq, run_cli, cache_dir):
    seq = write_seq("title: T\nlength: 20 parsecs\nposes:\n  - {name: A, setup: Go., hold: 1m}\n")
    assert_one_line_error(run_cli("check", seq), f"{seq}:2:", "length")


def test_plan_shows_the_holds_it_chose(run_cli, cache_dir):
    out = run_cli("plan", "desk-break", "--engine", "fake", "--length", "15m").out
    assert out.startswith("fitted to 15:00: holds\n") and "Seated neck release" in out.splitlines()[1]


# Which target of each practice is also decoded whole: each kind at least once, the longest on the short practices.
DECODED = {"bedtime": 0, "lumbar-release": 0, "morning-mobility": 1, "desk-break": 2, "lumbar-release-de": -1,
           "sun-salutation-beginner": 2}  # fmt: skip
# (the German practice is the English one's shape: its decoding stands for theirs)


# Every shipped practice plans to each target (above) and builds to its planned length (test_shelf); the
# fitted MP3s are built for the practices of FITTED_MP3, whose shapes stand for the rest: 54 builds of
# 20-minute sessions were the slowest test of the suite.
FITTED = [path for path in BUILT if path.stem in FITTED_MP3]


def test_each_fitted_mp3_practice_has_a_target_decoded_whole():
    assert sorted(DECODED) == sorted(FITTED_MP3) == sorted(path.stem for path in FITTED)


@pytest.mark.slow
@pytest.mark.parametrize("path", FITTED, ids=lambda p: p.stem)
def test_each_fitted_mp3_lasts_its_target_within_a_second(path, tmp_path, shelf_built):
    """Each target's MP3, its length as players read it (the Info header); one target per practice
    also decoded whole."""
    store = shelf_built[path.stem].output.parent / "store"
    for i, target in enumerate(targets(path)):
        result = build(path, fake(target), output=tmp_path / f"{i}.mp3", companions=False, cache_dir=store)
        assert abs(mp3_seconds(result.output) * 1000 - target) <= 1000, target
        if i == DECODED.get(path.stem, 0):
            assert abs(len(decode(result.output)) / SAMPLE_RATE * 1000 - target) <= 1000, target
        assert result.practice.fitted_ms is not None
        fitted = result.practice.phrases.text("settings.fitted", length=format_ms(result.practice.fitted_ms))
        assert str(ID3(result.output).getall("COMM")[0]).startswith(fitted)  # "fitted to 19:32", in its language
        assert_sane(result.practice)


def test_the_summary_and_tags_say_fitted(run_cli, tmp_path, warm_cache, write_seq):
    seq = write_seq("title: T\nposes:\n  - {name: A, setup: Lie down., hold: 1-3m}\n")
    ran = run_cli("build", seq, "--engine", "fake", "--length", "2m", "-o", tmp_path / "t.mp3")
    assert ran.code == 0 and "2:00 (fitted to 2:00)" in ran.out.splitlines()[0]
    assert "fitted to 2:00" in str(ID3(tmp_path / "t.mp3")["COMM::eng"])


def test_a_check_lays_out_each_practice_once_in_a_row(monkeypatch, cache_dir):
    """The fit's last compile is of the practice it returns; the limits' check reuses it, not a compile
    again (a check of a composed practice was half compiles of what had just been compiled)."""
    import voicekit.pipeline as pipeline

    compiled: list[Practice] = []
    real = pipeline.compile_on_grid

    def counted(practice: Practice, samples: Any) -> Any:
        compiled.append(practice)
        return real(practice, samples)

    monkeypatch.setattr(pipeline, "compile_on_grid", counted)
    practice = check(BUILT[0], fake(20 * 60_000), cache_dir)
    assert len(compiled) > 2 and compiled[-1] is practice  # fitted, then its limits checked
    assert all(a is not b for a, b in itertools.pairwise(compiled))
    assert abs(plan_of(practice, cache_dir).total - 20 * 60_000) <= 1000
