"""Speech engines behind one small interface, found by name and imported only when used."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from voicekit.errors import EngineError
from voicekit.plan.speaker import canonical, engine_of
from voicekit.speech.piper_voices import for_language

if TYPE_CHECKING:
    import numpy as np

# name (plan.speaker.ENGINES) -> "module:Class"; modules import their heavy libraries only when the
# class is built.
_CLASSES = {
    "pyttsx3": "voicekit.speech.engines.pyttsx3_engine:Pyttsx3Engine",
    "piper": "voicekit.speech.engines.piper_engine:PiperEngine",
    "fake": "voicekit.speech.engines.fake:FakeEngine",
}


@dataclass(frozen=True)
class InstalledVoice:
    """A voice an engine can speak with: its id, its name, the languages it speaks."""

    id: str
    name: str
    languages: tuple[str, ...] = ()


class SpeechEngine(Protocol):
    """What voicekit needs from a speech engine."""

    name: str
    isolated: bool
    """True: run it in worker processes (it may hang, print, or not be thread-safe)."""

    def synthesize(self, text: str, voice: str | None, rate: int, scratch: Path) -> tuple[np.ndarray, int]:
        """Speak ``text``: mono float samples in [-1, 1] and their rate. ``scratch`` is a folder for any
        file the engine must write on the way."""
        ...

    def voices(self) -> list[InstalledVoice]:
        """The voices this engine offers."""
        ...

    # What is asked of the class, before (or without) building an engine:
    fresh_per_clip: bool
    """True: every clip is spoken by a new engine in a forked child (its output depends on what it spoke before)."""

    @staticmethod
    def prepare(voice: str | None = None) -> None:
        """Load what every child would otherwise load again (for ``fresh_per_clip``), ``voice`` among it."""
        ...

    @staticmethod
    def installed() -> None:
        """EngineError saying how to install the engine when it is missing (cheap: nothing heavy is imported)."""
        ...

    @staticmethod
    def check_voice(voice: str, listing: Callable[[], list[InstalledVoice]]) -> None:
        """EngineError unless ``voice`` is one of the engine's voices (``listing`` gives them, if needed)."""
        ...

    @staticmethod
    def voices_fingerprint() -> str | None:
        """What the installed voices depend on, for keeping their list; None: do not keep it."""
        ...

    @staticmethod
    def voice_for(language: str = "en") -> str | None:
        """The voice it speaks a practice in ``language`` (BCP 47) with when none is named (None: the
        system's default voice); EngineError if it has none for that language."""
        ...


def known_voice(voice: str, voices: list[InstalledVoice]) -> bool:
    """Is ``voice`` (an id, the last part of one, or a name; espeak-ng's ``+variant`` allowed) among ``voices``?"""
    names: set[str] = set()
    for v in voices:
        names |= {v.id.lower(), v.id.rsplit("/", 1)[-1].lower(), v.name.lower()}
    return voice.split("+")[0].lower() in names


def _best(language: str) -> tuple[str, str | None]:
    """The engine a build in ``language`` uses when none is named, with the Piper voice found for it:
    Piper where it is installed with a voice of the language (a recognizer understands its shipped English
    voice far better), else pyttsx3 (espeak-ng, which speaks every language voicekit has phrases for, or
    the system's voices; no voice found: None)."""
    try:
        engine_class("piper").installed()
    except EngineError:
        return "pyttsx3", None
    found = for_language(language)
    return ("piper", found) if found else ("pyttsx3", None)


def settled(engine: str | None, voice: str | None, language: str = "en") -> tuple[str, str | None]:
    """The engine (canonical name) and voice id a build speaks with: a named engine, else the engine
    the voice belongs to (a Piper voice file or name), else the best installed for the language; the
    voice, else the engine's voice for the language (EngineError if it has none)."""
    if engine is None and voice:
        engine = engine_of(voice)
    if engine is None:
        engine, found = _best(language)
        if found:  # the voice Piper was chosen for: the installed voices are not read twice
            return engine, found
    try:
        engine = canonical(engine)
    except EngineError:
        return engine, voice  # reported, at its line, by the voice check
    return engine, voice or engine_class(engine).voice_for(language)


def engine_class(name: str) -> type[SpeechEngine]:
    """The engine's class; importing it is cheap (engines load their libraries when built)."""
    module, cls = _CLASSES[canonical(name)].split(":")
    return getattr(importlib.import_module(module), cls)


def get_engine(name: str) -> SpeechEngine:
    """Build the engine called ``name`` (raises EngineError with a fix if it cannot load)."""
    return engine_class(name)()
