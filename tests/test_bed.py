"""The sound bed and the chimes (issue 6), checked by measurement."""

from __future__ import annotations

import numpy as np
import pytest
from audio_tools import RATE, decode

from voicekit.pipeline import build
from voicekit.plan.options import BuildOptions
from voicekit.plan.timeline import CHIME, SPEECH
from voicekit.sequence.model import Bed
from voicekit.sound import bed as beds
from voicekit.sound import loudness

SEQUENCE = """\
title: Bed test
intro: Welcome. Settle in.
{extra}
poses:
  - name: First
    setup: [Lie down on your back., Let your arms rest.]
    hold: 40s
    reminders: [Let the floor hold you.]
    release: Roll to one side.
  - name: Second
    setup: Rest on your side.
    hold: 20s
outro: Thank you.
"""
FAKE = BuildOptions(engine="fake")


def made(tmp_path, name: str, extra: str = "", fmt: str = "wav"):
    seq = tmp_path / f"{name}.yaml"
    seq.write_text(SEQUENCE.format(extra=extra))
    result = build(seq, FAKE, output=tmp_path / f"{name}.{fmt}", cache_dir=tmp_path / "cache", companions=False)
    return result, decode(result.output)


def spans(result, audio, kind=SPEECH):
    t = result.timeline
    return [audio[t.sample(c.start, RATE) : t.sample(c.end, RATE)] for c in t.cues if c.kind == kind]


def voice_lufs(result, audio) -> float:
    return loudness.integrated(np.concatenate(spans(result, audio)), RATE)


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return made(tmp_path_factory.mktemp("bed"), "plain")


@pytest.mark.parametrize("kind", ["brown-noise", "drone"])
def test_bed_stays_far_under_an_unchanged_voice(tmp_path, plain, kind):
    result, audio = made(tmp_path, kind, f"bed: {{kind: {kind}, level: -30}}")
    assert result.timeline == plain[0].timeline  # a bed changes no timing
    assert abs(voice_lufs(result, audio) - voice_lufs(*plain)) < 0.5
    hold = max((c for c in result.timeline.cues if c.text == "hold"), key=lambda c: c.duration)
    quiet = audio[result.timeline.sample(hold.start + 2000, RATE) : result.timeline.sample(hold.end - 2000, RATE)]
    bed_lufs = loudness.integrated(quiet, RATE)
    assert voice_lufs(result, audio) - bed_lufs >= 20
    assert bed_lufs == pytest.approx(voice_lufs(*plain) - 30, abs=1.5)  # the level asked for


