"""Audio for tests: measure produced audio (decode with ffmpeg itself, no ffprobe; find speech by silence
detection), write WAV files, and make test signals."""

from __future__ import annotations

import math
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from voicekit.ffmpeg import ffmpeg_exe
from voicekit.plan.grid import SAMPLE_RATE
from voicekit.sound.loudness import peak_envelope

if TYPE_CHECKING:
    from voicekit.pipeline import BuildResult
    from voicekit.plan.timeline import CueKind


def decode(path: str | Path, rate: int = SAMPLE_RATE) -> np.ndarray:
    """Any file ffmpeg reads -> mono float samples at ``rate``; fails on any decoder warning."""
    proc = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "warning", "-i", str(path),
         "-f", "s16le", "-ac", "1", "-ar", str(rate), "pipe:1"],
        capture_output=True, check=True,
    )  # fmt: skip
    # A WAV has no channel-layout field; ffmpeg says it guessed "mono", which is not a problem. Nor is the
    # cover of an M4A (its covr tag), which ffmpeg's reader makes a picture stream that has no timescale.
    harmless = ("Guessed Channel Layout", "timescale not set")
    warnings = [ln for ln in proc.stderr.decode(errors="replace").splitlines() if not any(h in ln for h in harmless)]
    assert not warnings, f"decoder warnings: {warnings}"
    return np.frombuffer(proc.stdout, dtype="<i2").astype(np.float64) / 32768.0


def true_peak(x: np.ndarray) -> float:
    """True peak in dBTP (4x oversampled), from the limiter's own envelope (checked against ffmpeg's)."""
    peak = float(np.max(np.abs(x))) if len(x) else 0.0
    if peak == 0.0:
        return -math.inf
    return 20 * math.log10(float(np.max(peak_envelope(x, peak * 0.25))))


