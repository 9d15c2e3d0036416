"""Speech engines behind one small interface, found by name and imported only when used."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from voicekit.errors import EngineError

# name -> "module:Class"; modules import their heavy libraries only when the class is built.
_ENGINES = {
    "pyttsx3": "voicekit.speech.engines.pyttsx3_engine:Pyttsx3Engine",
    "piper": "voicekit.speech.engines.piper_engine:PiperEngine",
    "fake": "voicekit.speech.engines.fake:FakeEngine",
}
_ALIASES = {"espeak": "pyttsx3", "espeak-ng": "pyttsx3"}


@dataclass(frozen=True)
class VoiceInfo:
    id: str
    name: str
    languages: tuple[str, ...] = ()


class SpeechEngine(Protocol):
    """What voicekit needs from a speech engine."""

    name: str
    isolated: bool
    """True: run it in worker processes (it may hang, print, or not be thread-safe)."""

    def synthesize(self, text: str, voice: str | None, rate: int, path: Path) -> None:
        """Speak ``text`` into a WAV file at ``path`` (any sample rate, mono or stereo, 16-bit)."""

    def voices(self) -> list[VoiceInfo]:
        """The voices this engine offers."""

    def default_voice(self) -> str | None:
        """The voice used when a sequence names none."""


def known_voice(voice: str, voices: list[VoiceInfo]) -> bool:
    """Is ``voice`` (an id, the last part of one, or a name; espeak-ng's ``+variant`` allowed) among ``voices``?"""
    names: set[str] = set()
    for v in voices:
        names |= {v.id.lower(), v.id.rsplit("/", 1)[-1].lower(), v.name.lower()}
    return voice.split("+")[0].lower() in names


def engine_names() -> list[str]:
    return list(_ENGINES)


def canonical(name: str) -> str:
    name = name.strip().lower()
    name = _ALIASES.get(name, name)
    if name not in _ENGINES:
        raise EngineError(
            f"unknown speech engine {name!r}; choose one of: {', '.join(n for n in _ENGINES if n != 'fake')}"
        )
    return name


def engine_class(name: str) -> type:
    """The engine's class; importing it is cheap (engines load their libraries when built)."""
    module, cls = _ENGINES[canonical(name)].split(":")
    return getattr(importlib.import_module(module), cls)


def get_engine(name: str) -> SpeechEngine:
    """Build the engine called ``name`` (raises EngineError with a fix if it cannot load)."""
    return engine_class(name)()
