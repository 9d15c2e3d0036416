"""The whole build on one screen: load -> compile -> synthesize -> assemble -> export."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from voicekit.errors import EngineError, ExportError, SequenceError, VoicekitError
from voicekit.output import files, metadata
from voicekit.output.mp3 import frames as mp3frames
from voicekit.plan import compiler
from voicekit.plan.estimate import estimate_ms
from voicekit.plan.options import BuildOptions, apply
from voicekit.plan.timeline import BELL, CHIME, Grid, Timeline
from voicekit.progress import Progress
from voicekit.sequence import loader
from voicekit.sequence.model import Sequence, Voice
from voicekit.sound.sources import Sources
from voicekit.speech.engines import canonical
from voicekit.store import ClipCache

if TYPE_CHECKING:
    from voicekit.sound.bed import BedPlayer

OUTPUT_DIR = Path("output")
DEFAULTS = BuildOptions()
GRID = Grid(mp3frames.FRAME, mp3frames.RATE)  # every build's cues fall on whole MP3 frames
# A made sound's clip is a little shorter than its cue: its frames, codec delay included, fit inside.
SOUND_CLIP_MS = {BELL: compiler.BELL_MS - 100, CHIME: compiler.CHIME_MS - 100}


@dataclass(frozen=True)
class BuildResult:
    output: Path
    timeline: Timeline
    sequence: Sequence
    synthesized: int
    """Clips the engine had to make (0 on a rebuild with other holds)."""
    seconds: float
    size: int
    companions: tuple[Path, ...] = ()
    """Cue sheet, lyrics, captions and plan written beside the audio."""
    warnings: tuple[str, ...] = ()
    """Things the listener should know: cues left out of a hold, damaged cache entries made again."""


def check(
    source: str | Path | Sequence, options: BuildOptions = DEFAULTS, cache_dir: str | Path | None = None
) -> Sequence:
    """The sequence, validated with the options: its file, its holds, its engine and voice."""
    sequence = _load(source)
    _check_voice(sequence, options, ClipCache(cache_dir))
    return sequence


def plan(
    source: str | Path | Sequence, options: BuildOptions = DEFAULTS, cache_dir: str | Path | None = None
) -> Timeline:
    """The timeline a build would play, without synthesizing (uncached clips are estimated)."""
    from voicekit.speech import synthesis as speech

    sequence = _load(source)
    cache = ClipCache(cache_dir)
    voice = _check_voice(sequence, options, cache)
    return _compile(sequence, options, speech.cached_samples(cache, voice))


def _check_voice(sequence: Sequence, options: BuildOptions, cache: ClipCache) -> Voice:
    """The voice the build will speak with, its engine and voice id checked; a problem with a setting
    written in the file is reported at its line."""
    from voicekit.speech import voices

    voice = apply(sequence, options).voice
    written = sequence.voice
    try:
        voices.check_engine(voice)
    except EngineError as e:
        raise _at_line(e, sequence, written.engine_line if options.engine is None else 0) from None
    try:
        voices.check_id(voice, cache.root)
    except EngineError as e:
        from_file = options.voice is None and options.engine is None
        raise _at_line(e, sequence, written.id_line if from_file else 0) from None
    return voice


def _at_line(error: EngineError, sequence: Sequence, line: int) -> VoicekitError:
    return SequenceError(f"voice: {error}", sequence.file, line) if line else error


def _compile(sequence: Sequence, options: BuildOptions, samples_of: Callable[[str, int], int | None]) -> Timeline:
    """The timeline on the MP3 frame grid: a clip's cue spans the frames its encode takes."""

    def measure(text: str, rate: int) -> float:
        n = samples_of(text, rate)
        return estimate_ms(text, rate) if n is None else mp3frames.frames_for(n) * GRID.ms

    return compiler.compile_timeline(sequence, options, measure, GRID)


