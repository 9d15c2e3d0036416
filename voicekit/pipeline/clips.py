"""The build's speech: every clip a practice may speak made (or found in the store), the made sounds
(the bell) made beside them, and what the engine said of its settings."""

from __future__ import annotations

import queue
import threading

from voicekit.errors import EngineError, StoreChanged
from voicekit.plan import compiler, sounds
from voicekit.plan.estimate import estimator
from voicekit.plan.options import Practice
from voicekit.progress import Progress
from voicekit.speech import synthesis
from voicekit.speech.synthesis import Clips, engine_warnings
from voicekit.store import Store

# A made sound's clip is a little shorter than its cue: its frames, codec delay included, fit inside.
MADE_SOUND_MS = {name: ms - 100 for name, ms in sounds.SOUND_MS.items()}


def synthesize(
    practice: Practice, store: Store, progress: Progress, frames: bool = False
) -> tuple[Clips, dict[str, str]]:
    """Every clip the practice may speak, and the made sounds (the bell is made while the engine speaks);
    with ``frames``, each new clip's MP3 frames too, encoded while the engine speaks the next ones."""
    items = spoken_items(practice)
    wanted = {name: MADE_SOUND_MS[name] for name in sounds.used(practice)}
    made: list[dict[str, str] | BaseException] = []

    def make_sounds() -> None:  # a plain thread: concurrent.futures would load logging on every build
        try:
            made.append(synthesis.made_sounds(store, wanted, practice.sequence.bed))
        except BaseException as e:  # raised in the build's thread, below
            made.append(e)

    side = threading.Thread(target=make_sounds)  # numpy frees the GIL
    side.start()
    encoder = Encoder(store)
    try:
        on_clip = lambda done, n: progress.step("speech", done, n)  # noqa: E731
        on_made = encoder.add if frames else lambda name: None
        try:
            clips = synthesis.synthesize(
                items, practice.voice, store, on_clip, table=practice.pronounce, on_made=on_made
            )
        except EngineError:
            if encoder.changed:  # a clip it read was damaged and discarded: speech then missed it
                raise StoreChanged() from None
            raise
        encoder.close()
    finally:
        encoder.close(wait=False)
        side.join()
    if isinstance(made[0], BaseException):
        raise made[0]
    return clips, made[0]


def spoken_items(practice: Practice) -> list[tuple[str, int]]:
    """Every (text, rate) the practice may speak (``compiler.spoken_texts``, its language's estimate)."""
    return compiler.spoken_texts(practice, estimator(practice.sequence.language, practice.voice.engine))


def with_missing(practice: Practice, clips: Clips, store: Store, progress: Progress) -> Clips:
    """``clips`` and any the fitted practice speaks that the first fit did not (a breath count)."""
    items = spoken_items(practice)
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


class Encoder:
    """Each clip's MP3 frames encoded as soon as the clip is stored, on a thread that waits on ffmpeg, so
    encoding overlaps the engine's speech instead of following it (the join then finds them stored)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.todo: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self.thread: threading.Thread | None = None
        self.stopped = False
        self.changed = False
        """A clip it read was damaged (and discarded): the build is made again (StoreChanged)."""

    def add(self, clip: str) -> None:
        if self.thread is None:  # started by the first clip made: a warm build starts none
            self.thread = threading.Thread(target=self._run, daemon=True)
            self.thread.start()
        self.todo.put(clip)

    def close(self, wait: bool = True) -> None:
        """Once every clip added is encoded (``wait``), or the one in hand is (not ``wait``: the build failed)."""
        if self.thread is None:
            return
        self.stopped = self.stopped or not wait
        self.todo.put(None)
        self.thread.join()
        self.thread = None
        if wait and self.changed:
            raise StoreChanged()

    def _run(self) -> None:
        from voicekit.output.mp3.encode import clip_frames  # the output stage: only when a clip was made

        while (clip := self.todo.get()) is not None:
            if self.stopped:
                continue
            try:
                clip_frames(self.store, clip)
            except StoreChanged:
                self.changed = self.stopped = True
            except Exception:  # a head start only: the join encodes what is missing and says what went wrong
                self.stopped = True
