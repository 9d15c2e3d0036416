"""What a built file says about itself: its title, artist and album with their fallbacks, and the
build settings in one line."""

from __future__ import annotations

from helpers import FAKE, MINIMAL

from voicekit.output.metadata import build_year, describe, settings
from voicekit.pipeline import build
from voicekit.plan.options import BuildOptions, resolve
from voicekit.sequence.loader import load_sequence, parse_sequence
from voicekit.speech.engines import settled


def test_tags_fall_back_to_voicekit_and_the_title(write_seq, tmp_path, warm_cache):
    from mutagen.id3 import ID3

    result = build(write_seq(MINIMAL), FAKE, output=tmp_path / "m.mp3", cache_dir=warm_cache)
    tags = ID3(result.output)
    assert (str(tags["TPE1"]), str(tags["TALB"])) == ("voicekit", "Test practice")
    assert "voice fake low 140 wpm" in str(tags.getall("COMM")[0])  # the voice id used, not only the engine


# The tags and the JSON say when a build had a bed, chimes or a pose of its own pace.
def test_build_settings_name_the_bed_chimes_and_pose_rates():
    seq = parse_sequence(MINIMAL + "    rate: 120\nbed: drone\nchimes: true\n")
    text = describe(settings(resolve(seq, BuildOptions(), settled)))
    assert "bed drone -30 dB" in text and "chimes" in text and "Rest at 120 wpm" in text


def test_build_settings_name_a_bed_file_by_its_name(write_seq, tmp_path):
    (tmp_path / "rain.mp3").write_bytes(b"sound")
    seq = load_sequence(write_seq(MINIMAL + "bed: {file: rain.mp3, level: -24}\n"))
    used = settings(resolve(seq, BuildOptions(), settled))
    assert used["bed"] == {"file": "rain.mp3", "level": -24}
    assert "bed rain.mp3 -24 dB" in describe(used)


def test_the_year_is_that_of_source_date_epoch_when_it_is_set(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert build_year() == "2026"
