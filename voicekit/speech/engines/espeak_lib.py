"""Make libespeak-ng loadable for pyttsx3: the pip-shipped one first, else a system install.

The pip-shipped library comes first so that every machine speaks a practice with the same
espeak-ng, and so the same sequence gives the same file everywhere.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys

from voicekit.errors import EngineError

_FIX = "install it with `pip install espeakng-loader` (or your system's espeak-ng package)"


def bundled_path() -> str | None:
    """The libespeak-ng that comes with pip (espeakng-loader), or None."""
    try:
        import espeakng_loader
    except ImportError:
        return None
    return espeakng_loader.get_library_path()


def ensure_loaded() -> str:
    """Load libespeak-ng before pyttsx3 looks for it; returns where it came from."""
    if sys.platform in ("darwin", "win32"):
        return "system"  # pyttsx3 uses nsss / sapi5 there
    path = bundled_path()
    if path is None:
        if ctypes.util.find_library("espeak-ng"):
            return "system"
        raise EngineError(f"libespeak-ng was not found; {_FIX}")
    try:
        import espeakng_loader

        # dlopen by full path; pyttsx3's later dlopen("libespeak-ng.so.1") finds it by soname.
        ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)
        os.environ.setdefault("ESPEAK_DATA_PATH", espeakng_loader.get_data_path())
    except (OSError, RuntimeError) as e:
        raise EngineError(f"the bundled libespeak-ng could not be loaded ({e}); {_FIX}") from None
    return "espeakng-loader"
