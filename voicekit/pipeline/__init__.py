"""The whole build on one screen: load -> resolve -> synthesize -> compile -> write audio -> write companions."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from voicekit.errors import EngineError, SequenceError, StoreChanged, VoicekitError
from voicekit.pipeline.clips import synthesize, warnings_of, with_missing
from voicekit.places import config_dir
from voicekit.plan import limits
from voicekit.plan.fit import fit, keeping_last
from voicekit.plan.grid import compile_on_grid
from voicekit.plan.options import BuildOptions, Practice, resolve
from voicekit.plan.speaker import Speaker
from voicekit.plan.timeline import Timeline
from voicekit.progress import Progress
from voicekit.sequence import loader
from voicekit.sequence.model import Sequence
from voicekit.sequence.shelf import find
from voicekit.sequence.yaml_tree import kept_in
from voicekit.speech import voices
from voicekit.speech.engines import settled
from voicekit.speech.synthesis import cached_samples
from voicekit.store import YAML, Shelf, Store

if TYPE_CHECKING:
    from voicekit.output.targets import Outputs
    from voicekit.plan.teaching import Finding

T = TypeVar("T")
DEFAULTS = BuildOptions()
PRONOUNCE_FILE = "pronounce.yaml"


@dataclass(frozen=True)
class BuildResult:
    """What a build made."""

    output: Path
    timeline: Timeline
    practice: Practice
    synthesized: int
    """Clips the engine had to make (0 on a rebuild with other holds)."""
    seconds: float
    size: int
    companions: tuple[Path, ...] = ()
    """Cue sheet, lyrics, captions and plan written beside the audio."""
    warnings: tuple[str, ...] = ()
    """Things the listener should know: cues left out of a hold, damaged cache entries made again."""

    @property
    def sequence(self) -> Sequence:
        return self.practice.sequence


def check(
    source: str | Path | Sequence, options: BuildOptions = DEFAULTS, cache_dir: str | Path | None = None
) -> Practice:
    """The practice, validated with the options: its file, its holds, its engine and voice, its bed's file,
    what a build of it would make (``limits``); its holds fitted to its length if it has one (with the
    clips already made, and estimates for the rest)."""
    return _checked(source, options, Store(cache_dir))[1]


def _checked(source: str | Path | Sequence, options: BuildOptions, store: Store) -> tuple[Practice, Practice]:
    """``check``'s checks, which a build makes too before any work: the practice as resolved, and fitted."""
    with kept_in(Shelf(store, YAML)):  # the YAML files read (the practice, its poses, pronunciations)
        practice = resolve(_load(source, store), options, settled, user_pronunciations())
    check_voice(practice, store)
    bed = practice.sequence.bed
    if bed and bed.file:  # decoded now (once: the loop is stored), so a file ffmpeg cannot read is found
        from voicekit.sound.bed_file import stored_loop

        stored_loop(store, bed)
    return practice, within_limits(practice, _stored(store, practice))


@dataclass(frozen=True)
class PreparedBuild:
    """A build checked before any work is done: everything that can refuse it without speaking has."""

    practice: Practice
    """The practice with the options applied (its holds not fitted yet)."""
    outputs: Outputs
    """The audio and companion files it will write, each checked."""
    cache_dir: str | Path | None = None
    warnings: tuple[str, ...] = ()
    """What the checks found in the store (a damaged entry they discarded, to be made again)."""
    store: Store | None = field(default=None, compare=False, repr=False)
    """The store the checks read (``make`` reads it on: each entry's seal is read once a build)."""


def prepare(
    source: str | Path | Sequence,
    options: BuildOptions = DEFAULTS,
    output: str | Path | None = None,
    fmt: str | None = None,
    cache_dir: str | Path | None = None,
    companions: bool = True,
    variant: str = "",
) -> PreparedBuild:
    """A build checked as ``check`` checks a practice, and the files it will write checked too. ``variant``
    names one of several versions in the default file name (``output/NAME-VARIANT.mp3``)."""
    from voicekit.output import targets  # the build's boundary: a check or a plan loads no output stage

    store = Store(cache_dir)
    practice, _ = _checked(source, options, store)
    outputs = targets.choose(practice.sequence, output, fmt, companions, variant)
    return PreparedBuild(practice, outputs, cache_dir, tuple(store.warnings), store)


def plan(
    source: str | Path | Sequence, options: BuildOptions = DEFAULTS, cache_dir: str | Path | None = None
) -> Timeline:
    """The timeline a build would play, without synthesizing (clips not yet made are estimated)."""
    return plan_of(check(source, options, cache_dir), cache_dir)


def plan_of(practice: Practice, cache_dir: str | Path | None = None) -> Timeline:
    """The timeline of a checked practice: clips already made count with their real length."""
    return compile_on_grid(practice, _stored(Store(cache_dir), practice))


def teaching(practice: Practice, cache_dir: str | Path | None = None) -> list[Finding]:
    """The teaching check's warnings of a checked practice, as its plan lays it out (``plan.teaching``)."""
    from voicekit.plan.teaching import findings  # check and plan ask for it, a build does not

    return findings(practice, plan_of(practice, cache_dir))


def build(
    source: str | Path | Sequence,
    options: BuildOptions = DEFAULTS,
    output: str | Path | None = None,
    fmt: str | None = None,
    cache_dir: str | Path | None = None,
    progress: Progress | None = None,
    companions: bool = True,
    variant: str = "",
) -> BuildResult:
    """Build the audio file (and its companions) for a sequence and return what was made."""
    return make(prepare(source, options, output, fmt, cache_dir, companions, variant), progress)


