"""The MP3 frame join (issue 4): the joined file decodes like an encode of the whole session, exactly aligned."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import numpy as np
import pytest
from audio_tools import RATE, decode, mp3_frames

from voicekit.output import formats as export
from voicekit.output.mp3 import frames as mp3frames
from voicekit.output.mp3 import join as mp3join
from voicekit.output.mp3.framecache import FrameCache
from voicekit.pipeline import GRID, build, plan
from voicekit.plan.options import BuildOptions
from voicekit.plan.timeline import BELL, SPEECH
from voicekit.sound._pydub import AudioSegment

SEQUENCE = """\
title: Frame join test
intro: Welcome.
pauses: {step: 1s, pose: 2s}
poses:
  - name: Twist
    sides: [right, left]
    setup:
      - Lie on your back.
      - Lower your knees to the {side}.
    hold: 3 breaths
    breath_cues: guided
    reminders: [Knees level.]
    release: Come back to the centre.
outro: That is all.
"""


@pytest.fixture(scope="module")
def joined(tmp_path_factory):
    """The same timeline three ways: frame-joined MP3, plain PCM (WAV), and one streaming encode of that PCM."""
    tmp = tmp_path_factory.mktemp("join")
    seq = tmp / "join.yaml"
    seq.write_text(SEQUENCE.replace("{step: 1s", "{step: 1s"))
    cache = tmp / "cache"
    mp3 = build(seq, BuildOptions(breath_s=6), output=tmp / "join.mp3", cache_dir=cache, companions=False)
    wav = build(seq, BuildOptions(breath_s=6), output=tmp / "join.wav", cache_dir=cache, companions=False)
    assert mp3.timeline == wav.timeline
    reference = tmp / "reference.mp3"
    export.write([AudioSegment.from_wav(wav.output)], reference, "mp3")  # one encoder run over the session
    return SimpleNamespace(
        timeline=mp3.timeline,
        result=mp3,
        cache=cache,
        seq=seq,
        tmp=tmp,
        joined=decode(mp3.output),
        pcm=decode(wav.output),
        reference=decode(reference),
    )


def span(cue, timeline):
    return slice(timeline.sample(cue.start, RATE), timeline.sample(cue.end, RATE))


def snr_db(signal: np.ndarray, error: np.ndarray) -> float:
    return float(10 * np.log10(np.sum(signal**2) / max(np.sum(error**2), 1e-20)))


def test_lengths_are_exact_to_the_sample(joined):
    samples = joined.timeline.sample(joined.timeline.total, RATE)
    assert samples % mp3frames.FRAME == 0
    assert len(joined.joined) == len(joined.pcm) == samples
    assert abs(len(joined.reference) - samples) <= 1  # the streaming encode is gapless too


def test_every_cue_sits_on_a_whole_frame(joined):
    for cue in joined.timeline.cues:
        assert joined.timeline.sample(cue.start, RATE) % mp3frames.FRAME == 0
        assert abs(cue.start - round(cue.start / GRID.ms) * GRID.ms) <= 0.5


def test_joined_file_matches_the_reference_encode_within_the_codec(joined):
    """Per spoken cue: the joined file is as close to the PCM as one encode of the whole session is,
    and differs from that encode by no more than the codec's own error."""
    worst = []
    for cue in (c for c in joined.timeline.cues if c.kind in (SPEECH, BELL)):
        s = span(cue, joined.timeline)
        pcm, ours, theirs = joined.pcm[s], joined.joined[s], joined.reference[s]
        ours_snr, theirs_snr = snr_db(pcm, ours - pcm), snr_db(pcm, theirs - pcm)
        assert ours_snr > 15 and ours_snr > theirs_snr - 2, (cue.text, ours_snr, theirs_snr)
        worst.append((snr_db(theirs, ours - theirs), cue.text))
    print("worst joined-vs-reference SNR (dB):", min(worst))
    assert min(worst)[0] > 12


