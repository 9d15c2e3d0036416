"""Sample-level work on single clips: read, trim, resample, level, write. numpy, no YAML, no timeline."""

from __future__ import annotations

import io
import math
import wave
from pathlib import Path

import numpy as np

from voicekit.plan.timeline import SAMPLE_RATE
from voicekit.sound.loudness import fft_size

# Every clip is levelled to one loudness. The finished session should measure -19 LUFS mono, which is
# -16 LUFS heard on two earbuds, the level spoken-word apps aim for on phones. Clips sit 0.6 LU above
# that because the session reads lower than its clips (measured on the shipped practice): gating blocks
# that straddle speech and silence, and the MP3 encoder, which comes out 0.4 dB quieter. The true-peak
# ceiling leaves room for the encoder's overshoot, so the file stays under -1.5 dBTP.
SPEECH_LUFS = -18.4
CEILING_DBTP = -3.0
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


def write_wav(path: str | Path, x: np.ndarray, rate: int = SAMPLE_RATE, tmp: Path | None = None) -> None:
    """Write a cache entry: mono 16-bit with its checksum, atomically (its temporary in ``tmp``); an
    entry already there is kept. A cache that cannot be written is a CacheError naming its folder."""
    from voicekit.store import store_write, wav_with_check

    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(to_int16(x).tobytes())
    store_write(Path(path), wav_with_check(buf.getvalue()), tmp)


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


def resample(x: np.ndarray, src: int, dst: int = SAMPLE_RATE) -> np.ndarray:
    """Band-limited resampling between any integer rates, in the frequency domain.

    The spectrum is cut or zero-extended at the lower rate's Nyquist frequency: an ideal low-pass.
    A tenth of a second of padding keeps the transform's wrap-around out of the clip."""
    if src == dst or not len(x):
        return x
    g = math.gcd(src, dst)
    up, down = dst // g, src // g
    blocks = fft_size(-(-(len(x) + src // 10) // down))
    n, m = blocks * down, blocks * up
    spectrum = np.fft.rfft(x, n)
    out = np.zeros(m // 2 + 1, dtype=spectrum.dtype)
    keep = min(len(spectrum), len(out))
    out[:keep] = spectrum[:keep]
    return np.fft.irfft(out, m)[: len(x) * up // down] * (m / n)


def join(parts: list[str | Path | int], gain: float = 1.0) -> np.ndarray:
    """Spoken pieces (engine WAVs, each trimmed) and pauses (ints, in ms) -> one levelled clip at SAMPLE_RATE.

    Levelled at the engine's own rate (fewer samples), then resampled: both are linear in the band
    the voice uses, so loudness and peaks carry over. Quiet inside the clip does not count toward
    its loudness (the gating leaves it out), so a clip with pauses is as loud as one without."""
    from voicekit.sound.limiter import normalize

    spoken = {i: read_wav(p) for i, p in enumerate(parts) if not isinstance(p, int)}
    rate = next(iter(spoken.values()))[1] if spoken else SAMPLE_RATE
    pieces = []
    for i, part in enumerate(parts):
        if isinstance(part, int):
            pieces.append(np.zeros(part * rate // 1000))
            continue
        x, piece_rate = spoken[i]
        pieces.append(trim(resample(x, piece_rate, rate), rate))
    if not any(len(pieces[i]) for i in spoken):  # the engine said nothing at all
        return np.zeros(0)
    x = np.concatenate(pieces)
    return resample(normalize(x, rate, SPEECH_LUFS, CEILING_DBTP), rate) * gain
