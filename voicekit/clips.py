"""Sample-level work on single clips: read, trim, resample, level, write. numpy, no YAML, no timeline."""

from __future__ import annotations

import math
import os
import tempfile
import wave
from pathlib import Path

import numpy as np

SAMPLE_RATE = 44100
PEAK_DBFS = -1.5  # leave headroom for the MP3 encoder's overshoot
TRIM_DBFS = -45.0  # quieter than this at the ends of a clip counts as silence
_WINDOW = 0.005  # seconds: trim decisions look at 5 ms of sound, not single samples


def read_wav(path: str | Path) -> tuple[np.ndarray, int]:
    """Mono float samples in [-1, 1] and their rate."""
    with wave.open(str(path), "rb") as w:
        rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
        data = w.readframes(w.getnframes())
    if width != 2:
        raise ValueError(f"{path}: expected 16-bit samples, got {8 * width}-bit")
    x = np.frombuffer(data, dtype="<i2").astype(np.float64) / 32768.0
    if channels > 1:
        x = x.reshape(-1, channels).mean(axis=1)
    return x, rate


def to_int16(x: np.ndarray) -> np.ndarray:
    return np.clip(np.round(x * 32767.0), -32768, 32767).astype("<i2")


def write_wav(path: str | Path, x: np.ndarray, rate: int = SAMPLE_RATE) -> None:
    """Write mono 16-bit, atomically (temporary file in the same folder, then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f, wave.open(f, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(to_int16(x).tobytes())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def trim(x: np.ndarray, rate: int, threshold_dbfs: float = TRIM_DBFS) -> np.ndarray:
    """Cut leading and trailing silence so a clip starts and ends with the voice."""
    n = max(1, int(rate * _WINDOW))
    if len(x) < n:
        return x
    frames = len(x) // n
    rms = np.sqrt(np.mean(x[: frames * n].reshape(frames, n) ** 2, axis=1))
    loud = np.nonzero(rms > 10 ** (threshold_dbfs / 20))[0]
    if not len(loud):
        return x[:0]
    return x[loud[0] * n : min(len(x), (loud[-1] + 1) * n)]


def resample(x: np.ndarray, src: int, dst: int = SAMPLE_RATE, taps: int = 16) -> np.ndarray:
    """Band-limited polyphase resampling (Kaiser-windowed sinc), any integer rates."""
    if src == dst or not len(x):
        return x
    g = math.gcd(src, dst)
    up, down = dst // g, src // g
    out_len = len(x) * up // down
    n = np.arange(out_len, dtype=np.int64)
    base, phase = np.divmod(n * down, up)
    # One row of weights per output phase, computed once: (up, 2 * taps).
    d = np.arange(up)[:, None] / up - np.arange(-taps + 1, taps + 1)[None, :]
    cutoff = min(1.0, dst / src) * 0.94
    window = np.i0(8.0 * np.sqrt(np.clip(1 - (d / taps) ** 2, 0, 1))) / np.i0(8.0)
    table = cutoff * np.sinc(cutoff * d) * window
    padded = np.concatenate([np.zeros(taps), x, np.zeros(taps + 1)])
    y = np.zeros(out_len)
    for k, j in enumerate(range(-taps + 1, taps + 1)):
        y += padded[base + j + taps] * table[phase, k]
    return y


def level(x: np.ndarray, gain: float = 1.0) -> np.ndarray:
    """Scale the peak to PEAK_DBFS, then apply ``gain`` (the sequence's volume)."""
    peak = float(np.max(np.abs(x))) if len(x) else 0.0
    if peak == 0.0:
        return x
    return x * (10 ** (PEAK_DBFS / 20) / peak) * gain


def prepare(raw: str | Path, gain: float = 1.0) -> np.ndarray:
    """An engine's WAV -> a trimmed, levelled clip at SAMPLE_RATE."""
    x, rate = read_wav(raw)
    return level(trim(resample(x, rate), SAMPLE_RATE), gain)


def length_ms(samples: int, rate: int = SAMPLE_RATE) -> int:
    """Milliseconds that hold ``samples`` whole (rounded up, so a clip is never cut)."""
    return -(-samples * 1000 // rate)
