"""Which of voicekit's languages a user reads: the one a browser asks for first (``Accept-Language``), or
the one of the shell's locale; English when it is none of them."""

from __future__ import annotations

from collections.abc import Mapping

from voicekit.language.phrases import BUILT_IN, normal_tag

LOCALE = ("LC_ALL", "LC_MESSAGES", "LANG")
"""The variables that set the locale of messages, the first set one winning (as POSIX has it)."""


def _spoken(written: str) -> str | None:
    """``written`` in voicekit's form if voicekit speaks its language ("de_AT.UTF-8" -> "de-at"), else None."""
    tag = normal_tag(written.split(".")[0].split("@")[0]) if written.strip() else None
    return tag if tag and tag.split("-")[0] in BUILT_IN else None


def accepted(header: str) -> str:
    """The tag a browser asks for first among voicekit's languages ("de-at" for "de-AT,en;q=0.5"); "en" if none."""
    ranked = []
    for n, part in enumerate(header.split(",")[:20]):
        written, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            continue
        tag = _spoken(written)
        if tag and weight > 0:  # q=0: "not this one"
            ranked.append((-weight, n, tag))
    return min(ranked)[2] if ranked else "en"


def of_locale(environ: Mapping[str, str]) -> str:
    """The language of the user's locale where voicekit speaks it ("de_DE.UTF-8" -> "de-de"), else "en":
    GNU's ``LANGUAGE`` list first, then the locale itself; a C or POSIX locale is English."""
    locale = next((environ[name] for name in LOCALE if environ.get(name)), "")
    if locale.split(".")[0] in ("", "C", "POSIX"):
        return "en"
    found = (_spoken(w) for w in (*environ.get("LANGUAGE", "").split(":"), locale))
    return next((tag for tag in found if tag), "en")
