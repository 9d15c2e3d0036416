"""Stage: a stream of segments -> an audio file (WAV, M4A, or MP3 in one encoder run)."""

from __future__ import annotations

import errno
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from voicekit.errors import ExportError
from voicekit.output.encoder import ffmpeg_exe
from voicekit.output.metadata import Metadata
from voicekit.output.tags import ffmetadata, write_id3
from voicekit.plan.timeline import SAMPLE_RATE

if TYPE_CHECKING:
    from voicekit.sound._pydub import AudioSegment

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
    """16-bit mono WAV with a LIST/INFO chunk naming voicekit (so a rebuild knows the file is its own)."""
    from voicekit import __version__

    software = f"voicekit {__version__}".encode() + b"\0"
    software += b"\0" * (len(software) & 1)
    info = b"INFO" + b"ISFT" + len(software).to_bytes(4, "little") + software
    fmt = (1).to_bytes(2, "little") + (1).to_bytes(2, "little") + rate.to_bytes(4, "little")
    fmt += (2 * rate).to_bytes(4, "little") + (2).to_bytes(2, "little") + (16).to_bytes(2, "little")
    header = b"fmt " + len(fmt).to_bytes(4, "little") + fmt + b"LIST" + len(info).to_bytes(4, "little") + info
    with open(path, "wb") as f:
        f.write(b"RIFF" + bytes(4) + b"WAVE" + header + b"data" + bytes(4))
        size = 0
        for seg in segments:
            f.write(seg.raw_data)
            size += len(seg.raw_data)
        if size & 1:
            f.write(b"\0")
        f.seek(4)
        f.write((4 + len(header) + 8 + size + (size & 1)).to_bytes(4, "little"))
        f.seek(12 + len(header) + 4)
        f.write(size.to_bytes(4, "little"))


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
            if any("No space left on device" in line for line in detail):
                raise OSError(errno.ENOSPC, "No space left on device")  # the build names the file it was for
            raise ExportError(f"ffmpeg failed to encode {what} (exit {code}): {detail[-1] if detail else 'no message'}")
