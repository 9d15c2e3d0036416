"""A bed from the user's own file: any audio ffmpeg reads, decoded once into the store, looped with a
crossfade at its seam, levelled like the made beds and ducked under speech; a file that cannot be used
is an error at its line."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from audio_tools import clickiness, decode, rain, voice_lufs, write_wav
from helpers import FAKE, assert_one_line_error, sources_of

from voicekit import ffmpeg
from voicekit.errors import SequenceError
from voicekit.output.mp3.frames import lame_args
from voicekit.pipeline import BuildResult, build
from voicekit.plan.grid import FRAME, SAMPLE_RATE
from voicekit.plan.timeline import CueKind
from voicekit.sequence.model import Bed
from voicekit.sound import bed_file, bed_loops, loudness
from voicekit.sound.bed_layout import Run
from voicekit.store import CLIP, Store


def seam_step(loop: np.ndarray) -> float:
    """The largest sample-to-sample step where the loop joins itself, against the 99.9th percentile of
    all its steps."""
    twice = np.concatenate([loop, loop])
    steps = np.abs(np.diff(twice))
    return float(steps[len(loop) - 3 : len(loop) + 2].max() / np.percentile(steps, 99.9))


def test_the_loop_is_whole_frames_levelled_and_joins_itself_without_a_click():
    x = rain(14)
    loop = bed_file.loop_of(x, -30)
    n = len(loop)
    assert n % FRAME == 0 and n >= 12 * SAMPLE_RATE  # all of the file but the seam's crossfade
    assert seam_step(loop) < 0.5
    start = (len(x) - n - round(bed_file.SEAM_S * SAMPLE_RATE)) // 2
    assert seam_step(x[start : start + n]) > 5  # the same stretch cut without the crossfade clicks
    expected = bed_loops.SPEECH_LUFS - 30 - bed_loops.MARGIN_DB
    assert loudness.integrated(loop, SAMPLE_RATE) == pytest.approx(expected, abs=0.05)


def test_a_long_file_gives_a_loop_of_at_most_longest_s_from_its_middle(monkeypatch):
    monkeypatch.setattr(bed_file, "LONGEST_S", 15)  # two minutes in use: the same arithmetic, sooner
    x = rain(40, seed=1)
    loop = bed_file.loop_of(x, -30)
    n = len(loop)
    assert n == 15 * SAMPLE_RATE // FRAME * FRAME
    seam = round(bed_file.SEAM_S * SAMPLE_RATE)
    start = (len(x) - n - seam) // 2
    assert start > 10 * SAMPLE_RATE  # a fade at the recording's start is left out
    taken = x[start + seam : start + n] - np.mean(x[start : start + n + seam])
    gain = np.std(loop[seam:]) / np.std(taken)
    assert np.max(np.abs(loop[seam:] - gain * taken)) < 1e-9


@pytest.mark.parametrize(
    "x, fragment",
    [(rain(8), "holds 8.0 s of sound; a bed needs at least 11.5 s"), (np.zeros(20 * SAMPLE_RATE), "is silent")],
)
def test_a_file_too_short_or_silent_is_refused(x, fragment):
    with pytest.raises(ValueError, match=fragment):
        bed_file.loop_of(x, -30)


@pytest.fixture(scope="module")
def sounds(tmp_path_factory):
    """The same 16 s of rain as WAV (written by sound/wav.py), MP3 and Ogg Vorbis (stereo, 48 kHz)."""
    folder = tmp_path_factory.mktemp("sounds")
    wav = write_wav(folder / "rain.wav", rain(16, seed=2))
    mp3, ogg = folder / "rain.mp3", folder / "rain.ogg"
    ffmpeg.run(["-i", str(wav), *lame_args(str(mp3), True)], None, "encode MP3")
    ffmpeg.run(["-i", str(wav), "-ac", "2", "-ar", "48000", "-c:a", "libvorbis", str(ogg)], None, "encode Ogg")
    return {"wav": wav, "mp3": mp3, "ogg": ogg}


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["wav", "mp3", "ogg"])
def test_any_audio_ffmpeg_reads_is_decoded_once_into_the_store(tmp_path, sounds, kind, monkeypatch):
    store = Store(tmp_path / "cache")
    bed = Bed(level=-24, file=str(sounds[kind]))
    name = bed_file.stored_loop(store, bed)
    body = store.get(CLIP, name)
    assert body is not None
    loop = np.frombuffer(body, dtype="<i2") / 32768
    assert len(loop) % FRAME == 0 and len(loop) > 14 * SAMPLE_RATE
    expected = bed_loops.SPEECH_LUFS - 24 - bed_loops.MARGIN_DB
    assert loudness.integrated(loop, SAMPLE_RATE) == pytest.approx(expected, abs=0.1)
    assert seam_step(loop) < 1
    monkeypatch.setattr(ffmpeg, "run", lambda *a: pytest.fail("decoded again"))
    assert bed_file.stored_loop(store, bed) == name  # by the file's content and the level
    assert bed_file.stored_loop(store, Bed(level=-24, file=str(sounds[kind]), line=3)) == name
    monkeypatch.undo()
    assert bed_file.stored_loop(store, Bed(level=-30, file=str(sounds[kind]))) != name


def test_a_file_ffmpeg_cannot_read_is_an_error_at_its_line(tmp_path, run_cli, write_seq, cache_dir):
    (tmp_path / "rain.mp3").write_bytes(b"this is not audio" * 100)
    seq = write_seq("""\
        title: T
        voice: {engine: fake}
        bed:
          level: -24
          file: rain.mp3
        poses:
          - {name: Rest, setup: Lie down., hold: 10s}
        """)
    for command in ("check", "build"):
        line = assert_one_line_error(run_cli(command, seq), f"{seq}:5: bed.file: rain.mp3 cannot be read as audio (")
        said = line.split(" cannot be read as audio (", 1)[1]  # what ffmpeg said: each version words it its way
        assert said.endswith(")") and len(said) > 1
    assert not (tmp_path / "output").exists()  # nothing written


def test_a_file_too_short_is_an_error_at_its_line(tmp_path, sounds):
    short = write_wav(tmp_path / "drip.wav", rain(5))
    with pytest.raises(SequenceError) as info:
        bed_file.stored_loop(Store(tmp_path / "cache"), Bed(file=str(short), line=7, origin="practice.yaml"))
    assert str(info.value).startswith("practice.yaml:7: bed.file: drip.wav holds 5.0 s of sound")


LONG_HOLD = """\
title: File bed
intro: Welcome. Settle in.
{bed}
poses:
  - name: Rest
    setup: [Lie down on your back., Let your arms rest by your sides.]
    hold: 60s
    reminders: [Let the floor hold you.]
