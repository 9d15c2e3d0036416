"""MP3 with a bed: the loop's frames, the bank's bridges and the pieces where more than the bed sounds are
each encoded once and stored; the file decodes as close to the PCM as one encoder run would, on the first
build and on a rebuild with other holds made from stored frames alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from audio_tools import cue_audio, decode, snr_db
from helpers import FAKE, build_bed, entries, sources_of

from voicekit import ffmpeg
from voicekit.output.mp3 import bed as mp3bed
from voicekit.output.mp3.encode import FRAMES
from voicekit.pipeline import BuildResult, build
from voicekit.plan.grid import DELAY, FRAME, SAMPLE_RATE
from voicekit.plan.options import BuildOptions
from voicekit.plan.timeline import CueKind
from voicekit.sound import loudness
from voicekit.sound.bed_layout import Piece, bank


def snr(mp3: np.ndarray, pcm: np.ndarray, s: slice) -> float:
    return snr_db(pcm[s], mp3[s] - pcm[s])


def assert_sounds_as_planned(result: BuildResult, mp3: np.ndarray, pcm: np.ndarray, cache: Path) -> None:
    """Every cue and every stretch of bed alone decodes close to the PCM, and no join clicks."""
    assert len(mp3) == len(pcm)
    t = result.timeline
    for cue in (c for c in t.cues if c.kind is CueKind.SPEECH):
        assert snr(mp3, pcm, slice(t.sample(cue.start, SAMPLE_RATE), t.sample(cue.end, SAMPLE_RATE))) > 15, cue.text
    player = sources_of(result, cache).bed
    assert player is not None
    parts = player.layout.parts
    for part in parts:  # frame by frame: a frame of the loop at the wrong place is a frame of other noise
        if not isinstance(part, Piece):
            worst = min(
                snr(mp3, pcm, slice(g * FRAME - DELAY, (g + 1) * FRAME - DELAY))
                for g in range(part.first, part.first + part.frames)
            )
            assert worst > 15, part
    codec = np.percentile(np.abs(mp3 - pcm), 99.99)
    for part in parts[1:]:  # no click where stored frames meet
        at = part.first * FRAME - DELAY
        assert np.max(np.abs(mp3[at - 441 : at + 441] - pcm[at - 441 : at + 441])) <= codec


def rebuild(tmp_path: Path, name: str, fmt: str, **options: Any) -> tuple[BuildResult, np.ndarray]:
    """The sequence ``build_bed`` wrote, built again with other options (same store)."""
    opts = BuildOptions(**{**FAKE.__dict__, **options})
    out = tmp_path / f"{name}-again.{fmt}"
    result = build(tmp_path / f"{name}.yaml", opts, output=out, cache_dir=tmp_path / "cache", companions=False)
    return result, decode(result.output)


@pytest.mark.slow
def test_an_mp3_with_a_bed_has_the_planned_length(tmp_path):
    result, audio = build_bed(tmp_path, "bed-mp3", "bed: drone", fmt="mp3")
    assert len(audio) == result.timeline.sample(result.timeline.total, SAMPLE_RATE)
    assert loudness.integrated(cue_audio(result, audio)[0], SAMPLE_RATE) > -25


@pytest.mark.slow
def test_an_mp3_with_a_bed_is_stored_frames_joined(tmp_path):
    """The loop's frames and the bank's bridges make the bed alone; the pieces are encoded with the
    session around them. The file decodes as close to the PCM as an encoder run over it all would."""
    extra = "bed: {kind: brown-noise, level: -25}\nchimes: true"
    result, mp3 = build_bed(tmp_path, "hybrid", extra, fmt="mp3")
    _, pcm = build_bed(tmp_path, "hybrid", extra, fmt="wav")
    sources = sources_of(result, tmp_path / "cache")
    player = sources.bed
    assert player is not None
    layout = player.layout
    alone = sum(p.frames for p in layout.parts if not isinstance(p, Piece))
    assert alone > layout.total / 3  # most of the holds come straight from the loop's frames
    assert_sounds_as_planned(result, mp3, pcm, tmp_path / "cache")
    for n in bank(layout.loop):  # the whole bank was made with the loop
        assert sources.store.size(FRAMES, mp3bed.bridge_job(player, n).name) is not None


@pytest.mark.slow
def test_a_rebuild_with_other_holds_runs_no_encoder_and_sounds_as_planned(tmp_path, monkeypatch):
    build_bed(tmp_path, "again", "bed: brown-noise\nchimes: true\nbells: [5s]", fmt="mp3")  # a bell in each hold
    runs = []
    real = ffmpeg.run

    def counted(args: list[str], feed: ffmpeg.Feed | None, what: str) -> bytes:
        runs.append(what)
        return real(args, feed, what)

    monkeypatch.setattr(ffmpeg, "run", counted)
    result, mp3 = rebuild(tmp_path, "again", "mp3", scale=2.5)
    assert runs == []  # every piece sounds as it did at its old place, every bridge is in the bank
    monkeypatch.undo()
    _, pcm = rebuild(tmp_path, "again", "wav", scale=2.5)
    assert_sounds_as_planned(result, mp3, pcm, tmp_path / "cache")


@pytest.mark.slow
def test_without_a_bell_the_bed_fades_out_over_the_last_seconds(tmp_path):
    result, mp3 = build_bed(tmp_path, "no-bell", "bed: {kind: brown-noise, level: -25}\nbell: none", fmt="mp3")
    t = result.timeline
    hold = max((c for c in t.cues if c.text == "hold"), key=lambda c: c.duration)
    pause = t.cues[-2]  # before the last words: 6 s to 1 s before the end, the bed fading
    assert pause.kind is CueKind.SILENCE and t.total - pause.start < 10_000
    steady = np.std(mp3[t.sample(hold.start + 3000, SAMPLE_RATE) : t.sample(hold.end - 3000, SAMPLE_RATE)])
    fading = np.std(mp3[t.sample(pause.start, SAMPLE_RATE) : t.sample(pause.end, SAMPLE_RATE)])
    assert 20 * np.log10(fading / steady) < -8


# Same input, same file, whatever the store held: the loop, the bank's bridges and every piece are each
# encoded on their own, so their frames do not depend on what another practice left to encode.
@pytest.mark.slow
def test_a_bed_session_is_the_same_mp3_whatever_the_store_held_before(tmp_path):
    extra = "bed: brown-noise\nchimes: true"
    other = tmp_path / "other"
    other.mkdir()
    cold, _ = build_bed(tmp_path, "cold", extra, fmt="mp3", cache=tmp_path / "fresh")
    seq = tmp_path / "cold.yaml"
    (other / "o.yaml").write_text(seq.read_text().replace("Rest on your side.", "Turn to the other side."))
    build(other / "o.yaml", FAKE, output=other / "o.mp3", cache_dir=tmp_path / "used", companions=False)
    after = build(seq, FAKE, output=tmp_path / "after.mp3", cache_dir=tmp_path / "used", companions=False)
    assert after.output.read_bytes() == cold.output.read_bytes()
    for path in entries(tmp_path / "used", FRAMES)[::3]:  # some bridges, pieces and clips made again
        path.unlink()
    again = build(seq, FAKE, output=tmp_path / "again.mp3", cache_dir=tmp_path / "used", companions=False)
    assert again.output.read_bytes() == cold.output.read_bytes()
