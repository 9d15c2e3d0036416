"""Stage: a stream of segments -> the output file, written to a temporary file and renamed into place."""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import wave
from collections.abc import Iterable, Iterator
from pathlib import Path

from ._pydub import AudioSegment
from .clips import SAMPLE_RATE
from .errors import ExportError
from .ffmpeg import ffmpeg_exe

FORMATS = ("mp3", "wav")
MP3_BITRATE = "64k"  # constant bit rate: exact seeking on phones, clean mono speech


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` that replaces it only if the block succeeds."""
    check_folder(target)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as e:
        raise ExportError(f"{target}: cannot write in {target.parent} ({e.strerror})") from None
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file normal permissions
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)


def check_folder(target: Path) -> None:
    """The folder ``target`` goes in must exist (voicekit creates only its default output/)."""
    if not target.parent.is_dir():
        raise ExportError(f"{target}: the folder {target.parent} does not exist; create it or choose another -o")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write(segments: Iterable[AudioSegment], target: Path, fmt: str = "mp3", rate: int = SAMPLE_RATE) -> None:
    """Encode the stream into ``target`` atomically."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    with atomic_path(target) as tmp:
        if fmt == "wav":
            _write_wav(segments, tmp, rate)
        else:
            _write_mp3(segments, tmp, rate)


def _write_wav(segments: Iterable[AudioSegment], path: Path, rate: int) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        for seg in segments:
            w.writeframesraw(seg.raw_data)


def _write_mp3(segments: Iterable[AudioSegment], path: Path, rate: int) -> None:
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
        "-c:a",
        "libmp3lame",
        "-b:a",
        MP3_BITRATE,
        "-f",
        "mp3",
        str(path),
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
            raise ExportError(f"ffmpeg failed to encode MP3 (exit {code}): {detail[-1] if detail else 'no message'}")
