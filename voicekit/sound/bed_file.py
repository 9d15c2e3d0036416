"""A bed from the user's own audio file (``bed: {file: rain.mp3}``): decoded once by ffmpeg, made into
a loop with a crossfade at its seam, levelled like the made beds, and stored by the file's content.

The loop is at most LONGEST_S of the file, from the middle of its first DECODE_S (so a fade at the
recording's start is left out), a whole number of MP3 frames, and at least SHORTEST_S long. Its last
sample is followed by the file's sound just after the loop (crossfading, equal power over SEAM_S, into
the loop's own first seconds), so the loop joins itself without a click.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from voicekit import ffmpeg
from voicekit.errors import ExportError, SequenceError
from voicekit.plan.grid import FRAME, SAMPLE_RATE
from voicekit.sequence.model import Bed
from voicekit.sound import bed_loops
from voicekit.sound.bed import correlation, crossfade
from voicekit.sound.wav import from_int16, to_int16
from voicekit.store import CLIP, Store, key

if TYPE_CHECKING:
    import numpy as np

LONGEST_S = 120
SHORTEST_S = 10
SEAM_S = 1.5
DECODE_S = 180  # seconds of the file read at most


def stored_loop(store: Store, bed: Bed) -> str:
    """The store entry of the loop made from ``bed.file``, made now if it is not there yet; SequenceError
    at the file's line in the sequence when the file cannot be read or holds no usable sound."""
    assert bed.file is not None
    name = key(
        kind="bed-file", content=_digest(bed), level=bed.level, longest=LONGEST_S, seam=SEAM_S,
        decode=DECODE_S, calibration=bed_loops.CALIBRATION,
    )  # fmt: skip
    # Only its size is looked at (ten megabytes are not read on every build): a damaged entry is
    # found, deleted and reported when its samples are read, and made again by the next build.
    if store.size(CLIP, name) is None:
        try:
            x = loop_of(decoded(Path(bed.file)), bed.level)
        except ValueError as e:
            raise _error(bed, str(e)) from None
        store.put(CLIP, name, to_int16(x).tobytes())
    return name


def decoded(path: Path) -> np.ndarray:
    """The first DECODE_S of any audio file ffmpeg reads, as mono float samples at 44.1 kHz."""
    args = ["-t", str(DECODE_S), "-i", str(path), "-vn", "-ac", "1", "-ar", str(SAMPLE_RATE), "-f", "s16le", "pipe:1"]
    ffmpeg.ffmpeg_exe()  # no ffmpeg is no fault of the file's
    try:
        raw = ffmpeg.run(args, None, f"decode {path.name}")
    except ExportError as e:
        detail = str(e).split(": ", 1)[-1]
        raise ValueError(f"cannot be read as audio ({detail})") from None
    return from_int16(raw[: len(raw) // 2 * 2], "float32")  # three minutes: 32 MB


def loop_of(x: np.ndarray, level_db: float) -> np.ndarray:
    """A seamless loop of whole frames from the samples ``x``, ``level_db`` under the voice."""
    import numpy as np

    seam = round(SEAM_S * SAMPLE_RATE)
    frames = min(LONGEST_S * SAMPLE_RATE // FRAME, max(0, len(x) - seam) // FRAME)
    if frames * FRAME < SHORTEST_S * SAMPLE_RATE:
        raise ValueError(f"holds {len(x) / SAMPLE_RATE:.1f} s of sound; a bed needs at least {SHORTEST_S + SEAM_S:g} s")
    n = frames * FRAME
    start = (len(x) - n - seam) // 2
    part = x[start : start + n + seam] - np.mean(x[start : start + n + seam])
    out = part[:n].copy()
    after, head = part[n:], part[:seam]  # what follows the loop's end, and the loop's own start
    fade_out, fade_in = crossfade(seam, correlation(after, head))
    out[:seam] = after * fade_out + head * fade_in
    measured = _loudness(out)
    if not measured > -70:
        raise ValueError("is silent")
    return bed_loops.levelled(out, level_db, measured)


def _loudness(x: np.ndarray) -> float:
    """Integrated loudness, K-weighted a million samples at a time, each after a second of what comes
    before it (the filter forgets far sooner): one transform of two minutes took half a gigabyte."""
    import numpy as np

    from voicekit.sound.loudness import integrated_weighted, k_weighted

    y = np.empty(len(x))
    for a in range(0, len(x), 1 << 20):
        lead = min(a, SAMPLE_RATE)
        y[a : a + (1 << 20)] = k_weighted(x[a - lead : a + (1 << 20)], SAMPLE_RATE)[lead:]
    return integrated_weighted(y, SAMPLE_RATE)


def _digest(bed: Bed) -> str:
    """The file's content, hashed: a file changed is a new loop."""
    assert bed.file is not None
    digest = hashlib.sha256()
    try:
        with open(bed.file, "rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
    except OSError as e:
        raise _error(bed, f"cannot be read ({e.strerror})") from None
    return digest.hexdigest()


def _error(bed: Bed, what: str) -> SequenceError:
    return SequenceError(f"bed.file: {bed.name} {what}", bed.origin or None, bed.line or None)