def build(
    source: str | Path | Sequence,
    options: BuildOptions = DEFAULTS,
    output: str | Path | None = None,
    fmt: str | None = None,
    cache_dir: str | Path | None = None,
    progress: Progress | None = None,
    companions: bool = True,
) -> BuildResult:
    """Build the audio file (and its companions) for a sequence and return what was made."""
    from concurrent.futures import ThreadPoolExecutor

    from voicekit.speech import synthesis as speech

    started = time.monotonic()
    progress = progress or Progress(enabled=False)
    sequence = _load(source)
    cache = ClipCache(cache_dir)
    voice = _check_voice(sequence, options, cache)  # validates the options and the voice before any work
    target, fmt = _target(sequence, output, fmt)
    targets = _targets(sequence, target, companions)  # checked before any work: nothing the user wrote is lost
    cache.sweep()  # temporaries that killed builds left in the cache
    items = compiler.spoken_texts(sequence, options, estimate_ms)
    with ThreadPoolExecutor(1) as side:  # the bell is made while the engine speaks (numpy frees the GIL)
        kinds = {kind: ms for kind, ms in SOUND_CLIP_MS.items() if kind == BELL or sequence.chimes}
        sounds_job = side.submit(speech.sound_clips, cache, kinds, sequence.bed)
        clips = speech.synthesize(items, voice, cache, on_clip=lambda d, n: progress.step("speech", d, n))
        sounds = sounds_job.result()
    timeline = _compile(sequence, options, lambda text, rate: clips.samples.get((text, rate)))
    meta = metadata.for_build(sequence, options, timeline)
    written = companion_texts(sequence, options, timeline, meta, target) if companions else {}
    if target.parent == OUTPUT_DIR and not output:
        OUTPUT_DIR.mkdir(exist_ok=True)
    # Every file goes to a temporary beside it; all are renamed into place once the audio is whole.
    with files.replacing([*(targets[p] for p in written), targets[target]]) as temps:
        for tmp, content in zip(temps, written.values(), strict=False):
            tmp.write_text(content, encoding="utf-8")
        try:
            sources = Sources(clips.paths, sounds, _bed(sequence, timeline, sounds))
            if fmt == "mp3":
                _write_mp3(timeline, sources, cache, temps[-1], meta)
            else:
                _write_stream(timeline, sources, temps[-1], fmt, meta, progress)
        finally:
            progress.done()
    seconds = time.monotonic() - started
    rates = {rate for _, rate in items}
    warnings = (*timeline.warnings, *_engine_warnings(voice.engine, rates), *cache.warnings)
    size = target.stat().st_size
    return BuildResult(target, timeline, sequence, clips.synthesized, seconds, size, tuple(written), warnings)


def _engine_warnings(engine: str, rates: set[int]) -> list[str]:
    """What an engine cannot do as asked."""
    if canonical(engine) != "piper":
        return []
    from voicekit.speech.engines.piper_engine import fastest_rate

    fastest = fastest_rate()
    return [
        f"Piper speaks at most about {fastest} words per minute (faster sounds garbled); rate {r} is spoken at that"
        for r in sorted(rates)
        if r > fastest
    ]


def _bed(sequence: Sequence, timeline: Timeline, sounds: dict[str, Path]) -> BedPlayer | None:
    """The sequence's bed as heard in this timeline, its loop read from the cache (made once)."""
    if sequence.bed is None:
        return None
    from voicekit.sound.bed import BedPlayer
    from voicekit.speech.finish import read_wav

    return BedPlayer(sequence.bed, timeline, mp3frames.RATE, read_wav(sounds["bed"])[0])


def _write_mp3(timeline: Timeline, sources: Sources, cache: ClipCache, target: Path, meta: metadata.Metadata) -> None:
    """MP3 by joining cached frames; only clips never encoded before go through the encoder (and with
    a bed, the stretches where more than the bed sounds)."""
    from voicekit.output.mp3 import join as mp3join
    from voicekit.output.mp3.framecache import FrameCache
    from voicekit.output.tags import write_id3

    frames = FrameCache(cache.root)
    try:
        if sources.bed is None:
            keys = mp3join.prepare(timeline, sources, frames)
            mp3join.write(timeline, keys, frames, frames.kit(), target)
        else:  # the bed's loop comes from the cache; the stretches where more sounds are encoded now
            from voicekit.output.mp3 import bed as mp3bed

            mp3bed.write(timeline, sources, frames, frames.kit(), target)
    finally:
        cache.warnings.extend(frames.warnings)
    write_id3(target, meta)