def tone(freq: float, seconds: float, db: float, rate: int = SAMPLE_RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return 10 ** (db / 20) * np.sin(2 * np.pi * freq * t)


def speechlike(seconds: float = 3.0, seed: int = 0) -> np.ndarray:
    """Bursts of filtered noise with sharp peaks: loudness and peaks far apart, like espeak-ng."""
    rng = np.random.default_rng(seed)
    x = np.convolve(rng.standard_normal(int(seconds * SAMPLE_RATE)), np.hanning(9), "same") * 0.05
    syllables = (np.sin(2 * np.pi * 3.5 * np.arange(len(x)) / SAMPLE_RATE) > 0).astype(float)
    x *= syllables
    x[rng.integers(0, len(x), 8)] = rng.choice([-0.98, 0.98], 8)  # clicks and plosives
    return x


def rain(seconds: float, seed: int = 0, rate: int = SAMPLE_RATE) -> np.ndarray:
    """A steady sound to loop as a bed: a deep rush (noise falling 6 dB an octave from 40 Hz, 12 dB from
    1.5 kHz) whose level drifts slowly, and a soft 220 Hz tone. Smooth from sample to sample, so a loop
    cut anywhere but at a crossfade shows as a click."""
    rng = np.random.default_rng(seed)
    n = int(seconds * rate)
    f = np.fft.rfftfreq(n, 1 / rate)
    noise = np.fft.irfft(
        np.fft.rfft(rng.standard_normal(n)) * np.where(f >= 40, 1 / np.maximum(f, 1), 0) / (1 + (f / 1500) ** 2), n
    )
    t = np.arange(n) / rate
    return 0.3 * noise / np.std(noise) * (0.7 + 0.3 * np.sin(2 * np.pi * 0.13 * t)) + 0.05 * np.sin(2 * np.pi * 220 * t)


def clickiness(x: np.ndarray, win: int = SAMPLE_RATE // 100) -> np.ndarray:
    """RMS of the sample-to-sample change per 10 ms: a click is a burst of it."""
    d = np.diff(x)
    n = len(d) // win
    return np.sqrt(np.mean(d[: n * win].reshape(n, win) ** 2, axis=1))


def write_wav(path: str | Path, x: np.ndarray, rate: int = SAMPLE_RATE) -> Path:
    """Float samples -> a 16-bit mono WAV file at ``path`` (for ffmpeg and the recognizer to read)."""
    from voicekit.sound import wav

    with open(path, "wb") as f:
        writer = wav.Writer(f, rate, "voicekit tests")
        writer.write(wav.to_int16(np.asarray(x, dtype=np.float64)).tobytes())
        writer.close()
    return Path(path)


def loud_spans(
    x: np.ndarray, rate: int = SAMPLE_RATE, threshold_db: float = -40.0, min_gap_ms: int = 700
) -> list[tuple[int, int]]:
    """(start_ms, end_ms) of sound, merging gaps shorter than ``min_gap_ms`` (pauses inside a sentence)."""
    win = rate // 100  # 10 ms windows
    frames = len(x) // win
    rms = np.sqrt(np.mean(x[: frames * win].reshape(frames, win) ** 2, axis=1))
    loud = rms > 10 ** (threshold_db / 20)
    spans: list[list[int]] = []
    for i in np.nonzero(loud)[0]:
        if spans and i * 10 - spans[-1][1] < min_gap_ms:
            spans[-1][1] = (i + 1) * 10
        else:
            spans.append([i * 10, (i + 1) * 10])
    return [(a, b) for a, b in spans]


def cue_audio(result: BuildResult, audio: np.ndarray, kind: CueKind | None = None) -> list[np.ndarray]:
    """The decoded audio of every cue of ``kind`` (speech by default) of a build."""
    from voicekit.plan.timeline import CueKind

    kind = kind or CueKind.SPEECH
    t = result.timeline
    return [audio[t.sample(c.start, SAMPLE_RATE) : t.sample(c.end, SAMPLE_RATE)] for c in t.cues if c.kind is kind]


def voice_lufs(result: BuildResult, audio: np.ndarray) -> float:
    """The loudness of a build's spoken cues, all together."""
    from voicekit.sound import loudness

    return loudness.integrated(np.concatenate(cue_audio(result, audio)), SAMPLE_RATE)


def rms_db(x: np.ndarray) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(x**2)) + 1e-12))


def snr_db(signal: np.ndarray, error: np.ndarray) -> float:
    """Signal to noise: ``signal``'s energy over ``error``'s, in dB (no error at all: 200 dB and more)."""
    return float(10 * np.log10(np.sum(signal**2) / max(np.sum(error**2), 1e-20)))


def spectrum_db(x: np.ndarray, bands: int = 40, n: int = 2048) -> np.ndarray:
    """Long-term average spectrum below ~17 kHz in ``bands`` bands (dB): the timbre of a voice."""
    frames = len(x) // n
    mag = np.abs(np.fft.rfft(x[: frames * n].reshape(frames, n) * np.hanning(n), axis=1)).mean(axis=0)
    db = 20 * np.log10(np.array([b.mean() for b in np.array_split(mag[:800], bands)]) + 1e-9)
    return np.maximum(db, db.max() - 50)  # bands with no voice in them are rounding noise: floor them


def envelope(x: np.ndarray, rate: int = SAMPLE_RATE) -> np.ndarray:
    """RMS per 10 ms: the shape of the speech in time."""
    win = rate // 100
    frames = len(x) // win
    return np.sqrt(np.mean(x[: frames * win].reshape(frames, win) ** 2, axis=1))


def same_speech(x: np.ndarray, y: np.ndarray) -> bool:
    """Same words, voice and rate (espeak's waveform phase differs between runs; these do not)."""
    if abs(len(x) - len(y)) > 0.005 * max(len(x), len(y)):
        return False
    m = min(len(x), len(y))
    timbre = float(np.sqrt(np.mean((spectrum_db(x) - spectrum_db(y)) ** 2)))
    shape = float(np.corrcoef(envelope(x[:m]), envelope(y[:m]))[0, 1])
    return timbre < 1.0 and shape > 0.98


