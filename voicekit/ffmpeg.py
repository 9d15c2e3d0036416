"""The one place ffmpeg runs (encoding the outputs, decoding a bed's file): found on PATH, else the
binary shipped by imageio-ffmpeg.

``run`` feeds ffmpeg 16-bit mono samples from a thread while this thread reads its output, so
nothing is held whole in memory; a failure is one line with ffmpeg's last word, and a full disk is
an OSError the build turns into a message naming the file it was for.
"""

from __future__ import annotations

import errno
import functools
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from typing import IO

from voicekit.errors import ExportError

_FIX = "install it with `pip install imageio-ffmpeg`, or your system's ffmpeg package"

Feed = Callable[[IO[bytes]], object]
"""Writes ffmpeg's input (raw 16-bit mono samples) to the pipe it is given."""


@functools.lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    """Path to a working ffmpeg, or ExportError saying how to get one."""
    exe = shutil.which("ffmpeg")
    if not exe:
        try:
            import imageio_ffmpeg

            exe = imageio_ffmpeg.get_ffmpeg_exe()
        except (ImportError, RuntimeError):
            raise ExportError(f"ffmpeg was not found; {_FIX}") from None
    try:
        subprocess.run([exe, "-version"], capture_output=True, check=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as e:
        raise ExportError(f"ffmpeg at {exe} does not run ({e}); {_FIX}") from None
    return exe


def pcm_input(rate: int) -> list[str]:
    """The arguments that read raw mono 16-bit samples at ``rate`` from the pipe."""
    return ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0"]


def run(args: list[str], feed: Feed | None, what: str) -> bytes:
    """Run ffmpeg with ``args`` (inputs and outputs), ``feed`` writing its stdin; return its stdout.

    ``what`` names the work for an error message: "encode MP3", "decode rain.mp3"."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args]
    with tempfile.TemporaryFile() as errors:
        stdin = subprocess.PIPE if feed else subprocess.DEVNULL
        proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=errors)
        failure: list[BaseException] = []

        def writer() -> None:
            assert proc.stdin is not None and feed is not None
            try:
                feed(proc.stdin)
            except BrokenPipeError:
                pass
            except BaseException as e:  # handed to the caller below
                failure.append(e)
            finally:
                proc.stdin.close()

        thread = threading.Thread(target=writer, daemon=True) if feed else None
        if thread:
            thread.start()
        assert proc.stdout is not None
        try:
            out = proc.stdout.read()
        finally:
            if thread:
                thread.join()
            code = proc.wait()
        if failure:
            raise failure[0]
        if code:
            errors.seek(0)
            detail = errors.read().decode(errors="replace").strip().splitlines()
            if any("No space left on device" in line for line in detail):
                raise OSError(errno.ENOSPC, "No space left on device")  # the build names the file it was for
            raise ExportError(f"ffmpeg failed to {what} (exit {code}): {detail[-1] if detail else 'no message'}")
        return out
