"""The whole build on one screen: load -> compile -> synthesize -> assemble -> export."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from . import compiler, loader, metadata
from .cache import ClipCache
from .errors import ExportError
from .estimate import estimate_ms
from .model import Sequence
from .options import BuildOptions, apply
from .progress import Progress
from .timeline import Timeline

OUTPUT_DIR = Path("output")
DEFAULTS = BuildOptions()


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


def plan(
    source: str | Path | Sequence, options: BuildOptions = DEFAULTS, cache_dir: str | Path | None = None
) -> Timeline:
    """The timeline a build would play, without synthesizing (uncached clips are estimated)."""
    from . import speech

    sequence = _load(source)
    voice = apply(sequence, options).voice
    return compiler.compile_timeline(sequence, options, speech.measure(ClipCache(cache_dir), voice))


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
    from . import assemble, export, speech

    started = time.monotonic()
    progress = progress or Progress(enabled=False)
    sequence = _load(source)
    voice = apply(sequence, options).voice  # validates the options before any work
    target, fmt = _target(sequence, output, fmt)
    if target.parent == OUTPUT_DIR and not output:
        OUTPUT_DIR.mkdir(exist_ok=True)
    cache = ClipCache(cache_dir)
    texts = compiler.spoken_texts(sequence, options, lambda t: estimate_ms(t, voice.rate))
    clips = speech.synthesize(texts, voice, cache, on_clip=lambda d, n: progress.step("speech", d, n))
    timeline = compiler.compile_timeline(sequence, options, clips.lengths.__getitem__)
    bell = speech.bell_clip(cache, compiler.BELL_MS)
    total = len(timeline.cues)

    def counted():
        for i, segment in enumerate(assemble.segments(timeline, clips.paths, bell)):
            progress.step("encoding", min(i, total), total)
            yield segment

    meta = metadata.for_build(sequence, options, timeline)
    try:
        export.write(counted(), target, fmt, meta)
    finally:
        progress.done()
    written = write_companions(sequence, options, timeline, meta, target) if companions else ()
    seconds = time.monotonic() - started
    return BuildResult(target, timeline, sequence, clips.synthesized, seconds, target.stat().st_size, written)


def write_companions(
    sequence: Sequence, options: BuildOptions, timeline: Timeline, meta: metadata.Metadata, audio: Path
) -> tuple[Path, ...]:
    """NAME.md, NAME.lrc, NAME.vtt and NAME.json beside ``audio``, each written atomically."""
    from . import companions as text
    from .export import atomic_path

    used = metadata.settings(sequence, options)
    contents = {
        "md": text.cue_sheet(sequence, options, timeline, meta),
        "lrc": text.lrc(timeline, meta),
        "vtt": text.vtt(timeline, meta),
        "json": text.to_json(text.plan_document(timeline, used, audio.name)),
    }
    written = []
    for suffix, content in contents.items():
        path = audio.with_suffix(f".{suffix}")
        with atomic_path(path) as tmp:
            tmp.write_text(content, encoding="utf-8")
        written.append(path)
    return tuple(written)


def _target(sequence: Sequence, output: str | Path | None, fmt: str | None) -> tuple[Path, str]:
    """Where to write and in which format, checked before any work is done."""
    from .export import FORMATS, check_folder

    if output is None:
        fmt = fmt or "mp3"
        return OUTPUT_DIR / f"{sequence.name}.{fmt}", fmt
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


def _load(source: str | Path | Sequence) -> Sequence:
    return source if isinstance(source, Sequence) else loader.load_sequence(source)
