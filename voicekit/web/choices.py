"""The choices a practice page offers, read from a request and validated as the CLI validates its
options: a bad value is a ``BadChoice`` (answered 400 with the reason), and a client never names a
path. A choice becomes ``BuildOptions`` over the server's defaults and the practice's sequence with its
sounds changed, and names its file in the output folder (``NAME-long.mp3``, ``NAME-20min-drone.mp3``).

Every choice is one entry of ``FIELDS`` and one field of ``Choice``, used in ``options``, ``applied``
and ``file_name``: the holds, a length in minutes (which fits the holds, as ``--length`` does), how much
is said (``--guidance``), the sound bed, chimes between poses, the bell at the end, the final rest's
minutes, a voice. A choice left empty, or the same as the practice's own, is no choice: one version has
one file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from voicekit.errors import OptionsError
from voicekit.output.targets import safe_name
from voicekit.plan.options import HOLD_LENGTHS, BuildOptions
from voicekit.sequence.durations import LIMIT_MS
from voicekit.sequence.model import BED_KINDS, BELLS, GUIDANCE, Bed, Sequence
from voicekit.web.voices import VoiceChoice

if TYPE_CHECKING:
    from voicekit.plan.speaker import Speaker


class BadChoice(OptionsError):
    """A request's choice is not one the page offers."""

    def __init__(self, message: str, key: str = "", **fields: object) -> None:
        super().__init__(message)
        self.key = key
        """The page's words for it (``words.page``), with ``fields``; '' for none."""
        self.fields = fields


NO_BED, NO_BELL = "none", "none"
REST_MINUTES = (2, 3, 5, 8, 10, 15, 20)
"""The final rest's lengths the page offers (any whole number of minutes up to an hour is taken)."""
MAX_REST = 60


