"""Every phrase voicekit speaks or writes by itself, in the practice's language: the one place they come from.

A practice names its language with ``language:`` (a BCP 47 tag; default ``en``). voicekit has a table
for English (``en``), German (``de``), Spanish (``es``), French (``fr``), Italian (``it``), Portuguese
(``pt``, and ``pt-BR``) and Dutch (``nl``), one module each; a tag with a region it has no table of
its own for uses its language's (``de-AT`` -> ``de``). A sequence may override any phrase in its
``phrases:`` block, and a language voicekit has no table for is written there in full.

Phrases are whole: a phrase with a number in it is made by the language's own rule (agreement, the
form of "one"), never by gluing words. The keys:

Spoken
  ``breath.in``, ``breath.out``   guided breath cues ("Breathe in.", "Breathe out.")
  ``breath.hold``                 at the start of a hold of the breath, in or out ("Hold.")
  ``breath.in.2``, ``breath.in.3``, ``breath.out.2``, ``breath.out.3``, ``breath.hold.2``,
  ``breath.hold.3``               variants of the three, taken in turn, breath by breath ("Inhale
                                  slowly.", "Exhale slowly.", "And hold."); a practice that sets any
                                  of a phrase's variants sets the only ones it is said with
  ``count``                       a breath count, any number a hold can reach ("One.", "Twenty-one.");
                                  an override is a template of ``{n}`` in digits
  ``transition``                  before the second side, unless the pose has its own ("Now the other side.")
  ``halfway``                     halfway through a hold ("Halfway.")
  ``time_left``                   time left in a hold: ``Phrases.time_left(ms)`` -> "One minute left.",
                                  "Thirty seconds left.", "Two minutes left.", "One hour, two minutes
                                  and five seconds left." (``Phrases.time_cue``: halfway too);
                                  overrides: ``time_left.minutes`` (whole minutes), ``time_left.seconds``
                                  (under a minute), ``time_left.minutes_seconds`` (``{minutes}``,
                                  ``{seconds}``), each with ``{n}`` in digits, and a ``.one`` form for one
                                  minute or one second
  ``round``                       ``Phrases.round(n, m)`` -> "Round two of three." (any n of m);
                                  an override is a template of ``{n}`` and ``{m}`` in digits
  ``move.FROM.TO``                the move from one position to another, said before a pose whose
                                  position differs from the last one's (``move.supine.seated``: "Roll to
                                  your side, and press up to sitting."); positions as in ``catalogue``
  ``prop.ID``                     a prop as the props phrase names it (``prop.strap``: "a strap or a belt")
  ``props.gather``                the props phrase, after the introduction ({props}: "For this practice
                                  you need ..."), its list joined by ``list.and`` ("{items}, and {last}")
                                  and ``list.two`` ("{first} and {last}")
  A practice in a language voicekit has no table for need not write these: where one is missing, that
  move is not spoken, a prop is said by its id, and there is no props phrase.
Side words
  ``side.right``, ``side.left``   filled into ``{side}`` and ``{other_side}`` ("right", "left"; "rechts",
                                  "links"). A language with inflected side words also fills
                                  ``{side:FORM}``: the form written, for the side of the moment
                                  (``{side:rechten}`` is "rechten" on the right side, "linken" on the left)
Chapter titles
  ``chapter.intro``, ``chapter.closing``   "Introduction", "Closing"
  ``chapter.side``                "{pose} ({side})": a side of a two-sided pose
  ``chapter.round``               "Round {n} of {m}: {pose}" (digits; the round's name or its poses')
Labels (the cue sheet; the feed and the pages of the web app)
  ``label.length``, ``label.built_with``, ``label.props``, ``label.no_props``, ``label.sequence``,
  ``label.hold``, ``label.breaths`` ("{n} breaths"; ``label.breaths.one``: "{n} breath"),
  ``label.also_called``, ``label.transition``, ``label.reminders``, ``label.release``,
  ``label.cautions``, ``label.time_cues``, ``label.bells``, ``label.bells.every`` ("every {time}"),
  ``label.bells.at`` ("at {times}"), ``label.as_first_round`` ("As in round 1."), ``label.end.bowl``
  ("The bell rings."), ``label.end.double``, ``label.end.chime`` (how the session ends),
  ``label.chapters``, ``label.spoken`` (a caution that is spoken), ``label.rounds`` ("{n} rounds";
  ``label.rounds.one``: "{n} round": a flow's),
  ``label.flow`` (a flow's movements), ``label.phase.inhale``, ``label.phase.hold``,
  ``label.phase.exhale``, ``label.phase.hold_out`` (the phase a movement is on: "Breathing in")
The build settings line (the cue sheet's "Built with", the files' comment tag)
  ``settings.fitted`` ({length}), ``settings.holds`` ({holds}), ``settings.short``, ``settings.medium``,
  ``settings.long``, ``settings.hold`` ({pose}, {duration}), ``settings.scale`` ({scale}),
  ``settings.breath`` ({inhale}, {exhale}), ``settings.breath.holds`` ({inhale}, {hold}, {exhale},
  {hold_out}: a breath with holds), ``settings.guidance.quiet``, ``settings.guidance.full``,
  ``settings.voice`` ({voice}, {rate}), ``settings.volume``
  ({volume}), ``settings.pose_rate`` ({pose}, {rate}), ``settings.bed`` ({kind}, {level}),
  ``settings.brown-noise``, ``settings.drone``, ``settings.chimes``
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from voicekit.language import en
from voicekit.language.base import Language, capital, for_tag

BUILT_IN = ("en", "de", "es", "fr", "it", "pt", "nl")
"""The languages voicekit has a table for (and ``pt-br``, a variant of ``pt``)."""
TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
"""A language tag as people write it: BCP 47 (``pt-BR``), or with ``_`` as locales have it (``de_DE``)."""

# Each template key and the fields it fills; the rest are plain phrases.
FIELDS: dict[str, tuple[str, ...]] = {
    "count": ("n",),
    "round": ("n", "m"),
    "time_left.minutes": ("n",),
    "time_left.seconds": ("n",),
    "time_left.minutes_seconds": ("minutes", "seconds"),
    "chapter.side": ("pose", "side"),
    "chapter.round": ("n", "m", "pose"),
    "props.gather": ("props",),
    "list.and": ("items", "last"),
    "list.two": ("first", "last"),
    "label.bells.every": ("time",),
    "label.bells.at": ("times",),
    "label.breaths": ("n",),
    "label.rounds": ("n",),
    "settings.fitted": ("length",),
    "settings.holds": ("holds",),
    "settings.hold": ("pose", "duration"),
    "settings.scale": ("scale",),
    "settings.breath": ("inhale", "exhale"),
    "settings.breath.holds": ("inhale", "hold", "exhale", "hold_out"),
    "settings.voice": ("voice", "rate"),
    "settings.volume": ("volume",),
    "settings.pose_rate": ("pose", "rate"),
    "settings.bed": ("kind", "level"),
}
RULES = ("count", "round", "time_left.minutes", "time_left.seconds", "time_left.minutes_seconds")
"""Keys a language answers with a rule (a function of the number), which an override replaces."""
WITH_ONE = ("label.breaths", "time_left.minutes", "time_left.seconds")
"""Keys that may have a ``.one`` form, used for one of a thing."""
SIDE_KEYS = ("side.right", "side.left")
VARIANT = re.compile(r"\.\d+$")
"""The ending of a variant's key: ``breath.in.2``, said in turn with ``breath.in``."""
_PLACE = re.compile(r"\{([^{}]*)\}")


