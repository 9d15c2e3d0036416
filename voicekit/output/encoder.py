"""Find ffmpeg: the one on PATH, else the binary shipped by imageio-ffmpeg."""

from __future__ import annotations

import functools
import shutil
import subprocess

from voicekit.errors import ExportError

_FIX = "install it with `pip install imageio-ffmpeg`, or your system's ffmpeg package"


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