@dataclass(frozen=True)
class Choice:
    """One version of a practice: which end of the hold ranges, or a length in minutes the holds are
    fitted to; how much is said, the bed, chimes, end bell and final rest (None: the practice's own);
    which voice (None: the practice's)."""

    holds: str = "medium"
    length: int | None = None
    """Minutes; None: the holds as chosen."""
    voice: VoiceChoice | None = None
    guidance: str | None = None
    """quiet, guided or full."""
    bed: str | None = None
    """brown-noise, drone or none."""
    chimes: bool | None = None
    bell: str | None = None
    """bowl, chime, double or none."""
    rest: int | None = None
    """Minutes of the last pose's hold."""

    def options(self, defaults: BuildOptions, sequence: Sequence | None = None) -> BuildOptions:
        """The build options of this version: the server's defaults with the choices applied (the final
        rest is the last pose of ``sequence``)."""
        options = replace(defaults, holds=self.holds)
        if self.length is not None:
            options = replace(options, length_ms=self.length * 60_000)
        if self.voice is not None:
            options = replace(options, engine=self.voice.engine, voice=self.voice.id)
        if self.guidance is not None:
            options = replace(options, guidance=self.guidance)
        if self.rest is not None and sequence is not None:
            options = replace(options, overrides=(*options.overrides, (str(len(sequence.poses)), f"{self.rest}m")))
        return options

    def applied(self, sequence: Sequence) -> Sequence:
        """The practice with this version's sounds: its bed, chimes and end bell."""
        changes: dict = {}
        if self.bed is not None:
            level = sequence.bed.level if sequence.bed else Bed().level
            changes["bed"] = None if self.bed == NO_BED else Bed(self.bed, level)
        if self.chimes is not None:
            changes["chimes"] = self.chimes
        if self.bell is not None:
            changes["bell"] = self.bell
        return replace(sequence, **changes) if changes else sequence

    def normal(self, sequence: Sequence, default_voice: Speaker, guidance: str | None = None) -> Choice:
        """The same version with every choice that is the practice's own left out (so it has one file);
        ``guidance``: the server's (``serve --guidance``), which a practice's own gives way to."""
        own_bed = NO_BED if sequence.bed is None else sequence.bed.kind if sequence.bed.file is None else ""
        voice = self.voice
        if voice is not None and (voice.engine, voice.id) == (default_voice.engine, default_voice.id):
            voice = None
        rest = self.rest
        last = sequence.poses[-1].hold
        if rest is not None and self.length is None and not last.breaths and last.pick(self.holds) == rest * 60_000:
            rest = None
        return replace(
            self,
            voice=voice,
            guidance=None if self.guidance == (guidance or sequence.guidance) else self.guidance,
            bed=None if self.bed == own_bed else self.bed,
            chimes=None if self.chimes == sequence.chimes else self.chimes,
            bell=None if self.bell == sequence.bell else self.bell,
            rest=rest,
        )

    def file_name(self, practice: str) -> str:
        """Where this version is written in the output folder: ``lumbar-release-long.mp3``,
        ``lumbar-release-20min-drone-rest10.mp3``."""
        parts = [practice, *self._parts()]
        name = safe_name("-".join(parts))
        if len(name) >= 80:  # cut short, it would be another version's name: the rest as a digest
            digest = hashlib.sha256("-".join(parts[2:]).encode()).hexdigest()[:12]
            name = safe_name(f"{practice[:50]}-{parts[1]}-{digest}")
        return name + ".mp3"

    def _parts(self) -> list[str]:
        size = f"{self.length}min" if self.length is not None else self.holds
        parts = [size, *([self.guidance] if self.guidance is not None else [])]
        if self.bed is not None:
            parts.append("nobed" if self.bed == NO_BED else self.bed)
        if self.chimes is not None:
            parts.append("chimes" if self.chimes else "nochimes")
        if self.bell is not None:
            parts.append("nobell" if self.bell == NO_BELL else f"bell-{self.bell}")
        if self.rest is not None:
            parts.append(f"rest{self.rest}")
        if self.voice is not None:
            parts.append(f"{self.voice.engine}-{self.voice.id}")
        return parts

    def query(self) -> dict[str, str]:
        """The choice as the page's form sends it: a length, or else the holds (a length sets every hold)."""
        out = {"length": str(self.length)} if self.length is not None else {"holds": self.holds}
        if self.guidance is not None:
            out["guidance"] = self.guidance
        if self.bed is not None:
            out["bed"] = self.bed
        if self.chimes is not None:
            out["chimes"] = "on" if self.chimes else "off"
        if self.bell is not None:
            out["bell"] = self.bell
        if self.rest is not None:
            out["rest"] = str(self.rest)
        if self.voice is not None:
            out["voice"] = self.voice.value
        return out


def _holds(value: str, voices: tuple[VoiceChoice, ...]) -> str:
    if value not in HOLD_LENGTHS:
        raise BadChoice(f"holds must be one of {', '.join(HOLD_LENGTHS)}, not {value!r}", "bad.holds")
    return value


MAX_MINUTES = LIMIT_MS // 60_000  # the 12-hour limit of a session


def _minutes(value: str, name: str, most: int) -> int | None:
    if value.strip() == "":
        return None  # the form's box left empty
    if not value.strip().isdecimal() or not 1 <= int(value) <= most:
        raise BadChoice(
            f"{name} must be a whole number of minutes from 1 to {most}, not {value[:20]!r}", "bad.minutes", most=most
        )
    return int(value)


def _length(value: str, voices: tuple[VoiceChoice, ...]) -> int | None:
    return _minutes(value, "length", MAX_MINUTES)


def _rest(value: str, voices: tuple[VoiceChoice, ...]) -> int | None:
    return _minutes(value, "rest", MAX_REST)


def _one_of(name: str, allowed: tuple[str, ...]) -> Callable[[str, tuple[VoiceChoice, ...]], str | None]:
    def read(value: str, voices: tuple[VoiceChoice, ...]) -> str | None:
        if value == "":
            return None
        if value not in allowed:
            raise BadChoice(f"{name} must be one of {', '.join(allowed)}, not {value[:40]!r}", "bad.menu")
        return value

    return read


