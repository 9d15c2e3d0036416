"""What a person asks the composer for (``voicekit compose``'s options, the web's form), checked value by
value as ``voicekit poses`` checks its filters, and the seed that makes one practice of it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date

from voicekit.errors import OptionsError
from voicekit.language.phrases import BUILT_IN, normal_tag
from voicekit.sequence.breath import PATTERNS
from voicekit.sequence.catalogue import AVOID, FOCUS, LEVELS, PROPS

MIN_MS, MAX_MS = 5 * 60_000, 90 * 60_000
MAX_SEED = 10_000_000  # seven digits: short enough to copy from a file's first line


class Refusal(OptionsError):
    """A request the library cannot meet: its one line for the command line, and why as the web says it
    in a page's words (``reason``: too-short, no-rest, no-focus, unknown-focus, no-practice)."""

    def __init__(self, message: str, reason: str, **fields: object) -> None:
        super().__init__(message)
        self.reason = reason
        self.fields = fields


@dataclass(frozen=True)
class Request:
    """A practice asked for; every value already one of its list (``Request.checked``)."""

    length_ms: int
    focus: tuple[str, ...] = ()
    level: str = "moderate"
    """The strongest poses to choose: gentle, moderate (gentle and moderate) or strong (any)."""
    props: tuple[str, ...] = ()
    """The props the person has (ids); none by default: a practice on a mat."""
    no_floor: bool = False
    """Standing and on a chair only."""
    lying: bool = False
    """Lying only (on the back, the front or a side): for bed or a tired body."""
    avoid: tuple[str, ...] = ()
    """Conditions the person has: no pose that should avoid one of them."""
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    breath: str | None = None
    """A breath pattern for an opening breathing practice."""
    language: str | None = None
    seed: int | None = None

    def checked(self) -> Request:
        """The request with its values normalised, or OptionsError naming the option and its choices."""
        if not MIN_MS <= self.length_ms <= MAX_MS:
            raise OptionsError(
                f"--length {minutes(self.length_ms)}: a composed practice lasts 5 to 90 minutes; ask for 5m to 90m"
            )
        if self.no_floor and self.lying:
            raise OptionsError("--no-floor and --lying: a practice cannot be both off the floor and lying; drop one")
        if self.level not in LEVELS:
            raise OptionsError(f"--level {self.level!r}: choose from {', '.join(LEVELS)}")
        if self.breath is not None and self.breath not in PATTERNS:
            raise OptionsError(f"--breath {self.breath!r}: choose from {', '.join(PATTERNS)}")
        language = self.language
        if language is not None:
            tag = normal_tag(language)
            if tag is None or tag.split("-")[0] not in BUILT_IN:
                raise OptionsError(f"--language {language!r}: choose from {', '.join(BUILT_IN)}")
            language = "en" if tag == "en" else tag
        if self.seed is not None and not 0 <= self.seed < MAX_SEED:
            raise OptionsError(f"--seed {self.seed}: give a whole number from 0 to {MAX_SEED - 1}")
        return replace(
            self,
            focus=values("focus", self.focus, FOCUS),
            props=values("props", self.props, PROPS),
            avoid=values("avoid", self.avoid, AVOID),
            language=None if language == "en" else language,
        )

    def command(self, seed: int | None = None) -> str:
        """The command that asks for it (with ``seed``: for this very practice), as the file's first line says."""
        out = [f"voicekit compose --length {minutes(self.length_ms)}"]
        out += [f"--focus {f}" for f in self.focus]
        out += [f"--level {self.level}"]
        out += [f"--props {','.join(self.props) or 'none'}"]
        out += ["--no-floor"] * self.no_floor + ["--lying"] * self.lying
        out += [f"--avoid {a}" for a in self.avoid]
        out += [f"--exclude {p}" for p in self.exclude] + [f"--include {p}" for p in self.include]
        out += [f"--breath {self.breath}"] if self.breath else []
        out += [f"--language {self.language}"] if self.language else []
        out += [f"--seed {seed}"] if seed is not None else []
        return " ".join(out)

    def seed_for(self, day: date) -> int:
        """Its seed: the one given, else one from the day and the request (a new practice each day)."""
        if self.seed is not None:
            return self.seed
        digest = hashlib.sha256(f"{day.isoformat()} {self.command()}".encode()).digest()
        return int.from_bytes(digest[:8], "big") % MAX_SEED


def values(option: str, given: tuple[str, ...], allowed: tuple[str, ...]) -> tuple[str, ...]:
    """An option's values (repeated, or with commas), each once, each one of ``allowed``; for props,
    ``all`` is every prop and ``none`` is none."""
    found = tuple(dict.fromkeys(v.strip().lower() for value in given for v in value.split(",") if v.strip()))
    if option == "props" and found in (("all",), ("none",)):
        return allowed if found == ("all",) else ()
    for value in found:
        if value not in allowed:
            more = " (or all, or none)" if option == "props" else ""
            raise OptionsError(f"--{option} {value!r}: choose from {', '.join(allowed)}{more}")
    return found


def minutes(ms: int) -> str:
    """A length as the command takes it: ``20m``, ``12m30s``."""
    m, s = divmod(round(ms / 1000), 60)
    return f"{m}m{s}s" if s else f"{m}m"
