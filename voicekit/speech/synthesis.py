"""Texts -> finished clips in the store. Only texts not already stored reach the engine."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from voicekit.errors import EngineError, VoicekitError
from voicekit.plan.estimate import estimate_ms
from voicekit.plan.grid import SAMPLE_RATE
from voicekit.plan.speaker import Speaker, canonical
from voicekit.progress import OnProgress
from voicekit.sequence.model import Bed
from voicekit.sequence.pronounce import Table, respell
from voicekit.sound import bell
from voicekit.sound.wav import to_int16
from voicekit.speech.engines import engine_class, get_engine
from voicekit.store import CLIP, Store, key

if TYPE_CHECKING:
    import numpy as np

    from voicekit.speech.make import ClipJob

CLIP_TIMEOUT_S = 60.0
# A clip's entry (16-bit at 44.1 kHz), its raw engine output and its MP3 frames, per ms of speech.
STORE_BYTES_PER_MS = 2 * 2 * SAMPLE_RATE / 1000
BED = "bed"  # the made sounds' name for the bed's loop

ClipText = tuple[str, int]  # (text, words per minute): what one clip says, and how fast


@dataclass(frozen=True)
class Clips:
    """Each item's store entry, and its length in samples at SAMPLE_RATE."""

    names: dict[ClipText, str]
    samples: dict[ClipText, int]
    synthesized: int


def made_sounds(store: Store, sounds: dict[str, int], bed: Bed | None = None) -> dict[str, str]:
    """The made sounds (``{"bell": ms, "chime": ms, ...}``, see ``bell.SOUNDS``, and the bed's loop as
    "bed"), each made once and stored: their entry names by name."""
    names = {}
    for sound, duration_ms in sounds.items():
        lufs, decay, strikes = bell.SOUNDS[sound]
        more = {"strikes": strikes} if len(strikes) > 1 else {}  # the single strikes keep their stored entries
        name = key(kind=sound, duration=duration_ms, lufs=lufs, decay=decay, modes=bell.MODES, **more)
        names[sound] = _made(store, name, functools.partial(bell.made, sound, duration_ms, SAMPLE_RATE))
    if bed is not None and bed.file:  # a bed's modules only for a practice with one
        from voicekit.sound.bed_file import stored_loop

        names[BED] = stored_loop(store, bed)  # decoded once, stored by the file's content and the level
    elif bed is not None:
        from voicekit.sound import bed_loops as beds

        made = (beds.LOOP_FRAMES, beds.DRONE, beds.CALIBRATION)
        name = key(kind="bed", bed=bed.kind, level=bed.level, made=made)
        names[BED] = _made(store, name, lambda: beds.loop(bed.kind, bed.level))
    return names


def _made(store: Store, name: str, make: Callable[[], np.ndarray]) -> str:
    """The entry ``name``, made by ``make()`` (float samples) if it is missing or damaged."""
    if store.size(CLIP, name) is None:  # by its seal: a body found damaged when read is made again then
        store.put(CLIP, name, to_int16(make()).tobytes())
    return name


def clip_name(voice: Speaker, text: str, rate: int | None = None) -> str:
    """The store entry of a clip: a key of everything that shapes it (``rate`` defaults to the voice's)."""
    return key(
        kind="speech", engine=canonical(voice.engine), voice=voice_identity(voice.id), rate=rate or voice.rate,
        volume=voice.volume, text=text,
    )  # fmt: skip


def voice_identity(voice: str | None) -> object:
    """What names a voice in a key: for a voice file, its path and size, so a new file means new clips."""
    if voice and voice.endswith(".onnx"):
        path = Path(voice).expanduser()
        return [str(path.resolve()), path.stat().st_size if path.exists() else None]
    return voice


def cached_samples(store: Store, voice: Speaker, table: Table = ()) -> Callable[[str, int], int | None]:
    """The length in samples of a (text, rate) clip if it is in the store (for plans), else None; each
    asked of the store once (fitting a length compiles the practice many times over)."""
    known: dict[tuple[str, int], int | None] = {}

    def samples(text: str, rate: int) -> int | None:
        if (text, rate) not in known:
            size = store.size(CLIP, clip_name(voice, respell(text, table), rate))
            known[text, rate] = None if size is None else size // 2
        return known[text, rate]

    return samples


def synthesize(
    items: list[ClipText],
    voice: Speaker,
    store: Store,
    on_clip: OnProgress = lambda done, total: None,
    workers: int | None = None,
    table: Table = (),
    on_made: Callable[[str], object] = lambda name: None,
) -> Clips:
    """Make sure every text has a clip in the store; synthesize only the missing ones.

    A clip is what is spoken: the text with the pronunciation ``table`` applied, so a respelling makes
    a new clip and nothing else does. ``on_made`` is told each new clip's entry as soon as it is stored."""
    spoken = {item: respell(item[0], table) for item in items}
    names = {item: clip_name(voice, spoken[item], item[1]) for item in items}
    # Known by their seals (a body is read, and checked, when it is used: see StoreChanged); texts spoken
    # alike are one clip.
    absent = {name: item for item, name in names.items() if store.size(CLIP, name) is None}
    missing: list[ClipJob] = []
    if absent:  # a full disk is found now, in a second, not when an engine cannot write its output
        from voicekit.speech.make import ClipJob  # what speaks a clip: a warm build needs none

        missing = [
            ClipJob(spoken[item], voice.id, item[1], voice.volume, name, store.root) for name, item in absent.items()
        ]
        store.ensure_room(round(sum(estimate_ms(job.text, job.rate) for job in missing) * STORE_BYTES_PER_MS))
    done = 0

    def finished(job: ClipJob) -> None:
        nonlocal done
        done += 1
        on_made(job.name)
        on_clip(done, len(missing))

    if missing:
        engine_name = canonical(voice.engine)
        if engine_class(engine_name).isolated:
            n = workers or min(2, os.cpu_count() or 1)
            from voicekit.speech.engines.pool import run_jobs  # worker processes: only to speak

            run_jobs(engine_name, missing, workers=n, timeout_s=CLIP_TIMEOUT_S, on_done=finished)
        else:
            from voicekit.speech.make import make_clip

            engine = get_engine(engine_name)
            for job in missing:
                try:
                    make_clip(engine, job)
                except VoicekitError:
                    raise
                except Exception as e:  # whatever the engine raises: one line that names the text
                    raise EngineError(f"the {engine_name} engine failed on {job.text[:80]!r}: {e}") from None
                finished(job)
    samples = {}
    for item, name in names.items():
        size = store.size(CLIP, name)
        if size is None:
            raise EngineError(f"no clip was made for {item[0][:80]!r}")
        samples[item] = size // 2
    return Clips(names, samples, len(missing))


def engine_warnings(voice: Speaker, rates: set[int]) -> list[str]:
    """What an engine cannot do as asked."""
    if canonical(voice.engine) != "piper":
        return []
    from voicekit.speech.engines.piper_engine import fastest_rate

    fastest = fastest_rate()
    return [
        f"Piper speaks at most about {fastest} words per minute (faster sounds garbled); rate {r} is spoken at that"
        for r in sorted(rates)
        if r > fastest
    ]