def make(job: PreparedBuild, progress: Progress | None = None) -> BuildResult:
    """Speak, lay out and write a prepared build: the audio and its companions, renamed into place together."""
    store = job.store or Store(job.cache_dir)
    store.keep_in_memory = True  # from here a full disk costs the cache, not the build
    Shelf(store, YAML).save()  # the trees of the YAML files its checks read: the build is under way
    return again_if_changed(lambda: _make(job, store, progress or Progress(enabled=False)))


def again_if_changed(run: Callable[[], T]) -> T:
    """``run()``, and once more if an entry it read whole was damaged: it was discarded, so the second run
    makes it anew (entries are known by their seals until they are used; see StoreChanged)."""
    try:
        return run()
    except StoreChanged:
        return run()


def _make(job: PreparedBuild, store: Store, progress: Progress) -> BuildResult:
    from voicekit.output import metadata, targets  # the build's boundary, as in prepare
    from voicekit.output.formats import WRITERS
    from voicekit.sound.sources import Sources, bed_player

    started = time.monotonic()
    practice, audio = job.practice, job.outputs
    # Fitted again (clips made since prepare may have other lengths); without a length there is nothing
    # to fit, and the limits are checked below with every clip's real length.
    first = within_limits(practice, _stored(store, practice)) if practice.length_ms is not None else practice
    store.sweep()  # temporaries that killed builds left in the store
    clips, sounds = synthesize(first, store, progress, frames=audio.fmt == "mp3" and not practice.sequence.bed)
    if practice.length_ms is not None:  # fitted again with every clip's real length
        practice = fitted(practice, lambda text, rate: clips.samples.get((text, rate)))
        clips = with_missing(practice, clips, store, progress)
    timeline = compile_on_grid(practice, lambda text, rate: clips.samples.get((text, rate)))
    limits.check(timeline, practice)  # again with the real lengths, before any encoding
    sources = Sources(store, clips.names, sounds, bed_player(practice.sequence.bed, timeline, store, sounds))
    meta = metadata.for_build(practice, timeline, store)
    written = {}
    if audio.companions:
        from voicekit.output.companions import beside  # the cue sheet and the rest: only when they are written

        written = beside(audio.path, practice, timeline, meta)
    outputs = [*(audio.companion(path) for path in written), audio.target]
    with targets.replacing(outputs) as temps:  # each to a temporary, all renamed once the audio is whole
        for tmp, text in zip(temps, written.values(), strict=False):
            tmp.write_text(text, encoding="utf-8")
        try:
            WRITERS[audio.fmt](timeline, sources, temps[-1], lambda done, n: progress.step("encoding", done, n), meta)
        finally:
            progress.done()
    found = dict.fromkeys((*job.warnings, *store.warnings))  # a damaged entry is named once
    warnings = (*timeline.warnings, *warnings_of(practice, clips.names), *found)
    size = audio.path.stat().st_size
    seconds = time.monotonic() - started
    return BuildResult(audio.path, timeline, practice, clips.synthesized, seconds, size, tuple(written), warnings)


def load(source: str | Path | Sequence, cache_dir: str | Path | None = None) -> Sequence:
    """A sequence: given, read from a file, or the practice of that name on the shelf (the trees of the
    YAML files read kept in the store: a warm build parses none)."""
    return _load(source, Store(cache_dir))


def _load(source: str | Path | Sequence, store: Store) -> Sequence:
    if isinstance(source, Sequence):
        return source
    with kept_in(Shelf(store, YAML)):
        return loader.load_sequence(find(source))


def user_pronunciations() -> tuple[tuple[str, str], ...]:
    """The user's own table of how words are said: ``pronounce.yaml`` in the user config folder."""
    return loader.load_pronunciations(config_dir() / PRONOUNCE_FILE)


def fitted(practice: Practice, samples_of: Callable[[str, int], int | None]) -> Practice:
    """The practice with its holds fitted to its length (``--length`` or ``length:``), if it has one;
    clips not measured yet count with an estimate."""
    return _fitted(practice, lambda p: compile_on_grid(p, samples_of))


def _fitted(practice: Practice, compile_: Callable[[Practice], Timeline]) -> Practice:
    return practice if practice.length_ms is None else fit(practice, practice.length_ms, compile_)


def within_limits(practice: Practice, samples_of: Callable[[str, int], int | None]) -> Practice:
    """The practice fitted to its length (if it has one), refused if a build of it would be: the timeline
    it would play is asked everything the built file must hold (``limits``)."""
    compile_ = keeping_last(lambda p: compile_on_grid(p, samples_of))
    practice = _fitted(practice, compile_)
    limits.check(compile_(practice), practice)
    return practice


def _stored(store: Store, practice: Practice) -> Callable[[str, int], int | None]:
    return cached_samples(store, practice.voice, practice.pronounce)


def check_voice(practice: Practice, store: Store) -> Speaker:
    """The engine installed and the voice one of its voices; a setting written in the file is reported
    at its line."""
    voice = practice.voice
    try:
        voices.check_engine(voice)
    except EngineError as e:
        raise _at_line(e, practice.sequence, voice.engine_line) from None
    try:
        voices.check_id(voice, store)
    except EngineError as e:
        raise _at_line(e, practice.sequence, voice.id_line) from None
    return voice


def _at_line(error: EngineError, sequence: Sequence, line: int) -> VoicekitError:
    return SequenceError(f"voice: {error}", sequence.file, line) if line else error