def test_timing_is_exact_no_offset(joined):
    """Cross-correlation of each spoken cue against the PCM peaks at lag 0."""
    for cue in (c for c in joined.timeline.cues if c.kind == SPEECH):
        s = span(cue, joined.timeline)
        pcm, ours = joined.pcm[s], joined.joined[s]
        lags = range(-40, 41)
        scores = [float(np.dot(pcm[40:-40], ours[40 + lag : len(ours) - 40 + lag])) for lag in lags]
        assert lags[int(np.argmax(scores))] == 0, cue.text


def test_silence_is_digital_silence_and_no_clicks_at_the_joins(joined):
    timeline, ours, pcm = joined.timeline, joined.joined, joined.pcm
    reference_error = np.max(np.abs(joined.reference - pcm))
    for a, b in itertools.pairwise(timeline.cues):
        at = timeline.sample(b.start, RATE)
        window = slice(max(0, at - 220), at + 220)  # 5 ms either side of the join
        if a.kind == b.kind == "silence":
            assert not np.any(ours[window]), (a, b)
        else:
            assert np.max(np.abs(ours[window] - pcm[window])) <= reference_error, (a.text, b.text)


def test_a_repeated_cue_decodes_identically_wherever_it_is_placed(joined):
    timeline = joined.timeline
    inhales = [c for c in timeline.cues if c.text == "Breathe in."]
    assert len(inhales) == 6
    first = joined.joined[span(inhales[0], timeline)]
    for cue in inhales[1:]:
        assert np.array_equal(joined.joined[span(cue, timeline)][: len(first)], first)


def test_every_frame_is_cbr_and_the_info_header_counts_them(joined):
    frames = mp3_frames(joined.result.output)
    assert set(frames) == {(64, 44100, True)}
    data = joined.result.output.read_bytes()
    start = data.index(b"Info") - 21  # the Info frame's header: 4 bytes, then 17 of side info
    info, audio = mp3frames.split(data[start:])[0], data[start + len(mp3frames.split(data[start:])[0]) :]
    field = lambda at, n: int.from_bytes(info[at : at + n], "big")  # noqa: E731
    assert field(29, 4) == len(frames) - 1  # audio frames after the Info frame
    assert field(33, 4) == len(data) - start  # bytes from the Info frame on
    assert field(141 + 21, 3) == 576 << 12 | (len(frames) - 1) * 1152 - 576 - len(joined.pcm)  # delay, padding
    assert field(141 + 32, 2) == mp3frames.crc16(audio)  # the music CRC, as ffmpeg computes it
    tag = bytearray(info[:190])
    tag[175:177] = b"\0\0"
    assert field(141 + 34, 2) == mp3frames.crc16(bytes(tag))


def test_a_rebuild_with_other_holds_runs_no_encoder(joined, monkeypatch):
    def no_encoder(*_args, **_kwargs):
        raise AssertionError("the encoder ran")

    monkeypatch.setattr(mp3join, "run_encoder", no_encoder)
    out = joined.tmp / "long.mp3"
    result = build(joined.seq, BuildOptions(holds="long", scale=3), output=out, cache_dir=joined.cache)
    assert result.synthesized == 0
    assert len(decode(out)) == result.timeline.sample(result.timeline.total, RATE)


def test_a_damaged_frame_cache_entry_is_made_again(joined, tmp_path):
    entries = sorted((joined.cache / "mp3").rglob("*.frames"))
    victim = entries[len(entries) // 2]
    victim.write_bytes(victim.read_bytes()[:-300])  # truncated mid-frame
    assert FrameCache(joined.cache).get(victim.stem) is None  # detected, and removed
    result = build(joined.seq, BuildOptions(breath_s=6), output=tmp_path / "again.mp3", cache_dir=joined.cache)
    assert FrameCache(joined.cache).get(victim.stem) is not None
    again = decode(result.output)
    assert len(again) == len(joined.joined)
    for cue in (c for c in joined.timeline.cues if c.kind == SPEECH):
        s = span(cue, joined.timeline)
        assert snr_db(joined.pcm[s], again[s] - joined.pcm[s]) > 15, cue.text


def test_plan_and_build_agree_on_the_grid(joined):
    assert plan(joined.seq, BuildOptions(breath_s=6), cache_dir=joined.cache) == joined.timeline
