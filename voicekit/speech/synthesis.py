"""Stage: texts -> finished clips in the cache. Only texts not already cached reach the engine."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from voicekit.errors import EngineError, VoicekitError
from voicekit.plan.timeline import BELL, CHIME, SAMPLE_RATE
from voicekit.sequence.model import Bed, Voice
from voicekit.speech.engines import canonical, engine_class, get_engine
from voicekit.store import ClipCache

CLIP_TIMEOUT_S = 60.0
# A clip's cache entry (16-bit at 44.1 kHz), its raw engine output and its MP3 frames, per ms of speech.
CACHE_BYTES_PER_MS = 2 * 44.1 * 2


Item = tuple[str, int]  # (text, words per minute): what one clip says, and how fast


@dataclass(frozen=True)
class Clips:
    """Where each item's clip is, and its length in samples at SAMPLE_RATE."""

    paths: dict[Item, Path]
    samples: dict[Item, int]
    synthesized: int


def sound_clips(cache: ClipCache, kinds: dict[str, int], bed: Bed | None = None) -> dict[str, Path]:
    """The made sounds (``{"bell": ms, "chime": ms}``, and the bed's loop as "bed"), each made once and
    kept in the cache."""
    from voicekit.sound import bell

    makers = {BELL: (bell.bowl, bell.BELL_LUFS, 1.0), CHIME: (bell.chime, bell.CHIME_LUFS, bell.CHIME_DECAY)}
    paths = {}
    for kind, duration_ms in kinds.items():
        make, lufs, decay = makers[kind]
        key = cache.key(kind=kind, duration=duration_ms, lufs=lufs, decay=decay, modes=bell.MODES)
        paths[kind] = _made(cache, key, lambda make=make, ms=duration_ms: make(ms, SAMPLE_RATE))
    if bed is not None:
        from voicekit.sound import bed as beds

        calibration = (beds.VOICE_IN_SESSION, beds.MARGIN_DB)
        key = cache.key(kind="bed", bed=bed.kind, level=bed.level, frames=beds.LOOP_FRAMES, calibration=calibration)
        paths["bed"] = _made(cache, key, lambda: beds.loop(bed.kind, bed.level, SAMPLE_RATE))
    return paths


def _made(cache: ClipCache, key: str, make: Callable[[], object]) -> Path:
    """The cache entry ``key``, made by ``make()`` (float samples) if it is missing or damaged."""
    if cache.verified(key) is None:
        from voicekit.speech import finish as clips

        clips.write_wav(cache.path(key), make(), tmp=cache.tmp)
    return cache.path(key)


def clip_key(cache: ClipCache, voice: Voice, text: str, rate: int | None = None) -> str:
    """The cache key of a clip: everything that shapes it (``rate`` defaults to the voice's)."""
    engine = canonical(voice.engine)
    return cache.key(
        kind="speech", engine=engine, voice=voice_identity(engine, voice.id), rate=rate or voice.rate,
        volume=voice.volume, text=text,
    )  # fmt: skip


def voice_identity(engine: str, voice: str | None) -> object:
    """What names a voice in a cache key: for a voice file, its path and size, so a new file means new clips."""
    if voice and voice.endswith(".onnx"):
        path = Path(voice).expanduser()
        return [str(path.resolve()), path.stat().st_size if path.exists() else None]
    return voice


def cached_samples(cache: ClipCache, voice: Voice) -> Callable[[str, int], int | None]:
    """The length in samples of a (text, rate) clip if it is in the cache (for plans), else None."""
    return lambda text, rate: cache.frames(clip_key(cache, voice, text, rate))


def synthesize(
    items: list[Item],
    voice: Voice,
    cache: ClipCache,
    on_clip: Callable[[int, int], None] = lambda done, total: None,
    workers: int | None = None,
) -> Clips:
    """Make sure every text has a clip in the cache; synthesize only the missing ones."""
    from voicekit.speech.engines.worker import Job, make_clip, run_jobs

    keys = {item: clip_key(cache, voice, *item) for item in items}
    missing = [
        Job(text, voice.id, rate, voice.volume, cache.path(key), cache.tmp)
        for (text, rate), key in keys.items()
        if cache.verified(key) is None
    ]
    if missing:  # a full disk is found now, in a second, not when an engine cannot write its output
        from voicekit.plan.estimate import estimate_ms

        cache.ensure_room(sum(estimate_ms(job.text, job.rate) for job in missing) * CACHE_BYTES_PER_MS)
    done = 0

    def finished(_: Job) -> None:
        nonlocal done
        done += 1
        on_clip(done, len(missing))

    if missing:
        engine_name = canonical(voice.engine)
        if engine_class(engine_name).isolated:
            n = workers or min(2, os.cpu_count() or 1)
            run_jobs(engine_name, missing, workers=n, timeout_s=CLIP_TIMEOUT_S, on_done=finished)
        else:
            engine = get_engine(engine_name)
            for job in missing:
                try:
                    make_clip(engine, job)
                except VoicekitError:
                    raise
                except Exception as e:  # whatever the engine raises: one line that names the text
                    raise EngineError(f"the {engine_name} engine failed on {job.text[:80]!r}: {e}") from None
                finished(job)
    paths, samples = {}, {}
    for item, key in keys.items():
        frames = cache.frames(key)
        if frames is None:
            raise EngineError(f"no clip was made for {item[0][:80]!r}")
        paths[item] = cache.path(key)
        samples[item] = frames
    return Clips(paths, samples, len(missing))