def _write_stream(
    timeline: Timeline, sources: Sources, target: Path, fmt: str, meta: metadata.Metadata, progress: Progress
) -> None:
    """WAV and M4A: the session streamed through pydub segments into the writer."""
    from voicekit.output import formats as export
    from voicekit.sound import mix as assemble

    total = len(timeline.cues)

    def counted():
        for i, segment in enumerate(assemble.segments(timeline, sources)):
            progress.step("encoding", min(i, total), total)
            yield segment

    export.write(counted(), target, fmt, meta)


COMPANION_SUFFIXES = ("md", "lrc", "vtt", "json")


def companion_texts(
    sequence: Sequence, options: BuildOptions, timeline: Timeline, meta: metadata.Metadata, audio: Path
) -> dict[Path, str]:
    """NAME.md, NAME.lrc, NAME.vtt and NAME.json for ``audio``: where each goes, and what it says."""
    from voicekit.output import companions as text

    used = metadata.settings(sequence, options)
    made = {
        "md": text.cue_sheet(sequence, options, timeline, meta),
        "lrc": text.lrc(timeline, meta),
        "vtt": text.vtt(timeline, meta),
        "json": text.to_json(text.plan_document(timeline, used, audio.name)),
    }
    return {audio.with_suffix(f".{suffix}"): made[suffix] for suffix in COMPANION_SUFFIXES}


def _targets(sequence: Sequence, audio: Path, companions: bool) -> dict[Path, files.Target]:
    """Every file the build writes, each checked: never the sequence itself, a device or a user's file."""
    source = Path(sequence.file) if sequence.file and Path(sequence.file).exists() else None
    paths = [audio.with_suffix(f".{suffix}") for suffix in COMPANION_SUFFIXES] if companions else []
    out = {audio: files.target(audio, "choose another -o", source)}  # the -o itself is checked first
    out.update({path: files.target(path, "use --no-companions or another -o", source) for path in paths})
    return out


def _target(sequence: Sequence, output: str | Path | None, fmt: str | None) -> tuple[Path, str]:
    """Where to write and in which format, checked before any work is done."""
    from voicekit.output.formats import FORMATS, check_folder

    if output is None:
        fmt = fmt or "mp3"
        if OUTPUT_DIR.exists() and not OUTPUT_DIR.is_dir():
            raise ExportError(f"{OUTPUT_DIR} is a file, so the default output folder cannot be made; use -o")
        return OUTPUT_DIR / f"{safe_name(sequence.name)}.{fmt}", fmt
    target = Path(output)
    if target.is_dir():
        raise ExportError(f"-o {target} is a folder; give a file name such as {target / sequence.name}.mp3")
    suffix = target.suffix.lstrip(".").lower()
    if fmt and suffix and suffix != fmt:
        raise ExportError(f"-o {target} does not match --format {fmt}; name it {target.stem}.{fmt}")
    check_folder(target)
    fmt = fmt or suffix
    if fmt not in FORMATS:
        raise ExportError(
            f"-o {target}: cannot tell the format from {suffix or 'no suffix'!r}; end it in .mp3, .m4a or .wav"
        )
    return target, fmt


def safe_name(name: str) -> str:
    """A file name from a sequence's name: letters, digits, '-', '_' and spaces only (no separators, no
    '..', no control characters), at most 80 characters."""
    cleaned = re.sub(r"[^\w\- ]+", "-", name).strip(" .-_")[:80].strip(" .-_")
    return cleaned or "practice"


def _load(source: str | Path | Sequence) -> Sequence:
    return source if isinstance(source, Sequence) else loader.load_sequence(source)
