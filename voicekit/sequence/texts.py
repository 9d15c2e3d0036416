"""What a value in a sequence may look like: a text to speak (no markup, real words, known
placeholders, well-formed pauses), a number YAML read in decimal."""

from __future__ import annotations

import re

from voicekit.errors import excerpt
from voicekit.sequence import pacing

MAX_TEXT = 1000  # characters in one spoken text
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_BRACE = re.compile(r"[{}]")
# SSML-like tags and espeak's [[phoneme]] input: stripped, so a text can never change how it is spoken.
# Only well-formed tags count as markup: "3 > 2" and "a lone <" are words to say.
_ATTRIBUTE = r"""\s+[\w:.-]+\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=]+)"""
_MARKUP = re.compile(
    rf"</?[A-Za-z][\w:.-]*(?:{_ATTRIBUTE})*\s*/?>|<!--.*?-->|<\?[A-Za-z][^<>]*\?>|\[\[.*?\]\]", re.DOTALL
)
# What YAML 1.1 reads as a number but a person would not: octal 010, hex 0x10, binary, 1:30 (base 60), 1_000.
_NOT_DECIMAL = re.compile(r"[-+]?(?:0[0-7_]+|0[xXoObB][0-9a-fA-F_]*|[0-9][0-9_]*(?::[0-9_.]+)+|[0-9.]*_[0-9._]*)")
_PAUSE_LIKE = re.compile(r"\[\s*pause", re.IGNORECASE)  # anything that starts like a pause must be one
# Control characters (C0 but tab and newlines, DEL, C1): raw ones stop PyYAML's reader; escaped ones
# ("\x1b[31m", \a) would reach the terminal, the lyrics and the captions.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Lone surrogates are not characters: what Python makes of a byte that is not UTF-8 in an argument or a
# file name. No file, engine or terminal takes them.
SURROGATE = re.compile(r"[\ud800-\udfff]")


def spoken_text(value: str, placeholders: tuple[str, ...] = (), in_practice: bool = True) -> str:
    """``value`` as words to speak: markup removed, blanks folded. ValueError (starting with ": " or
    " ", to follow the value's name) says what is wrong with it, worded for a key of a practice's file,
    or (``in_practice`` False) for a text from elsewhere (the command line, an imported program)."""
    words = " ".join(_MARKUP.sub(" ", value).split())  # markup is words to the engine: never pass it on
    if not words:
        what = " is only markup ([[...]] and <tags> are never spoken)" if value.strip() else " is empty"
        raise ValueError(f"{what}; write the words to speak" + (" or remove the key" if in_practice else ""))
    value = words
    for found in _PAUSE_LIKE.finditer(value):
        exact = pacing.PAUSE.match(value, found.start())
        if not exact:
            near = value[found.start() : found.start() + 16]
            raise ValueError(f": {near!r} is not a pause; write it like [pause 3s]")
        try:
            pacing.pause_ms(exact.group(1).strip())
        except ValueError as e:
            raise ValueError(f": {exact.group(0)}: {e} (write it like [pause 3s])") from None
    if not any(c.isalnum() for c in pacing.spoken(value)):
        raise ValueError(f" has no words in it ({excerpt(value)}); write something to say")
    if len(value) > MAX_TEXT:
        split = "split it into steps" if in_practice else "split it into parts"
        raise ValueError(f" is {len(value)} characters; {split} of at most {MAX_TEXT}")
    for found in _PLACEHOLDER.findall(value):
        if not in_practice:
            raise ValueError(f": {{{found}}} is filled in only in a practice's texts; write the words themselves")
        if found not in placeholders:
            plain = [p for p in placeholders if ":" not in p]
            known = " and ".join(f"{{{p}}}" for p in plain) if plain else "none (the pose has no sides)"
            forms = [p for p in placeholders if ":" in p]
            if forms:  # a language whose side words change with the noun: its first form after the plain pair
                known += f", and the side words' forms such as {{{forms[2]}}}"
            raise ValueError(f": unknown placeholder {{{found}}}; known here: {known}")
    stray = _BRACE.search(_PLACEHOLDER.sub("", value))
    if stray:  # "{n" was spoken "n": a brace is a placeholder's, or a mistake
        whole = f"write a placeholder whole, like {{{placeholders[0]}}}" if placeholders else "remove it"
        raise ValueError(f": {excerpt(value)} has a {stray.group()} that is not part of a placeholder; {whole}")
    return value


def not_decimal(raw: str) -> bool:
    """Did YAML read this plain scalar as a number in another base (or with separators)?"""
    return bool(_NOT_DECIMAL.fullmatch(raw.strip()))


def kind_of(value: object, raw: str | None = None) -> str:
    """A value's kind, for messages: "a list", "the number 42"; ``raw``, the value as written in the
    file, is what is quoted back: ``yes`` (a yes/no), not True; ``100000000``, not 1e+08."""
    written = raw.strip() if raw else None
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"{written or str(value).lower()} (a yes/no)"
    if isinstance(value, (int, float)):
        return f"the number {written or value}"
    return excerpt(str(value))
