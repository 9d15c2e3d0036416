"""Make libespeak-ng loadable for pyttsx3: a system install if present, else the pip-shipped one."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys

from ..errors import EngineError

_FIX = "install it with `pip install espeakng-loader` (or your system's espeak-ng package)"


def ensure_loaded() -> str:
    """Load libespeak-ng before pyttsx3 looks for it; returns where it came from."""
    if sys.platform in ("darwin", "win32"):
        return "system"  # pyttsx3 uses nsss / sapi5 there
    if ctypes.util.find_library("espeak-ng"):
        return "system"
    try:
        import espeakng_loader
    except ImportError:
        raise EngineError(f"libespeak-ng was not found; {_FIX}") from None
    try:
        # dlopen by full path; pyttsx3's later dlopen("libespeak-ng.so.1") finds it by soname.
        ctypes.CDLL(espeakng_loader.get_library_path(), mode=ctypes.RTLD_GLOBAL)
        os.environ.setdefault("ESPEAK_DATA_PATH", espeakng_loader.get_data_path())
    except (OSError, RuntimeError) as e:
        raise EngineError(f"the bundled libespeak-ng could not be loaded ({e}); {_FIX}") from None
    return "espeakng-loader"
