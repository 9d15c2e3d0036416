"""The build's speech: every clip a practice may speak made (or found in the store), the made sounds
(the bell) made beside them, and what the engine said of its settings."""

from __future__ import annotations

import threading

from voicekit.plan import compiler, sounds
from voicekit.plan.estimate import estimator
from voicekit.plan.options import Practice
from voicekit.progress import Progress
from voicekit.speech import synthesis
from voicekit.speech.synthesis import Clips, engine_warnings
from voicekit.store import Store

# A made sound's clip is a little shorter than its cue: its frames, codec delay included, fit inside.
MADE_SOUND_MS = {name: ms - 100 for name, ms in sounds.SOUND_MS.items()}


def synthesize(practice: Practice, store: Store, progress: Progress) -> tuple[Clips, dict[str, str]]:
    """Every clip the practice may speak, and the made sounds (the bell is made while the engine speaks)."""
    items = compiler.spoken_texts(practice, estimator(practice.sequence.language, practice.voice.engine))
    wanted = {name: MADE_SOUND_MS[name] for name in sounds.used(practice)}
    made: list[dict[str, str] | BaseException] = []

    def make_sounds() -> None:  # a plain thread: concurrent.futures would load logging on every build
        try:
            made.append(synthesis.made_sounds(store, wanted, practice.sequence.bed))
        except BaseException as e:  # raised in the build's thread, below
            made.append(e)

    side = threading.Thread(target=make_sounds)  # numpy frees the GIL
    side.start()
    try:
        on_clip = lambda done, n: progress.step("speech", done, n)  # noqa: E731
        clips = synthesis.synthesize(items, practice.voice, store, on_clip, table=practice.pronounce)
    finally:
        side.join()
    if isinstance(made[0], BaseException):
        raise made[0]
    return clips, made[0]


def with_missing(practice: Practice, clips: Clips, store: Store, progress: Progress) -> Clips:
    """``clips`` and any the fitted practice speaks that the first fit did not (a breath count)."""
    items = compiler.spoken_texts(practice, estimator(practice.sequence.language, practice.voice.engine))
    missing = [item for item in items if item not in clips.samples]
    if not missing:
        return clips
    on_clip = lambda done, n: progress.step("speech", done, n)  # noqa: E731
    more = synthesis.synthesize(missing, practice.voice, store, on_clip, table=practice.pronounce)
    names, samples = {**clips.names, **more.names}, {**clips.samples, **more.samples}
    return synthesis.Clips(
        {i: names[i] for i in items}, {i: samples[i] for i in items}, clips.synthesized + more.synthesized
    )


def warnings_of(practice: Practice, items: dict[tuple[str, int], str]) -> list[str]:
    return engine_warnings(practice.voice, {rate for _, rate in items})