def ebur128(path: str | Path, dualmono: bool = False) -> tuple[float, float]:
    """(integrated LUFS, true peak dBTP) as ffmpeg's ebur128 filter reports them.

    The summary prints the integrated loudness to a tenth; the filter's own metadata carries it to a
    thousandth (the running value, whose last is the summary's): that one is returned, checked
    against the summary."""
    import re

    options = f"ebur128=peak=true:metadata=1{':dualmono=true' if dualmono else ''}"
    options += ",ametadata=mode=print:key=lavfi.r128.I"
    proc = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostats", "-i", str(path), "-af", options, "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    summary = proc.stderr[proc.stderr.rindex("Summary:") :]
    found_i = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    found_peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    assert found_i and found_peak, summary
    integrated, peak = float(found_i.group(1)), float(found_peak.group(1))
    running = re.findall(r"lavfi\.r128\.I=(-?[\d.]+|-inf)", proc.stderr)
    if running and integrated != -float("inf"):
        precise = float(running[-1])
        assert abs(precise - integrated) <= 0.051, (precise, integrated)
        integrated = precise
    return integrated, peak


_BITRATES = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)  # MPEG-1 Layer III, kbit/s
_RATES = (44100, 48000, 32000)


def mp3_seconds(path: str | Path) -> float:
    """An MP3's length as its Info header tells players (mutagen reads it)."""
    from mutagen.mp3 import MP3

    info = MP3(path).info
    assert info is not None
    return info.length


def mp3_frames(path: str | Path) -> list[tuple[int, int, bool]]:
    """(bit rate kbit/s, sample rate, mono) of every MPEG-1 Layer III frame, walking the headers."""
    data = Path(path).read_bytes()
    pos = 0
    if data[:3] == b"ID3":
        size = sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(data[6:10]))  # syncsafe: 7 bits a byte
        pos = 10 + size + (10 if data[5] & 0x10 else 0)
    frames = []
    while pos + 4 <= len(data) and data[pos : pos + 3] != b"TAG":
        h = int.from_bytes(data[pos : pos + 4], "big")
        assert h >> 21 == 0x7FF, f"lost frame sync at byte {pos}"
        assert (h >> 19) & 3 == 3 and (h >> 17) & 3 == 1, "not MPEG-1 Layer III"
        kbps, rate = _BITRATES[(h >> 12) & 15], _RATES[(h >> 10) & 3]
        frames.append((kbps, rate, (h >> 6) & 3 == 3))
        pos += 144_000 * kbps // rate + ((h >> 9) & 1)
    assert pos == len(data) or data[pos : pos + 3] == b"TAG", "trailing bytes after the last frame"
    return frames


def ffmpeg_chapters(path: str | Path) -> list[tuple[float, float, str]]:
    """(start s, end s, title) of each chapter as `ffmpeg -i` lists them, in its order."""
    import re

    proc = subprocess.run([ffmpeg_exe(), "-hide_banner", "-i", str(path)], capture_output=True, text=True)
    found = re.findall(
        r"Chapter #\d+:\d+: start (\d+\.\d+), end (\d+\.\d+)\n\s+Metadata:\n\s+title\s+: (.*)", proc.stderr
    )
    return [(float(a), float(b), title.strip()) for a, b, title in found]


def onsets(x: np.ndarray, rate: int = SAMPLE_RATE, rise_db: float = 12.0, floor_db: float = -50.0) -> list[int]:
    """Where sounds start (ms): the level of a 10 ms window rises ``rise_db`` over 20 ms to above
    ``floor_db``; a rise that goes on over the next windows counts once, at its start."""
    db = 20 * np.log10(envelope(x, rate) + 1e-9)
    rising = [i for i in range(2, len(db)) if db[i] - db[i - 2] >= rise_db and db[i] > floor_db]
    return [(i - 1) * 10 for k, i in enumerate(rising) if k == 0 or i - rising[k - 1] > 3]
