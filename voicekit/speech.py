"""Stage: texts -> finished clips in the cache. Only texts not already cached reach the engine."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .cache import ClipCache
from .engines import canonical, engine_class, get_engine
from .errors import EngineError, VoicekitError
from .model import Voice
from .timeline import SAMPLE_RATE

CLIP_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Clips:
    """Where each text's clip is, and its length in samples at SAMPLE_RATE."""

    paths: dict[str, Path]
    samples: dict[str, int]
    synthesized: int


def bell_clip(cache: ClipCache, duration_ms: int) -> Path:
    """The bell, made once per length and kept in the cache like a spoken clip."""
    from . import bell

    key = cache.key(kind="bell", duration=duration_ms, lufs=bell.BELL_LUFS, modes=bell.MODES)
    if cache.verified(key) is None:
        from . import clips

        clips.write_wav(cache.path(key), bell.bowl(duration_ms, SAMPLE_RATE))
    return cache.path(key)


def clip_key(cache: ClipCache, voice: Voice, text: str) -> str:
    return cache.key(
        kind="speech", engine=canonical(voice.engine), voice=voice.id, rate=voice.rate, volume=voice.volume, text=text
    )


def cached_samples(cache: ClipCache, voice: Voice) -> Callable[[str], int | None]:
    """The length in samples of each text's clip if it is in the cache (for plans), else None."""
    return lambda text: cache.frames(clip_key(cache, voice, text))


def synthesize(
    texts: list[str],
    voice: Voice,
    cache: ClipCache,
    on_clip: Callable[[int, int], None] = lambda done, total: None,
    workers: int | None = None,
) -> Clips:
    """Make sure every text has a clip in the cache; synthesize only the missing ones."""
    from .engines.worker import Job, make_clip, run_jobs

    keys = {text: clip_key(cache, voice, text) for text in texts}
    missing = [
        Job(t, voice.id, voice.rate, voice.volume, cache.path(k)) for t, k in keys.items() if cache.verified(k) is None
    ]
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
    for text, key in keys.items():
        frames = cache.frames(key)
        if frames is None:
            raise EngineError(f"no clip was made for {text[:80]!r}")
        paths[text] = cache.path(key)
        samples[text] = frames
    return Clips(paths, samples, len(missing))