def normal_tag(written: str) -> str | None:
    """A language tag as written (``de``, ``pt-BR``, ``de_DE``) in voicekit's form: lower case, with
    hyphens (``de-de``); None if it is not a language tag."""
    written = written.strip()
    return written.replace("_", "-").lower() if TAG.fullmatch(written) else None


def language(tag: str) -> Language | None:
    """voicekit's table for ``tag`` (BCP 47, any case, ``_`` for ``-`` too): the tag's own (``pt-BR``),
    else its language's (``de-AT`` -> ``de``); None when voicekit has none."""
    tag = tag.strip().replace("_", "-").lower()
    primary = tag.split("-")[0]
    if primary not in BUILT_IN:
        return None
    return for_tag(importlib.import_module(f"voicekit.language.{primary}").TABLES, tag)


def keys(table: Language) -> tuple[str, ...]:
    """Every key a practice's ``phrases:`` may set (in the language of ``table``)."""
    return (*table.phrases, *SIDE_KEYS, *RULES, *(f"{k}.one" for k in RULES if k in WITH_ONE))


OPTIONAL = ("move.", "prop.", "props.", "list.")
"""Keys a practice in a language voicekit has no table for may leave out (see the module docstring)."""


def required(tag: str) -> tuple[str, ...]:
    """The phrases a practice in ``tag`` must write itself: none for a language voicekit has, else every
    phrase but the ``.one`` forms, the variants (``count`` has a default of digits) and the ``OPTIONAL`` ones."""
    if language(tag) is not None:
        return ()
    return tuple(
        k
        for k in keys(en.ENGLISH)
        if not k.endswith(".one") and not VARIANT.search(k) and k != "count" and not k.startswith(OPTIONAL)
    )


