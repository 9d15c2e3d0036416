"""The MP3 frame join: the joined file decodes like one encoder run over the whole session, exactly
aligned, silent where the session is silent, without clicks at the joins."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from audio_tools import snr_db

from voicekit.errors import StoreChanged
from voicekit.output.mp3 import encode, join
from voicekit.output.mp3 import frames as mp3frames
from voicekit.output.mp3.join import Block, Loop, Repeat, Stored
from voicekit.plan.grid import FRAME, GRID, SAMPLE_RATE
from voicekit.plan.timeline import CueKind
from voicekit.store import Store


def span(cue, timeline):
    return slice(timeline.sample(cue.start, SAMPLE_RATE), timeline.sample(cue.end, SAMPLE_RATE))


def test_lengths_are_exact_to_the_sample(joined):
    samples = joined.timeline.sample(joined.timeline.total, SAMPLE_RATE)
    assert samples % FRAME == 0
    assert len(joined.joined) == len(joined.pcm) == samples
    assert abs(len(joined.reference) - samples) <= 1  # the streaming encode is gapless too


def test_every_cue_sits_on_a_whole_frame(joined):
    for cue in joined.timeline.cues:
        assert joined.timeline.sample(cue.start, SAMPLE_RATE) % FRAME == 0
        assert abs(cue.start - round(cue.start / GRID.ms) * GRID.ms) <= 0.5


def test_joined_file_matches_the_reference_encode_within_the_codec(joined):
    """Per sounding cue: the joined file is as close to the PCM as one encode of the whole session is,
    and differs from that encode by no more than the codec's own error."""
    worst = []
    for cue in (c for c in joined.timeline.cues if c.kind in (CueKind.SPEECH, CueKind.BELL)):
        s = span(cue, joined.timeline)
        pcm, ours, theirs = joined.pcm[s], joined.joined[s], joined.reference[s]
        ours_snr, theirs_snr = snr_db(pcm, ours - pcm), snr_db(pcm, theirs - pcm)
        assert ours_snr > 15 and ours_snr > theirs_snr - 2, (cue.text, ours_snr, theirs_snr)
        worst.append((snr_db(theirs, ours - theirs), cue.text))
    assert min(worst)[0] > 12, f"worst joined-vs-reference SNR (dB): {min(worst)}"


def test_timing_is_exact_no_offset(joined):
    """Cross-correlation of each spoken cue against the PCM peaks at lag 0."""
    for cue in (c for c in joined.timeline.cues if c.kind is CueKind.SPEECH):
        s = span(cue, joined.timeline)
        pcm, ours = joined.pcm[s], joined.joined[s]
        lags = range(-40, 41)
        scores = [float(np.dot(pcm[40:-40], ours[40 + lag : len(ours) - 40 + lag])) for lag in lags]
        assert lags[int(np.argmax(scores))] == 0, cue.text


def test_silence_is_digital_silence_and_no_clicks_at_the_joins(joined):
    timeline, ours, pcm = joined.timeline, joined.joined, joined.pcm
    cues = timeline.cues
    silences = 0
    for i, cue in enumerate(cues):
        if cue.kind is CueKind.SILENCE:
            s = span(cue, timeline)
            # Every sample is zero, but for the codec's pre-echo of a sound that follows (under 10 ms).
            sound_next = i + 1 < len(cues) and cues[i + 1].sounds
            assert not np.any(ours[s.start : s.stop - (441 if sound_next else 0)]), cue
            silences += 1
    assert silences > 10
    reference_error = np.max(np.abs(joined.reference - pcm))
    for a, b in itertools.pairwise(cues):
        at = timeline.sample(b.start, SAMPLE_RATE)
        window = slice(max(0, at - 220), at + 220)  # 5 ms either side of the join
        assert np.max(np.abs(ours[window] - pcm[window])) <= reference_error, (a.text, b.text)


def test_a_repeated_cue_decodes_identically_wherever_it_is_placed(joined):
    timeline = joined.timeline
    inhales = [c for c in timeline.cues if c.text == "Breathe in."]
    assert len(inhales) == 2  # said in turn with its variants ("Inhale slowly." ...): on each side's first breath
    first = joined.joined[span(inhales[0], timeline)]
    for cue in inhales[1:]:
        assert np.array_equal(joined.joined[span(cue, timeline)][: len(first)], first)


def test_a_run_of_a_loop_has_the_bytes_and_the_crc_of_its_frames():
    """A loop's runs (silence, or the bed) are written and checksummed in O(log n) pieces: the pieces
    are the frames repeated, and their CRC-16 is the CRC of those bytes, carried on from any CRC before."""
    frame = bytes(range(256))[:209]
    frames = [bytes([n]) * (200 + n) for n in range(5)]  # a loop of five frames of unequal length
    for loop, cycle in ((Loop([frame]), [frame]), (Loop(frames), frames)):
        for phase, count in [(0, 0), (0, 1), (0, 2), (1, 3), (0, 7), (3, 100), (4, 1023), (2, 4097)]:
            data, crc, n = b"", 0x1234, 0
            for piece, piece_crc, piece_frames in loop.pieces(phase, count):
                data += piece
                crc = mp3frames.crc_join(crc, piece_crc, len(piece))
                n += piece_frames
            expected = b"".join(cycle[(phase + i) % len(cycle)] for i in range(count))
            assert (n, data) == (count, expected)
            assert crc == mp3frames.crc16(expected, 0x1234)
            assert loop.size(phase, count) == len(expected)  # known before the run is written


def test_the_tag_goes_before_the_frames_made_for_their_bytes_and_a_changed_entry_stops_the_join(tmp_path):
    """The join writes the tag first, made for the bytes after it (the Info frame and every frame), which
    it knows before reading any stored frames; stored frames that are not what their entry's end said
    stop the build (it is made again)."""
    kit = encode.kit(Store(tmp_path / "cache"))  # ffmpeg's Info frame and silent frame
    info = kit.info
    first, second = Block.of(b"a" * 418, 2), Block.of(b"b" * 209, 1)
    asked: list[int] = []

    def head(n: int) -> bytes:
        asked.append(n)
        return b"TAG" + bytes(7)

    spans: list[join.Span] = [Stored(2, 418, lambda: first), Repeat(kit.silence, 0, 3), second]
    join.write(tmp_path / "a.mp3", spans, kit, 5 * FRAME, head)
    data = (tmp_path / "a.mp3").read_bytes()
    assert asked == [len(data) - 10] and data[:10] == b"TAG" + bytes(7)
    assert data[10 + len(info) :] == bytes(first.data) + kit.silent * 3 + bytes(second.data)
    for wrong in (None, Block.of(b"a" * 417, 2), Block.of(b"a" * 418, 3)):  # gone, shorter, more frames

        def changed(found: Block | None = wrong) -> Block | None:
            return found

        with pytest.raises(StoreChanged):
            join.write(tmp_path / "b.mp3", [Stored(2, 418, changed)], kit, FRAME, head)
