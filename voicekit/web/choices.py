"""The choices a practice page offers, read from a request and validated as the CLI validates its
options: a bad value is a ``BadChoice`` (answered 400 with the reason), and a client never names a
path. A choice becomes ``BuildOptions`` over the server's defaults, and names its file in the output
folder (``NAME-long.mp3``).

Every choice is one entry of ``FIELDS`` and one field of ``Choice``, used in ``options`` and
``file_name``: the holds, a length in minutes (which fits the holds, as ``--length`` does), how much is
said (``--guidance``), a voice.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from voicekit.errors import OptionsError, VoicekitError
from voicekit.output.targets import safe_name
from voicekit.plan.options import HOLD_LENGTHS, BuildOptions
from voicekit.plan.speaker import ENGINES
from voicekit.sequence.durations import LIMIT_MS
from voicekit.sequence.model import GUIDANCE
from voicekit.speech.engines import engine_class
from voicekit.speech.voices import installed_voices
from voicekit.store import Store

if TYPE_CHECKING:
    from voicekit.plan.speaker import Speaker


class BadChoice(OptionsError):
    """A request's choice is not one the page offers."""


@dataclass(frozen=True)
class VoiceChoice:
    """A voice the page offers: ``engine:id`` is its value in the form."""

    engine: str
    id: str
    label: str

    @property
    def value(self) -> str:
        return f"{self.engine}:{self.id}"


@dataclass(frozen=True)
class Choice:
    """One version of a practice: which end of the hold ranges, or a length in minutes the holds are
    fitted to, how much is said, and which voice (None: the default)."""

    holds: str = "medium"
    length: int | None = None
    """Minutes; None: the holds as chosen."""
    voice: VoiceChoice | None = None
    guidance: str | None = None
    """quiet, guided or full; None: the practice's own (or the server's --guidance)."""

    def options(self, defaults: BuildOptions) -> BuildOptions:
        """The build options of this version: the server's defaults with the choices applied."""
        options = replace(defaults, holds=self.holds)
        if self.length is not None:
            options = replace(options, length_ms=self.length * 60_000)
        if self.voice is not None:
            options = replace(options, engine=self.voice.engine, voice=self.voice.id)
        if self.guidance is not None:
            options = replace(options, guidance=self.guidance)
        return options

    def file_name(self, practice: str) -> str:
        """Where this version is written in the output folder: ``lumbar-release-long.mp3``,
        ``lumbar-release-20min.mp3``."""
        size = f"{self.length}min" if self.length is not None else self.holds
        parts = [practice, size] + ([self.guidance] if self.guidance else [])
        parts += [f"{self.voice.engine}-{self.voice.id}"] if self.voice else []
        return safe_name("-".join(parts)) + ".mp3"

    def query(self) -> dict[str, str]:
        """The choice as the page's form sends it: a length, or else the holds (a length sets every hold)."""
        size = {"length": str(self.length)} if self.length is not None else {"holds": self.holds}
        said = {"guidance": self.guidance} if self.guidance else {}
        return {**size, **said, **({"voice": self.voice.value} if self.voice else {})}


def _holds(value: str, voices: tuple[VoiceChoice, ...]) -> str:
    if value not in HOLD_LENGTHS:
        raise BadChoice(f"holds must be one of {', '.join(HOLD_LENGTHS)}, not {value!r}")
    return value


MAX_MINUTES = LIMIT_MS // 60_000  # the 12-hour limit of a session


def _length(value: str, voices: tuple[VoiceChoice, ...]) -> int | None:
    if value.strip() == "":
        return None  # the form's box left empty: the holds as chosen
    if not value.strip().isdecimal() or not 1 <= int(value) <= MAX_MINUTES:
        raise BadChoice(f"length must be a whole number of minutes from 1 to {MAX_MINUTES}, not {value[:20]!r}")
    return int(value)


def _guidance(value: str, voices: tuple[VoiceChoice, ...]) -> str | None:
    if value == "":
        return None  # as the practice says
    if value not in GUIDANCE:
        raise BadChoice(f"guidance must be one of {', '.join(GUIDANCE)}, not {value[:20]!r}")
    return value


def _voice(value: str, voices: tuple[VoiceChoice, ...]) -> VoiceChoice | None:
    if value == "":
        return None
    for voice in voices:
        if voice.value == value:
            return voice
    raise BadChoice(f"voice {value[:40]!r} is not one of the voices offered; choose one from the menu")


FIELDS: dict[str, Callable[[str, tuple[VoiceChoice, ...]], object]] = {
    "holds": _holds,
    "length": _length,
    "guidance": _guidance,
    "voice": _voice,
}
"""Each choice's name in the form, and what reads and checks its value."""
GUIDANCE_CHOICES = (("", "as written"), ("quiet", "quiet"), ("guided", "guided"), ("full", "full"))
"""The guidance the page offers: the practice's own, or one of the three (value, label)."""
ENGINE_LABELS = {"piper": "Piper", "pyttsx3": "espeak-ng" if sys.platform == "linux" else "System", "fake": "Test tone"}
MAX_VALUE = 200  # characters: no choice is longer


def parse(form: Mapping[str, str] | list[tuple[str, str]], voices: tuple[VoiceChoice, ...]) -> Choice:
    """The choice a request's query or form names; BadChoice for an unknown, repeated or bad value."""
    items = list(form.items()) if isinstance(form, Mapping) else list(form)
    seen: dict[str, object] = {}
    for name, value in items:
        if name not in FIELDS:
            raise BadChoice(f"unknown choice {name[:40]!r}; the choices are {', '.join(FIELDS)}")
        if name in seen:
            raise BadChoice(f"{name} is given twice")
        if len(value) > MAX_VALUE:
            raise BadChoice(f"{name} is too long")
        seen[name] = FIELDS[name](value, voices)
    return Choice(**seen)  # type: ignore[arg-type]


def offered_voices(engines: tuple[str, ...] | None, cache_dir: Path | None) -> tuple[VoiceChoice, ...]:
    """The English voices of the installed engines (``engines``, else every one but the fake), for the
    voice menu; an engine that cannot list its voices is left out."""
    names = engines if engines is not None else tuple(n for n in ENGINES if n != "fake")
    found: list[VoiceChoice] = []
    for name in names:
        try:
            engine_class(name).installed()
            voices = installed_voices(name, Store(cache_dir))
        except VoicekitError:
            continue
        english = [v for v in voices if not v.languages or any(lang.startswith("en") for lang in v.languages)]
        found += [VoiceChoice(name, v.id, f"{ENGINE_LABELS.get(name, name)}: {v.name}") for v in english]
    return tuple(found)


def voice_label(voice: Speaker) -> str:
    """A voice as the menu names it: 'Piper en_US-joe-medium'."""
    return f"{ENGINE_LABELS.get(voice.engine, voice.engine)} {voice.id or ''}".strip()