@dataclass(frozen=True)
class Phrases:
    """The phrases of one practice: its language's table with the practice's own phrases over it."""

    tag: str = "en"
    overrides: tuple[tuple[str, str], ...] = ()
    """(key, text) from the sequence's ``phrases:`` block."""
    table: Language = field(init=False, repr=False, compare=False)
    own: Mapping[str, str] = field(init=False, repr=False, compare=False)
    _variants: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    """``variants`` found so far: a compile asks for them at every breath."""

    def __post_init__(self) -> None:
        found = language(self.tag)
        object.__setattr__(self, "table", found or en.ENGLISH)
        object.__setattr__(self, "own", dict(self.overrides) if found else {"count": "{n}.", **dict(self.overrides)})
        object.__setattr__(self, "_variants", {})

    def text(self, key: str, **fields: object) -> str:
        """A phrase, its ``{fields}`` filled: ``text("chapter.side", pose="Twist", side="right")``."""
        template = self.own.get(key) or self.table.phrases[key]
        return self._joined(_fill(template, fields)) if fields else template

    def _joined(self, text: str) -> str:
        """A filled template as the language joins its words (Italian "e elastico" -> "ed elastico")."""
        return self.table.euphony(text) if self.table.euphony else text

    def variants(self, key: str) -> tuple[str, ...]:
        """A phrase and its variants, in the order they are said in turn: the practice's own if it sets any
        of them, else its language's (``variants("breath.in")`` -> "Breathe in.", "Inhale slowly.", ...)."""
        if key not in self._variants:
            self._variants[key] = self._find_variants(key)
        return self._variants[key]

    def _find_variants(self, key: str) -> tuple[str, ...]:
        for table in (self.own, self.table.phrases):
            found = [table[k] for k in (key, *(f"{key}.{n}" for n in range(2, 10))) if k in table]
            if found:
                return tuple(found)
        return (self.text(key),)

    def _numbered(self, key: str, n: int, **fields: object) -> str | None:
        """The practice's own template for ``key`` (its ``.one`` form for one), or None."""
        template = self.own.get(f"{key}.one") if n == 1 else None
        template = template or self.own.get(key)
        return None if template is None else _fill(template, {"n": n, **fields})

    def count(self, n: int) -> str:
        """Breath ``n`` counted aloud: "One.", "Twenty-one."."""
        return self._numbered("count", n) or self.table.counted(n)

    def time_left(self, ms: int) -> str:
        """The whole phrase for the time left, to the nearest second (at least one): "One minute left.",
        "One hour, two minutes and five seconds left." (a practice's own templates count minutes past 60)."""
        minutes, seconds = divmod(max(1, round(ms / 1000)), 60)
        if not seconds:
            own = self._numbered("time_left.minutes", minutes)
        elif not minutes:
            own = self._numbered("time_left.seconds", seconds)
        else:
            own = self._numbered("time_left.minutes_seconds", 0, minutes=minutes, seconds=seconds)
        hours, minutes = divmod(minutes, 60)
        return own or self.table.time_left(hours, minutes, seconds)

    def optional(self, key: str, **fields: object) -> str | None:
        """A phrase a practice in a language of its own may leave out (``OPTIONAL``): None where it has."""
        template = self.own.get(key) or (self.table.phrases.get(key) if language(self.tag) else None)
        return None if template is None else self._joined(_fill(template, fields))

    def move(self, start: str, end: str) -> str | None:
        """The move from one position to another: "Roll to your side, and press up to sitting."."""
        return self.optional(f"move.{start}.{end}")

    def prop(self, prop: str) -> str:
        """A prop as the props phrase names it: an id in the language's words, any other text as written."""
        return self.optional(f"prop.{prop}") or prop

    def listed(self, items: list[str]) -> str:
        """ "a, b and c" in the language's words."""
        if len(items) < 2:
            return "".join(items)
        if len(items) == 2:
            return self.optional("list.two", first=items[0], last=items[1]) or ", ".join(items)
        return self.optional("list.and", items=", ".join(items[:-1]), last=items[-1]) or ", ".join(items)

    def gathering(self, props: tuple[str, ...]) -> str | None:
        """The phrase that names every prop, or None (no props, or no phrase in the practice's language)."""
        return self.optional("props.gather", props=self.listed([self.prop(p) for p in props])) if props else None

    def label(self, key: str) -> str:
        """A label of the cue sheet, the practice page or the feed: ``label("props")`` -> "Props"."""
        return self.text(f"label.{key}")

    def labelled(self, key: str) -> str:
        """A label with its colon, as the language writes it: "Length:", "Durée :"."""
        return self.label(key) + self.table.colon

    def time_cue(self, left_ms: int | None) -> str:
        """A time cue inside a hold: "Halfway." (None), or the time left."""
        return self.text("halfway") if left_ms is None else self.time_left(left_ms)

    def round(self, n: int, m: int) -> str:
        """Round ``n`` of ``m``: "Round two of three."."""
        return self._numbered("round", n, m=m) or self.table.round(n, m)

    def breaths(self, n: int | str) -> str:
        """The cue sheet's hold in breaths: "8 breaths", "1 breath" (a range too: "5-8 breaths")."""
        return self._how_many("label.breaths", n)

    def rounds(self, n: int | str) -> str:
        """The cue sheet's rounds of a flow: "5 rounds", "1 round"."""
        return self._how_many("label.rounds", n)

    def _how_many(self, key: str, n: int | str) -> str:
        return self.text(f"{key}.one" if n == 1 and self._has(f"{key}.one") else key, n=n)

    def _has(self, key: str) -> bool:
        return key in self.own or key in self.table.phrases

    # --- sides -----------------------------------------------------------------------------------------

    @property
    def side_forms(self) -> tuple[tuple[str, str], ...]:
        """(right, left) word forms, the plain one first (with the practice's own side words)."""
        plain = (self.own.get("side.right", self.table.sides[0][0]), self.own.get("side.left", self.table.sides[0][1]))
        return (plain, *self.table.sides[1:])

    def side(self, side: str, form: int = 0) -> str:
        """The word for ``side`` ("right" or "left"): "rechts"."""
        return self.side_forms[form][0 if side == "right" else 1]

    def side_of(self, word: str) -> str | None:
        """ "right" or "left" for a side word of the language (any form) or the English one; else None."""
        word = word.strip().lower()
        for right, left in (*self.side_forms, ("right", "left")):
            if word == right.lower():
                return "right"
            if word == left.lower():
                return "left"
        return None

    def side_named(self, text: str) -> str | None:
        """The side word (any form, or the English one) ``text`` names in words, lower case; None if it names
        none. Placeholders are no words, and neither is a side word in another sense of the language
        ("le dos droit", "im rechten Winkel"); a glued form names a side inside a word ("rechterzij")."""
        plain = _PLACE.sub(" ", text).lower()
        for sense in dict.fromkeys((*self.table.other_senses, *en.ENGLISH.other_senses)):
            plain = re.sub(rf"(?<!\w)(?:{sense})(?!\w)", " ", plain)
        for word in sorted({w.lower() for pair in (*self.side_forms, ("right", "left")) for w in pair}):
            end = "" if word in self.table.glued_sides else r"(?!\w)"
            if re.search(rf"(?<!\w){re.escape(word)}{end}", plain):
                return word
        return None

    def placeholders(self) -> tuple[str, ...]:
        """The side placeholders a text of a two-sided pose may use: {side} and {other_side}, and where the
        side words change with the noun, their forms (``{side:rechten}``, ``{side:Rechten}`` to start a sentence)."""
        if len(self.side_forms) == 1:
            return ("side", "other_side")
        words = list(dict.fromkeys(w for pair in self.side_forms for w in pair))
        forms = [*words, *(capital(w) for w in words)]
        return ("side", "other_side", *(f"{name}:{w}" for name in ("side", "other_side") for w in forms))

    def ambiguous_side(self, text: str) -> str | None:
        """What is wrong with the first side form of ``text`` that more than one form shares (French
        ``{side:gauche}``: left of both droite and droit), naming the forms to write instead; else None."""
        for found in _PLACE.finditer(text):
            name, _, written = found.group(1).partition(":")
            pairs = [pair for pair in self.side_forms if written.lower() in (w.lower() for w in pair)]
            if name in ("side", "other_side") and len({pair[0] for pair in pairs}) > 1:
                forms = [capital(p[0]) if written[:1].isupper() else p[0] for p in pairs]
                written_as = " or ".join(f"{{{name}:{form}}}" for form in sorted(set(forms)))
                right = " or ".join(sorted({p[0] for p in pairs}))
                return f"{found.group(0)} names more than one form (on the right: {right}); write {written_as}"
        return None

    def fill_side(self, text: str, side: str | None) -> str:
        """``text`` with {side}, {other_side} and their forms ({side:rechten}) filled in for ``side``."""
        if side is None:
            return text
        other = "left" if side == "right" else "right"

        def word(found: re.Match) -> str:
            name, _, written = found.group(1).partition(":")
            if name not in ("side", "other_side"):
                return found.group(0)
            which = side if name == "side" else other
            if not written:
                return self.side(which)
            for form, pair in enumerate(self.side_forms):
                if written.lower() in (w.lower() for w in pair):
                    said = self.side(which, form)
                    return capital(said) if written[:1].isupper() else said
            return found.group(0)

        return _PLACE.sub(word, text)

    def chapter(self, name: str, side: str | None) -> str:
        """The chapter of a pose (one side of it): its name, with the side."""
        return self.text("chapter.side", pose=name, side=self.side(side)) if side else name


def _fill(template: str, fields: Mapping[str, object]) -> str:
    """``{name}`` replaced by its field; nothing else in the template is touched (no format mini-language)."""
    return _PLACE.sub(lambda m: str(fields[m.group(1)]) if m.group(1) in fields else m.group(0), template)


@lru_cache(maxsize=64)
def phrases_for(tag: str = "en", overrides: tuple[tuple[str, str], ...] = ()) -> Phrases:
    """The phrases of a practice in ``tag`` with its own ``overrides`` (cached: a table is read once)."""
    return Phrases(tag.strip().lower(), overrides)


ENGLISH_PHRASES = Phrases()