outro: Thank you for practising.
"""


def build_long_hold(tmp_path: Path, name: str, bed: str, fmt: str = "wav") -> tuple[BuildResult, np.ndarray]:
    seq = tmp_path / f"{name}.yaml"
    seq.write_text(LONG_HOLD.format(bed=bed))
    result = build(seq, FAKE, output=tmp_path / f"{name}.{fmt}", cache_dir=tmp_path / "cache", companions=False)
    return result, decode(result.output)


@pytest.mark.slow
def test_a_file_bed_under_a_session_loops_cleanly_and_ducks_6_db_under_speech(tmp_path):
    """Measured on the built audio: the bed alone (the session with the bed less the session without it),
    its level in the hold, its level under the words, and its loop's seams in the decoded MP3."""
    wav = write_wav(tmp_path / "rain.wav", rain(12, seed=3))  # a loop of 10.5 s: whole loops in the hold
    bed_line = f"bed: {{file: {wav.name}, level: -24}}"
    result, with_bed = build_long_hold(tmp_path, "file-bed", bed_line)
    _, without = build_long_hold(tmp_path, "no-bed", "")
    bed = with_bed - without
    player = sources_of(result, tmp_path / "cache").bed
    assert player is not None
    laid_out = player.signal(0, len(bed))  # before fades and ducking
    t = result.timeline
    held, spoken = [], []
    for cue in t.cues:
        a, b = t.sample(cue.start, SAMPLE_RATE), t.sample(cue.end, SAMPLE_RATE)
        if cue.kind is CueKind.SPEECH and b - a > 2 * SAMPLE_RATE:  # inside the words, past the duck's ramps
            spoken.append(slice(a + SAMPLE_RATE // 2, b - SAMPLE_RATE // 2))
        elif cue.text == "hold" and b - a > 10 * SAMPLE_RATE:
            held.append(slice(a + 2 * SAMPLE_RATE, b - 2 * SAMPLE_RATE))
    assert len(spoken) >= 3 and held
    level = loudness.integrated(np.concatenate([bed[s] for s in held]), SAMPLE_RATE)
    assert level == pytest.approx(voice_lufs(result, with_bed) - 24, abs=1.5)

    def gain(where: list[slice]) -> float:
        return 20 * np.log10(
            np.std(np.concatenate([bed[s] for s in where])) / np.std(np.concatenate([laid_out[s] for s in where]))
        )

    assert gain(held) == pytest.approx(0.0, abs=0.05)
    assert gain(spoken) == pytest.approx(-6.0, abs=0.05)

    result, mp3 = build_long_hold(tmp_path, "file-bed", bed_line, fmt="mp3")
    player = sources_of(result, tmp_path / "cache").bed
    assert player is not None
    layout = player.layout
    runs = [part for part in layout.parts if isinstance(part, Run) and part.frames >= 2 * layout.loop]
    assert runs  # the loop joins itself inside the hold
    for run in runs:
        a, b = run.first * FRAME, (run.first + run.frames) * FRAME
        clicks = clickiness(mp3[a:b])
        for k in range(1, run.frames // layout.loop):
            i = k * layout.loop * FRAME // (SAMPLE_RATE // 100)
            assert clicks[i - 2 : i + 3].max() <= np.percentile(clicks, 99.9)


# Only the loop's seal is read on each build (not ten megabytes): damage found when its samples are read
# is made again there, like any damaged entry, and the build goes on.
@pytest.mark.slow
def test_a_damaged_loop_is_made_again_when_its_samples_are_read(tmp_path):
    write_wav(tmp_path / "rain.wav", rain(12, seed=3))
    first, _ = build_long_hold(tmp_path, "file-bed", "bed: {file: rain.wav, level: -24}")
    name = sources_of(first, tmp_path / "cache").sounds["bed"]
    path = Store(tmp_path / "cache").path(CLIP, name)
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    before = first.output.read_bytes()
    again, _ = build_long_hold(tmp_path, "file-bed", "bed: {file: rain.wav, level: -24}")
    assert f"discarded a damaged cache entry {name}; it will be made again" in again.warnings
    assert again.output.read_bytes() == before
