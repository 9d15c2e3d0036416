"""Stage: a stream of segments -> an audio file (WAV, M4A, or MP3 in one encoder run)."""

from __future__ import annotations

import subprocess
import tempfile
import wave
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ExportError
from .ffmpeg import ffmpeg_exe
from .metadata import Metadata
from .tags import ffmetadata, write_id3
from .timeline import SAMPLE_RATE

if TYPE_CHECKING:
    from ._pydub import AudioSegment

FORMATS = ("mp3", "m4a", "wav")
MP3_BITRATE = "64k"  # constant bit rate: exact seeking on phones, clean mono speech
AAC_BITRATE = "64k"


def check_folder(target: Path) -> None:
    """The folder ``target`` goes in must exist (voicekit creates only its default output/)."""
    if not target.parent.is_dir():
        raise ExportError(f"{target}: the folder {target.parent} does not exist; create it or choose another -o")


def write(
    segments: Iterable[AudioSegment],
    target: Path,
    fmt: str = "mp3",
    meta: Metadata | None = None,
    rate: int = SAMPLE_RATE,
) -> None:
    """Write the stream to ``target`` (a temporary file: see files.replacing), with ``meta``'s tags and chapters.

    MP3 here is one encoder run over the whole session: the reference the frame join is tested against."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "wav":
        _write_wav(segments, target, rate)
    elif fmt == "m4a":
        _write_m4a(segments, target, rate, meta)
    else:
        _encode(segments, ["-c:a", "libmp3lame", "-b:a", MP3_BITRATE, "-f", "mp3", str(target)], rate, "MP3")
        if meta:
            write_id3(target, meta)


def _write_wav(segments: Iterable[AudioSegment], path: Path, rate: int) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        for seg in segments:
            w.writeframesraw(seg.raw_data)


def _write_m4a(segments: Iterable[AudioSegment], path: Path, rate: int, meta: Metadata | None) -> None:
    """AAC in MP4 (the iPod brand: .m4a), tags and chapters from an ffmetadata file."""
    with tempfile.TemporaryDirectory() as folder:
        extra: list[str] = []
        if meta:
            info = Path(folder) / "metadata.txt"
            info.write_text(ffmetadata(meta), encoding="utf-8")
            extra = ["-f", "ffmetadata", "-i", str(info), "-map", "0:a", "-map_metadata", "1", "-map_chapters", "1"]
        args = [
            "-c:a",
            "aac",
            "-aac_coder",
            "fast",
            "-b:a",
            AAC_BITRATE,
            "-movflags",
            "+faststart",
            "-f",
            "ipod",
            str(path),
        ]
        _encode(segments, args, rate, "M4A", extra)


def _encode(
    segments: Iterable[AudioSegment], output_args: list[str], rate: int, what: str, inputs: Sequence[str] = ()
) -> None:
    """Stream raw samples into one ffmpeg process."""
    cmd = [
        ffmpeg_exe(),
        "-hide_banner",
        "-nostdin",
        "-loglevel",
        "error",
        "-y",
        "-f",
        "s16le",
        "-ar",
        str(rate),
        "-ac",
        "1",
        "-i",
        "pipe:0",
        *inputs,
        *output_args,
    ]
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=errors)
        try:
            for seg in segments:
                proc.stdin.write(seg.raw_data)
            proc.stdin.close()
        except BrokenPipeError:
            pass
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        code = proc.wait()
        if code:
            errors.seek(0)
            detail = errors.read().decode(errors="replace").strip().splitlines()
            raise ExportError(f"ffmpeg failed to encode {what} (exit {code}): {detail[-1] if detail else 'no message'}")
