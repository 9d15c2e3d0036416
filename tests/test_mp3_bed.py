"""MP3 with a bed: the bed's loop is stored as frames once; only the stretches where more than the bed
sounds go through the encoder, and the file decodes as close to the PCM as one encoder run would."""

from __future__ import annotations

import numpy as np
import pytest
from audio_tools import RATE, cue_audio, decode
from conftest import FAKE, build_bed

from voicekit.output import encoder
from voicekit.output.mp3 import bed as mp3bed
from voicekit.pipeline import build
from voicekit.plan.options import BuildOptions
from voicekit.plan.timeline import CueKind
from voicekit.sound import loudness


@pytest.mark.slow
def test_an_mp3_with_a_bed_has_the_planned_length(tmp_path):
    result, audio = build_bed(tmp_path, "bed-mp3", "bed: drone", fmt="mp3")
    assert len(audio) == result.timeline.sample(result.timeline.total, RATE)
    assert loudness.integrated(cue_audio(result, audio)[0], RATE) > -25


@pytest.mark.slow
def test_an_mp3_with_a_bed_is_the_loop_joined_to_encoded_stretches(tmp_path):
    """The bed's loop comes from the store as frames; the stretches where more sounds are encoded.
    The file decodes as close to the PCM as an encoder run over the whole session would."""
    extra = "bed: {kind: drone, level: -25}\nchimes: true"
    result, mp3 = build_bed(tmp_path, "hybrid", extra, fmt="mp3")
    _, pcm = build_bed(tmp_path, "hybrid", extra, fmt="wav")
    assert len(mp3) == len(pcm)
    t = result.timeline
    total = t.sample(t.total, RATE) // 1152 + 1
    stretches = mp3bed.runs(mp3bed.busy_frames(t, total))
    loop_only = [(a, b) for a, b, busy in stretches if not busy]
    assert sum(b - a for a, b in loop_only) > total / 3  # most of the holds come straight from the store

    def snr(s: slice) -> float:
        return float(10 * np.log10(np.sum(pcm[s] ** 2) / np.sum((mp3[s] - pcm[s]) ** 2)))

    for cue in (c for c in t.cues if c.kind is CueKind.SPEECH):
        assert snr(slice(t.sample(cue.start, RATE), t.sample(cue.end, RATE))) > 15, cue.text
    for a, b in loop_only:
        assert snr(slice(a * 1152, b * 1152 - 1105)) > 15
    codec = np.percentile(np.abs(mp3 - pcm), 99.99)
    for a, _, _ in stretches[1:]:  # no click where a loop stretch meets an encoded one
        at = a * 1152 - 1105
        assert np.max(np.abs(mp3[at - 441 : at + 441] - pcm[at - 441 : at + 441])) <= codec


@pytest.mark.slow
def test_a_rebuild_with_a_bed_encodes_only_the_busy_stretches(tmp_path, monkeypatch):
    build_bed(tmp_path, "again", "bed: brown-noise", fmt="mp3")
    encoded = []
    real = encoder.run

    def counting(args, feed, what):
        class Count:
            def __init__(self, sink):
                self.sink = sink

            def write(self, data):
                encoded.append(len(data))
                return self.sink.write(data)

        return real(args, feed and (lambda stdin: feed(Count(stdin))), what)

    monkeypatch.setattr(encoder, "run", counting)  # every ffmpeg run of the build
    seq = tmp_path / "again.yaml"
    options = BuildOptions(**{**FAKE.__dict__, "holds": "long", "scale": 4})
    result = build(seq, options, output=tmp_path / "long.mp3", cache_dir=tmp_path / "cache", companions=False)
    samples = result.timeline.sample(result.timeline.total, RATE)
    assert 0 < sum(encoded) // 2 < samples / 2  # the loop was not encoded again, the long holds not at all
    assert len(decode(result.output)) == samples