def test_bed_fades_in_and_is_gone_before_the_file_ends(tmp_path):
    _, audio = made(tmp_path, "fades", "bed: {kind: brown-noise, level: -25}")
    first = loudness.integrated(audio[: RATE // 2], RATE)
    later = loudness.integrated(audio[int(6.5 * RATE) : int(7.5 * RATE)], RATE)  # still in the lead-in
    assert later - first > 12
    assert np.max(np.abs(audio[-RATE:])) < 10 ** (-70 / 20)  # bed and bell both rung out


def test_bed_ducks_under_speech():
    from voicekit.plan.timeline import Cue, Timeline

    cues = (Cue(0, 30_000, "silence", "hold"), Cue(30_000, 5000, SPEECH, "Words.", rate=140))
    cues += (Cue(35_000, 30_000, "silence", "hold"),)
    player = beds.BedPlayer(Bed(), Timeline("t", cues))
    at = np.array([20, 29.8, 32, 35.2, 50]) * RATE  # ramps of 0.4 s either side of the words
    env = player.envelope(at.astype(int))
    assert env[0] == pytest.approx(1.0) and env[4] == pytest.approx(1.0)
    assert env[2] == pytest.approx(10 ** (beds.DUCK_DB / 20))
    assert env[2] < env[1] < env[0] and env[2] < env[3] < env[4]  # smooth ramps either side


@pytest.mark.parametrize("kind", ["brown-noise", "drone"])
def test_the_loop_joins_itself_without_a_seam(kind):
    x = beds.loop(kind, -30.0)
    assert len(x) == beds.LOOP_FRAMES * 1152  # whole MP3 frames
    steps = np.abs(np.diff(np.concatenate([x, x])))
    seam = steps[len(x) - 3 : len(x) + 2]
    assert seam.max() <= np.percentile(steps, 99.9)


def test_an_mp3_with_a_bed_has_the_planned_length(tmp_path):
    result, audio = made(tmp_path, "bed-mp3", "bed: drone", fmt="mp3")
    assert len(audio) == result.timeline.sample(result.timeline.total, RATE)
    assert loudness.integrated(spans(result, audio)[0], RATE) > -25


def test_chimes_ring_softly_before_each_later_pose(tmp_path):
    result, audio = made(tmp_path, "chimes", "chimes: true", fmt="mp3")
    t = result.timeline
    chimes = [c for c in t.cues if c.kind == CHIME]
    assert [c.pose for c in chimes] == ["Second"]  # before each pose after the first
    assert chimes[0] is next(c for c in t.cues if c.pose == "Second")  # the chapter starts with it
    ring = spans(result, audio, CHIME)[0]
    bell = spans(result, audio, "bell")[0]
    voice = voice_lufs(result, audio)
    assert voice - 12 < loudness.momentary_max(ring, RATE) < loudness.momentary_max(bell, RATE)  # soft, heard
    assert np.max(np.abs(ring[-RATE // 4 :])) < 10 ** (-60 / 20)  # rung out before the pose begins


def test_an_mp3_with_a_bed_is_the_loop_joined_to_encoded_stretches(tmp_path):
    """The bed's loop comes from the cache as frames; the stretches where more sounds are encoded.
    The file decodes as close to the PCM as an encoder run over the whole session would."""
    from voicekit.output.mp3 import bed as mp3bed

    extra = "bed: {kind: drone, level: -25}\nchimes: true"
    result, mp3 = made(tmp_path, "hybrid", extra, fmt="mp3")
    _, pcm = made(tmp_path, "hybrid", extra, fmt="wav")
    assert len(mp3) == len(pcm)
    t = result.timeline
    total = t.sample(t.total, RATE) // 1152 + 1
    stretches = mp3bed.runs(mp3bed.busy_frames(t, total))
    loop_only = [(a, b) for a, b, busy in stretches if not busy]
    assert sum(b - a for a, b in loop_only) > total / 3  # most of the holds come straight from the cache

    def snr(s: slice) -> float:
        return float(10 * np.log10(np.sum(pcm[s] ** 2) / np.sum((mp3[s] - pcm[s]) ** 2)))

    for cue in (c for c in t.cues if c.kind == SPEECH):
        assert snr(slice(t.sample(cue.start, RATE), t.sample(cue.end, RATE))) > 15, cue.text
    for a, b in loop_only:
        assert snr(slice(a * 1152, b * 1152 - 1105)) > 15
    codec = np.percentile(np.abs(mp3 - pcm), 99.99)
    for a, _, _ in stretches[1:]:  # no click where a loop stretch meets an encoded one
        at = a * 1152 - 1105
        assert np.max(np.abs(mp3[at - 441 : at + 441] - pcm[at - 441 : at + 441])) <= codec


def test_a_rebuild_with_a_bed_encodes_only_the_busy_stretches(tmp_path, monkeypatch):
    from voicekit.output.mp3 import bed as mp3bed

    made(tmp_path, "again", "bed: brown-noise", fmt="mp3")
    encoded = []
    real = mp3bed.run_encoder

    def counting(feed, cmd):
        class Count:
            def __init__(self, sink):
                self.sink = sink

            def write(self, data):
                encoded.append(len(data))
                return self.sink.write(data)

        return real(lambda stdin: feed(Count(stdin)), cmd)

    monkeypatch.setattr(mp3bed, "run_encoder", counting)
    seq = tmp_path / "again.yaml"
    result = build(seq, BuildOptions(engine="fake", holds="long", scale=4), output=tmp_path / "long.mp3",
                   cache_dir=tmp_path / "cache", companions=False)  # fmt: skip
    samples = result.timeline.sample(result.timeline.total, RATE)
    assert 0 < sum(encoded) // 2 < samples / 2  # the loop was not encoded again, the long holds not at all
    assert len(decode(result.output)) == samples
