"""The voices a practice page offers: those of the installed engines in the languages voicekit has
phrases for, each once, named as the menu names them."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from voicekit.errors import VoicekitError
from voicekit.language.phrases import BUILT_IN
from voicekit.plan.speaker import ENGINES, Speaker
from voicekit.speech.engines import engine_class
from voicekit.speech.voices import installed_voices
from voicekit.store import Store


@dataclass(frozen=True)
class VoiceChoice:
    """A voice the page offers: ``engine:id`` is its value in the form."""

    engine: str
    id: str
    label: str
    languages: tuple[str, ...] = ()
    """The languages it speaks (empty: any, as the test engine's)."""

    @property
    def value(self) -> str:
        return f"{self.engine}:{self.id}"

    def speaks(self, language: str) -> bool:
        primary = language.split("-")[0]
        return not self.languages or any(lang.split("-")[0] == primary for lang in self.languages)


ENGINE_LABELS = {"piper": "Piper", "pyttsx3": "espeak-ng" if sys.platform == "linux" else "System", "fake": "Test tone"}


def offered_voices(engines: tuple[str, ...] | None, cache_dir: Path | None) -> tuple[VoiceChoice, ...]:
    """The voices of the installed engines (``engines``, else every one but the fake) in the languages
    voicekit has phrases for, each once, for the voice menu; an engine that cannot list its voices is
    left out, and so are spellings that are no language of their own (espeak-ng's Shavian English)."""
    names = engines if engines is not None else tuple(n for n in ENGINES if n != "fake")
    found: dict[tuple[str, str], VoiceChoice] = {}
    for name in names:
        try:
            engine_class(name).installed()
            voices = installed_voices(name, Store(cache_dir))
        except VoicekitError:
            continue
        for v in voices:
            tags = [lang.lower() for lang in v.languages]
            if tags and not any(t.split("-")[0] in BUILT_IN and "shaw" not in t.split("-") for t in tags):
                continue
            label = f"{ENGINE_LABELS.get(name, name)}: {v.name}"
            found.setdefault((name, v.id), VoiceChoice(name, v.id, label, tuple(tags)))
    return tuple(found.values())


def voice_label(voice: Speaker, voices: tuple[VoiceChoice, ...] = ()) -> str:
    """A voice as the menu names it: its entry's label ('Piper: Joe, ...'), else 'Piper en_US-joe-medium'."""
    for offered in voices:
        if (offered.engine, offered.id) == (voice.engine, voice.id):
            return offered.label
    return f"{ENGINE_LABELS.get(voice.engine, voice.engine)} {voice.id or ''}".strip()
