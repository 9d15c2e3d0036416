"""Timeline + sources -> an audio file: one writer per format, in one table.

MP3 is a join of stored frames (``output.mp3``); WAV and M4A stream the mixed session, cue by cue,
into the file or the encoder. Each writer puts its format's tags (made in one place, ``output.tags``)
where they go: an MP3's before its frames (so no audio is moved to make room), an M4A's once the audio
is whole; a WAV names voicekit in its LIST chunk.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO

from voicekit import ffmpeg
from voicekit.errors import ExportError
from voicekit.output import tags
from voicekit.output.metadata import Metadata
from voicekit.output.mp3 import encode, join
from voicekit.output.provenance import SIGNATURE
from voicekit.plan.grid import SAMPLE_RATE
from voicekit.plan.timeline import Timeline
from voicekit.progress import OnProgress
from voicekit.sound.sources import Sources

AAC_BITRATE = "64k"


def check_folder(target: Path) -> None:
    """The folder ``target`` goes in must exist (voicekit creates only its default output/)."""
    if not target.parent.is_dir():
        raise ExportError(f"{target}: the folder {target.parent} does not exist; create it or choose another -o")


def write_mp3(timeline: Timeline, sources: Sources, path: Path, progress: OnProgress, meta: Metadata) -> None:
    """MP3 by joining stored frames, its ID3 tag first; only clips never encoded before go through the
    encoder (and with a bed, the stretches where more than the bed sounds)."""
    kit = encode.kit(sources.store)
    if sources.bed:
        from voicekit.output.mp3 import bed  # numpy: only with a bed

        spans = bed.spans(timeline, sources, progress)
    else:
        spans = encode.spans(timeline, sources, kit, progress)
    join.write(path, spans, kit, timeline.sample(timeline.total, SAMPLE_RATE), lambda audio: tags.id3(meta, audio))


def write_wav(timeline: Timeline, sources: Sources, path: Path, progress: OnProgress, meta: Metadata) -> None:
    """16-bit mono WAV, streamed; its LIST chunk names voicekit (so a rebuild knows the file is its own)."""
    from voicekit.sound import mix, wav

    with open(path, "wb") as f:
        writer = wav.Writer(f, SAMPLE_RATE, SIGNATURE)
        for i, segment in mix.segments(timeline, sources):
            writer.write(segment)
            progress(i, len(timeline.cues))
        writer.close()


def write_m4a(timeline: Timeline, sources: Sources, path: Path, progress: OnProgress, meta: Metadata) -> None:
    """AAC in MP4 (the iPod brand: .m4a), streamed through one encoder run (ffmpeg's fast AAC coder:
    half the time of the default, and less peak overshoot)."""
    from voicekit.sound import mix

    def feed(stdin: IO[bytes]) -> None:
        for i, segment in mix.segments(timeline, sources):
            stdin.write(segment)
            progress(i, len(timeline.cues))

    output = ["-c:a", "aac", "-aac_coder", "fast", "-b:a", AAC_BITRATE, "-movflags", "+faststart", "-f", "ipod"]
    ffmpeg.run([*ffmpeg.pcm_input(SAMPLE_RATE), *output, str(path)], feed, "encode M4A")
    tags.write_mp4(path, meta)


WRITERS: dict[str, Callable[[Timeline, Sources, Path, OnProgress, Metadata], None]] = {
    "mp3": write_mp3,
    "m4a": write_m4a,
    "wav": write_wav,
}
FORMATS = tuple(WRITERS)
