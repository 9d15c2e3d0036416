"""The words of ``voicekit serve``'s pages in each language voicekit has: every button, label, status and
error the pages show, from the ``PAGE`` table of each language's module (``de.PAGE``; ``pt.PAGES`` for
``pt`` and ``pt-br``), each written as that language writes it, in the register its phrases use.

A page is in its practice's language (the library, in the language the phone asks for first among
these); a language without a table gets the English words. Keys name where a word is used: ``play``,
``choices.*`` (the form), ``status.*`` (a build under way), ``now.*`` (the panel of what is playing),
``resume.*``, ``keep.*`` (saving and subscribing), ``library.*``, ``error.*`` (what went wrong) ...
A template with ``{fields}`` is filled like the phrases' templates.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from voicekit.language import en
from voicekit.language.base import for_tag
from voicekit.language.phrases import BUILT_IN
from voicekit.language.preferred import accepted


@dataclass(frozen=True)
class Words:
    """The pages' words in one language."""

    tag: str
    """The language they are in (BCP 47, as the page's ``lang``)."""
    table: Mapping[str, str]

    def __call__(self, key: str, **fields: object) -> str:
        return self.table[key].format(**fields) if fields else self.table[key]


@lru_cache(maxsize=16)
def words(tag: str) -> Words:
    """The words for a page in ``tag``: its own (``pt-BR``), its language's (``de-AT``), else English."""
    tag = tag.strip().replace("_", "-").lower()
    primary = tag.split("-")[0]
    if primary in BUILT_IN:
        module = importlib.import_module(f"voicekit.language.{primary}")
        tables = getattr(module, "PAGES", None) or {primary: module.PAGE}
        table = for_tag(tables, tag)
        if table is not None:
            return Words(tag if tag in tables else primary, table)
    return Words("en", en.PAGE)


def asked(accept_language: str) -> Words:
    """The words for the language a browser asks for first (``Accept-Language``) among voicekit's."""
    return words(accepted(accept_language))
