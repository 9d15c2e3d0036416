"""Who speaks a build: the settled voice (``Speaker``) and the speech engines' names.

Which engines and voices are installed is the speech stage's to say: ``resolve`` is handed that answer
as a ``Settle`` (``speech.engines.settled``), so a plan never loads an engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from voicekit.errors import EngineError

ENGINES = ("pyttsx3", "piper", "fake")
"""Every speech engine by its canonical name (``speech.engines`` builds them); "fake" is for tests."""
_ALIASES = {"espeak": "pyttsx3", "espeak-ng": "pyttsx3"}
PIPER_NAME = re.compile(r"[a-z]{2,3}_[A-Z]{2}-[\w]+-(?:x_low|low|medium|high)")  # en_US-joe-medium

Settle = Callable[[str | None, str | None, str], tuple[str, str | None]]
"""(engine or None, voice id or None, language) -> the engine's canonical name and the voice id a build
speaks with; EngineError when the engine has no voice for the language."""


@dataclass(frozen=True)
class Speaker:
    """The voice a build speaks with, settled: the engine by its canonical name, the voice id (None:
    the system's default voice), words per minute, and the gain after levelling."""

    engine: str
    id: str | None
    rate: int
    volume: float = 1.0
    engine_line: int = field(default=0, compare=False, repr=False)
    """Line of the sequence file that chose the engine (0: an option chose it, or voicekit), for errors."""
    id_line: int = field(default=0, compare=False, repr=False)
    """Line of the sequence file that chose the voice id (0: an option or the engine's default)."""


def canonical(name: str) -> str:
    """An engine's canonical name ("espeak-ng" -> "pyttsx3"); EngineError naming the choices if unknown."""
    name = name.strip().lower()
    name = _ALIASES.get(name, name)
    if name not in ENGINES:
        raise EngineError(
            f"unknown speech engine {name!r}; choose one of: {', '.join(n for n in ENGINES if n != 'fake')}"
        )
    return name


def engine_of(voice: str) -> str:
    """The engine a voice id belongs to: Piper for a voice file or a Piper voice name, else pyttsx3."""
    return "piper" if voice.endswith(".onnx") or PIPER_NAME.fullmatch(voice) else "pyttsx3"


def as_named(engine: str | None, voice: str | None, language: str) -> tuple[str, str | None]:
    """A ``Settle`` that asks no engine: the engine as named (or as its voice implies), the voice as
    written; for plans whose length does not depend on who speaks (the shelf's, estimated from letters)."""
    return engine or (engine_of(voice) if voice else ""), voice
