"""pyttsx3 (espeak-ng on Linux, NSSpeech on macOS, SAPI5 on Windows).

Traps handled here:
- runAndWait() may return before the file is written, and several save_to_file() calls before one
  runAndWait() keep only the last: one file per call, waiting for finished-utterance.
- The espeak driver prints "Audio saved to" on stdout: the engine runs in a worker process
  (``isolated``) whose stdout is not the user's.
- espeak-ng runs asynchronously: a rate set after a voice is queued and, measured here, 1 to 4
  clips in 12 came out at the previous rate. So the driver is started with a throwaway utterance,
  and each clip waits until espeak reports the requested rate as current.
- espeak-ng's output depends on what it spoke before (see ``fresh_per_clip``).
- pyttsx3's runAndWait() first calls the driver's stop(), which cancels the new utterance if espeak
  still reports the previous one as playing. It then announces "finished" with completed=False and
  the file holds no audio (measured under CPU load: 1 to 4 clips in 300). So each clip waits until
  espeak is idle before it starts, and a cancelled clip is spoken again.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import importlib.util
import io
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from voicekit.errors import EngineError
from voicekit.files import temp_in
from voicekit.language.base import for_tag
from voicekit.sound import wav
from voicekit.speech.engines import InstalledVoice, known_voice
from voicekit.speech.engines.espeak_lib import bundled_path, ensure_loaded

if TYPE_CHECKING:
    import numpy as np

# The espeak-ng voice a recognizer understands best: over every cue of the shipped practice,
# pocketsphinx heard 19% of the words from gmw/en-us, 10-15% from the other English voices
# (gmw/en, the engine's own default: 15%). See scripts/intelligibility.py.
PREFERRED = "gmw/en-us"
# espeak-ng's voice for each language voicekit has phrases for; another tag is asked of espeak-ng as it is.
LANGUAGE_VOICES = {
    "en": PREFERRED, "de": "gmw/de", "es": "roa/es", "es-419": "roa/es-419", "fr": "roa/fr", "fr-be": "roa/fr-be",
    "fr-ch": "roa/fr-ch", "it": "roa/it", "pt": "roa/pt", "pt-br": "roa/pt-br", "nl": "gmw/nl",
}  # fmt: skip
FILE_WAIT_S = 30.0
RATE_WAIT_S = 5.0
ATTEMPTS = 3


class Pyttsx3Engine:
    name = "pyttsx3"
    isolated = True
    # espeak-ng carries state from one utterance to the next (its pitch flutter, the phase and memory
    # of its wave generator), so a clip depended on what the engine spoke before it: two cold builds
    # differed. A fresh engine per clip (a forked child of a worker that loaded the library) costs
    # about 30 ms and makes every clip depend only on its text, voice and rate.
    fresh_per_clip = sys.platform.startswith("linux")

    @staticmethod
    def prepare(voice: str | None = None) -> None:
        """Import pyttsx3 and load libespeak-ng once, before the worker forks a child per clip."""
        ensure_loaded()
        try:
            import pyttsx3.driver
            import pyttsx3.drivers.espeak  # noqa: F401  (what pyttsx3.init() would import in every child)
        except ImportError:
            raise EngineError("pyttsx3 is not installed; run `pip install pyttsx3`") from None

    def __init__(self) -> None:
        ensure_loaded()
        try:
            import pyttsx3
        except ImportError:
            raise EngineError("pyttsx3 is not installed; run `pip install pyttsx3`") from None
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                self._engine = pyttsx3.init()
        except Exception as e:  # pyttsx3 raises bare RuntimeError/OSError for a missing driver
            raise EngineError(
                f"pyttsx3 could not start its speech driver ({e}); "
                "on Linux install espeak-ng or `pip install espeakng-loader`"
            ) from None
        self._done = threading.Event()
        self._completed = False
        self._engine.connect("finished-utterance", self._finished)
        self._default = self._engine.getProperty("voice")
        self._known: list[InstalledVoice] | None = None
        self._espeak = getattr(self._engine.proxy._module, "_espeak", None)
        if self._espeak is not None and any(v.id == PREFERRED for v in self.voices()):
            self._default = PREFERRED
        self._warm = self._espeak is None

    def synthesize(self, text: str, voice: str | None, rate: int, scratch: Path) -> tuple[np.ndarray, int]:
        if not self._warm:  # a throwaway utterance first: espeak-ng applies a rate only once it speaks
            self._say("warm up", temp_in(scratch, "warmup.wav"), cleanup=True)
            self._warm = True
        voice = voice or self._default
        self._check_voice(voice)
        # Every property before every clip, voice first: a voice change may reset the rate.
        self._engine.setProperty("voice", voice)
        self._engine.setProperty("rate", rate)
        self._wait_for_rate(rate)
        path = temp_in(scratch, "raw.wav")
        try:
            self._say(text, path)
            return wav.read(path)
        finally:
            path.unlink(missing_ok=True)

    def _finished(self, completed: bool = True, **_: object) -> None:
        self._completed = completed
        self._done.set()

    def _say(self, text: str, path: Path, cleanup: bool = False) -> None:
        for _ in range(ATTEMPTS):
            self._wait_until_idle()
            self._done.clear()
            self._completed = False
            with contextlib.redirect_stdout(io.StringIO()):
                self._engine.save_to_file(text, str(path))
                self._engine.runAndWait()
            if not self._done.wait(FILE_WAIT_S):
                raise EngineError(f"pyttsx3 never finished speaking {text[:60]!r}")
            if self._completed:
                break
        else:
            raise EngineError(f"pyttsx3 cancelled {text[:60]!r} {ATTEMPTS} times")
        deadline = time.monotonic() + FILE_WAIT_S
        while not (path.exists() and path.stat().st_size > 44):
            if time.monotonic() > deadline:
                raise EngineError(f"pyttsx3 wrote no audio for {text[:60]!r}")
            time.sleep(0.005)
        if cleanup:
            path.unlink(missing_ok=True)

    def _wait_until_idle(self) -> None:
        if self._espeak is None:
            return
        deadline = time.monotonic() + FILE_WAIT_S
        while self._espeak.IsPlaying():
            if time.monotonic() > deadline:
                raise EngineError("espeak-ng stayed busy with a previous clip")
            time.sleep(0.002)

    def _wait_for_rate(self, rate: int) -> None:
        if self._espeak is None:
            return
        # pyttsx3's prototype of espeak_GetParameter drops the `current` argument; call it directly.
        current = self._espeak.dll.espeak_GetParameter
        current.argtypes, current.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
        deadline = time.monotonic() + RATE_WAIT_S
        while current(self._espeak.RATE, 1) != rate:
            if time.monotonic() > deadline:
                raise EngineError(
                    f"espeak-ng did not apply the rate {rate} (it reports {current(self._espeak.RATE, 1)})"
                )
            time.sleep(0.002)

    def _check_voice(self, voice: str) -> None:
        # espeak-ng falls back to its default for an unknown name instead of failing.
        if self._known is None:
            self._known = self.voices()
        if voice != self._default:
            self.check_voice(voice, lambda: self._known or [])

    @staticmethod
    def voice_for(language: str = "en") -> str | None:
        """espeak-ng's voice for the language on Linux (for English gmw/en-us, the voice a recognizer
        understands best); the system's default voice elsewhere."""
        if not sys.platform.startswith("linux"):
            return None
        tag = language.lower()
        return for_tag(LANGUAGE_VOICES, tag) or tag

    @staticmethod
    def installed() -> None:
        """EngineError saying how to install it when pyttsx3 or its speech library is missing (cheap: no import)."""

        if importlib.util.find_spec("pyttsx3") is None:
            raise EngineError("pyttsx3 is not installed; run `pip install pyttsx3`")
        if sys.platform.startswith("linux") and bundled_path() is None and not ctypes.util.find_library("espeak-ng"):
            raise EngineError("libespeak-ng was not found; install it with `pip install espeakng-loader`")

    @staticmethod
    def check_voice(voice: str, listing: Callable[[], list[InstalledVoice]]) -> None:
        """EngineError unless ``voice`` is one of the engine's voices (``listing`` gives them)."""
        if not known_voice(voice, listing()):
            raise EngineError(f"unknown voice {voice!r}; `voicekit voices` lists the voices you can use")

    @staticmethod
    def voices_fingerprint() -> str | None:
        """What the installed voices depend on (the espeak-ng library and its data), for caching the list."""
        path = bundled_path()
        if path is None:
            return None
        import espeakng_loader

        stats = [os.stat(p) for p in (path, espeakng_loader.get_data_path())]
        return "-".join(f"{st.st_size}.{st.st_mtime_ns}" for st in stats)

    def voices(self) -> list[InstalledVoice]:
        return [InstalledVoice(v.id, v.name, tuple(v.languages or ())) for v in self._engine.getProperty("voices")]
