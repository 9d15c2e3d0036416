"""The library page's "Make me a practice": its form read and checked as ``choices`` reads a practice's
(a bad value is a ``BadChoice``, 400; every value one of its list, the length a bounded whole number, no
text of the client's reaching the composer), the practice composed and written into the user's practices
folder as ``voicekit compose`` writes it (never at a path the client names, never over a file), and a
request the library cannot meet said in the page's words (``refusal``).

The form: ``length`` (a button's minutes) or ``minutes`` (the box, over the button), ``focus``, ``props``
and ``avoid`` (boxes ticked, each a field of its own), ``level`` and ``where`` (anywhere, no-floor, lying).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from voicekit.errors import SequenceError
from voicekit.language.page import Words
from voicekit.plan.compose import Refusal, Request, compose, save
from voicekit.plan.compose.request import MAX_MS, MIN_MS
from voicekit.sequence.catalogue import AVOID, FOCUS, LEVELS, PROPS
from voicekit.web.choices import BadChoice

LENGTHS = (10, 20, 30, 45)
"""The minutes the form offers as buttons (the box takes any from 5 to 90)."""
WHERE = ("anywhere", "no-floor", "lying")
SINGLE = {"length", "minutes", "level", "where"}
MANY = {"focus": FOCUS, "props": PROPS, "avoid": AVOID}
MOST_FIELDS = len(SINGLE) + sum(len(v) for v in MANY.values())


@dataclass
class Asked:
    """What the form asked for (also what it shows again, checked, when the library cannot meet it)."""

    length: int = 20
    minutes: int | None = None
    focus: list[str] = field(default_factory=list)
    props: list[str] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)
    level: str = "moderate"
    where: str = "anywhere"

    def request(self, language: str) -> Request:
        """The composer's request (a seed from the day: a new practice each day, as the command makes)."""
        return Request(
            (self.minutes or self.length) * 60_000,
            tuple(self.focus),
            self.level,
            tuple(self.props),
            no_floor=self.where == "no-floor",
            lying=self.where == "lying",
            avoid=tuple(self.avoid),
            language=None if language == "en" else language,
        )


def parse(items: list[tuple[str, str]]) -> Asked:
    """The form's fields as an ``Asked``; BadChoice for an unknown, repeated, too long or bad value."""
    asked = Asked()
    seen: set[str] = set()
    least, most = MIN_MS // 60_000, MAX_MS // 60_000
    for name, value in items:
        if name in SINGLE and name in seen:
            raise BadChoice(f"{name} is given twice", "bad.form")
        seen.add(name)
        if len(value) > 20:
            raise BadChoice(f"{name[:40]} is too long", "bad.form")
        if name in ("length", "minutes"):
            if name == "minutes" and value.strip() == "":
                continue  # the box left empty: the button's length
            if not value.strip().isdecimal() or not least <= int(value) <= most:
                raise BadChoice(
                    f"length must be a whole number of minutes from {least} to {most}, not {value!r}",
                    "bad.compose_minutes",
                    least=least,
                    most=most,
                )
            setattr(asked, name, int(value))
        elif name in ("level", "where"):
            setattr(asked, name, _one_of(name, value, LEVELS if name == "level" else WHERE))
        elif name in MANY:
            chosen = getattr(asked, name)
            value = _one_of(name, value, MANY[name])
            if value in chosen:
                raise BadChoice(f"{name} {value} is given twice", "bad.form")
            chosen.append(value)
        else:
            raise BadChoice(f"unknown choice {name[:40]!r}; the choices are {', '.join([*SINGLE, *MANY])}", "bad.form")
    return asked


def _one_of(name: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise BadChoice(f"{name} must be one of {', '.join(allowed)}, not {value[:20]!r}", "bad.menu")
    return value


def make(asked: Asked, language: str, day: date | None = None) -> str:
    """Compose the practice asked for and write it into the user's practices folder: its name on the
    shelf. Refusal (or a SequenceError of the composer) if the library cannot meet it."""
    composed = compose(asked.request(language), day)
    return save(composed).stem


def refusal(w: Words, error: Refusal | SequenceError) -> str:
    """Why a request cannot be met, in the page's words: no option, no path."""
    if not isinstance(error, Refusal):
        return w("compose.failed")
    fields = error.fields
    if error.reason == "too-short":
        return w("compose.too_short", least=fields["least"])
    if error.reason == "no-rest":
        return w("compose.no_rest")
    area = w(f"focus.{fields['area']}")
    if error.reason == "unknown-focus":
        return w("compose.unknown_focus", area=area)
    if error.reason == "no-focus":
        rules = fields["rules"]
        assert isinstance(rules, tuple)
        return w("compose.no_focus", area=area, why=", ".join(_rule(w, r) for r in rules))
    return w("compose.failed")


def _rule(w: Words, rule: str) -> str:
    """A rule of the request ("--avoid pregnancy", "--no-floor") as the form names it."""
    option, _, value = rule.removeprefix("--").partition(" ")
    if option == "avoid" and value in AVOID:
        return w(f"avoid.{value}")
    if option in ("no-floor", "lying"):
        return w(f"where.{option}")
    if option == "level" and value in LEVELS:
        return f"{w('compose.level')}: {w(f'level.{value}')}"
    return w("compose.props")


def menus(w: Words) -> dict:
    """The form's boxes and buttons: (value, text) pairs in the page's words."""
    return {
        "lengths": [(n, w("holds.minutes", n=n)) for n in LENGTHS],
        "focus": [(f, w(f"focus.{f}")) for f in FOCUS],
        "props": [(p, w(f"prop.{p}")) for p in PROPS],
        "avoid": [(a, w(f"avoid.{a}")) for a in AVOID],
        "levels": [(lv, w(f"level.{lv}")) for lv in LEVELS],
        "where": [(x, w(f"where.{x}")) for x in WHERE],
    }