def _chimes(value: str, voices: tuple[VoiceChoice, ...]) -> bool | None:
    found = _one_of("chimes", ("on", "off"))(value, voices)
    return None if found is None else found == "on"


def _voice(value: str, voices: tuple[VoiceChoice, ...]) -> VoiceChoice | None:
    if value == "":
        return None
    for voice in voices:
        if voice.value == value:
            return voice
    raise BadChoice(f"voice {value[:40]!r} is not one of the voices offered; choose one from the menu", "bad.menu")


FIELDS: dict[str, Callable[[str, tuple[VoiceChoice, ...]], object]] = {
    "holds": _holds,
    "length": _length,
    "guidance": _one_of("guidance", GUIDANCE),
    "bed": _one_of("bed", (*BED_KINDS, NO_BED)),
    "chimes": _chimes,
    "bell": _one_of("bell", BELLS),
    "rest": _rest,
    "voice": _voice,
}
"""Each choice's name in the form, and what reads and checks its value."""
MAX_VALUE = 200  # characters: no choice is longer


def parse(form: Mapping[str, str] | list[tuple[str, str]], voices: tuple[VoiceChoice, ...]) -> Choice:
    """The choice a request's query or form names; BadChoice for an unknown, repeated or bad value."""
    items = list(form.items()) if isinstance(form, Mapping) else list(form)
    seen: dict[str, object] = {}
    for name, value in items:
        if name not in FIELDS:
            raise BadChoice(f"unknown choice {name[:40]!r}; the choices are {', '.join(FIELDS)}", "bad.form")
        if name in seen:
            raise BadChoice(f"{name} is given twice", "bad.form")
        if len(value) > MAX_VALUE:
            raise BadChoice(f"{name} is too long", "bad.form")
        seen[name] = FIELDS[name](value, voices)
    return Choice(**seen)  # type: ignore[arg-type]


def from_file_name(name: str, practices: list[str], voices: tuple[VoiceChoice, ...]) -> tuple[str, Choice] | None:
    """The practice and the choice whose version is the file ``name`` (``file_name`` read backwards), or None."""
    stem = name.removesuffix(".mp3")
    for practice in sorted(practices, key=len, reverse=True):
        if not stem.startswith(practice + "-"):
            continue
        words = stem[len(practice) + 1 :]
        for voice in (None, *voices):
            tail = "" if voice is None else "-" + safe_name(f"{voice.engine}-{voice.id}")
            if tail and not words.endswith(tail):
                continue
            choice = _from_parts(words[: len(words) - len(tail)].split("-"), voice)
            if choice is not None and choice.file_name(practice) == name:
                return practice, choice
    return None


def _from_parts(parts: list[str], voice: VoiceChoice | None) -> Choice | None:
    size, rest = parts[0], parts[1:]
    found: dict = {"voice": voice}
    if size in HOLD_LENGTHS:
        found["holds"] = size
    elif size.endswith("min") and size[:-3].isdecimal():
        found["length"] = int(size[:-3])
    else:
        return None
    words = {"nobed": ("bed", NO_BED), "chimes": ("chimes", True), "nochimes": ("chimes", False)}
    words |= {kind: ("bed", kind) for kind in BED_KINDS} | {"nobell": ("bell", NO_BELL)}
    words |= {said: ("guidance", said) for said in GUIDANCE}
    while rest:
        word = rest.pop(0)
        if word == "bell" and rest:
            found["bell"] = rest.pop(0)
        elif word == "brown" and rest[:1] == ["noise"]:  # brown-noise, split at its hyphen
            rest.pop(0)
            found["bed"] = "brown-noise"
        elif word.startswith("rest") and word[4:].isdecimal():
            found["rest"] = int(word[4:])
        elif word in words:
            key, value = words[word]
            found[key] = value
        else:
            return None
    return Choice(**found)
